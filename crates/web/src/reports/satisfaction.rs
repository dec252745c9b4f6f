//! The satisfaction report: of the surveys sent in the range, how many
//! were answered, the mean score and the spread of scores 1–5, for the
//! desk, per team, agent and service, with a chart of the spread beside
//! its table, and the customers' comments (newest first, capped). The
//! whole filter bar applies through the survey's ticket; the team and
//! agent rows credit who the ticket had when it was resolved.

use crate::charts::{BarChart, ChartSeries};
use crate::export::{Cell, Table};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::reports::{periods::riga_midnight, ReportFilterForm};
use atbalsts_domain::Locale;
use atbalsts_store::satisfaction::{comments, summary_filtered, Figures, Summary};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use minijinja::context;

fn figures(locale: Locale, name: String, f: &Figures) -> minijinja::Value {
    let none = || "—".to_owned();
    context! {
        name => name,
        surveys => f.surveys,
        answers => f.answers,
        rate => f.response_rate().map(|r| format!("{} %", (r * 100.0).round())).unwrap_or_else(none),
        mean => f.mean().map(|m| atbalsts_i18n::format_decimal(locale, m)).unwrap_or_else(none),
        distribution => f.distribution,
    }
}

/// At most this many comments are listed, newest first.
const COMMENTS_SHOWN: i64 = 50;

fn range(filter: &atbalsts_domain::reports::ReportFilter) -> (i64, i64) {
    let end = filter.to.tomorrow().unwrap_or(filter.to);
    (riga_midnight(filter.from), riga_midnight(end))
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(form): Query<ReportFilterForm>,
) -> AppResult<Response> {
    let (desk, bar) = super::open(&state, &ctx, &prefix, &form).await?;
    let (from, to) = range(&bar.filter);
    let report = summary_filtered(&state.db, desk.id, from, to, Some(&bar.filter)).await?;
    let (listed, all_comments) = comments(
        &state.db,
        desk.id,
        from,
        to,
        Some(&bar.filter),
        COMMENTS_SHOWN,
    )
    .await?;
    let locale = ctx.locale;
    let t = |k: &str| state.i18n.t(locale, k);
    let named = |name: &Option<String>| name.clone().unwrap_or_else(|| t("report-none"));
    let teams: Vec<_> = report
        .teams
        .iter()
        .map(|g| figures(locale, named(&g.name), &g.figures))
        .collect();
    let agents: Vec<_> = report
        .agents
        .iter()
        .map(|g| figures(locale, named(&g.name), &g.figures))
        .collect();
    let services: Vec<_> = report
        .services
        .iter()
        .map(|g| figures(locale, named(&g.name), &g.figures))
        .collect();
    let listed: Vec<_> = listed
        .iter()
        .map(|c| {
            context! {
                score => c.score,
                comment => c.comment,
                key => c.ticket_key,
                team => named(&c.team),
                at => atbalsts_i18n::format_datetime(locale, c.answered_at),
            }
        })
        .collect();
    let comments_count = state.i18n.t_args(
        locale,
        "report-comments-shown",
        &[
            ("shown", (listed.len() as i64).into()),
            ("total", all_comments.into()),
        ],
    );
    let scores: Vec<String> = (1..=5).map(|s| s.to_string()).collect();
    let series = [ChartSeries {
        name: t("report-answers"),
        values: report.total.distribution.to_vec(),
    }];
    let summary_text = state.i18n.t_args(
        locale,
        "report-satisfaction-summary",
        &[
            ("answers", report.total.answers.into()),
            ("surveys", report.total.surveys.into()),
        ],
    );
    let chart = BarChart {
        id: "satisfaction-chart",
        title: &t("report-satisfaction-chart"),
        summary: &summary_text,
        categories: &scores,
        series: &series,
        stacked: false,
    }
    .svg();
    state.templates.render_status(
        &ctx,
        super::page_status(&bar),
        "reports/satisfaction.html",
        context! {
            desk => desk,
            filter => bar.context,
            errors => bar.errors.0,
            total => figures(locale, t("report-all-tickets"), &report.total),
            teams => teams,
            agents => agents,
            services => services,
            comments => listed,
            comments_count => comments_count,
            chart => chart,
            summary => summary_text,
        },
    )
}

fn table(state: &AppState, locale: Locale, report: &Summary) -> Table {
    let t = |k: &str| state.i18n.t(locale, k);
    let mut head = vec![
        t("report-group"),
        t("report-split"),
        t("report-surveys"),
        t("report-answers"),
        t("report-mean"),
    ];
    head.extend((1..=5).map(|s| s.to_string()));
    let mut table = Table::new(head);
    let mut row = |group: &str, name: &str, f: &Figures| {
        let mut r: Vec<Cell> = vec![
            t(group).into(),
            name.into(),
            f.surveys.into(),
            f.answers.into(),
            f.mean()
                .map_or(Cell::Empty, |m| Cell::Number((m * 100.0).round() / 100.0)),
        ];
        r.extend(f.distribution.iter().map(|n| Cell::Int(*n)));
        table.push(r);
    };
    row("report-all-tickets", "", &report.total);
    for g in &report.teams {
        row(
            "report-dimension-team",
            g.name.as_deref().unwrap_or(""),
            &g.figures,
        );
    }
    for g in &report.agents {
        row("report-agent", g.name.as_deref().unwrap_or(""), &g.figures);
    }
    for g in &report.services {
        row(
            "report-dimension-service",
            g.name.as_deref().unwrap_or(""),
            &g.figures,
        );
    }
    table
}

/// The report's CSV and XLSX downloads.
pub(crate) struct File;

impl super::Tabular for File {
    const STEM: &'static str = "satisfaction";

    async fn table(
        state: &AppState,
        locale: Locale,
        desk_id: i64,
        filter: &atbalsts_domain::reports::ReportFilter,
    ) -> AppResult<Table> {
        let (from, to) = range(filter);
        let report = summary_filtered(&state.db, desk_id, from, to, Some(filter)).await?;
        Ok(table(state, locale, &report))
    }
}
