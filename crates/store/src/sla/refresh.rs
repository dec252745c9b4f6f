//! Keeps a ticket's SLA clocks current: called in the transaction of every
//! change that matters (creation, a status move, a public staff reply, a
//! triage, a merge, a breach escalation, a re-time run). It chooses the
//! desk's first matching policy, builds each goal's phases from the
//! ticket's history, measures them and saves them; a clock whose due
//! instant moved gets new timers (jobs) in the same transaction.

use super::calendars::{self, StoredCalendar};
use super::due::NO_DUE;
use super::policies::{self, StoredPolicy};
use super::{clocks, timers};
use crate::{Db, Result};
use atbalsts_domain::sla::timeline::{self, FirstResponse, History, StatusPeriod};
use atbalsts_domain::sla::{clock, policy, ClockState, Goal, TicketFacts};
use atbalsts_domain::StatusCategory;
use jiff::Timestamp;
use sqlx::{Any, Row, Transaction};
use std::sync::Arc;

/// The migration that made the SLA tables.
const SLA_SCHEMA: i64 = 29;

/// Who the SLA machinery writes history as (migration 0032).
pub const SLA_ACTOR_EMAIL: &str = "sla@atbalsts.invalid";

/// The id of the SLA's own user, author of the history entries it writes.
pub(crate) async fn sla_actor(conn: &mut sqlx::AnyConnection) -> Result<i64> {
    let row = sqlx::query("SELECT id FROM users WHERE email = $1")
        .bind(SLA_ACTOR_EMAIL)
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get(0)?)
}

/// What refreshing a desk's tickets reads outside the write transaction:
/// its active policies in order and their calendars. Read before the
/// transaction begins, so the writer (on SQLite the one write connection,
/// on PostgreSQL a pooled one) never waits for a second connection.
#[derive(Debug, Clone, Default)]
pub struct DeskSla {
    desk_id: i64,
    policies: Vec<StoredPolicy>,
    calendars: Vec<Arc<StoredCalendar>>,
    /// Nothing to refresh (the change cannot move a clock).
    skip: bool,
}

impl DeskSla {
    /// For a change that cannot move a clock (an internal note, a
    /// customer's reply): refreshing with it does nothing.
    pub fn skip() -> Self {
        Self {
            skip: true,
            ..Default::default()
        }
    }

    fn calendar(&self, id: i64) -> Option<&Arc<StoredCalendar>> {
        self.calendars.iter().find(|c| c.id == id)
    }
}

/// Reads what refreshing the clocks of `desk_id`'s tickets needs.
pub async fn prepare(db: &Db, desk_id: i64) -> Result<DeskSla> {
    let policies = match policies::active_for_desk(db, desk_id).await {
        Ok(p) => p,
        // A database not yet at the SLA schema (tests seed data at earlier
        // versions to test their upgrade) has no clocks to keep.
        Err(_) if !crate::applied_versions(db).await?.contains(&SLA_SCHEMA) => {
            return Ok(DeskSla::skip())
        }
        Err(e) => return Err(e),
    };
    let mut calendars: Vec<Arc<StoredCalendar>> = Vec::new();
    for p in &policies {
        if calendars.iter().any(|c| c.id == p.calendar_id) {
            continue;
        }
        if let Some(c) = calendars::cached(db, p.calendar_id).await? {
            calendars.push(c);
        }
    }
    Ok(DeskSla {
        desk_id,
        policies,
        calendars,
        skip: false,
    })
}

/// As [`prepare`], only when `needed`; else [`DeskSla::skip`].
pub async fn prepare_if(db: &Db, desk_id: i64, needed: bool) -> Result<DeskSla> {
    if needed {
        prepare(db, desk_id).await
    } else {
        Ok(DeskSla::skip())
    }
}

/// As [`prepare`], for the desk of a ticket.
pub async fn prepare_for_ticket(db: &Db, ticket_id: i64) -> Result<DeskSla> {
    let row = sqlx::query("SELECT desk_id FROM tickets WHERE id = $1")
        .bind(ticket_id)
        .fetch_optional(db.read())
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    prepare(db, row.try_get(0)?).await
}

/// Refreshes one ticket's clocks as of `now` in a transaction of its own
/// (tools, tests).
pub async fn refresh_ticket(db: &Db, ticket_id: i64, now: i64) -> Result<()> {
    let sla = prepare_for_ticket(db, ticket_id).await?;
    let mut tx = db.write().begin().await?;
    refresh(&mut tx, &sla, ticket_id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Brings the clocks of `ticket_id` up to date as of `now` (epoch ms),
/// inside the transaction of the change.
pub async fn refresh(
    tx: &mut Transaction<'static, Any>,
    sla: &DeskSla,
    ticket_id: i64,
    now: i64,
) -> Result<()> {
    if sla.skip {
        return Ok(());
    }
    let Some(row) = sqlx::query(
        "SELECT t.desk_id, tt.code, t.priority, rt.service, t.institution_id, t.request_type_id, \
         t.created_at, tt.workflow_id, d.sla_first_response, t.sla_due_at \
         FROM tickets t JOIN ticket_types tt ON tt.id = t.ticket_type_id JOIN desks d ON d.id = t.desk_id \
         LEFT JOIN request_types rt ON rt.id = t.request_type_id WHERE t.id = $1",
    )
    .bind(ticket_id)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(());
    };
    let desk_id: i64 = row.try_get(0)?;
    let ticket_type: String = row.try_get(1)?;
    let priority: String = row.try_get(2)?;
    let service: Option<String> = row.try_get(3)?;
    let facts = TicketFacts {
        ticket_type: &ticket_type,
        priority: &priority,
        service: service.as_deref().filter(|s| !s.is_empty()),
        institution_id: row.try_get(4)?,
        request_type_id: row.try_get(5)?,
    };
    if desk_id != sla.desk_id {
        return Err(crate::StoreError::Corrupt(format!(
            "ticket {ticket_id} refreshed with the policies of desk {}",
            sla.desk_id
        )));
    }
    let policies = &sla.policies;
    let chosen = policy::choose(policies, |p| &p.conditions, &facts);
    let existing = Existing::load(tx, ticket_id).await?;
    let previous_policy = existing.rows.first().map(|r| r.policy_id);
    if previous_policy.is_some() && previous_policy != chosen.map(|p| p.id) {
        let old = policy_name(tx, previous_policy).await?;
        let new = policy_name(tx, chosen.map(|p| p.id)).await?;
        let actor = sla_actor(tx).await?;
        crate::tickets::record_change(
            tx,
            ticket_id,
            actor,
            now,
            "sla_policy",
            old.as_deref(),
            new.as_deref(),
        )
        .await?;
    }
    let stored_due: i64 = row.try_get(9)?;
    let Some(policy) = chosen else {
        if !existing.rows.is_empty() {
            sqlx::query("DELETE FROM ticket_sla WHERE ticket_id = $1")
                .bind(ticket_id)
                .execute(&mut **tx)
                .await?;
        }
        return keep_due(tx, ticket_id, stored_due, NO_DUE).await;
    };
    for gone in existing
        .rows
        .iter()
        .filter(|r| !policy.goals.iter().any(|g| g.goal == r.goal))
    {
        sqlx::query("DELETE FROM ticket_sla WHERE ticket_id = $1 AND goal = $2")
            .bind(ticket_id)
            .bind(gone.goal.code())
            .execute(&mut **tx)
            .await?;
    }
    let Some(calendar) = sla.calendar(policy.calendar_id) else {
        return keep_due(tx, ticket_id, stored_due, NO_DUE).await;
    };
    let workflow_id: i64 = row.try_get(7)?;
    let statuses = status_periods(tx, ticket_id, workflow_id).await?;
    let first_reply = first_public_reply(tx, ticket_id, desk_id).await?;
    let history = History {
        created_at: ts(row.try_get(6)?),
        statuses: &statuses,
        first_public_reply: first_reply.map(ts),
        first_response: FirstResponse::parse(&row.try_get::<String, _>(8)?),
    };
    let at = ts(now);
    let mut earliest = NO_DUE;
    for target in &policy.goals {
        let phases = history.phases(target.goal);
        let measured = clock::measure(
            &calendar.calendar,
            target.goal,
            target.target_secs,
            &phases,
            at,
        )
        .map_err(|e| crate::StoreError::Corrupt(format!("ticket {ticket_id}: {e}")))?;
        let measured = timeline::settle(measured, at);
        if let (ClockState::Running | ClockState::Breached, Some(due), None) =
            (measured.state, measured.due_at, measured.stopped_at)
        {
            earliest = earliest.min(due.as_millisecond());
        }
        let Some(version) = clocks::save(tx, ticket_id, policy.id, calendar.id, &measured).await?
        else {
            continue;
        };
        let marks = existing.rows.iter().find(|r| r.goal == target.goal);
        let warned = marks.is_some_and(|m| m.warned);
        let handled = marks.is_some_and(|m| m.breach_handled);
        if !warned {
            if let Some(w) =
                timeline::warn_at(&calendar.calendar, &measured, policy.warn_percent, at)
            {
                timers::schedule(
                    tx,
                    timers::WARN_JOB,
                    ticket_id,
                    target.goal,
                    version,
                    w.as_millisecond(),
                )
                .await?;
            }
        }
        let live = matches!(measured.state, ClockState::Running | ClockState::Breached);
        if !handled && live {
            if let Some(due) = measured.due_at {
                timers::schedule(
                    tx,
                    timers::BREACH_JOB,
                    ticket_id,
                    target.goal,
                    version,
                    due.as_millisecond(),
                )
                .await?;
            }
        }
    }
    keep_due(tx, ticket_id, stored_due, earliest).await
}

/// Writes the ticket's earliest open due instant when it changed.
async fn keep_due(
    tx: &mut Transaction<'static, Any>,
    ticket_id: i64,
    stored: i64,
    earliest: i64,
) -> Result<()> {
    if stored != earliest {
        sqlx::query("UPDATE tickets SET sla_due_at = $1 WHERE id = $2")
            .bind(earliest)
            .bind(ticket_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// What is already stored of a ticket's clocks.
struct Existing {
    rows: Vec<Marks>,
}

struct Marks {
    goal: Goal,
    policy_id: i64,
    warned: bool,
    breach_handled: bool,
}

impl Existing {
    async fn load(tx: &mut Transaction<'static, Any>, ticket_id: i64) -> Result<Self> {
        let rows = sqlx::query(
            "SELECT goal, policy_id, warned_at, breach_handled_at FROM ticket_sla WHERE ticket_id = $1",
        )
        .bind(ticket_id)
        .fetch_all(&mut **tx)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let Some(goal) = Goal::parse(&r.try_get::<String, _>(0)?) else {
                continue;
            };
            out.push(Marks {
                goal,
                policy_id: r.try_get(1)?,
                warned: r.try_get::<Option<i64>, _>(2)?.is_some(),
                breach_handled: r.try_get::<Option<i64>, _>(3)?.is_some(),
            });
        }
        Ok(Self { rows: out })
    }
}

async fn policy_name(
    tx: &mut Transaction<'static, Any>,
    id: Option<i64>,
) -> Result<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    let row = sqlx::query("SELECT name_lv FROM sla_policies WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|r| r.try_get(0)).transpose().map_err(Into::into)
}

/// The ticket's status periods with whether each status pauses the clock.
async fn status_periods(
    tx: &mut Transaction<'static, Any>,
    ticket_id: i64,
    workflow_id: i64,
) -> Result<Vec<StatusPeriod>> {
    let rows = sqlx::query(
        "SELECT h.entered_at, h.status_category, COALESCE(s.pauses_sla, 0) FROM ticket_status_history h \
         LEFT JOIN workflow_statuses s ON s.workflow_id = $2 AND s.code = h.status \
         WHERE h.ticket_id = $1 ORDER BY h.entered_at, h.id",
    )
    .bind(ticket_id)
    .bind(workflow_id)
    .fetch_all(&mut **tx)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let category: String = r.try_get(1)?;
        out.push(StatusPeriod {
            at: ts(r.try_get(0)?),
            category: StatusCategory::parse(&category).unwrap_or(StatusCategory::Open),
            // Waiting (on the customer, a third party) always stops the
            // clock; `pauses_sla` marks further statuses that do.
            pauses: category == "waiting" || r.try_get::<i64, _>(2)? != 0,
        });
    }
    Ok(out)
}

/// When staff of the desk first replied in public.
async fn first_public_reply(
    tx: &mut Transaction<'static, Any>,
    ticket_id: i64,
    desk_id: i64,
) -> Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT MIN(c.created_at) FROM comments c JOIN users u ON u.id = c.author_id \
         WHERE c.ticket_id = $1 AND c.is_public = 1 AND (u.is_system_admin = 1 OR EXISTS \
         (SELECT 1 FROM desk_roles r WHERE r.desk_id = $2 AND r.user_id = c.author_id AND r.role <> 'customer'))",
    )
    .bind(ticket_id)
    .bind(desk_id)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get(0)?)
}
