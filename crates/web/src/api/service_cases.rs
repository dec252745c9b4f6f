//! One-stop-centre service cases through the API: record a finished
//! consultation (the quick-entry page's checks, field errors alike), and
//! read the caller's own cases of one Latvian day.

use super::auth::ApiCaller;
use super::json::ApiJson;
use crate::dates::{riga_day_named, riga_day_of};
use crate::{AppError, AppResult, AppState};
use atbalsts_domain::service_case::{ServiceCaseForm, ServiceCaseInput};
use atbalsts_domain::FieldErrors;
use atbalsts_store::{now_ms, service_cases};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
pub(super) struct CaseBody {
    desk: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    channel: String,
    /// A number, or the text a form would send.
    #[serde(default)]
    minutes: Value,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    institution_id: Value,
    #[serde(default)]
    note: String,
}

fn as_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The form's field names (`case_minutes`) as the API's (`minutes`).
fn api_fields(errors: FieldErrors) -> FieldErrors {
    let mut out = FieldErrors::default();
    for e in errors.0 {
        let field = match e.field.strip_prefix("case_") {
            Some("institution") => "institution_id".to_owned(),
            Some(rest) => rest.to_owned(),
            None => e.field.clone(),
        };
        out.push(field, e.code);
    }
    out
}

pub(super) async fn create(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    ApiJson(body): ApiJson<CaseBody>,
) -> AppResult<(StatusCode, Json<Value>)> {
    // A desk the caller does not work on is as unknown as a missing one.
    let desk = state
        .desk_by_prefix(&body.desk)
        .await?
        .filter(|d| viewer.is_staff_on(d.id))
        .ok_or_else(|| {
            AppError::Invalid(atbalsts_domain::FieldError::new("desk", "error-desk-unknown").into())
        })?;
    let form = ServiceCaseForm {
        case_service: body.service,
        case_channel: body.channel,
        case_minutes: as_text(&body.minutes),
        case_outcome: body.outcome,
        case_reason: body.reason,
        case_institution: as_text(&body.institution_id),
        case_note: body.note,
    };
    let input = ServiceCaseInput::parse(&form).map_err(|e| AppError::Invalid(api_fields(e)))?;
    let id = match service_cases::record(&state.db, &viewer, desk.id, &input).await {
        Ok(id) => id,
        Err(atbalsts_store::StoreError::Invalid(e)) => {
            return Err(AppError::Invalid(api_fields(e)))
        }
        Err(e) => return Err(e.into()),
    };
    let (from, to) = riga_day_of(now_ms());
    let saved = service_cases::own_editable(&state.db, &viewer, id, from, to)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(json!(saved))))
}

#[derive(Deserialize)]
pub(super) struct DayQuery {
    #[serde(default)]
    day: String,
}

pub(super) async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Query(q): Query<DayQuery>,
) -> AppResult<Json<Value>> {
    let (from, to) = if q.day.trim().is_empty() {
        riga_day_of(now_ms())
    } else {
        riga_day_named(&q.day).map_err(|code| {
            AppError::Invalid(atbalsts_domain::FieldError::new("day", code).into())
        })?
    };
    let mut out = Vec::new();
    for desk in viewer.staff_desks() {
        out.extend(service_cases::own_between(&state.db, &viewer, desk, from, to).await?);
    }
    out.sort_by_key(|c| std::cmp::Reverse((c.created_at, c.id)));
    Ok(Json(json!({ "service_cases": out })))
}
