//! "Confirm institution": the institution of a request filed without
//! signing in is only what was typed, so no approver is asked until the
//! desk's staff confirm it; confirming asks them.

use crate::flash::{self, Flash};
use crate::ticket_keys::OnTicket;
use crate::{AppResult, AppState, Ctx};
use atbalsts_mail::compose::About;
use atbalsts_store::tickets::approvals;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct ConfirmForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

/// Staff of the desk only; anyone else (and a ticket already confirmed)
/// gets 404.
pub async fn confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf)
        .await?
        .staff_only()?;
    let about = About {
        id: ticket.id,
        desk_id: ticket.desk_id,
        key: &ticket.key,
        summary: &ticket.summary,
    };
    let asked = approvals::confirm_institution(&state.db, viewer, &ticket, |asked| {
        asked
            .iter()
            .map(|a| {
                state.composer.approval_requested(
                    about,
                    a,
                    &ticket.requester_name,
                    &ticket.description,
                )
            })
            .collect()
    })
    .await?;
    tracing::info!(ticket = %ticket.key, approvers = asked.len(), "institution confirmed");
    Ok(flash::redirect(
        &format!("/tickets/{}", ticket.key),
        Flash::InstitutionConfirmed,
    ))
}
