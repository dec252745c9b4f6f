//! Reports through the API: the figures of a report page as JSON, for the
//! same filter (`/api/v1/reports/{DESK}/volume?preset=last_month&split=channel`,
//! `…/speed`).
//! A filter problem is a 400 with field errors, not a report of defaults.

use super::auth::ApiCaller;
use crate::{AppError, AppResult, AppState};
use atbalsts_domain::reports::{ReportFilter, ReportFilterForm};
use axum::extract::{Path, Query, State};
use axum::response::Response;

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
        "volume" => crate::reports::volume::json_of(&state, desk.id, &filter).await,
        "speed" => crate::reports::speed::json_of(&state, desk.id, &filter).await,
        _ => Err(AppError::NotFound),
    }
}
