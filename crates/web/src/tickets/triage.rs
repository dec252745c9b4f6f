//! Triage from the ticket page: impact, urgency, priority (an override
//! needs a reason), team and assignee in one form.

use super::view::{load, render, FormEcho};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::triage::Level;
use atbalsts_domain::{FieldErrors, Priority};
use atbalsts_store::tickets::Triage;
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
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
    assignee: String,
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
    ctx.check_csrf(&form.csrf)?;
    let viewer = ctx.viewer()?;
    let ticket = load(&state, viewer, &key).await?;
    let mut errors = FieldErrors::default();
    let impact = errors.check(Level::parse(&form.impact), "impact");
    let urgency = errors.check(Level::parse(&form.urgency), "urgency");
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
                assignee_id: id(&form.assignee),
                category_id: id(&form.category),
                root_cause_id: id(&form.root_cause),
            };
            crate::ticket_events::triage(&state, viewer, &ticket, &triage, form.version).await
        }
        _ => Err(AppError::Invalid(errors)),
    };
    let (status, echo) = match outcome {
        Ok(()) => {
            return Ok((
                StatusCode::SEE_OTHER,
                [(LOCATION, format!("/tickets/{}", ticket.key))],
            )
                .into_response())
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
