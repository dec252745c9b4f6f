//! Reports through the API: the figures of a report page as JSON, for the
//! same filter (`/api/v1/reports/{DESK}/volume?preset=last_month&split=channel`,
//! `…/speed`).
//! A filter problem is a 400 with field errors, not a report of defaults.

use super::auth::ApiCaller;
use crate::{AppError, AppResult, AppState};
use atbalsts_domain::reports::{ReportFilter, ReportFilterForm};
use atbalsts_store::reports::speed::speed;
use atbalsts_store::reports::volume::volume;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::json;

pub(super) async fn report(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path((prefix, report)): Path<(String, String)>,
    Query(form): Query<ReportFilterForm>,
) -> AppResult<Response> {
    let desk = atbalsts_store::desks::desk_by_prefix(&state.db, &prefix)
        .await?
        .filter(|d| viewer.reads_reports_of(d.id))
        .ok_or(AppError::NotFound)?;
    let today = jiff::Timestamp::now()
        .to_zoned(atbalsts_domain::reports::periods::riga())
        .date();
    let (filter, errors) = ReportFilter::parse(&form, today);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    match report.as_str() {
        "volume" => volume_json(&state, desk.id, &filter).await,
        "speed" => speed_json(&state, desk.id, &filter).await,
        _ => Err(AppError::NotFound),
    }
}

/// The report as JSON for the API: the periods (first day, start and end
/// as RFC 3339 in Riga time) and each split value's counts.
async fn volume_json(state: &AppState, desk_id: i64, filter: &ReportFilter) -> AppResult<Response> {
    let report = volume(&state.db, desk_id, filter).await?;
    let tz = atbalsts_domain::reports::periods::riga();
    let instant = |ms: i64| {
        jiff::Timestamp::from_millisecond(ms)
            .map(|t| {
                t.to_zoned(tz.clone())
                    .strftime("%Y-%m-%dT%H:%M:%S%:z")
                    .to_string()
            })
            .unwrap_or_default()
    };
    let periods: Vec<_> = report
        .periods
        .buckets
        .iter()
        .map(|b| json!({ "first_day": b.first_day.to_string(), "start": instant(b.start_ms), "end": instant(b.end_ms) }))
        .collect();
    let series: Vec<_> = report
        .series
        .iter()
        .map(|s| {
            json!({
                "split": s.split.key,
                "labels": s.split.labels,
                "created": s.created,
                "resolved": s.resolved,
                "closed": s.closed,
            })
        })
        .collect();
    Ok(axum::Json(json!({
        "report": "volume",
        "period": report.periods.period,
        "from": filter.from.to_string(),
        "to": filter.to.to_string(),
        "split": filter.split,
        "periods": periods,
        "series": series,
    }))
    .into_response())
}

/// The report as JSON for the API, durations in seconds.
async fn speed_json(state: &AppState, desk_id: i64, filter: &ReportFilter) -> AppResult<Response> {
    let report = speed(&state.db, desk_id, filter).await?;
    Ok(axum::Json(serde_json::json!({
        "report": "speed",
        "from": filter.from.to_string(),
        "to": filter.to.to_string(),
        "split": filter.split,
        "rows": report.rows,
        "statuses": report.statuses,
    }))
    .into_response())
}
