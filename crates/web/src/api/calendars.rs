//! Business calendars through the API: the calendars of the caller's desks,
//! and every non-ordinary date of one calendar's year (public holidays by
//! rule, shortened days before them, moved and declared days).

use super::auth::ApiCaller;
use crate::{AppError, AppResult, AppState};
use atbalsts_domain::sla::calendar::{FIRST_YEAR, LAST_YEAR};
use atbalsts_domain::{Locale, Viewer};
use atbalsts_store::desks;
use atbalsts_store::sla::calendars;
use axum::extract::{Path, Query, State};
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::collections::HashMap;

/// The desks whose calendars the caller reads: those they work on as staff
/// (every desk for a system administrator).
async fn desks_of(state: &AppState, viewer: &Viewer) -> AppResult<Vec<i64>> {
    if viewer.is_system_admin {
        Ok(desks::list_desks(&state.db)
            .await?
            .into_iter()
            .map(|d| d.id)
            .collect())
    } else {
        Ok(viewer.staff_desks())
    }
}

pub(super) async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
) -> AppResult<Response> {
    let mut out = Vec::new();
    for desk in desks_of(&state, &viewer).await? {
        for c in calendars::list(&state.db, desk).await? {
            out.push(json!({
                "id": c.id,
                "desk_id": desk,
                "code": c.code,
                "name_lv": c.name_lv,
                "name_en": c.name_en,
                "time_zone": c.time_zone,
                "always_open": c.always_open,
            }));
        }
    }
    Ok(Json(json!({ "calendars": out })).into_response())
}

pub(super) async fn days(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(id): Path<i64>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let Some(cal) = calendars::get(&state.db, id).await? else {
        return Err(AppError::NotFound);
    };
    if !desks_of(&state, &viewer).await?.contains(&cal.desk_id) {
        return Err(AppError::NotFound);
    }
    // A missing, unreadable or out-of-range year is one field error.
    let year = q
        .get("year")
        .and_then(|y| y.trim().parse::<i16>().ok())
        .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y));
    let Some(year) = year else {
        // As every API error: the caller's language, English by default.
        let locale = headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Locale::from_accept_language)
            .unwrap_or(Locale::En);
        let code = "error-sla-year";
        let body = json!({ "error": {
            "code": "error-invalid",
            "message": state.i18n.t(locale, "error-invalid"),
            "fields": [{ "field": "year", "code": code, "message": state.i18n.t(locale, code) }],
        }});
        return Ok((StatusCode::BAD_REQUEST, Json(body)).into_response());
    };
    let days: Vec<_> = cal
        .calendar
        .special_days(year)
        .into_iter()
        .map(|d| {
            json!({
                "date": d.date.to_string(),
                "kind": d.kind.code(),
                "name_lv": d.name_lv,
                "name_en": d.name_en,
            })
        })
        .collect();
    Ok(Json(json!({ "calendar_id": cal.id, "year": year, "days": days })).into_response())
}
