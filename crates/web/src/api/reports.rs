//! Reports through the API: the figures of a report page as JSON, for the
//! same filter (`/api/v1/reports/{DESK}/volume?preset=last_month&split=channel`,
//! `…/speed`, `…/sla`, `…/service-cases`, `…/satisfaction`).
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
        "sla" => sla_json(&state, desk.id, &filter).await,
        "service-cases" => service_cases_json(&state, desk.id, &filter).await,
        "satisfaction" => satisfaction_json(&state, desk.id, &filter).await,
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

/// An instant as RFC 3339 in Riga time.
fn riga_instant(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| {
            t.to_zoned(atbalsts_domain::reports::periods::riga())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string()
        })
        .unwrap_or_default()
}

/// SLA compliance as JSON: per goal, policy, team, service and month, the
/// goals measured, met and breached, compliance (0..1) and business
/// seconds used (distribution) against the target. `has_data` false is the
/// page's "no SLA data".
async fn sla_json(state: &AppState, desk_id: i64, filter: &ReportFilter) -> AppResult<Response> {
    let report = atbalsts_store::reports::sla::sla(&state.db, desk_id, filter).await?;
    let rows = |rows: &[atbalsts_store::reports::sla::SlaRow]| -> Vec<serde_json::Value> {
        rows.iter()
            .map(|r| {
                json!({
                    "key": r.key,
                    "labels": r.labels,
                    "goal": r.goal,
                    "measured": r.figures.measured,
                    "met": r.figures.met,
                    "breached": r.figures.breached,
                    "compliance": r.figures.compliance(),
                    "used_secs": r.figures.used,
                    "target_secs": r.figures.target,
                })
            })
            .collect()
    };
    Ok(axum::Json(json!({
        "report": "sla",
        "from": filter.from.to_string(),
        "to": filter.to.to_string(),
        "has_data": report.has_data(),
        "total": rows(&report.total),
        "policies": rows(&report.policies),
        "teams": rows(&report.teams),
        "services": rows(&report.services),
        "months": rows(&report.months),
    }))
    .into_response())
}

/// Service cases as JSON: count and minutes (sum, median) for the desk and
/// per service, channel, outcome, employee and period (`key` the first day).
async fn service_cases_json(
    state: &AppState,
    desk_id: i64,
    filter: &ReportFilter,
) -> AppResult<Response> {
    let report = atbalsts_store::service_cases::report(&state.db, desk_id, filter).await?;
    Ok(axum::Json(json!({
        "report": "service-cases",
        "from": filter.from.to_string(),
        "to": filter.to.to_string(),
        "period": report.periods.period,
        "total": report.total,
        "services": report.services,
        "channels": report.channels,
        "outcomes": report.outcomes,
        "employees": report.employees,
        "periods": report.periods_rows,
    }))
    .into_response())
}

/// Satisfaction as JSON: the page's figures (surveys, answers, scores 1–5,
/// mean, response rate) for the desk, teams, agents and services, and the
/// newest comments with how many there are.
async fn satisfaction_json(
    state: &AppState,
    desk_id: i64,
    filter: &ReportFilter,
) -> AppResult<Response> {
    use atbalsts_domain::reports::periods::riga_midnight;
    use atbalsts_store::satisfaction::{comments, summary_filtered, Figures, Group};
    let from = riga_midnight(filter.from);
    let to = riga_midnight(filter.to.tomorrow().unwrap_or(filter.to));
    let report = summary_filtered(&state.db, desk_id, from, to, Some(filter)).await?;
    let (listed, total_comments) = comments(&state.db, desk_id, from, to, Some(filter), 50).await?;
    let figures = |f: &Figures| {
        json!({
            "surveys": f.surveys,
            "answers": f.answers,
            "distribution": f.distribution,
            "mean": f.mean(),
            "response_rate": f.response_rate(),
        })
    };
    let groups = |gs: &[Group]| -> Vec<serde_json::Value> {
        gs.iter()
            .map(|g| json!({ "name": g.name, "figures": figures(&g.figures) }))
            .collect()
    };
    let listed: Vec<_> = listed
        .iter()
        .map(|c| {
            json!({
                "score": c.score,
                "comment": c.comment,
                "ticket": c.ticket_key,
                "team": c.team,
                "answered_at": riga_instant(c.answered_at),
            })
        })
        .collect();
    Ok(axum::Json(json!({
        "report": "satisfaction",
        "from": filter.from.to_string(),
        "to": filter.to.to_string(),
        "total": figures(&report.total),
        "teams": groups(&report.teams),
        "agents": groups(&report.agents),
        "services": groups(&report.services),
        "comments": listed,
        "comments_total": total_comments,
    }))
    .into_response())
}
