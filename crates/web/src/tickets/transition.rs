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
pub struct TransitionForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    to: String,
    version: Option<i64>,
    /// When the page was opened, to show what changed since on a conflict.
    seen_at: Option<i64>,
}

/// Moves the ticket along its workflow. A stale page (someone else changed
/// the ticket meanwhile) gets the fresh ticket and a message, not an overwrite.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<TransitionForm>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf).await?;
    match crate::ticket_events::transition(&state, viewer, &ticket, &form.to, form.version).await {
        Ok(()) => Ok(flash::redirect(
            &format!("/tickets/{}", ticket.key),
            Flash::StatusChanged,
        )),
        Err(e) => {
            let conflict = matches!(e, AppError::Conflict(_));
            let (status, notice) = match e {
                AppError::Conflict(code) => (StatusCode::CONFLICT, code),
                AppError::Invalid(errs) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    errs.0.first().map(|e| e.code).unwrap_or("error-invalid"),
                ),
                other => return Err(other),
            };
            let fresh = load(&state, viewer, &key).await?;
            render(
                &state,
                &ctx,
                &fresh,
                status,
                FormEcho {
                    notice: Some(notice),
                    changed_since: form.seen_at.filter(|_| conflict),
                    ..Default::default()
                },
            )
            .await
        }
    }
}
