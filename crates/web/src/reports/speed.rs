//! The speed report: time to first response and to resolution per split
//! value (count, median, p90, max; calendar and business time), and the
//! time tickets spent in each status, with a chart of the median time per
//! status beside its table; CSV and API alike.

use super::split_name;
use crate::charts::{BarChart, ChartSeries};
use crate::csv_out::cell;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::reports::{Distribution, ReportFilterForm};
use atbalsts_domain::Locale;
use atbalsts_store::reports::speed::{speed, Speed};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use minijinja::context;
use std::collections::HashMap;

/// Status names of the desk's workflows in `locale`, by code.
async fn status_names(
    state: &AppState,
    desk_id: i64,
    locale: Locale,
) -> AppResult<HashMap<String, String>> {
    let mut names = HashMap::new();
    let mut workflows: Vec<i64> = atbalsts_store::workflows::ticket_types_of(&state.db, desk_id)
        .await?
        .into_iter()
        .map(|t| t.workflow_id)
        .collect();
    // Ticket types share workflows: each is read once.
    workflows.sort_unstable();
    workflows.dedup();
    for id in workflows {
        let (_, statuses) = atbalsts_store::workflows::workflow(&state.db, id).await?;
        for s in statuses {
            names
                .entry(s.code.clone())
                .or_insert_with(|| s.labels.get(locale).to_owned());
        }
    }
    Ok(names)
}

/// A distribution in words: count, and median / p90 / max as durations.
fn in_words(state: &AppState, locale: Locale, d: &Distribution) -> minijinja::Value {
    let dur = |v: Option<i64>| {
        v.map(|s| state.i18n.duration(locale, s))
            .unwrap_or_else(|| "—".into())
    };
    context! { count => d.count, median => dur(d.median), p90 => dur(d.p90), max => dur(d.max) }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(form): Query<ReportFilterForm>,
) -> AppResult<Response> {
    let (desk, bar) = super::open(&state, &ctx, &prefix, &form).await?;
    let report = speed(&state.db, desk.id, &bar.filter).await?;
    let locale = ctx.locale;
    let names = status_names(&state, desk.id, locale).await?;
    let split = bar.filter.split;
    let rows: Vec<_> = report
        .rows
        .iter()
        .map(|r| {
            context! {
                name => split_name(&state, locale, split, &r.split),
                first => in_words(&state, locale, &r.first_response),
                first_business => in_words(&state, locale, &r.first_response_business),
                resolution => in_words(&state, locale, &r.resolution),
                resolution_business => in_words(&state, locale, &r.resolution_business),
            }
        })
        .collect();
    let statuses: Vec<_> = report
        .statuses
        .iter()
        .map(|s| {
            context! {
                status => names.get(&s.status).cloned().unwrap_or_else(|| s.status.clone()),
                name => split_name(&state, locale, split, &s.split),
                time => in_words(&state, locale, &s.time),
            }
        })
        .collect();
    // The median minutes in each status (of all split values together
    // when there is one split value, else of the first listed per status).
    let mut labels: Vec<String> = Vec::new();
    let mut medians: Vec<i64> = Vec::new();
    for s in &report.statuses {
        let label = names
            .get(&s.status)
            .cloned()
            .unwrap_or_else(|| s.status.clone());
        if !labels.contains(&label) {
            labels.push(label);
            medians.push(s.time.median.unwrap_or(0) / 60);
        }
    }
    let summary = state.i18n.t_args(
        locale,
        "report-speed-summary",
        &[(
            "count",
            (report
                .statuses
                .iter()
                .map(|s| s.time.count as i64)
                .sum::<i64>())
            .into(),
        )],
    );
    let series = [ChartSeries {
        name: state.i18n.t(locale, "report-median-minutes"),
        values: medians,
    }];
    let chart = BarChart {
        id: "speed-chart",
        title: &state.i18n.t(locale, "report-speed-chart"),
        summary: &summary,
        categories: &labels,
        series: &series,
        stacked: false,
    }
    .svg();
    let status = super::page_status(&bar);
    state.templates.render_status(
        &ctx,
        status,
        "reports/speed.html",
        context! {
            desk => desk,
            filter => bar.context,
            errors => bar.errors.0,
            rows => rows,
            statuses => statuses,
            chart => chart,
            summary => summary,
            csv_href => format!("/reports/{}/speed.csv?{}", desk.key_prefix, bar.filter.query()),
        },
    )
}

fn csv_bytes(
    state: &AppState,
    locale: Locale,
    report: &Speed,
    split: Option<atbalsts_domain::reports::Dimension>,
    names: &HashMap<String, String>,
) -> Result<Vec<u8>, csv::Error> {
    let t = |k: &str| state.i18n.t(locale, k);
    let mut w = crate::csv_out::writer();
    w.write_record([
        t("report-measure"),
        t("report-split"),
        t("report-count"),
        t("report-median-seconds"),
        t("report-p90-seconds"),
        t("report-max-seconds"),
    ])?;
    let row = |w: &mut csv::Writer<Vec<u8>>, measure: String, name: String, d: &Distribution| {
        let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
        w.write_record([
            cell(&measure),
            cell(&name),
            d.count.to_string(),
            n(d.median),
            n(d.p90),
            n(d.max),
        ])
    };
    for r in &report.rows {
        let name = split_name(state, locale, split, &r.split);
        row(
            &mut w,
            t("report-first-response"),
            name.clone(),
            &r.first_response,
        )?;
        row(
            &mut w,
            t("report-first-response-business"),
            name.clone(),
            &r.first_response_business,
        )?;
        row(&mut w, t("report-resolution"), name.clone(), &r.resolution)?;
        row(
            &mut w,
            t("report-resolution-business"),
            name,
            &r.resolution_business,
        )?;
    }
    for s in &report.statuses {
        let status = names
            .get(&s.status)
            .cloned()
            .unwrap_or_else(|| s.status.clone());
        row(
            &mut w,
            status,
            split_name(state, locale, split, &s.split),
            &s.time,
        )?;
    }
    crate::csv_out::finish(w)
}

pub async fn csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(form): Query<ReportFilterForm>,
) -> AppResult<Response> {
    let (desk, filter) = super::open_checked(&state, &ctx, &prefix, &form).await?;
    let report = speed(&state.db, desk.id, &filter).await?;
    let names = status_names(&state, desk.id, ctx.locale).await?;
    let bytes = csv_bytes(&state, ctx.locale, &report, filter.split, &names)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(crate::csv_out::download(
        &format!("speed-{}", desk.key_prefix),
        bytes,
    ))
}
