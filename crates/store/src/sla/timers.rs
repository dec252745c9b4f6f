//! SLA timers: a durable job at the instant a goal reaches its warning
//! share, and one at its due instant. No scan of open tickets: the job
//! queue wakes each clock when it matters.
//!
//! Exactly once: a timer carries the clock's `timer_version`; its handler
//! sets `warned_at` (or `breach_handled_at`) with a conditional UPDATE and
//! queues the notices in the same transaction only when that UPDATE changed
//! the row. A stale timer (the clock paused or re-timed since) matches no
//! row; a repeated one (a worker that died after committing, two instances
//! on one PostgreSQL) finds the mark already set.

use super::notices;
use super::refresh::{prepare_for_ticket, refresh, sla_actor};
use crate::notifications::{self, NewNotification, Recipient};
use crate::{Db, Result, StoreError};
use atbalsts_domain::sla::Goal;
use serde::{Deserialize, Serialize};
use sqlx::{Any, Row, Transaction};

pub const WARN_JOB: &str = "sla.warn";
pub const BREACH_JOB: &str = "sla.breach";
/// A timer that fails (the database away) is retried this many times.
pub(crate) const MAX_ATTEMPTS: i64 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timer {
    pub ticket_id: i64,
    pub goal: Goal,
    pub version: i64,
}

/// A timer's job payload.
pub(crate) fn payload(timer: &Timer) -> String {
    serde_json::to_string(timer).expect("timer payload serialises")
}

/// Which notice a timer sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Warning,
    Breach,
}

impl NoticeKind {
    pub fn code(self) -> &'static str {
        match self {
            NoticeKind::Warning => "sla-warning",
            NoticeKind::Breach => "sla-breach",
        }
    }
}

/// What a notice is composed from: the mail's words are the caller's
/// (the composer knows the languages and the public address).
#[derive(Debug, Clone)]
pub struct Notice {
    pub kind: NoticeKind,
    pub goal: Goal,
    pub ticket_id: i64,
    pub desk_id: i64,
    pub key: String,
    pub summary: String,
    /// When the goal is (or was) due, epoch ms.
    pub due_at: Option<i64>,
    /// Of a breach: business seconds past the goal as the timer ran (on the
    /// clock's calendar, measured by the refresh just before); `None` for a
    /// warning.
    pub overdue_secs: Option<i64>,
    pub recipients: Vec<Recipient>,
}

/// Makes the notifications of a notice, one per recipient.
pub type Compose = dyn Fn(&Notice) -> Vec<NewNotification> + Send + Sync;

fn parse(payload: &str) -> Result<Timer> {
    serde_json::from_str(payload).map_err(|e| StoreError::Corrupt(format!("timer payload: {e}")))
}

/// Runs a warning timer as of `now`; `true` when it sent the warning,
/// `false` when it was stale or already sent.
pub async fn warn(db: &Db, payload: &str, now: i64, compose: &Compose) -> Result<bool> {
    let timer = parse(payload)?;
    let mut tx = db.write().begin().await?;
    let marked = sqlx::query(
        "UPDATE ticket_sla SET warned_at = $1 WHERE ticket_id = $2 AND goal = $3 AND timer_version = $4 \
         AND warned_at IS NULL AND state = 'running'",
    )
    .bind(now)
    .bind(timer.ticket_id)
    .bind(timer.goal.code())
    .bind(timer.version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if marked != 1 {
        return Ok(false);
    }
    let ticket = TicketInfo::load(&mut tx, timer.ticket_id).await?;
    let recipients = assignee_or_team(&mut tx, &ticket).await?;
    send(
        &mut tx,
        NoticeKind::Warning,
        &timer,
        &ticket,
        recipients,
        now,
        compose,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Runs a breach timer as of `now`: the clock is measured again (now
/// breached), the policy's escalation applied and recorded, and the team
/// lead(s) told. `true` when it did so, `false` when stale or done before.
pub async fn breach(db: &Db, payload: &str, now: i64, compose: &Compose) -> Result<bool> {
    let timer = parse(payload)?;
    let sla = prepare_for_ticket(db, timer.ticket_id).await?;
    let mut tx = db.write().begin().await?;
    let marked = sqlx::query(
        "UPDATE ticket_sla SET breach_handled_at = $1 WHERE ticket_id = $2 AND goal = $3 AND timer_version = $4 \
         AND breach_handled_at IS NULL AND state IN ('running', 'breached')",
    )
    .bind(now)
    .bind(timer.ticket_id)
    .bind(timer.goal.code())
    .bind(timer.version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if marked != 1 {
        return Ok(false);
    }
    refresh(&mut tx, &sla, timer.ticket_id, now).await?;
    let before = TicketInfo::load(&mut tx, timer.ticket_id).await?;
    let actor = sla_actor(&mut tx).await?;
    crate::tickets::record_change(
        &mut tx,
        timer.ticket_id,
        actor,
        now,
        "sla_breached",
        None,
        Some(timer.goal.code()),
    )
    .await?;
    let escalation = sqlx::query(
        "SELECT p.breach_priority, p.breach_team_id FROM ticket_sla s JOIN sla_policies p ON p.id = s.policy_id \
         WHERE s.ticket_id = $1 AND s.goal = $2",
    )
    .bind(timer.ticket_id)
    .bind(timer.goal.code())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(row) = escalation {
        let priority: Option<String> = row.try_get(0)?;
        let team: Option<i64> = row.try_get(1)?;
        escalate(&mut tx, &before, actor, priority, team, now).await?;
        // A new priority may choose another policy.
        refresh(&mut tx, &sla, timer.ticket_id, now).await?;
    }
    let after = TicketInfo::load(&mut tx, timer.ticket_id).await?;
    let teams: Vec<i64> = [before.team_id, after.team_id]
        .into_iter()
        .flatten()
        .collect();
    let leads = notifications::team_leads(&mut tx, after.desk_id, &teams).await?;
    send(
        &mut tx,
        NoticeKind::Breach,
        &timer,
        &after,
        leads,
        now,
        compose,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Raises the priority and/or moves the ticket as its policy says, each
/// recorded in the history.
async fn escalate(
    tx: &mut Transaction<'static, Any>,
    ticket: &TicketInfo,
    actor: i64,
    priority: Option<String>,
    team: Option<i64>,
    now: i64,
) -> Result<()> {
    if let Some(p) = priority.filter(|p| *p != ticket.priority) {
        sqlx::query(
            "UPDATE tickets SET priority = $1, updated_at = $2, version = version + 1 WHERE id = $3",
        )
        .bind(&p)
        .bind(now)
        .bind(ticket.id)
        .execute(&mut **tx)
        .await?;
        crate::tickets::record_change(
            tx,
            ticket.id,
            actor,
            now,
            "priority",
            Some(&ticket.priority),
            Some(&p),
        )
        .await?;
    }
    if let Some(t) = team.filter(|t| Some(*t) != ticket.team_id) {
        sqlx::query(
            "UPDATE tickets SET team_id = $1, updated_at = $2, version = version + 1 WHERE id = $3",
        )
        .bind(t)
        .bind(now)
        .bind(ticket.id)
        .execute(&mut **tx)
        .await?;
        let old = team_name(tx, ticket.team_id).await?;
        let new = team_name(tx, Some(t)).await?;
        crate::tickets::record_change(
            tx,
            ticket.id,
            actor,
            now,
            "team",
            old.as_deref(),
            new.as_deref(),
        )
        .await?;
    }
    Ok(())
}

/// Queues the notice's mail to each recipient and keeps it in the app.
async fn send(
    tx: &mut Transaction<'static, Any>,
    kind: NoticeKind,
    timer: &Timer,
    ticket: &TicketInfo,
    recipients: Vec<Recipient>,
    now: i64,
    compose: &Compose,
) -> Result<()> {
    if recipients.is_empty() {
        return Ok(());
    }
    let clock = sqlx::query(
        "SELECT due_at, used_secs, target_secs FROM ticket_sla WHERE ticket_id = $1 AND goal = $2",
    )
    .bind(ticket.id)
    .bind(timer.goal.code())
    .fetch_optional(&mut **tx)
    .await?;
    let (due_at, overdue_secs) = match clock {
        Some(r) => {
            let due_at: Option<i64> = r.try_get(0)?;
            let (used, target): (i64, i64) = (r.try_get(1)?, r.try_get(2)?);
            let overdue = (kind == NoticeKind::Breach).then_some((used - target).max(0));
            (due_at, overdue)
        }
        None => (None, None),
    };
    for r in &recipients {
        notices::add(tx, r.user_id, ticket.id, kind, timer.goal, now).await?;
    }
    let notice = Notice {
        kind,
        goal: timer.goal,
        ticket_id: ticket.id,
        desk_id: ticket.desk_id,
        key: ticket.key.clone(),
        summary: ticket.summary.clone(),
        due_at,
        overdue_secs,
        recipients,
    };
    for n in compose(&notice) {
        notifications::queue(tx, &n).await?;
    }
    Ok(())
}

struct TicketInfo {
    id: i64,
    desk_id: i64,
    key: String,
    summary: String,
    priority: String,
    team_id: Option<i64>,
    assignee_id: Option<i64>,
}

impl TicketInfo {
    async fn load(tx: &mut Transaction<'static, Any>, id: i64) -> Result<Self> {
        let r = sqlx::query(
            "SELECT t.desk_id, d.key_prefix, t.number, t.summary, t.priority, t.team_id, t.assignee_id \
             FROM tickets t JOIN desks d ON d.id = t.desk_id WHERE t.id = $1",
        )
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(Self {
            id,
            desk_id: r.try_get(0)?,
            key: format!("{}-{}", r.try_get::<String, _>(1)?, r.try_get::<i64, _>(2)?),
            summary: r.try_get(3)?,
            priority: r.try_get(4)?,
            team_id: r.try_get(5)?,
            assignee_id: r.try_get(6)?,
        })
    }
}

fn recipients(rows: Vec<sqlx::any::AnyRow>) -> Result<Vec<Recipient>> {
    rows.iter()
        .map(|r| {
            Ok(Recipient {
                user_id: r.try_get(0)?,
                email: r.try_get(1)?,
                locale: r.try_get(2)?,
            })
        })
        .collect()
}

/// The assignee, or the team's members when nobody is assigned.
async fn assignee_or_team(
    tx: &mut Transaction<'static, Any>,
    ticket: &TicketInfo,
) -> Result<Vec<Recipient>> {
    let rows = match (ticket.assignee_id, ticket.team_id) {
        (Some(a), _) => {
            sqlx::query("SELECT id, email, locale FROM users WHERE id = $1 AND active = 1")
                .bind(a)
                .fetch_all(&mut **tx)
                .await?
        }
        (None, Some(t)) => sqlx::query(
            "SELECT u.id, u.email, u.locale FROM team_members m JOIN users u ON u.id = m.user_id \
                 WHERE m.team_id = $1 AND u.active = 1 ORDER BY u.id",
        )
        .bind(t)
        .fetch_all(&mut **tx)
        .await?,
        (None, None) => Vec::new(),
    };
    recipients(rows)
}

async fn team_name(tx: &mut Transaction<'static, Any>, id: Option<i64>) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    let row = sqlx::query("SELECT name FROM teams WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|r| r.try_get(0)).transpose().map_err(Into::into)
}
