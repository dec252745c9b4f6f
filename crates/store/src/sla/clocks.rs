//! The clock of each SLA goal on each ticket (`ticket_sla`): kept current as
//! the ticket changes, read by the ticket page, the queue, the API and the
//! reports.

use crate::{now_ms, Db, Result};
use atbalsts_domain::sla::{Clock, ClockState, Goal};
use sqlx::{Any, Row};

/// One goal's clock on a ticket, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketClock {
    pub ticket_id: i64,
    pub goal: Goal,
    pub policy_id: i64,
    pub calendar_id: i64,
    pub target_secs: i64,
    pub state: ClockState,
    /// Epoch milliseconds.
    pub due_at: Option<i64>,
    pub used_secs: i64,
    pub paused_secs: i64,
    pub stopped_at: Option<i64>,
    pub breached_at: Option<i64>,
    pub warned_at: Option<i64>,
    pub breach_handled_at: Option<i64>,
    pub timer_version: i64,
}

pub(super) const COLUMNS: &str =
    "ticket_id, goal, policy_id, calendar_id, target_secs, state, due_at, used_secs, \
     paused_secs, stopped_at, breached_at, warned_at, breach_handled_at, timer_version";

pub(super) fn from_row(r: &sqlx::any::AnyRow) -> Result<TicketClock> {
    let goal: String = r.try_get(1)?;
    let state: String = r.try_get(5)?;
    Ok(TicketClock {
        ticket_id: r.try_get(0)?,
        goal: Goal::parse(&goal).unwrap_or(Goal::Resolution),
        policy_id: r.try_get(2)?,
        calendar_id: r.try_get(3)?,
        target_secs: r.try_get(4)?,
        state: ClockState::parse(&state).unwrap_or(ClockState::Running),
        due_at: r.try_get(6)?,
        used_secs: r.try_get(7)?,
        paused_secs: r.try_get(8)?,
        stopped_at: r.try_get(9)?,
        breached_at: r.try_get(10)?,
        warned_at: r.try_get(11)?,
        breach_handled_at: r.try_get(12)?,
        timer_version: r.try_get(13)?,
    })
}

/// The clocks of a ticket, first response first.
pub async fn for_ticket(db: &Db, ticket_id: i64) -> Result<Vec<TicketClock>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM ticket_sla WHERE ticket_id = $1 ORDER BY goal"
    ))
    .bind(ticket_id)
    .fetch_all(db.read())
    .await?;
    let mut clocks = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    clocks.sort_by_key(|c| Goal::ALL.iter().position(|g| *g == c.goal));
    Ok(clocks)
}

/// Writes a goal's measured clock. When its due instant changed, the timer
/// version is bumped (a timer scheduled for the old instant then does
/// nothing) and the new version is returned, so the caller schedules new
/// timers in the same transaction; `None` when the due instant is unchanged.
pub async fn save(
    tx: &mut sqlx::Transaction<'static, Any>,
    ticket_id: i64,
    policy_id: i64,
    calendar_id: i64,
    clock: &Clock,
) -> Result<Option<i64>> {
    let due_at = clock.due_at.map(|t| t.as_millisecond());
    let previous = sqlx::query(
        "SELECT due_at, timer_version, policy_id FROM ticket_sla WHERE ticket_id = $1 AND goal = $2",
    )
    .bind(ticket_id)
    .bind(clock.goal.code())
    .fetch_optional(&mut **tx)
    .await?;
    let now = now_ms();
    let row = (
        clock.state.code(),
        clock.stopped_at.map(|t| t.as_millisecond()),
        clock.breached_at.map(|t| t.as_millisecond()),
    );
    match previous {
        None => {
            sqlx::query(
                "INSERT INTO ticket_sla (ticket_id, goal, policy_id, calendar_id, target_secs, state, due_at, \
                 used_secs, paused_secs, stopped_at, breached_at, timer_version, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12)",
            )
            .bind(ticket_id)
            .bind(clock.goal.code())
            .bind(policy_id)
            .bind(calendar_id)
            .bind(clock.target_secs)
            .bind(row.0)
            .bind(due_at)
            .bind(clock.used_secs)
            .bind(clock.paused_secs)
            .bind(row.1)
            .bind(row.2)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            Ok(Some(1))
        }
        Some(prev) => {
            let old_due: Option<i64> = prev.try_get(0)?;
            let old_version: i64 = prev.try_get(1)?;
            let old_policy: i64 = prev.try_get(2)?;
            let retimed = old_due != due_at || old_policy != policy_id;
            let version = if retimed {
                old_version + 1
            } else {
                old_version
            };
            sqlx::query(
                "UPDATE ticket_sla SET policy_id = $3, calendar_id = $4, target_secs = $5, state = $6, \
                 due_at = $7, used_secs = $8, paused_secs = $9, stopped_at = $10, breached_at = $11, \
                 timer_version = $12, updated_at = $13 WHERE ticket_id = $1 AND goal = $2",
            )
            .bind(ticket_id)
            .bind(clock.goal.code())
            .bind(policy_id)
            .bind(calendar_id)
            .bind(clock.target_secs)
            .bind(row.0)
            .bind(due_at)
            .bind(clock.used_secs)
            .bind(clock.paused_secs)
            .bind(row.1)
            .bind(row.2)
            .bind(version)
            .bind(now)
            .execute(&mut **tx)
            .await?;
            Ok(retimed.then_some(version))
        }
    }
}

/// Removes the clocks of `cleared` tickets, then writes `rows`, in a few
/// statements: how a refresh stores what it measured.
pub(super) async fn replace(
    conn: &mut sqlx::AnyConnection,
    cleared: &[i64],
    rows: &[TicketClock],
) -> Result<()> {
    if !cleared.is_empty() {
        let mut delete = crate::Sql::new("DELETE FROM ticket_sla WHERE ticket_id IN (");
        delete.bind_list(cleared).push(")");
        delete.query().execute(&mut *conn).await?;
    }
    let now = now_ms();
    // 15 values a row: well under SQLite's 32,766 parameters a statement.
    for chunk in rows.chunks(1000) {
        let mut sql = crate::Sql::new(&format!("INSERT INTO ticket_sla ({COLUMNS}, updated_at) VALUES "));
        for (i, c) in chunk.iter().enumerate() {
            sql.push(if i == 0 { "(" } else { ", (" });
            sql.bind(c.ticket_id).push(", ").bind(c.goal.code()).push(", ");
            sql.bind(c.policy_id).push(", ").bind(c.calendar_id).push(", ");
            sql.bind(c.target_secs).push(", ").bind(c.state.code()).push(", ");
            sql.bind(c.due_at).push(", ").bind(c.used_secs).push(", ");
            sql.bind(c.paused_secs).push(", ").bind(c.stopped_at).push(", ");
            sql.bind(c.breached_at).push(", ").bind(c.warned_at).push(", ");
            sql.bind(c.breach_handled_at).push(", ").bind(c.timer_version);
            sql.push(", ").bind(now).push(")");
        }
        sql.query().execute(&mut *conn).await?;
    }
    Ok(())
}
