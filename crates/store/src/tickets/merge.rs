//! Merging a duplicate into the ticket it repeats. The duplicate is linked
//! (`duplicate_of`) and closed with a public reply telling its requester
//! where the work goes on; its requester becomes a participant of the
//! target, so they see it and hear of its progress; the target gets an
//! internal note with the duplicate's text. Its comments and files stay
//! where they are, reached through the link. One transaction.

use super::participants::{add_in, Role};
use super::transition::move_status;
use super::{record_change, Ticket};
use crate::notifications::NewNotification;
use crate::{now_ms, workflows, Db, Result, StoreError};
use atbalsts_domain::link::LinkKind;
use atbalsts_domain::{Email, StatusCategory, Viewer};

/// The words the merge leaves, in the duplicate requester's language.
#[derive(Debug, Clone)]
pub struct MergeTexts {
    /// Public reply on the duplicate: where the work goes on.
    pub to_requester: String,
    /// Internal note on the target: what the duplicate said.
    pub note_on_target: String,
}

pub async fn merge(
    db: &Db,
    viewer: &Viewer,
    duplicate: &Ticket,
    target: &Ticket,
    texts: &MergeTexts,
    compose: impl FnOnce(&workflows::StatusInfo) -> Vec<NewNotification>,
) -> Result<()> {
    if !viewer.is_staff_on(duplicate.desk_id) || !viewer.is_staff_on(target.desk_id) {
        return Err(StoreError::Forbidden);
    }
    if duplicate.id == target.id {
        return Err(StoreError::invalid("merge_target", "error-link-self"));
    }
    if duplicate.desk_id != target.desk_id {
        return Err(StoreError::invalid("merge_target", "error-merge-desk"));
    }
    if duplicate.status_category.is_done() {
        return Err(StoreError::invalid("merge_target", "error-merge-done"));
    }
    if target.status_category == StatusCategory::Closed {
        return Err(StoreError::invalid(
            "merge_target",
            "error-merge-target-closed",
        ));
    }
    let (workflow, statuses) = workflows::workflow(db, duplicate.workflow_id).await?;
    let closed = workflow
        .statuses
        .iter()
        .find(|s| s.category == StatusCategory::Closed)
        .ok_or_else(|| StoreError::invalid("merge_target", "error-invalid"))?
        .clone();
    let now = now_ms();
    let sla = crate::sla::prepare(db, duplicate.desk_id).await?;
    let mut tx = db.write().begin().await?;
    sqlx::query(
        "INSERT INTO ticket_links (from_ticket, to_ticket, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (from_ticket, to_ticket, kind) DO NOTHING",
    )
    .bind(duplicate.id)
    .bind(target.id)
    .bind(LinkKind::DuplicateOf.code())
    .bind(viewer.user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    record_change(
        &mut tx,
        duplicate.id,
        viewer.user_id,
        now,
        "merged_into",
        None,
        Some(&target.key),
    )
    .await?;
    record_change(
        &mut tx,
        target.id,
        viewer.user_id,
        now,
        "merged_from",
        None,
        Some(&duplicate.key),
    )
    .await?;
    for (ticket, body, public) in [
        (duplicate.id, &texts.to_requester, 1),
        (target.id, &texts.note_on_target, 0),
    ] {
        sqlx::query(
            "INSERT INTO comments (ticket_id, author_id, body, is_public, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(ticket)
        .bind(viewer.user_id)
        .bind(body)
        .bind(public as i64)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    if duplicate.requester_id != target.requester_id {
        if let Ok(email) = Email::parse(&duplicate.requester_email) {
            add_in(
                &mut tx,
                target.id,
                target.requester_id,
                &email,
                &duplicate.requester_name,
                Role::Participant,
                viewer.user_id,
            )
            .await?;
        }
    }
    move_status(&mut tx, duplicate, &closed, None, viewer.user_id, now).await?;
    crate::sla::refresh(&mut tx, &sla, duplicate.id, now).await?;
    if let Some(info) = statuses.iter().find(|s| s.code == closed.code) {
        for n in compose(info) {
            crate::notifications::queue(&mut tx, &n).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
