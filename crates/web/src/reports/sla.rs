//! The SLA compliance report: goals measured in the range (met or
//! breached), the compliance share and the business time used against the
//! target, per policy, team, service and Riga month — a chart of met and
//! breached goals per month beside its table, CSV and XLSX downloads; when
//! no goal was measured, the page says that no SLA data exists.

use super::period_label;
use crate::charts::{BarChart, ChartSeries};
use crate::export::{Cell, Table};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::reports::{Period, ReportFilterForm};
use atbalsts_domain::Locale;
use atbalsts_store::reports::sla::{sla, Sla, SlaRow};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use minijinja::context;

/// What a row's group is called: a policy by its name, a month as the
/// locale writes it, a team or service by name ("not given" for none).
fn group_name(state: &AppState, locale: Locale, report: &Sla, kind: &str, r: &SlaRow) -> String {
    match kind {
        "total" => state.i18n.t(locale, "report-all-tickets"),
        "month" => report
            .periods
            .buckets
            .iter()
            .find(|b| b.first_day.to_string() == r.key)
            .map(|b| period_label(state, locale, Period::Month, b))
            .unwrap_or_else(|| r.key.clone()),
        _ if r.key.is_empty() => state.i18n.t(locale, "report-none"),
        _ => match &r.labels {
            Some(l) => l.get(locale).to_owned(),
            None => r.key.clone(),
        },
    }
}

fn percent(r: &SlaRow) -> Option<f64> {
    r.figures.compliance().map(|c| (c * 1000.0).round() / 10.0)
}

/// The report's groups in the order the page and the files list them.
fn groups(report: &Sla) -> [(&'static str, &'static str, &[SlaRow]); 5] {
    [
        ("total", "report-sla-desk", &report.total),
        ("policy", "report-sla-policies", &report.policies),
        ("team", "report-sla-teams", &report.teams),
        ("service", "report-sla-services", &report.services),
        ("month", "report-sla-months", &report.months),
    ]
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(form): Query<ReportFilterForm>,
) -> AppResult<Response> {
    let (desk, bar) = super::open(&state, &ctx, &prefix, &form).await?;
    let report = sla(&state.db, desk.id, &bar.filter).await?;
    let locale = ctx.locale;
    let t = |k: &str| state.i18n.t(locale, k);
    let dur = |v: Option<i64>| {
        v.map(|s| state.i18n.duration(locale, s))
            .unwrap_or_else(|| "—".into())
    };
    let tables: Vec<_> = groups(&report)
        .iter()
        .map(|(kind, caption, rows)| {
            let rows: Vec<_> = rows
                .iter()
                .filter(|r| *kind != "month" || r.figures.measured > 0)
                .map(|r| {
                    context! {
                        name => group_name(&state, locale, &report, kind, r),
                        goal => t(&format!("sla-goal-{}", r.goal)),
                        measured => r.figures.measured,
                        met => r.figures.met,
                        breached => r.figures.breached,
                        compliance => percent(r)
                            .map(|p| format!("{} %", atbalsts_i18n::format_decimal(locale, p)))
                            .unwrap_or_else(|| "—".into()),
                        median => dur(r.figures.used.median),
                        p90 => dur(r.figures.used.p90),
                        target => dur(r.figures.target.median),
                    }
                })
                .collect();
            context! { id => kind, caption => t(caption), rows => rows }
        })
        .collect();
    let labels: Vec<String> = report
        .periods
        .buckets
        .iter()
        .map(|b| period_label(&state, locale, Period::Month, b))
        .collect();
    let per_month = |pick: fn(&SlaRow) -> i64| -> Vec<i64> {
        report
            .periods
            .buckets
            .iter()
            .map(|b| {
                let day = b.first_day.to_string();
                report
                    .months
                    .iter()
                    .filter(|r| r.key == day)
                    .map(pick)
                    .sum()
            })
            .collect()
    };
    let series = [
        ChartSeries {
            name: t("report-sla-met"),
            values: per_month(|r| r.figures.met),
        },
        ChartSeries {
            name: t("report-sla-breached"),
            values: per_month(|r| r.figures.breached),
        },
    ];
    let (met, measured) = report.total.iter().fold((0, 0), |(m, n), r| {
        (m + r.figures.met, n + r.figures.measured)
    });
    let summary = state.i18n.t_args(
        locale,
        "report-sla-summary",
        &[("met", met.into()), ("measured", measured.into())],
    );
    let chart = BarChart {
        id: "sla-chart",
        title: &t("report-sla-chart"),
        summary: &summary,
        categories: &labels,
        series: &series,
        stacked: true,
    }
    .svg();
    let legend: Vec<_> = series
        .iter()
        .enumerate()
        .map(|(i, s)| context! { class => format!("s{i}"), name => s.name })
        .collect();
    state.templates.render_status(
        &ctx,
        super::page_status(&bar),
        "reports/sla.html",
        context! {
            desk => desk,
            filter => bar.context,
            errors => bar.errors.0,
            has_data => report.has_data(),
            tables => tables,
            chart => chart,
            legend => legend,
            summary => summary,
        },
    )
}

/// One row per group and goal, durations in seconds.
fn table(state: &AppState, locale: Locale, report: &Sla) -> Table {
    let t = |k: &str| state.i18n.t(locale, k);
    let mut table = Table::new(vec![
        t("report-group"),
        t("report-split"),
        t("report-sla-goal"),
        t("report-sla-measured"),
        t("report-sla-met"),
        t("report-sla-breached"),
        t("report-sla-compliance"),
        t("report-median-seconds"),
        t("report-p90-seconds"),
        t("report-sla-target-seconds"),
    ]);
    for (kind, caption, rows) in groups(report) {
        for r in rows.iter().filter(|r| r.figures.measured > 0) {
            table.push(vec![
                t(caption).into(),
                group_name(state, locale, report, kind, r).into(),
                t(&format!("sla-goal-{}", r.goal)).into(),
                r.figures.measured.into(),
                r.figures.met.into(),
                r.figures.breached.into(),
                percent(r).map_or(Cell::Empty, Cell::Number),
                r.figures.used.median.into(),
                r.figures.used.p90.into(),
                r.figures.target.median.into(),
            ]);
        }
    }
    table
}

/// The report's CSV and XLSX downloads.
pub(crate) struct File;

impl super::Tabular for File {
    const STEM: &'static str = "sla";

    async fn table(
        state: &AppState,
        locale: Locale,
        desk_id: i64,
        filter: &atbalsts_domain::reports::ReportFilter,
    ) -> AppResult<Table> {
        let report = sla(&state.db, desk_id, filter).await?;
        Ok(table(state, locale, &report))
    }
}
