//! The ticket core: creation with gapless per-desk keys, reads scoped by
//! the viewer, comments, attachments, workflow transitions and the audit
//! history they leave.

pub mod approvals;
mod attachments;
mod comments;
mod create;
pub mod customer;
mod history;
pub mod intake;
mod links;
pub mod merge;
pub mod participants;
mod read;
mod transition;
mod triage;
mod visibility;

pub use attachments::{attachment_for, attachments_of, Attachment, NewAttachment};
pub use comments::{
    add_comment, add_comment_notifying, add_comment_with_mail, comments_of, Comment, MailOrigin,
};
pub use create::{create_ticket, create_ticket_notifying, Actor, Contact, Created, NewTicket};
pub use history::{changes_of, status_history_of, Change, StatusPeriod};
pub use links::{add_link, links_of, remove_link, Link};
pub use read::{
    count_tickets, list_tickets, navigation_counts, ticket_by_id, ticket_by_key, ticket_for,
    ticket_with_fields_for, Cursor, Page, Sort, Ticket, TicketFilter,
};
pub use transition::{reopen_on_reply, reply_and_resolve, transition, transition_notifying};
pub use triage::{assign, matrix_of, set_matrix, triage, Triage};
pub(crate) use visibility::push_visible;

use crate::Result;
use sqlx::{Any, Executor};

/// Records one field change in the audit history, and notes the ticket in
/// the search change log: every change and creation passes through here.
pub(crate) async fn record_change(
    conn: &mut sqlx::AnyConnection,
    ticket_id: i64,
    actor_id: i64,
    at: i64,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO ticket_changes (ticket_id, actor_id, at, field, old_value, new_value) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(ticket_id)
    .bind(actor_id)
    .bind(at)
    .bind(field)
    .bind(old.map(str::to_owned))
    .bind(new.map(str::to_owned))
    .execute(&mut *conn)
    .await?;
    crate::search_log::note(&mut *conn, crate::search_log::TICKET, ticket_id).await?;
    Ok(())
}

/// Opens a period in the status history (the KPIs measure time per status from it).
pub(crate) async fn open_status_period<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    ticket_id: i64,
    status: &str,
    category: &str,
    at: i64,
    actor_id: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO ticket_status_history (ticket_id, status, status_category, entered_at, actor_id) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(ticket_id)
    .bind(status)
    .bind(category)
    .bind(at)
    .bind(actor_id)
    .execute(ex)
    .await?;
    Ok(())
}

/// Records an inbound Message-ID on a ticket; a second record of the same
/// message fails with a unique violation (`StoreError::is_unique_violation`).
pub(crate) async fn record_mail_message(
    tx: &mut sqlx::Transaction<'static, Any>,
    message_id: &str,
    ticket_id: i64,
    now: i64,
) -> crate::Result<()> {
    sqlx::query(
        "INSERT INTO mail_messages (message_id, ticket_id, direction, created_at) VALUES ($1, $2, 'in', $3)",
    )
    .bind(message_id)
    .bind(ticket_id)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
