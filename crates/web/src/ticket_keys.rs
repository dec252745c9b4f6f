//! Tickets as paths name them (`KISC-42`): the key, the ticket if the
//! viewer may see it (404 otherwise), what every ticket action begins
//! with ([`OnTicket`]), and what several features ask of a ticket.

use crate::{AppError, AppResult, AppState, Ctx};
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

/// What every handler of `/tickets/{key}/...` begins with: the signed-in
/// viewer and the ticket of the path if they may see it. A ticket they may
/// not see answers 404, as one that does not exist; so does a staff-only
/// action asked by someone who is not staff of the ticket's desk.
pub(crate) struct OnTicket<'c> {
    pub viewer: &'c Viewer,
    pub ticket: Ticket,
}

impl<'c> OnTicket<'c> {
    /// For a posted form: its CSRF token `csrf` is checked first.
    pub(crate) async fn form(
        state: &AppState,
        ctx: &'c Ctx,
        key: &str,
        csrf: &str,
    ) -> AppResult<Self> {
        ctx.check_csrf(csrf)?;
        Self::read(state, ctx, key).await
    }

    /// For a page, or a multipart form (`uploads::parse` checks its token
    /// before the first file).
    pub(crate) async fn read(state: &AppState, ctx: &'c Ctx, key: &str) -> AppResult<Self> {
        let viewer = ctx.viewer()?;
        let ticket = load(state, viewer, key).await?;
        Ok(Self { viewer, ticket })
    }

    /// Only for staff of the ticket's desk.
    pub(crate) fn staff_only(self) -> AppResult<Self> {
        if self.is_staff() {
            Ok(self)
        } else {
            Err(AppError::NotFound)
        }
    }

    pub(crate) fn is_staff(&self) -> bool {
        self.viewer.is_staff_on(self.ticket.desk_id)
    }
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
