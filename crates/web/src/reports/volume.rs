//! The volume report: tickets created, resolved and closed per Riga period,
//! optionally split by one dimension — a page with a chart and its data
//! table, a CSV download, and the same figures as JSON in the API.

use super::{period_label, split_name};
use crate::charts::{BarChart, ChartSeries};
use crate::export::Table;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::reports::ReportFilterForm;
use atbalsts_domain::Locale;
use atbalsts_store::reports::volume::{volume, Volume};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use minijinja::context;

/// At most this many split values are drawn; the table lists them all.
const DRAWN: usize = 8;

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(form): Query<ReportFilterForm>,
) -> AppResult<Response> {
    let (desk, bar) = super::open(&state, &ctx, &prefix, &form).await?;
    let report = volume(&state.db, desk.id, &bar.filter).await?;
    let locale = ctx.locale;
    let t = |k: &str| state.i18n.t(locale, k);
    let labels: Vec<String> = report
        .periods
        .buckets
        .iter()
        .map(|b| period_label(&state, locale, report.periods.period, b))
        .collect();
    let split = bar.filter.split.is_some();
    let rows: Vec<_> = report
        .series
        .iter()
        .map(|s| {
            let (created, resolved, closed) = s.totals();
            context! {
                name => split_name(&state, locale, bar.filter.split, &s.split),
                created => s.created, resolved => s.resolved, closed => s.closed,
                total_created => created, total_resolved => resolved, total_closed => closed,
            }
        })
        .collect();
    let totals = report.series.iter().fold((0, 0, 0), |acc, s| {
        let (c, r, d) = s.totals();
        (acc.0 + c, acc.1 + r, acc.2 + d)
    });
    let summary = state.i18n.t_args(
        locale,
        "report-volume-summary",
        &[
            ("created", totals.0.into()),
            ("resolved", totals.1.into()),
            ("closed", totals.2.into()),
        ],
    );
    // Without a split: created, resolved and closed side by side; with one,
    // the created tickets of each split value stacked.
    let series: Vec<ChartSeries> = if split {
        report
            .series
            .iter()
            .take(DRAWN)
            .map(|s| ChartSeries {
                name: split_name(&state, locale, bar.filter.split, &s.split),
                values: s.created.clone(),
            })
            .collect()
    } else {
        let s = &report.series[0];
        vec![
            ChartSeries {
                name: t("report-created"),
                values: s.created.clone(),
            },
            ChartSeries {
                name: t("report-resolved"),
                values: s.resolved.clone(),
            },
            ChartSeries {
                name: t("report-closed"),
                values: s.closed.clone(),
            },
        ]
    };
    let chart = BarChart {
        id: "volume-chart",
        title: &t("report-volume-chart"),
        summary: &summary,
        categories: &labels,
        series: &series,
        stacked: split,
    }
    .svg();
    let legend: Vec<_> = series
        .iter()
        .enumerate()
        .map(|(i, s)| context! { class => format!("s{}", i % 8), name => s.name })
        .collect();
    let status = super::page_status(&bar);
    state.templates.render_status(
        &ctx,
        status,
        "reports/volume.html",
        context! {
            desk => desk,
            filter => bar.context,
            errors => bar.errors.0,
            labels => labels,
            rows => rows,
            split => split,
            chart => chart,
            legend => legend,
            summary => summary,
        },
    )
}

/// One row per period and split value: the figures of the page's table.
fn table(
    state: &AppState,
    locale: Locale,
    report: &Volume,
    split: Option<atbalsts_domain::reports::Dimension>,
) -> Table {
    let t = |k: &str| state.i18n.t(locale, k);
    let mut table = Table::new(vec![
        t("report-period"),
        t("report-split"),
        t("report-created"),
        t("report-resolved"),
        t("report-closed"),
    ]);
    for s in &report.series {
        let name = split_name(state, locale, split, &s.split);
        for (i, b) in report.periods.buckets.iter().enumerate() {
            table.push(vec![
                b.first_day.into(),
                name.as_str().into(),
                s.created[i].into(),
                s.resolved[i].into(),
                s.closed[i].into(),
            ]);
        }
    }
    table
}

/// The report's CSV and XLSX downloads.
pub(crate) struct File;

impl super::Tabular for File {
    const STEM: &'static str = "volume";

    async fn table(
        state: &AppState,
        locale: Locale,
        desk_id: i64,
        filter: &atbalsts_domain::reports::ReportFilter,
    ) -> AppResult<Table> {
        let report = volume(&state.db, desk_id, filter).await?;
        Ok(table(state, locale, &report, filter.split))
    }
}
