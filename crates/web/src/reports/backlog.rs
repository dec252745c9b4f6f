//! The backlog report: the tickets open at the end of each period of the
//! range and now, by age in business days — a stacked bar per instant (the
//! age buckets), the data table beside it (and one per split value when
//! split), CSV and XLSX downloads; the API gives the same figures.

use super::split_name;
use crate::charts::{BarChart, ChartSeries};
use crate::export::{Cell, Table};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::reports::ReportFilterForm;
use atbalsts_domain::Locale;
use atbalsts_store::reports::backlog::{backlog, Backlog, Snapshot, AGES, AGE_CODES};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use minijinja::context;

/// At most this many split values get a column; the CSV has them all.
const SHOWN: usize = 12;

/// An instant of the report in words: "end of 30.11.2026" or "now".
fn snapshot_label(state: &AppState, locale: Locale, s: &Snapshot) -> String {
    match s.period {
        Some(_) => state.i18n.t_args(
            locale,
            "report-backlog-end-of",
            &[("date", crate::dates::date_text(locale, s.at).into())],
        ),
        None => state.i18n.t(locale, "report-backlog-now"),
    }
}

fn age_names(state: &AppState, locale: Locale) -> Vec<String> {
    AGE_CODES
        .iter()
        .map(|c| state.i18n.t(locale, &format!("report-age-{c}")))
        .collect()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(form): Query<ReportFilterForm>,
) -> AppResult<Response> {
    let (desk, bar) = super::open(&state, &ctx, &prefix, &form).await?;
    let report = backlog(&state.db, desk.id, &bar.filter, atbalsts_store::now_ms()).await?;
    let locale = ctx.locale;
    let t = |k: &str| state.i18n.t(locale, k);
    let labels: Vec<String> = report
        .snapshots
        .iter()
        .map(|s| snapshot_label(&state, locale, s))
        .collect();
    let ages = age_names(&state, locale);
    let n = report.snapshots.len();
    let rows: Vec<_> = (0..n)
        .map(|i| {
            let a = report.ages_at(i);
            context! { label => labels[i], ages => a, total => a.iter().sum::<i64>() }
        })
        .collect();
    let split = bar.filter.split.is_some();
    let groups: Vec<_> = report
        .series
        .iter()
        .take(SHOWN)
        .map(|s| {
            context! {
                name => split_name(&state, locale, bar.filter.split, &s.split),
                totals => (0..n).map(|i| s.total(i)).collect::<Vec<_>>(),
            }
        })
        .collect();
    let now = report.ages_at(n - 1);
    let summary = state.i18n.t_args(
        locale,
        "report-backlog-summary",
        &[
            ("open", now.iter().sum::<i64>().into()),
            ("old", now[AGES - 1].into()),
        ],
    );
    let series: Vec<ChartSeries> = (0..AGES)
        .map(|k| ChartSeries {
            name: ages[k].clone(),
            values: (0..n).map(|i| report.ages_at(i)[k]).collect(),
        })
        .collect();
    let chart = BarChart {
        id: "backlog-chart",
        title: &t("report-backlog-chart"),
        summary: &summary,
        categories: &labels,
        series: &series,
        stacked: true,
    }
    .svg();
    let legend: Vec<_> = series
        .iter()
        .enumerate()
        .map(|(i, s)| context! { class => format!("s{}", i % 8), name => s.name })
        .collect();
    state.templates.render_status(
        &ctx,
        super::page_status(&bar),
        "reports/backlog.html",
        context! {
            desk => desk,
            filter => bar.context,
            errors => bar.errors.0,
            ages => ages,
            rows => rows,
            labels => labels,
            split => split,
            split_title => bar.filter.split.map(|d| t(&format!("report-dimension-{}", d.code()))),
            groups => groups,
            chart => chart,
            legend => legend,
            summary => summary,
        },
    )
}

/// One row per instant and split value: when, the group, a count per age
/// and the total.
fn table(
    state: &AppState,
    locale: Locale,
    report: &Backlog,
    split: Option<atbalsts_domain::reports::Dimension>,
) -> Table {
    let t = |k: &str| state.i18n.t(locale, k);
    let mut head = vec![t("report-backlog-at"), t("report-split")];
    head.extend(age_names(state, locale));
    head.push(t("report-open-total"));
    let mut table = Table::new(head);
    for (i, snap) in report.snapshots.iter().enumerate() {
        for s in &report.series {
            let mut row: Vec<Cell> = vec![
                Cell::Instant(snap.at),
                split_name(state, locale, split, &s.split).into(),
            ];
            row.extend(s.counts[i].iter().map(|c| Cell::Int(*c)));
            row.push(s.total(i).into());
            table.push(row);
        }
    }
    table
}

/// The report's CSV and XLSX downloads.
pub(crate) struct File;

impl super::Tabular for File {
    const STEM: &'static str = "backlog";

    async fn table(
        state: &AppState,
        locale: Locale,
        desk_id: i64,
        filter: &atbalsts_domain::reports::ReportFilter,
    ) -> AppResult<Table> {
        let report = backlog(&state.db, desk_id, filter, atbalsts_store::now_ms()).await?;
        Ok(table(state, locale, &report, filter.split))
    }
}
