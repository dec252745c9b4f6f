//! The satisfaction answer through the API (issue 18): staff of the desk
//! and the requester read it (`{score, comment, answered_at}` or null);
//! the requester answers with `PUT {"score": 1..5, "comment": "..."}`,
//! under the same rules as the pages (one answer, changeable for 7 days).
//! Anyone else gets 404.

use super::auth::ApiCaller;
use super::json::ApiJson;
use crate::{AppError, AppResult, AppState};
use atbalsts_domain::satisfaction::{Answer, AnswerForm};
use atbalsts_domain::Viewer;
use atbalsts_store::satisfaction::{self, Survey};
use atbalsts_store::tickets::Ticket;
use axum::extract::{Path, State};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

/// Whether `viewer` may read the ticket's answer: staff, or its requester.
fn may_read(viewer: &Viewer, ticket: &Ticket) -> bool {
    viewer.is_staff_on(ticket.desk_id) || viewer.user_id == ticket.requester_id
}

/// The answer as the ticket JSON carries it, or null.
pub(super) fn answer_json(survey: Option<&Survey>) -> Value {
    match survey {
        Some(s) if s.score.is_some() => json!({
            "score": s.score,
            "comment": s.comment,
            "answered_at": s.answered_at,
            "changed_at": s.changed_at,
        }),
        _ => Value::Null,
    }
}

/// The `satisfaction` member of the ticket JSON for `viewer`.
pub(super) async fn for_ticket(
    state: &AppState,
    viewer: &Viewer,
    ticket: &Ticket,
) -> AppResult<Value> {
    if !may_read(viewer, ticket) {
        return Ok(Value::Null);
    }
    let survey = satisfaction::survey_of(&state.db, ticket.id).await?;
    Ok(answer_json(survey.as_ref()))
}

async fn readable(state: &AppState, viewer: &Viewer, key: &str) -> AppResult<Ticket> {
    let ticket = super::visible_ticket(state, viewer, key).await?;
    if !may_read(viewer, &ticket) {
        return Err(AppError::NotFound);
    }
    Ok(ticket)
}

fn body(survey: Option<&Survey>) -> Value {
    json!({
        "surveyed": survey.is_some(),
        "open_until": survey.map(|s| s.open_until()),
        "satisfaction": answer_json(survey),
    })
}

pub(super) async fn get(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
) -> AppResult<Json<Value>> {
    let ticket = readable(&state, &viewer, &key).await?;
    let survey = satisfaction::survey_of(&state.db, ticket.id).await?;
    Ok(Json(body(survey.as_ref())))
}

#[derive(Deserialize)]
pub(super) struct AnswerBody {
    score: Option<serde_json::Value>,
    #[serde(default)]
    comment: String,
}

pub(super) async fn put(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
    ApiJson(b): ApiJson<AnswerBody>,
) -> AppResult<Json<Value>> {
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    if viewer.user_id != ticket.requester_id {
        return Err(AppError::NotFound);
    }
    let form = AnswerForm {
        score: match b.score {
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(s)) => s,
            _ => String::new(),
        },
        comment: b.comment,
    };
    let answer = Answer::parse(&form).map_err(AppError::Invalid)?;
    let saved =
        crate::ticket_events::answer_survey(&state, &ticket, viewer.user_id, &answer).await?;
    Ok(Json(body(Some(&saved))))
}
