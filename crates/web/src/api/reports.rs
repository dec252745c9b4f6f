//! Reports through the API: the figures of a report page as JSON, for the
//! same filter (`/api/v1/reports/{DESK}/volume?preset=last_month&split=channel`,
//! `…/speed`, `…/backlog`, `…/quality`, `…/sla`, `…/service-cases`,
//! `…/satisfaction`).
//! A filter problem is a 400 with field errors, not a report of defaults.

use super::auth::ApiCaller;
use crate::{AppError, AppResult, AppState};
use atbalsts_domain::reports::{ReportFilter, ReportFilterForm};
use atbalsts_store::reports::backlog::{backlog, AGE_CODES};
use atbalsts_store::reports::quality::{quality, share};
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
        "backlog" => backlog_json(&state, desk.id, &filter).await,
        "quality" => quality_json(&state, desk.id, &filter).await,
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
    let periods = periods_json(&report.periods);
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
fn instant(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| {
            t.to_zoned(atbalsts_domain::reports::periods::riga())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string()
        })
        .unwrap_or_default()
}

/// The periods of a report: first day, start and end (RFC 3339, Riga).
fn periods_json(periods: &atbalsts_domain::reports::Periods) -> Vec<serde_json::Value> {
    periods
        .buckets
        .iter()
        .map(|b| json!({ "first_day": b.first_day.to_string(), "start": instant(b.start_ms), "end": instant(b.end_ms) }))
        .collect()
}

/// The backlog as JSON: each instant (a period's end or now) with, per
/// split value, the open tickets by age bucket (codes in `ages`).
async fn backlog_json(
    state: &AppState,
    desk_id: i64,
    filter: &ReportFilter,
) -> AppResult<Response> {
    let report = backlog(&state.db, desk_id, filter, atbalsts_store::now_ms()).await?;
    let snapshots: Vec<_> = report
        .snapshots
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let series: Vec<_> = report
                .series
                .iter()
                .map(|g| {
                    let ages: serde_json::Map<String, serde_json::Value> = AGE_CODES
                        .iter()
                        .zip(g.counts[i])
                        .map(|(c, n)| ((*c).to_owned(), n.into()))
                        .collect();
                    json!({ "split": g.split.key, "labels": g.split.labels, "ages": ages, "total": g.total(i) })
                })
                .collect();
            json!({
                "at": instant(s.at),
                "now": s.period.is_none(),
                "period_first_day": s.period.map(|p| report.periods.buckets[p].first_day.to_string()),
                "series": series,
            })
        })
        .collect();
    Ok(axum::Json(json!({
        "report": "backlog",
        "period": report.periods.period,
        "from": filter.from.to_string(),
        "to": filter.to.to_string(),
        "split": filter.split,
        "ages": AGE_CODES,
        "periods": periods_json(&report.periods),
        "snapshots": snapshots,
    }))
    .into_response())
}

/// Quality as JSON: per split value and period the counts and the rates
/// (percent, one decimal; null when nothing was resolved), and the
/// problems resolved per period by root cause.
async fn quality_json(
    state: &AppState,
    desk_id: i64,
    filter: &ReportFilter,
) -> AppResult<Response> {
    let report = quality(&state.db, desk_id, filter).await?;
    let n = report.periods.buckets.len();
    let series: Vec<_> = report
        .series
        .iter()
        .map(|s| {
            json!({
                "split": s.split.key,
                "labels": s.split.labels,
                "resolved": s.resolved,
                "reopened": s.reopened,
                "reopen_rate": (0..n).map(|i| share(s.reopened[i], s.resolved[i])).collect::<Vec<_>>(),
                "reassignments": s.reassignments,
                "first_line": s.first_line,
                "first_line_share": (0..n).map(|i| share(s.first_line[i], s.resolved[i])).collect::<Vec<_>>(),
            })
        })
        .collect();
    let causes: Vec<_> = report
        .root_causes
        .iter()
        .map(|c| {
            json!({
                "code": c.code,
                "labels": c.labels,
                "counts": c.counts,
                "share": (0..n).map(|i| share(c.counts[i], report.problems[i])).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(axum::Json(json!({
        "report": "quality",
        "period": report.periods.period,
        "from": filter.from.to_string(),
        "to": filter.to.to_string(),
        "split": filter.split,
        "periods": periods_json(&report.periods),
        "series": series,
        "problems_resolved": report.problems,
        "root_causes": causes,
    }))
    .into_response())
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
                "answered_at": instant(c.answered_at),
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
