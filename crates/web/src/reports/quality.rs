//! The quality report: per period and split value, tickets resolved,
//! reopened later (and the rate), reassignments, and solved by the first
//! line (and the share); the root causes of the problems resolved, as a
//! share per period. Lines show the trends (`crate::charts::LineChart`),
//! each beside its data table; CSV and XLSX in one long table (period,
//! group, measure, value) so both parts fit; the API gives the same figures.

use super::{period_label, split_name};
use crate::charts::{LineChart, LineSeries};
use crate::export::{Cell, Table};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::reports::ReportFilterForm;
use atbalsts_domain::Locale;
use atbalsts_i18n::format_decimal;
use atbalsts_store::reports::quality::{quality, share, Quality, RootCause};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use minijinja::context;

/// At most this many root causes are drawn; the table lists them all.
const DRAWN: usize = 8;

fn percent(locale: Locale, p: Option<f64>) -> String {
    p.map(|p| format!("{} %", format_decimal(locale, p)))
        .unwrap_or_else(|| "—".to_owned())
}

fn cause_name(state: &AppState, locale: Locale, c: &RootCause) -> String {
    match &c.labels {
        Some(l) if !c.code.is_empty() => l.get(locale).to_owned(),
        _ if c.code.is_empty() => state.i18n.t(locale, "report-none"),
        _ => c.code.clone(),
    }
}

/// Sums over the split values, per period: resolved, reopened, first line.
fn all_series(report: &Quality) -> (Vec<i64>, Vec<i64>, Vec<i64>, Vec<i64>) {
    let n = report.periods.buckets.len();
    let mut out = (vec![0; n], vec![0; n], vec![0; n], vec![0; n]);
    for s in &report.series {
        for i in 0..n {
            out.0[i] += s.resolved[i];
            out.1[i] += s.reopened[i];
            out.2[i] += s.reassignments[i];
            out.3[i] += s.first_line[i];
        }
    }
    out
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(form): Query<ReportFilterForm>,
) -> AppResult<Response> {
    let (desk, bar) = super::open(&state, &ctx, &prefix, &form).await?;
    let report = quality(&state.db, desk.id, &bar.filter).await?;
    let locale = ctx.locale;
    let t = |k: &str| state.i18n.t(locale, k);
    let labels: Vec<String> = report
        .periods
        .buckets
        .iter()
        .map(|b| period_label(&state, locale, report.periods.period, b))
        .collect();
    let n = labels.len();
    let split = bar.filter.split;

    let figures = |resolved: i64, reopened: i64, reassignments: i64, first: i64| {
        context! {
            resolved => resolved, reopened => reopened,
            reopen_rate => percent(locale, share(reopened, resolved)),
            reassignments => reassignments, first_line => first,
            first_line_share => percent(locale, share(first, resolved)),
        }
    };
    let groups: Vec<_> = report
        .series
        .iter()
        .map(|s| {
            let (r, o, a, f) = s.totals();
            context! {
                name => split_name(&state, locale, split, &s.split),
                periods => (0..n).map(|i| figures(s.resolved[i], s.reopened[i], s.reassignments[i], s.first_line[i])).collect::<Vec<_>>(),
                total => figures(r, o, a, f),
            }
        })
        .collect();
    let (resolved, reopened, reassigned, first) = all_series(&report);
    let sum = |v: &[i64]| v.iter().sum::<i64>();
    let summary = state.i18n.t_args(
        locale,
        "report-quality-summary",
        &[
            ("resolved", sum(&resolved).into()),
            ("reopened", sum(&reopened).into()),
            (
                "rate",
                percent(locale, share(sum(&reopened), sum(&resolved))).into(),
            ),
            ("reassignments", sum(&reassigned).into()),
            ("first", sum(&first).into()),
            (
                "first_share",
                percent(locale, share(sum(&first), sum(&resolved))).into(),
            ),
        ],
    );
    let trend = [
        LineSeries {
            name: t("report-reopen-rate"),
            values: (0..n).map(|i| share(reopened[i], resolved[i])).collect(),
        },
        LineSeries {
            name: t("report-first-line-share"),
            values: (0..n).map(|i| share(first[i], resolved[i])).collect(),
        },
    ];
    let trend_chart = LineChart {
        id: "quality-chart",
        title: &t("report-quality-chart"),
        summary: &summary,
        categories: &labels,
        series: &trend,
        max: Some(100.0),
        unit: " %",
    }
    .svg();

    let causes: Vec<_> = report
        .root_causes
        .iter()
        .map(|c| {
            let total: i64 = c.counts.iter().sum();
            context! {
                name => cause_name(&state, locale, c),
                periods => (0..n).map(|i| context! {
                    count => c.counts[i],
                    share => percent(locale, share(c.counts[i], report.problems[i])),
                }).collect::<Vec<_>>(),
                total => total,
                share => percent(locale, share(total, sum(&report.problems))),
            }
        })
        .collect();
    let causes_summary = match report.root_causes.first() {
        Some(top) => state.i18n.t_args(
            locale,
            "report-root-causes-summary",
            &[
                ("problems", sum(&report.problems).into()),
                ("top", cause_name(&state, locale, top).into()),
            ],
        ),
        None => t("report-root-causes-none"),
    };
    let cause_lines: Vec<LineSeries> = report
        .root_causes
        .iter()
        .take(DRAWN)
        .map(|c| LineSeries {
            name: cause_name(&state, locale, c),
            values: (0..n)
                .map(|i| share(c.counts[i], report.problems[i]))
                .collect(),
        })
        .collect();
    let causes_chart = LineChart {
        id: "root-causes-chart",
        title: &t("report-root-causes-chart"),
        summary: &causes_summary,
        categories: &labels,
        series: &cause_lines,
        max: Some(100.0),
        unit: " %",
    }
    .svg();
    let legend = |lines: &[LineSeries]| -> Vec<minijinja::Value> {
        lines
            .iter()
            .enumerate()
            .map(|(i, s)| context! { class => format!("s{}", i % 8), name => s.name })
            .collect()
    };
    state.templates.render_status(
        &ctx,
        super::page_status(&bar),
        "reports/quality.html",
        context! {
            desk => desk,
            filter => bar.context,
            errors => bar.errors.0,
            labels => labels,
            groups => groups,
            chart => trend_chart,
            legend => legend(&trend),
            summary => summary,
            causes => causes,
            problems => report.problems,
            problems_total => sum(&report.problems),
            causes_chart => causes_chart,
            causes_legend => legend(&cause_lines),
            causes_summary => causes_summary,
        },
    )
}

/// One row per period, group and measure: the split values' figures, then
/// the problems by root cause (count and share).
fn table(
    state: &AppState,
    locale: Locale,
    report: &Quality,
    split: Option<atbalsts_domain::reports::Dimension>,
) -> Table {
    let t = |k: &str| state.i18n.t(locale, k);
    let mut table = Table::new(vec![
        t("report-period"),
        t("report-split"),
        t("report-measure"),
        t("report-value"),
    ]);
    let pct = |p: Option<f64>| p.map_or(Cell::Empty, Cell::Number);
    for (i, b) in report.periods.buckets.iter().enumerate() {
        for s in &report.series {
            let name = split_name(state, locale, split, &s.split);
            for (measure, value) in [
                ("report-resolved", Cell::Int(s.resolved[i])),
                ("report-reopened", Cell::Int(s.reopened[i])),
                (
                    "report-reopen-rate",
                    pct(share(s.reopened[i], s.resolved[i])),
                ),
                ("report-reassignments", Cell::Int(s.reassignments[i])),
                ("report-first-line", Cell::Int(s.first_line[i])),
                (
                    "report-first-line-share",
                    pct(share(s.first_line[i], s.resolved[i])),
                ),
            ] {
                table.push(vec![
                    b.first_day.into(),
                    name.as_str().into(),
                    t(measure).into(),
                    value,
                ]);
            }
        }
        let problems = t("report-problems-resolved");
        table.push(vec![
            b.first_day.into(),
            problems.as_str().into(),
            t("report-all-tickets").into(),
            Cell::Int(report.problems[i]),
        ]);
        for c in &report.root_causes {
            let name = cause_name(state, locale, c);
            table.push(vec![
                b.first_day.into(),
                problems.as_str().into(),
                name.as_str().into(),
                Cell::Int(c.counts[i]),
            ]);
        }
    }
    table
}

/// The report's CSV and XLSX downloads.
pub(crate) struct File;

impl super::Tabular for File {
    const STEM: &'static str = "quality";

    async fn table(
        state: &AppState,
        locale: Locale,
        desk_id: i64,
        filter: &atbalsts_domain::reports::ReportFilter,
    ) -> AppResult<Table> {
        let report = quality(&state.db, desk_id, filter).await?;
        Ok(table(state, locale, &report, filter.split))
    }
}
