//! Keeps a ticket's SLA clocks current: called in the transaction of every
//! change that matters (creation, a status move, a public staff reply, a
//! triage, a merge, a breach escalation, a re-time run). It chooses the
//! desk's first matching policy, builds each goal's phases from the
//! ticket's history, measures them and saves them; a clock whose due
//! instant moved gets new timers (jobs) in the same transaction.

use super::calendars::{self, StoredCalendar};
use super::clocks::TicketClock;
use super::due::NO_DUE;
use super::facts::{ts, Facts, TicketFacts};
use super::policies::{self, StoredPolicy};
use super::{clocks, timers};
use crate::{Db, Result};
use atbalsts_domain::sla::timeline::{self, FirstResponse, History, StatusPeriod};
use atbalsts_domain::sla::{clock, policy, ClockState, TicketFacts as PolicyFacts};
use atbalsts_domain::StatusCategory;
use sqlx::{Any, Row, Transaction};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// The migration after which the SLA setup can be read (tables in 0029,
/// the desk's setup version in 0037).
const SLA_SCHEMA: i64 = 37;

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
/// its active policies in order and their calendars, what counts as a
/// first response, and its ticket types and pausing statuses (so a new
/// ticket's clocks are measured without reading it back). Read before the
/// transaction begins, so the writer (on SQLite the one write connection,
/// on PostgreSQL a pooled one) never waits for a second connection; kept
/// per desk while `desks.sla_version` holds (every SLA edit bumps it), so
/// a change costs one small read for it.
#[derive(Debug, Clone, Default)]
pub struct DeskSla {
    desk_id: i64,
    version: i64,
    policies: Arc<Vec<StoredPolicy>>,
    calendars: Arc<Vec<Arc<StoredCalendar>>>,
    first_response: FirstResponse,
    /// Ticket type id → (code, workflow id).
    ticket_types: Arc<HashMap<i64, (String, i64)>>,
    /// (workflow id, status code) of the statuses marked as pausing.
    pausing: Arc<HashSet<(i64, String)>>,
    /// Nothing to refresh (the change cannot move a clock).
    skip: bool,
}

/// The desks' [`DeskSla`] by desk id (in [`Db`]).
pub(crate) type DeskCache = Arc<Mutex<HashMap<i64, DeskSla>>>;

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

/// Marks the desk's SLA setup changed, inside the transaction of the edit:
/// every instance reads it again before the next refresh.
pub(crate) async fn bump_version(conn: &mut sqlx::AnyConnection, desk_id: i64) -> Result<()> {
    sqlx::query("UPDATE desks SET sla_version = sla_version + 1 WHERE id = $1")
        .bind(desk_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Reads what refreshing the clocks of `desk_id`'s tickets needs.
pub async fn prepare(db: &Db, desk_id: i64) -> Result<DeskSla> {
    let version = match sqlx::query("SELECT sla_version FROM desks WHERE id = $1")
        .bind(desk_id)
        .fetch_optional(db.read())
        .await
    {
        Ok(Some(row)) => row.try_get::<i64, _>(0)?,
        Ok(None) => return Err(crate::StoreError::NotFound),
        // A database not yet at the SLA schema (tests seed data at earlier
        // versions to test their upgrade) has no clocks to keep.
        Err(_) if !crate::applied_versions(db).await?.contains(&SLA_SCHEMA) => {
            return Ok(DeskSla::skip())
        }
        Err(e) => return Err(e.into()),
    };
    let cached = db
        .sla_desks
        .lock()
        .expect("desk SLA cache")
        .get(&desk_id)
        .filter(|d| d.version == version)
        .cloned();
    if let Some(hit) = cached {
        return Ok(hit);
    }
    // Read after the version: what is loaded is at least that new.
    let loaded = load(db, desk_id, version).await?;
    db.sla_desks
        .lock()
        .expect("desk SLA cache")
        .insert(desk_id, loaded.clone());
    Ok(loaded)
}

async fn load(db: &Db, desk_id: i64, version: i64) -> Result<DeskSla> {
    let policies = policies::active_for_desk(db, desk_id).await?;
    let mut calendars: Vec<Arc<StoredCalendar>> = Vec::new();
    for p in &policies {
        if calendars.iter().any(|c| c.id == p.calendar_id) {
            continue;
        }
        if let Some(c) = calendars::cached(db, p.calendar_id).await? {
            calendars.push(c);
        }
    }
    let first_response: String = sqlx::query("SELECT sla_first_response FROM desks WHERE id = $1")
        .bind(desk_id)
        .fetch_one(db.read())
        .await?
        .try_get(0)?;
    let mut ticket_types = HashMap::new();
    for t in crate::workflows::ticket_types_of(db, desk_id).await? {
        ticket_types.insert(t.id, (t.code, t.workflow_id));
    }
    let rows = sqlx::query(
        "SELECT workflow_id, code FROM workflow_statuses WHERE pauses_sla = 1 \
         AND workflow_id IN (SELECT workflow_id FROM ticket_types WHERE desk_id = $1)",
    )
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    let mut pausing = HashSet::new();
    for r in rows {
        pausing.insert((r.try_get(0)?, r.try_get(1)?));
    }
    Ok(DeskSla {
        desk_id,
        version,
        policies: Arc::new(policies),
        calendars: Arc::new(calendars),
        first_response: FirstResponse::parse(&first_response),
        ticket_types: Arc::new(ticket_types),
        pausing: Arc::new(pausing),
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
    refresh_many(tx, sla, &[ticket_id], now).await
}

/// As [`refresh`], for a set of the desk's tickets at once (a re-time
/// batch): the same reads and writes, each one statement for the set.
pub async fn refresh_many(
    tx: &mut Transaction<'static, Any>,
    sla: &DeskSla,
    ticket_ids: &[i64],
    now: i64,
) -> Result<()> {
    if sla.skip || ticket_ids.is_empty() {
        return Ok(());
    }
    let facts = Facts::load(tx, ticket_ids).await?;
    let mut writes = Writes::default();
    for ticket in &facts.tickets {
        measure_ticket(sla, &facts, ticket, now, &mut writes)?;
    }
    writes.apply(tx, now).await
}

/// A ticket just created, as its clocks see it: everything is known in
/// the creating transaction, so nothing is read back.
#[derive(Debug, Clone)]
pub struct NewTicketFacts<'a> {
    pub ticket_id: i64,
    pub ticket_type_id: i64,
    pub priority: &'a str,
    /// The service of its request type, if any.
    pub service: Option<&'a str>,
    pub institution_id: Option<i64>,
    pub request_type_id: Option<i64>,
    pub created_at: i64,
    /// The status it was created in, and that status's category.
    pub status: &'a str,
    pub category: StatusCategory,
}

/// As [`refresh`], for a ticket created in this transaction: its clocks
/// start from its facts as created (no clocks, replies or other statuses
/// yet), so the refresh writes without reading.
pub async fn refresh_created(
    tx: &mut Transaction<'static, Any>,
    sla: &DeskSla,
    new: &NewTicketFacts<'_>,
) -> Result<()> {
    if sla.skip {
        return Ok(());
    }
    let Some((code, workflow_id)) = sla.ticket_types.get(&new.ticket_type_id) else {
        // A ticket type made after the desk's SLA setup was read.
        return refresh(tx, sla, new.ticket_id, new.created_at).await;
    };
    let pauses = new.category == StatusCategory::Waiting
        || sla.pausing.contains(&(*workflow_id, new.status.to_owned()));
    let ticket = TicketFacts {
        id: new.ticket_id,
        desk_id: sla.desk_id,
        ticket_type: code.clone(),
        priority: new.priority.to_owned(),
        service: new.service.filter(|s| !s.is_empty()).map(str::to_owned),
        institution_id: new.institution_id,
        request_type_id: new.request_type_id,
        created_at: new.created_at,
        first_response: sla.first_response,
        stored_due: NO_DUE,
    };
    let facts = Facts {
        tickets: Vec::new(),
        clocks: HashMap::new(),
        statuses: HashMap::from([(
            new.ticket_id,
            vec![StatusPeriod {
                at: ts(new.created_at),
                category: new.category,
                pauses,
            }],
        )]),
        first_replies: HashMap::new(),
    };
    let mut writes = Writes::default();
    measure_ticket(sla, &facts, &ticket, new.created_at, &mut writes)?;
    writes.apply(tx, new.created_at).await
}

/// What a refresh writes, gathered over its tickets.
#[derive(Default)]
struct Writes {
    /// Tickets whose stored clocks are removed (before `clocks` are written).
    cleared: Vec<i64>,
    /// Clocks to write.
    clocks: Vec<TicketClock>,
    /// Timers to queue: (job kind, timer, instant).
    timers: Vec<(&'static str, timers::Timer, i64)>,
    /// Tickets whose earliest due instant changed, with the new one.
    due: Vec<(i64, i64)>,
    /// Tickets whose policy changed: (ticket, old policy, new policy).
    policy_changes: Vec<(i64, Option<i64>, Option<i64>)>,
}

impl Writes {
    async fn apply(self, tx: &mut Transaction<'static, Any>, now: i64) -> Result<()> {
        if !self.policy_changes.is_empty() {
            let actor = sla_actor(tx).await?;
            for (ticket_id, old, new) in &self.policy_changes {
                let old = policy_name(tx, *old).await?;
                let new = policy_name(tx, *new).await?;
                crate::tickets::record_change(
                    tx,
                    *ticket_id,
                    actor,
                    now,
                    "sla_policy",
                    old.as_deref(),
                    new.as_deref(),
                )
                .await?;
            }
        }
        clocks::replace(tx, &self.cleared, &self.clocks).await?;
        let jobs: Vec<(&str, String, i64)> = self
            .timers
            .iter()
            .map(|(kind, timer, at)| (*kind, timers::payload(timer), *at))
            .collect();
        crate::jobs::enqueue_many(tx, &jobs, timers::MAX_ATTEMPTS).await?;
        for chunk in self.due.chunks(crate::MULTI_ROW) {
            let mut sql = crate::Sql::new("UPDATE tickets SET sla_due_at = CASE id");
            for (id, due) in chunk {
                sql.push(" WHEN ").bind(*id).push(" THEN ").bind(*due);
            }
            sql.push(" END WHERE id IN (");
            let ids: Vec<i64> = chunk.iter().map(|(id, _)| *id).collect();
            sql.bind_list(&ids).push(")");
            sql.query().execute(&mut **tx).await?;
        }
        Ok(())
    }
}

/// Measures one ticket's goals under the desk's first matching policy and
/// adds what changed to `writes`.
fn measure_ticket(
    sla: &DeskSla,
    facts: &Facts,
    ticket: &TicketFacts,
    now: i64,
    writes: &mut Writes,
) -> Result<()> {
    let ticket_id = ticket.id;
    if ticket.desk_id != sla.desk_id {
        return Err(crate::StoreError::Corrupt(format!(
            "ticket {ticket_id} refreshed with the policies of desk {}",
            sla.desk_id
        )));
    }
    let looked_at = PolicyFacts {
        ticket_type: &ticket.ticket_type,
        priority: &ticket.priority,
        service: ticket.service.as_deref(),
        institution_id: ticket.institution_id,
        request_type_id: ticket.request_type_id,
    };
    let chosen = policy::choose(&sla.policies, |p| &p.conditions, &looked_at);
    let existing: &[TicketClock] = facts.clocks.get(&ticket_id).map_or(&[], Vec::as_slice);
    let previous_policy = existing.first().map(|r| r.policy_id);
    if previous_policy.is_some() && previous_policy != chosen.map(|p| p.id) {
        writes
            .policy_changes
            .push((ticket_id, previous_policy, chosen.map(|p| p.id)));
    }
    let calendar = chosen.and_then(|p| sla.calendar(p.calendar_id).map(|c| (p, c)));
    let Some((policy, calendar)) = calendar else {
        if !existing.is_empty() {
            writes.cleared.push(ticket_id);
        }
        if ticket.stored_due != NO_DUE {
            writes.due.push((ticket_id, NO_DUE));
        }
        return Ok(());
    };
    let no_statuses = Vec::new();
    let history = History {
        created_at: ts(ticket.created_at),
        statuses: facts.statuses.get(&ticket_id).unwrap_or(&no_statuses),
        first_public_reply: facts.first_replies.get(&ticket_id).copied().map(ts),
        first_response: ticket.first_response,
    };
    let at = ts(now);
    let mut earliest = NO_DUE;
    let mut rows = Vec::with_capacity(policy.goals.len());
    for target in &policy.goals {
        let measured = clock::measure(
            &calendar.calendar,
            target.goal,
            target.target_secs,
            &history.phases(target.goal),
            at,
        )
        .map_err(|e| crate::StoreError::Corrupt(format!("ticket {ticket_id}: {e}")))?;
        let measured = timeline::settle(measured, at);
        let live = matches!(measured.state, ClockState::Running | ClockState::Breached);
        let due_at = measured.due_at.map(|t| t.as_millisecond());
        if let (true, Some(due), None) = (live, due_at, measured.stopped_at) {
            earliest = earliest.min(due);
        }
        let before = existing.iter().find(|r| r.goal == target.goal);
        // A due instant (or policy) that moved gets a new timer version:
        // timers queued for the old one then find nothing to do.
        let version = match before {
            None => Some(1),
            Some(b) if b.due_at != due_at || b.policy_id != policy.id => Some(b.timer_version + 1),
            Some(_) => None,
        };
        let row = TicketClock {
            ticket_id,
            goal: target.goal,
            policy_id: policy.id,
            calendar_id: calendar.id,
            target_secs: measured.target_secs,
            state: measured.state,
            due_at,
            used_secs: measured.used_secs,
            paused_secs: measured.paused_secs,
            stopped_at: measured.stopped_at.map(|t| t.as_millisecond()),
            breached_at: measured.breached_at.map(|t| t.as_millisecond()),
            warned_at: before.and_then(|b| b.warned_at),
            breach_handled_at: before.and_then(|b| b.breach_handled_at),
            timer_version: version.or(before.map(|b| b.timer_version)).unwrap_or(1),
        };
        if let Some(version) = version {
            let timer = timers::Timer {
                ticket_id,
                goal: target.goal,
                version,
            };
            if row.warned_at.is_none() {
                if let Some(w) =
                    timeline::warn_at(&calendar.calendar, &measured, policy.warn_percent, at)
                {
                    writes
                        .timers
                        .push((timers::WARN_JOB, timer, w.as_millisecond()));
                }
            }
            if let (None, true, Some(due)) = (row.breach_handled_at, live, due_at) {
                writes.timers.push((timers::BREACH_JOB, timer, due));
            }
        }
        rows.push(row);
    }
    let unchanged =
        rows.len() == existing.len() && rows.iter().all(|r| existing.iter().any(|e| e == r));
    if !unchanged {
        if !existing.is_empty() {
            writes.cleared.push(ticket_id);
        }
        writes.clocks.extend(rows);
    }
    if ticket.stored_due != earliest {
        writes.due.push((ticket_id, earliest));
    }
    Ok(())
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
