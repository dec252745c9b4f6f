use super::auth::ApiCaller;
use super::json::ApiJson;
use crate::ticket_keys::parse_key;
use crate::{AppError, AppResult, AppState};
use atbalsts_store::tickets::ticket_for;
use atbalsts_store::workflows;
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

/// The statuses the ticket may move to now.
pub(super) async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
) -> AppResult<Json<Value>> {
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    let (workflow, infos) = workflows::workflow(&state.db, ticket.workflow_id).await?;
    let next: Vec<Value> = if viewer.is_staff_on(ticket.desk_id) {
        workflow
            .next_statuses(&ticket.status)
            .into_iter()
            .filter_map(|s| infos.iter().find(|i| i.code == s.code))
            .map(|i| json!({ "to": i.code, "category": i.category, "names": i.labels }))
            .collect()
    } else {
        vec![]
    };
    Ok(Json(
        json!({ "status": ticket.status, "transitions": next }),
    ))
}

#[derive(Deserialize)]
pub(super) struct TransitionBody {
    #[serde(default)]
    to: String,
    version: Option<i64>,
}

pub(super) async fn perform(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
    ApiJson(body): ApiJson<TransitionBody>,
) -> AppResult<Json<Value>> {
    let key = parse_key(&key)?;
    let ticket = ticket_for(&state.db, &viewer, &key)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::ticket_events::transition(&state, &viewer, &ticket, &body.to, body.version).await?;
    let ticket = ticket_for(&state.db, &viewer, &key)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(json!(ticket)))
}
