//! The agent workspace through the API: links between tickets and triage
//! (impact, urgency, priority with its reason, team, assignee, category,
//! root cause). The same calls as the ticket page, so the ITIL link rules
//! and the root-cause rule hold alike.

use super::auth::ApiCaller;
use super::json::ApiJson;
use crate::{AppError, AppResult, AppState};
use atbalsts_domain::link::LinkKind;
use atbalsts_domain::triage::Level;
use atbalsts_domain::{FieldError, FieldErrors, Priority};
use atbalsts_store::tickets::{self, Triage};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

pub(super) async fn links(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
) -> AppResult<Json<Value>> {
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    if !viewer.is_staff_on(ticket.desk_id) {
        return Err(AppError::NotFound);
    }
    Ok(Json(
        json!({ "items": tickets::links_of(&state.db, ticket.id).await? }),
    ))
}

#[derive(Deserialize)]
pub(super) struct LinkBody {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    to: String,
}

pub(super) async fn add_link(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
    ApiJson(body): ApiJson<LinkBody>,
) -> AppResult<(StatusCode, Json<Value>)> {
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    let kind = LinkKind::parse(&body.kind)
        .map_err(|c| AppError::Invalid(FieldError::new("kind", c).into()))?;
    let other = super::visible_ticket(&state, &viewer, body.to.trim())
        .await
        .map_err(|_| AppError::Invalid(FieldError::new("to", "error-link-target").into()))?;
    let id = tickets::add_link(&state.db, &viewer, &ticket, &other, kind).await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}

pub(super) async fn remove_link(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path((key, id)): Path<(String, i64)>,
) -> AppResult<StatusCode> {
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    tickets::remove_link(&state.db, &viewer, &ticket, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Fields left out keep their value; `priority: null` hands the priority
/// back to the matrix.
#[derive(Deserialize)]
pub(super) struct TriageBody {
    impact: Option<String>,
    urgency: Option<String>,
    #[serde(default, deserialize_with = "present")]
    priority: Option<Option<String>>,
    priority_reason: Option<String>,
    #[serde(default, deserialize_with = "present")]
    team_id: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    assignee_id: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    category_id: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    root_cause_id: Option<Option<i64>>,
    version: Option<i64>,
}

/// Tells a field that is `null` (`Some(None)`) from one left out (`None`).
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

pub(super) async fn triage(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
    ApiJson(body): ApiJson<TriageBody>,
) -> AppResult<Json<Value>> {
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    let mut t: Triage = crate::ticket_events::current_triage(&ticket);
    let mut errors = FieldErrors::default();
    if let Some(i) = &body.impact {
        t.impact = errors.check(Level::parse(i), "impact").or(t.impact);
    }
    if let Some(u) = &body.urgency {
        t.urgency = errors.check(Level::parse(u), "urgency").or(t.urgency);
    }
    match &body.priority {
        Some(Some(p)) => t.priority = errors.check(Priority::parse(p), "priority"),
        Some(None) => t.priority = None,
        None => {}
    }
    if let Some(r) = &body.priority_reason {
        t.reason = r.clone();
    }
    for (field, value) in [
        (&mut t.team_id, body.team_id),
        (&mut t.assignee_id, body.assignee_id),
        (&mut t.category_id, body.category_id),
        (&mut t.root_cause_id, body.root_cause_id),
    ] {
        if let Some(v) = value {
            *field = v;
        }
    }
    errors.into_result().map_err(AppError::Invalid)?;
    crate::ticket_events::triage(&state, &viewer, &ticket, &t, body.version).await?;
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    Ok(Json(json!(ticket)))
}
