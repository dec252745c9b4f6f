//! The service-case report (one-stop centres): cases recorded in the range
//! per service, channel, outcome, employee and period — count, minutes
//! spent (sum and median) — with a chart of cases per period beside its
//! table, CSV and XLSX downloads. The filter narrows by the case's ticket,
//! the service by the case's own service; the split does not apply (the
//! page lists every grouping) and says so.

use super::period_label;
use crate::charts::{BarChart, ChartSeries};
use crate::export::{Cell, Table};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::reports::ReportFilterForm;
use atbalsts_domain::Locale;
use atbalsts_store::service_cases::{report, CaseReport, SummaryRow};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use minijinja::context;

/// A group's name: channels and outcomes through the catalogue, a period
/// as the locale writes it, services and employees as they are.
fn group_name(
    state: &AppState,
    locale: Locale,
    report: &CaseReport,
    kind: &str,
    key: &str,
) -> String {
    match kind {
        "total" => state.i18n.t(locale, "report-cases-all"),
        "channel" => state.i18n.t(locale, &format!("case-channel-{key}")),
        "outcome" => state.i18n.t(locale, &format!("case-outcome-{key}")),
        "period" => report
            .periods
            .buckets
            .iter()
            .find(|b| b.first_day.to_string() == key)
            .map(|b| period_label(state, locale, report.periods.period, b))
            .unwrap_or_else(|| key.to_owned()),
        _ => key.to_owned(),
    }
}

fn groups(report: &CaseReport) -> [(&'static str, &'static str, Vec<&SummaryRow>); 6] {
    [
        ("total", "report-cases-desk", vec![&report.total]),
        (
            "service",
            "report-dimension-service",
            report.services.iter().collect(),
        ),
        (
            "channel",
            "report-dimension-channel",
            report.channels.iter().collect(),
        ),
        (
            "outcome",
            "report-cases-outcome",
            report.outcomes.iter().collect(),
        ),
        (
            "employee",
            "report-cases-employee",
            report.employees.iter().collect(),
        ),
        (
            "period",
            "report-period",
            report.periods_rows.iter().collect(),
        ),
    ]
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(form): Query<ReportFilterForm>,
) -> AppResult<Response> {
    let (desk, bar) = super::open(&state, &ctx, &prefix, &form).await?;
    let report = report(&state.db, desk.id, &bar.filter).await?;
    let locale = ctx.locale;
    let t = |k: &str| state.i18n.t(locale, k);
    let tables: Vec<_> = groups(&report)
        .iter()
        .map(|(kind, first, rows)| {
            let rows: Vec<_> = rows
                .iter()
                .map(|r| {
                    context! {
                        name => group_name(&state, locale, &report, kind, &r.key),
                        count => r.count,
                        total => r.total_minutes,
                        median => atbalsts_i18n::format_decimal(locale, r.median_minutes),
                    }
                })
                .collect();
            context! { id => kind, first => t(first), rows => rows }
        })
        .collect();
    let labels: Vec<String> = report
        .periods
        .buckets
        .iter()
        .map(|b| period_label(&state, locale, report.periods.period, b))
        .collect();
    let series = [ChartSeries {
        name: t("report-cases-count"),
        values: report.periods_rows.iter().map(|r| r.count).collect(),
    }];
    let summary = state.i18n.t_args(
        locale,
        "report-cases-summary",
        &[
            ("count", report.total.count.into()),
            ("minutes", report.total.total_minutes.into()),
        ],
    );
    let chart = BarChart {
        id: "cases-chart",
        title: &t("report-cases-chart"),
        summary: &summary,
        categories: &labels,
        series: &series,
        stacked: false,
    }
    .svg();
    state.templates.render_status(
        &ctx,
        super::page_status(&bar),
        "reports/service-cases.html",
        context! {
            desk => desk,
            filter => bar.context,
            errors => bar.errors.0,
            split_ignored => bar.filter.split.is_some(),
            tables => tables,
            chart => chart,
            summary => summary,
        },
    )
}

fn table(state: &AppState, locale: Locale, report: &CaseReport) -> Table {
    let t = |k: &str| state.i18n.t(locale, k);
    let mut table = Table::new(vec![
        t("report-group"),
        t("report-split"),
        t("report-cases-count"),
        t("report-cases-minutes"),
        t("report-cases-median-minutes"),
    ]);
    for (kind, first, rows) in groups(report) {
        for r in rows {
            table.push(vec![
                t(first).into(),
                group_name(state, locale, report, kind, &r.key).into(),
                r.count.into(),
                r.total_minutes.into(),
                Cell::Number(r.median_minutes),
            ]);
        }
    }
    table
}

/// The report's CSV and XLSX downloads.
pub(crate) struct File;

impl super::Tabular for File {
    const STEM: &'static str = "service-cases";

    async fn table(
        state: &AppState,
        locale: Locale,
        desk_id: i64,
        filter: &atbalsts_domain::reports::ReportFilter,
    ) -> AppResult<Table> {
        let report = report(&state.db, desk_id, filter).await?;
        Ok(table(state, locale, &report))
    }
}
