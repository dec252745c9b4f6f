//! Approvals through the API: read a ticket's approvals, and decide as an
//! approver or as the desk's staff (`{"decision": "approve" | "reject",
//! "comment": "..."}`; a rejection needs the comment).

use super::auth::ApiCaller;
use super::json::ApiJson;
use crate::{AppError, AppResult, AppState};
use atbalsts_store::tickets::approvals::{self, Decider, Decision};
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

pub(super) async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
) -> AppResult<Json<Value>> {
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    let list = approvals::approvals_of(&state.db, ticket.id).await?;
    Ok(Json(json!({ "status": ticket.status, "approvals": list })))
}

#[derive(Deserialize)]
pub(super) struct DecisionBody {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    comment: String,
}

pub(super) async fn decide(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> AppResult<Json<Value>> {
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    if !approvals::may_decide(&state.db, &viewer, &ticket).await? {
        return Err(AppError::NotFound);
    }
    let decision = match body.decision.as_str() {
        "approve" => Decision::Approve,
        "reject" => Decision::Reject,
        _ => {
            return Err(AppError::Invalid(
                atbalsts_domain::FieldError::new("decision", "error-choice-unknown").into(),
            ))
        }
    };
    crate::ticket_events::decide_approval(
        &state,
        Decider::Person(&viewer),
        viewer.user_id,
        &ticket,
        decision,
        &body.comment,
    )
    .await?;
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    Ok(Json(json!(ticket)))
}
