//! What a customer may do to their own request: confirm that the problem is
//! solved, reopen it within the desk's window, and whose move it is.

use super::transition::apply;
use super::Ticket;
use crate::{now_ms, workflows, Db, Result, Sql, StoreError};
use atbalsts_domain::request::{reopen_target, solved_target, within_reopen_window};
use atbalsts_domain::Viewer;
use sqlx::Row;
use std::collections::HashSet;

/// Whether `viewer` may confirm or reopen `ticket`: its requester, or a
/// person granted the tickets of its institution. Staff act through the
/// agent's transitions instead.
pub fn may_act(viewer: &Viewer, ticket: &Ticket) -> bool {
    viewer.user_id == ticket.requester_id
        || (viewer.sees_institution_tickets
            && ticket.institution_id.is_some()
            && viewer.institution_id == ticket.institution_id)
}

/// Days after resolution during which the desk's customers may reopen.
pub async fn reopen_days(db: &Db, desk_id: i64) -> Result<i64> {
    let row = sqlx::query("SELECT reopen_days FROM desks WHERE id = $1")
        .bind(desk_id)
        .fetch_optional(db.read())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(row.try_get(0)?)
}

pub async fn set_reopen_days(db: &Db, desk_id: i64, days: i64) -> Result<()> {
    if !(0..=3650).contains(&days) {
        return Err(StoreError::invalid("reopen_days", "error-invalid"));
    }
    sqlx::query("UPDATE desks SET reopen_days = $1 WHERE id = $2")
        .bind(days)
        .bind(desk_id)
        .execute(db.write())
        .await?;
    Ok(())
}

/// Whether `ticket` may be reopened by its customer now.
pub async fn may_reopen(db: &Db, ticket: &Ticket) -> Result<bool> {
    if !ticket.status_category.is_done() {
        return Ok(false);
    }
    let days = reopen_days(db, ticket.desk_id).await?;
    Ok(within_reopen_window(ticket.resolved_at, days, now_ms()))
}

/// The tickets among `tickets` whose last public comment came from someone
/// other than their requester (the service desk asked or answered last).
pub async fn last_public_by_desk(db: &Db, tickets: &[Ticket]) -> Result<HashSet<i64>> {
    if tickets.is_empty() {
        return Ok(HashSet::new());
    }
    let ids: Vec<i64> = tickets.iter().map(|t| t.id).collect();
    let mut sql = Sql::new(
        "SELECT c.ticket_id, c.author_id FROM comments c WHERE c.is_public = 1 AND c.ticket_id IN (",
    );
    sql.bind_list(&ids).push(
        ") AND c.id = (SELECT MAX(c2.id) FROM comments c2 \
         WHERE c2.ticket_id = c.ticket_id AND c2.is_public = 1)",
    );
    let mut out = HashSet::new();
    for r in sql.fetch_all(db.read()).await? {
        let (ticket_id, author_id): (i64, i64) = (r.try_get(0)?, r.try_get(1)?);
        if tickets
            .iter()
            .any(|t| t.id == ticket_id && t.requester_id != author_id)
        {
            out.insert(ticket_id);
        }
    }
    Ok(out)
}

/// *Problem solved*: moves the request to its workflow's resolved status
/// (a resolved one to closed), with the notifications `compose` makes.
/// Someone who may not act on it gets `NotFound`, as if it did not exist.
pub async fn confirm_solved(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    compose: impl FnOnce(&workflows::StatusInfo) -> Vec<crate::notifications::NewNotification>,
) -> Result<()> {
    if !may_act(viewer, ticket) {
        return Err(StoreError::NotFound);
    }
    let (workflow, _) = workflows::workflow(db, ticket.workflow_id).await?;
    let target = solved_target(&workflow, &ticket.status)
        .ok_or_else(|| StoreError::invalid("status", "error-transition-not-allowed"))?
        .code
        .clone();
    apply(db, viewer.user_id, ticket, &target, None, true, compose).await
}

/// *Reopen*: moves a resolved or closed request back to work, within the
/// desk's reopen window; later, the customer is pointed to a new request.
pub async fn reopen(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    compose: impl FnOnce(&workflows::StatusInfo) -> Vec<crate::notifications::NewNotification>,
) -> Result<()> {
    if !may_act(viewer, ticket) {
        return Err(StoreError::NotFound);
    }
    if !may_reopen(db, ticket).await? {
        return Err(StoreError::invalid("status", "error-reopen-window-passed"));
    }
    let (workflow, _) = workflows::workflow(db, ticket.workflow_id).await?;
    let (target, follow) = reopen_target(&workflow, &ticket.status)
        .ok_or_else(|| StoreError::invalid("status", "error-transition-not-allowed"))?;
    let target = target.code.clone();
    apply(db, viewer.user_id, ticket, &target, None, follow, compose).await
}
