//! *Problem solved* and *Reopen*: a customer moves their own request along
//! the workflow. Only its requester (or institution viewers where granted)
//! may; anyone else gets 404, as for a request they cannot see.

use super::view::{load, render, Echo};
use crate::flash::{self, Flash};
use crate::ticket_keys::OnTicket;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_mail::notices::Notices;
use atbalsts_store::tickets::customer;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

#[derive(Clone, Copy)]
enum Action {
    Solved,
    Reopen,
}

pub async fn solved(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    act(state, ctx, key, form, Action::Solved).await
}

pub async fn reopen(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    act(state, ctx, key, form, Action::Reopen).await
}

async fn act(
    state: AppState,
    ctx: Ctx,
    key: String,
    form: ConfirmForm,
    action: Action,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf).await?;
    let notices = Notices::for_transition(&state.db, viewer.user_id, &ticket).await?;
    let compose = |status: &atbalsts_store::workflows::StatusInfo| {
        notices.transition(&state.composer, &ticket, status)
    };
    let outcome = match action {
        Action::Solved => customer::confirm_solved(&state.db, viewer, &ticket, compose).await,
        Action::Reopen => customer::reopen(&state.db, viewer, &ticket, compose).await,
    };
    let confirmation = match action {
        Action::Solved => Flash::Solved,
        Action::Reopen => Flash::Reopened,
    };
    match outcome.map_err(AppError::from) {
        Ok(()) => Ok(flash::redirect(
            &format!("/tickets/{}", ticket.key),
            confirmation,
        )),
        Err(AppError::Invalid(errors)) => {
            let notice = errors.0.first().map(|e| e.code).unwrap_or("error-invalid");
            let fresh = load(&state, viewer, &key).await?;
            render(
                &state,
                &ctx,
                &fresh,
                StatusCode::UNPROCESSABLE_ENTITY,
                Echo {
                    notice: Some(notice),
                    ..Default::default()
                },
            )
            .await
        }
        Err(AppError::Conflict(code)) => {
            let fresh = load(&state, viewer, &key).await?;
            render(
                &state,
                &ctx,
                &fresh,
                StatusCode::CONFLICT,
                Echo {
                    notice: Some(code),
                    ..Default::default()
                },
            )
            .await
        }
        Err(other) => Err(other),
    }
}
