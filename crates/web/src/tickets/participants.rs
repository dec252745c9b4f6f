//! Participants and watchers from the ticket page: staff add customers to
//! copy on a request, watch it themselves, and remove people.

use super::view::{render, FormEcho};
use crate::csrf::CsrfOnly;
use crate::flash::{self, Flash};
use crate::ticket_keys::OnTicket;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::Email;
use atbalsts_store::tickets::participants::{self, Role};
use atbalsts_store::tickets::Ticket;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

fn back(ticket: &Ticket, done: Flash) -> Response {
    flash::redirect(&format!("/tickets/{}#people", ticket.key), done)
}

#[derive(Deserialize)]
pub struct AddForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    /// `participant` with `email`, or `watch` (the viewer themselves).
    #[serde(default)]
    action: String,
    #[serde(default)]
    email: String,
}

pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<AddForm>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf).await?;
    let watch = form.action == "watch";
    let outcome = async {
        let (email, role) = if watch {
            let me = ctx.user().ok_or(AppError::NotFound)?;
            (
                Email::parse(&me.email).map_err(|_| AppError::NotFound)?,
                Role::Watcher,
            )
        } else {
            let email = Email::parse(form.email.trim()).map_err(|c| {
                AppError::Invalid(atbalsts_domain::FieldError::new("participant_email", c).into())
            })?;
            (email, Role::Participant)
        };
        participants::add(&state.db, viewer, &ticket, &email, role).await?;
        Ok::<_, AppError>(())
    }
    .await;
    match outcome {
        Ok(()) if watch => Ok(back(&ticket, Flash::Watching)),
        Ok(()) => Ok(back(&ticket, Flash::ParticipantAdded)),
        Err(AppError::Invalid(errors)) => {
            let echo = FormEcho {
                participant_email: Some(form.email),
                participant_errors: errors.0,
                ..Default::default()
            };
            tracing::info!(ticket = %ticket.key, "participant refused");
            render(
                &state,
                &ctx,
                &ticket,
                StatusCode::UNPROCESSABLE_ENTITY,
                echo,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((key, user_id)): Path<(String, i64)>,
    Form(form): Form<CsrfOnly>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf).await?;
    participants::remove(&state.db, viewer, &ticket, user_id).await?;
    Ok(back(&ticket, Flash::ParticipantRemoved))
}
