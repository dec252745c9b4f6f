//! Triage from the ticket page: impact, urgency, priority (an override
//! needs a reason), team, category and root cause in one form. Only what
//! changed is written; the assignee has its own form (`assign.rs`).

use super::view::{load, render, FormEcho};
use crate::flash::{self, Flash};
use crate::ticket_keys::OnTicket;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::triage::Level;
use atbalsts_domain::{FieldErrors, Priority};
use atbalsts_store::tickets::Triage;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct TriageForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    impact: String,
    #[serde(default)]
    urgency: String,
    /// Empty: the matrix decides.
    #[serde(default)]
    priority: String,
    #[serde(default)]
    priority_reason: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    root_cause: String,
    version: Option<i64>,
    /// When the page was opened, to show what changed since on a conflict.
    seen_at: Option<i64>,
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<TriageForm>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf).await?;
    let mut errors = FieldErrors::default();
    // Empty: not chosen, offered only while the ticket has no level.
    let level = |raw: &str, current: Option<Level>, errors: &mut FieldErrors, name| match raw {
        "" => Some(current),
        raw => errors.check(Level::parse(raw).map(Some), name),
    };
    let impact = level(&form.impact, ticket.impact, &mut errors, "impact");
    let urgency = level(&form.urgency, ticket.urgency, &mut errors, "urgency");
    let priority = if form.priority.is_empty() {
        Some(None)
    } else {
        errors.check(Priority::parse(&form.priority).map(Some), "priority")
    };
    let id = |s: &str| s.parse::<i64>().ok();
    let outcome = match (impact, urgency, priority) {
        (Some(impact), Some(urgency), Some(priority)) if errors.is_empty() => {
            let triage = Triage {
                impact,
                urgency,
                priority,
                reason: form.priority_reason.clone(),
                team_id: id(&form.team),
                assignee_id: ticket.assignee_id,
                category_id: id(&form.category),
                root_cause_id: id(&form.root_cause),
            };
            crate::ticket_events::triage(&state, viewer, &ticket, &triage, form.version).await
        }
        _ => Err(AppError::Invalid(errors)),
    };
    let (status, echo) = match outcome {
        Ok(()) => {
            return Ok(flash::redirect(
                &format!("/tickets/{}", ticket.key),
                Flash::Triaged,
            ))
        }
        Err(AppError::Conflict(code)) => (
            StatusCode::CONFLICT,
            FormEcho {
                notice: Some(code),
                changed_since: form.seen_at,
                priority_reason: form.priority_reason.clone(),
                ..Default::default()
            },
        ),
        Err(AppError::Invalid(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            FormEcho {
                triage_errors: errors,
                priority_reason: form.priority_reason.clone(),
                ..Default::default()
            },
        ),
        Err(other) => return Err(other),
    };
    let fresh = load(&state, viewer, &key).await?;
    render(&state, &ctx, &fresh, status, echo).await
}
