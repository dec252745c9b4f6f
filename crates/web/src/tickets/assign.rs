//! Assigning from the ticket page: "Assign to me" in one click, or anyone
//! of the desk's staff from the list. Nothing but the assignee changes.

use super::view::{load, render, FormEcho};
use crate::flash::{self, Flash};
use crate::ticket_keys::OnTicket;
use crate::{AppError, AppResult, AppState, Ctx};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct AssignForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    /// A staff member's id, `me`, or empty for nobody.
    #[serde(default)]
    assignee: String,
    version: Option<i64>,
    /// When the page was opened, to show what changed since on a conflict.
    seen_at: Option<i64>,
}

/// Who the form names: `Err` for something that is no one's id.
fn assignee_of(raw: &str, me: i64) -> Result<Option<i64>, AppError> {
    match raw {
        "" => Ok(None),
        "me" => Ok(Some(me)),
        id => id
            .parse()
            .map(Some)
            .map_err(|_| AppError::BadRequest("error-form-malformed")),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<AssignForm>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf).await?;
    let assignee = assignee_of(&form.assignee, viewer.user_id)?;
    let echo =
        match crate::ticket_events::assign(&state, viewer, &ticket, assignee, form.version).await {
            Ok(()) => {
                return Ok(flash::redirect(
                    &format!("/tickets/{}", ticket.key),
                    Flash::Assigned,
                ))
            }
            Err(AppError::Conflict(code)) => (
                StatusCode::CONFLICT,
                FormEcho {
                    notice: Some(code),
                    changed_since: form.seen_at,
                    ..Default::default()
                },
            ),
            Err(AppError::Invalid(errors)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                FormEcho {
                    triage_errors: errors,
                    ..Default::default()
                },
            ),
            Err(other) => return Err(other),
        };
    let fresh = load(&state, viewer, &key).await?;
    render(&state, &ctx, &fresh, echo.0, echo.1).await
}
