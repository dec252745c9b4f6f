//! Ticket keys as paths name them (`KISC-42`).

use crate::{AppError, AppResult};
use atbalsts_domain::TicketKey;

/// The key in a path; 404 when it is not one.
pub(crate) fn parse_key(raw: &str) -> AppResult<TicketKey> {
    TicketKey::parse(raw).ok_or(AppError::NotFound)
}
