use super::{record_change, Ticket};
use crate::{now_ms, workflows, Db, Result, StoreError};
use atbalsts_domain::Viewer;
use sqlx::Row;

/// Moves a ticket to another status along its workflow, closing the current
/// period of the status history and opening the next.
///
/// `expected_version` (when given) must match the ticket's version, so an
/// agent acting on a stale page is told instead of overwriting a change.
pub async fn transition(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    to: &str,
    expected_version: Option<i64>,
) -> Result<()> {
    transition_notifying(db, viewer, ticket, to, expected_version, |_| Vec::new()).await
}

/// As `transition`, with the notifications `compose` makes for the new
/// status queued in the same transaction.
pub async fn transition_notifying(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    to: &str,
    expected_version: Option<i64>,
    compose: impl FnOnce(&workflows::StatusInfo) -> Vec<crate::notifications::NewNotification>,
) -> Result<()> {
    if !viewer.is_staff_on(ticket.desk_id) {
        return Err(StoreError::Forbidden);
    }
    apply(
        db,
        viewer.user_id,
        ticket,
        to,
        expected_version,
        true,
        compose,
    )
    .await
}

/// Reopens a resolved or closed ticket because its requester wrote again,
/// to where *Reopen* on the request page leads
/// (`atbalsts_domain::request::reopen_target`: one rule for both). `false`
/// when the workflow offers no way back, or the ticket is not finished.
pub async fn reopen_on_reply(db: &Db, actor_id: i64, ticket: &Ticket) -> Result<bool> {
    let (workflow, _) = workflows::workflow(db, ticket.workflow_id).await?;
    let Some((target, follow)) = atbalsts_domain::request::reopen_target(&workflow, &ticket.status)
    else {
        return Ok(false);
    };
    let code = target.code.clone();
    apply(db, actor_id, ticket, &code, None, follow, |_| Vec::new()).await?;
    Ok(true)
}

pub(super) async fn apply(
    db: &Db,
    actor_id: i64,
    ticket: &Ticket,
    to: &str,
    expected_version: Option<i64>,
    follow_workflow: bool,
    compose: impl FnOnce(&workflows::StatusInfo) -> Vec<crate::notifications::NewNotification>,
) -> Result<()> {
    let (workflow, statuses) = workflows::workflow(db, ticket.workflow_id).await?;
    let target = if follow_workflow {
        workflow
            .check_transition(&ticket.status, to)
            .map_err(|code| StoreError::invalid("status", code))?
    } else {
        workflow
            .statuses
            .iter()
            .find(|s| s.code == to)
            .ok_or_else(|| StoreError::invalid("status", "error-invalid"))?
    };
    may_finish(db, ticket, target).await?;
    let now = now_ms();
    let sla = crate::sla::prepare(db, ticket.desk_id).await?;
    let mut tx = db.write().begin().await?;
    move_status(&mut tx, ticket, target, expected_version, actor_id, now).await?;
    crate::sla::refresh(&mut tx, &sla, ticket.id, now).await?;
    if let Some(info) = statuses.iter().find(|s| s.code == target.code) {
        for n in compose(info) {
            crate::notifications::queue(&mut tx, &n).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Moves the ticket to `target` inside `tx`: the status, its history
/// period and the audit entry. A ticket changed since it was read (another
/// status, or another version when one is expected) is a conflict.
pub(crate) async fn move_status(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    ticket: &Ticket,
    target: &atbalsts_domain::workflow::Status,
    expected_version: Option<i64>,
    actor_id: i64,
    now: i64,
) -> Result<()> {
    let resolved_at = target
        .category
        .is_done()
        .then_some(ticket.resolved_at.unwrap_or(now));
    let updated = sqlx::query(
        "UPDATE tickets SET status = $1, status_category = $2, resolved_at = $3, updated_at = $4, version = version + 1 \
         WHERE id = $5 AND status = $6 AND ($7 IS NULL OR version = $7)",
    )
    .bind(&target.code)
    .bind(target.category.code())
    .bind(resolved_at)
    .bind(now)
    .bind(ticket.id)
    .bind(&ticket.status)
    .bind(expected_version)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(StoreError::Conflict("error-ticket-changed"));
    }
    sqlx::query(
        "UPDATE ticket_status_history SET left_at = $1 WHERE ticket_id = $2 AND left_at IS NULL",
    )
    .bind(now)
    .bind(ticket.id)
    .execute(&mut **tx)
    .await?;
    super::open_status_period(
        &mut **tx,
        ticket.id,
        &target.code,
        target.category.code(),
        now,
        actor_id,
    )
    .await?;
    if target.category == atbalsts_domain::StatusCategory::Resolved {
        crate::satisfaction::open(tx, ticket.id, now).await?;
    }
    record_change(
        tx,
        ticket.id,
        actor_id,
        now,
        "status",
        Some(&ticket.status),
        Some(&target.code),
    )
    .await
}

/// A problem is done only with its root cause named: enforced here, so
/// the pages, the API and bulk edits alike are held to it.
async fn may_finish(
    db: &Db,
    ticket: &Ticket,
    target: &atbalsts_domain::workflow::Status,
) -> Result<()> {
    if ticket.ticket_type == "problem" && target.category.is_done() {
        let named = sqlx::query("SELECT root_cause_id FROM tickets WHERE id = $1")
            .bind(ticket.id)
            .fetch_one(db.read())
            .await?
            .try_get::<Option<i64>, _>(0)?
            .is_some();
        if !named {
            return Err(StoreError::invalid(
                "root_cause",
                "error-root-cause-required",
            ));
        }
    }
    Ok(())
}

/// A public reply and the move to the workflow's resolved status in one
/// transaction: when the ticket may not be resolved from where it is (no
/// such status next, a problem without its root cause, a stale page),
/// nothing is written. `compose_reply` and `compose_status` make the
/// notifications of each, as `add_comment_notifying` and
/// `transition_notifying` do.
#[allow(clippy::too_many_arguments)]
pub async fn reply_and_resolve(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    body: &str,
    files: &[super::NewAttachment],
    expected_version: Option<i64>,
    compose_reply: impl FnOnce(i64) -> Vec<crate::notifications::NewNotification>,
    compose_status: impl FnOnce(&workflows::StatusInfo) -> Vec<crate::notifications::NewNotification>,
) -> Result<()> {
    use atbalsts_domain::StatusCategory;
    if !viewer.is_staff_on(ticket.desk_id) {
        return Err(StoreError::Forbidden);
    }
    let (workflow, statuses) = workflows::workflow(db, ticket.workflow_id).await?;
    let target = workflow
        .next_statuses(&ticket.status)
        .into_iter()
        .find(|s| s.category == StatusCategory::Resolved)
        .ok_or_else(|| StoreError::invalid("status", "error-cannot-resolve"))?
        .clone();
    may_finish(db, ticket, &target).await?;
    let now = now_ms();
    let sla = crate::sla::prepare(db, ticket.desk_id).await?;
    let mut tx = db.write().begin().await?;
    let version: i64 = sqlx::query("SELECT version FROM tickets WHERE id = $1")
        .bind(ticket.id)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    if expected_version.is_some_and(|v| v != version) {
        return Err(StoreError::Conflict("error-ticket-changed"));
    }
    let id = super::comments::insert(&mut tx, viewer, ticket, body, true, files, None, now).await?;
    move_status(&mut tx, ticket, &target, None, viewer.user_id, now).await?;
    crate::sla::refresh(&mut tx, &sla, ticket.id, now).await?;
    let mut notices = compose_reply(id);
    if let Some(info) = statuses.iter().find(|s| s.code == target.code) {
        notices.extend(compose_status(info));
    }
    for n in notices {
        crate::notifications::queue(&mut tx, &n).await?;
    }
    tx.commit().await?;
    Ok(())
}
