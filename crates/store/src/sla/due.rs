//! When tickets are due, for the pages that show the clocks: the clocks of
//! a page of tickets at once, the queue's "breaches soonest" order and its
//! "breached / due within N hours" filter, and whether a desk shows
//! customers when to expect an answer.

use super::clocks::{from_row, TicketClock, COLUMNS};
use crate::{Db, Result, Sql};
use atbalsts_domain::sla::Goal;
use sqlx::Row;

/// What `tickets.sla_due_at` holds for a ticket without an open clock
/// (none, paused, met): after every real instant, so those tickets sort
/// last and no "due before" filter selects them (migration 0033).
pub(crate) const NO_DUE: i64 = 9_000_000_000_000_000;

/// The earliest due instant (epoch ms) of a ticket's open clocks — running,
/// or breached and still counting — for ordering, kept on the ticket row by
/// the refresh and read along the `tickets_sla_due` index.
pub(crate) const DUE_KEY: &str = "t.sla_due_at";

/// Narrows a ticket query (aliased `t`) to tickets with an open clock due
/// before `before` (epoch ms): `now` selects the breached ones (including
/// a running clock whose breach timer has not fired yet), `now + N h` the
/// ones due within N hours, breached ones included.
pub(crate) fn push_due_before(sql: &mut Sql, before: i64) {
    sql.push(" AND t.sla_due_at < ").bind(before.min(NO_DUE));
}

/// The clocks of several tickets (a page of a queue or of the API list),
/// each ticket's first response first.
pub async fn for_tickets(db: &Db, ticket_ids: &[i64]) -> Result<Vec<TicketClock>> {
    if ticket_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} FROM ticket_sla WHERE ticket_id IN ("
    ));
    sql.bind_list(ticket_ids).push(")");
    let rows = sql.fetch_all(db.read()).await?;
    let mut clocks = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    clocks.sort_by_key(|c| (c.ticket_id, Goal::ALL.iter().position(|g| *g == c.goal)));
    Ok(clocks)
}

/// Whether the desk's customers see "expected answer by" on their requests.
pub async fn shown_to_customer(db: &Db, desk_id: i64) -> Result<bool> {
    let row = sqlx::query("SELECT sla_show_customer FROM desks WHERE id = $1")
        .bind(desk_id)
        .fetch_optional(db.read())
        .await?;
    Ok(match row {
        Some(r) => r.try_get::<i64, _>(0)? != 0,
        None => false,
    })
}

/// Recomputes `tickets.sla_due_at` from the ticket's stored clocks, for
/// tools and tests that write clocks with [`super::clocks::save`] directly;
/// the refresh keeps it as it measures.
pub async fn recompute(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    ticket_id: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE tickets SET sla_due_at = COALESCE((SELECT MIN(s.due_at) FROM ticket_sla s \
         WHERE s.ticket_id = tickets.id AND s.state IN ('running', 'breached') \
         AND s.stopped_at IS NULL AND s.due_at IS NOT NULL), $1) WHERE id = $2",
    )
    .bind(NO_DUE)
    .bind(ticket_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
