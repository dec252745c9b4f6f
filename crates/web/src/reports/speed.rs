//! The speed report: time to first response and to resolution per split
//! value (count, median, p90, max; calendar and business time), and the
//! time tickets spent in each status, with a chart of the median time per
//! status beside its table; CSV and API alike.

use super::split_name;
use crate::charts::{BarChart, ChartSeries};
use crate::export::Table;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::reports::{Distribution, ReportFilterForm};
use atbalsts_domain::Locale;
use atbalsts_store::reports::speed::{speed, Speed};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use minijinja::context;
use std::collections::HashMap;

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
    let names = super::status_names(&state, desk.id, locale).await?;
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
        },
    )
}

/// One row per measure and split value, then per status and split value:
/// the figures of the page's tables, in seconds.
fn table(
    state: &AppState,
    locale: Locale,
    report: &Speed,
    split: Option<atbalsts_domain::reports::Dimension>,
    names: &HashMap<String, String>,
) -> Table {
    let t = |k: &str| state.i18n.t(locale, k);
    let mut table = Table::new(vec![
        t("report-measure"),
        t("report-split"),
        t("report-count"),
        t("report-median-seconds"),
        t("report-p90-seconds"),
        t("report-max-seconds"),
    ]);
    let mut row = |measure: String, name: String, d: &Distribution| {
        table.push(vec![
            measure.into(),
            name.into(),
            (d.count as i64).into(),
            d.median.into(),
            d.p90.into(),
            d.max.into(),
        ]);
    };
    for r in &report.rows {
        let name = split_name(state, locale, split, &r.split);
        row(t("report-first-response"), name.clone(), &r.first_response);
        row(
            t("report-first-response-business"),
            name.clone(),
            &r.first_response_business,
        );
        row(t("report-resolution"), name.clone(), &r.resolution);
        row(
            t("report-resolution-business"),
            name,
            &r.resolution_business,
        );
    }
    for s in &report.statuses {
        let status = names
            .get(&s.status)
            .cloned()
            .unwrap_or_else(|| s.status.clone());
        row(status, split_name(state, locale, split, &s.split), &s.time);
    }
    table
}

/// The report's CSV and XLSX downloads.
pub(crate) struct File;

impl super::Tabular for File {
    const STEM: &'static str = "speed";

    async fn table(
        state: &AppState,
        locale: Locale,
        desk_id: i64,
        filter: &atbalsts_domain::reports::ReportFilter,
    ) -> AppResult<Table> {
        let report = speed(&state.db, desk_id, filter).await?;
        let names = super::status_names(state, desk_id, locale).await?;
        Ok(table(state, locale, &report, filter.split, &names))
    }
}
