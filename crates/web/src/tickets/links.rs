//! Linking tickets from the ticket page, and resolving a problem's
//! incidents with it (one public message to each requester).

use super::view::{load, render, FormEcho};
use crate::csrf::CsrfOnly;
use crate::flash::{self, Flash};
use crate::ticket_keys::OnTicket;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::link::LinkKind;
use atbalsts_domain::ticket::parse_long_text;
use atbalsts_domain::StatusCategory;
use atbalsts_store::tickets::{self, Ticket};
use atbalsts_store::workflows;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

fn back(ticket: &Ticket, done: Flash) -> Response {
    flash::redirect(&format!("/tickets/{}#links", ticket.key), done)
}

/// The ticket page again with a message about what was refused.
async fn refused(state: &AppState, ctx: &Ctx, ticket: &Ticket, e: AppError) -> AppResult<Response> {
    let notice = match e {
        AppError::Invalid(errors) => errors.0.first().map(|e| e.code).unwrap_or("error-invalid"),
        AppError::NotFound => "error-link-target",
        other => return Err(other),
    };
    let echo = FormEcho {
        notice: Some(notice),
        ..Default::default()
    };
    render(state, ctx, ticket, StatusCode::UNPROCESSABLE_ENTITY, echo).await
}

#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    to: String,
}

pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<LinkForm>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf).await?;
    let outcome = async {
        let kind = LinkKind::parse(&form.kind)
            .map_err(|c| AppError::Invalid(atbalsts_domain::FieldError::new("kind", c).into()))?;
        let other = load(&state, viewer, form.to.trim()).await?;
        tickets::add_link(&state.db, viewer, &ticket, &other, kind).await?;
        Ok::<_, AppError>(())
    }
    .await;
    match outcome {
        Ok(()) => Ok(back(&ticket, Flash::LinkAdded)),
        Err(e) => refused(&state, &ctx, &ticket, e).await,
    }
}

pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((key, id)): Path<(String, i64)>,
    Form(form): Form<CsrfOnly>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf).await?;
    tickets::remove_link(&state.db, viewer, &ticket, id).await?;
    Ok(back(&ticket, Flash::LinkRemoved))
}

#[derive(Deserialize)]
pub struct ResolveForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    message: String,
}

/// The open incidents caused by this problem.
pub(crate) async fn open_incidents(
    state: &AppState,
    problem: &Ticket,
) -> AppResult<Vec<tickets::Link>> {
    Ok(tickets::links_of(&state.db, problem.id)
        .await?
        .into_iter()
        .filter(|l| !l.outgoing && l.kind == LinkKind::CausedBy && !l.other_category.is_done())
        .collect())
}

/// Resolves a problem's open incidents, telling each requester.
pub async fn resolve_incidents(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<ResolveForm>,
) -> AppResult<Response> {
    let OnTicket {
        viewer,
        ticket: problem,
    } = OnTicket::form(&state, &ctx, &key, &form.csrf)
        .await?
        .staff_only()?;
    let message = match parse_long_text(&form.message, true) {
        Ok(m) => m,
        Err(code) => {
            return refused(
                &state,
                &ctx,
                &problem,
                AppError::Invalid(atbalsts_domain::FieldError::new("message", code).into()),
            )
            .await
        }
    };
    for link in open_incidents(&state, &problem).await? {
        let Some(incident) = tickets::ticket_by_id(&state.db, link.other_id).await? else {
            continue;
        };
        crate::ticket_events::comment(&state, viewer, &incident, &message, true, &[]).await?;
        let fresh = tickets::ticket_by_id(&state.db, incident.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let (workflow, _) = workflows::workflow(&state.db, fresh.workflow_id).await?;
        let to = workflow
            .next_statuses(&fresh.status)
            .into_iter()
            .find(|s| s.category == StatusCategory::Resolved)
            .map(|s| s.code.clone());
        match to {
            Some(to) => crate::ticket_events::transition(&state, viewer, &fresh, &to, None).await?,
            None => {
                tracing::info!(ticket = %fresh.key, "no resolved status reachable; left open with the message")
            }
        }
    }
    Ok(back(&problem, Flash::IncidentsResolved))
}
