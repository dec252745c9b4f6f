//! Tickets as paths name them (`KISC-42`): the key, the ticket if the
//! viewer may see it (404 otherwise), and what several features ask of it.

use crate::AppState;
use crate::{AppError, AppResult};
use atbalsts_domain::{TicketKey, Viewer};
use atbalsts_store::tickets::{ticket_for, Ticket};

/// The key in a path; 404 when it is not one.
pub(crate) fn parse_key(raw: &str) -> AppResult<TicketKey> {
    TicketKey::parse(raw).ok_or(AppError::NotFound)
}

/// The ticket with key `key`, if the viewer may see it; 404 otherwise.
pub(crate) async fn load(state: &AppState, viewer: &Viewer, key: &str) -> AppResult<Ticket> {
    let key = parse_key(key)?;
    ticket_for(&state.db, viewer, &key)
        .await?
        .ok_or(AppError::NotFound)
}

/// The key prefix of the ticket's desk (`KISC` of `KISC-42`).
pub(crate) fn desk_prefix(ticket: &Ticket) -> &str {
    ticket
        .key
        .rsplit_once('-')
        .map(|(p, _)| p)
        .unwrap_or(&ticket.key)
}

/// Whether a draft may be made from the ticket: a resolved (or closed)
/// incident or problem.
pub(crate) fn may_draft_from(ticket: &Ticket) -> bool {
    matches!(ticket.ticket_type.as_str(), "incident" | "problem")
        && ticket.status_category.is_done()
}
