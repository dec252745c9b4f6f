//! What the desk's knowledge does (SPEC §5 reports): views, helpful and not
//! helpful votes, requests not filed, tickets linked, searches that found
//! nothing, and the articles due for review — as a page, CSV and XLSX.

use super::{staff_desk, KbDesk};
use crate::export::{Format, Table};
use crate::titles::title_in;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::Locale;
use atbalsts_store::knowledge::{self as kb, KnowledgeReport};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use minijinja::context;
use serde::Deserialize;

const DAY_MS: i64 = 24 * 3600 * 1000;
/// The periods the report offers, in days (`None`: all time).
const PERIODS: &[Option<i64>] = &[Some(30), Some(90), Some(365), None];

#[derive(Deserialize, Default)]
pub struct ReportQuery {
    /// Days back; empty or `all` for all time.
    #[serde(default)]
    days: String,
}

impl ReportQuery {
    fn days(&self) -> Option<i64> {
        self.days
            .parse::<i64>()
            .ok()
            .filter(|d| PERIODS.contains(&Some(*d)))
    }
}

/// The articles due for review, by owner.
pub async fn stale(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let KbDesk { desk, editor } = staff_desk(&state, &ctx, &prefix).await?;
    let now = atbalsts_store::now_ms();
    let owners: Vec<_> = kb::stale(&state.db, ctx.viewer()?, desk.id, now)
        .await?
        .iter()
        .map(|o| {
            let rows: Vec<_> = o
                .articles
                .iter()
                .map(|a| super::row(&desk, a, ctx.locale))
                .collect();
            context! { owner_id => o.owner_id, owner_name => o.owner_name, articles => rows }
        })
        .collect();
    state.templates.render(
        &ctx,
        "knowledge/stale.html",
        context! { desk => desk, editor => editor, owners => owners },
    )
}

async fn load(
    state: &AppState,
    ctx: &Ctx,
    prefix: &str,
    q: &ReportQuery,
) -> AppResult<(KbDesk, KnowledgeReport)> {
    let kd = staff_desk(state, ctx, prefix).await?;
    let now = atbalsts_store::now_ms();
    let since = q.days().map(|d| now - d * DAY_MS);
    let report = kb::report(&state.db, ctx.viewer()?, kd.desk.id, since, now).await?;
    Ok((kd, report))
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    let (kd, report) = load(&state, &ctx, &prefix, &q).await?;
    let articles: Vec<_> = report
        .articles
        .iter()
        .map(|a| {
            context! {
                title => title_in(&a.titles, ctx.locale),
                href => format!("/kb/{}/articles/{}", kd.desk.key_prefix, a.id),
                ..minijinja::Value::from_serialize(a)
            }
        })
        .collect();
    let deflections: Vec<_> = report
        .deflections_by_request_type
        .iter()
        .map(|d| context! { name => d.labels.get(ctx.locale), deflections => d.deflections })
        .collect();
    let days = q.days();
    state.templates.render(
        &ctx,
        "knowledge/report.html",
        context! {
            desk => kd.desk,
            editor => kd.editor,
            articles => articles,
            deflections => deflections,
            misses => report.search_misses,
            stale => report.stale,
            days => days,
            periods => PERIODS,
            csv_href => format!("/kb/{}/report.csv{}", kd.desk.key_prefix, days.map(|d| format!("?days={d}")).unwrap_or_default()),
            xlsx_href => format!("/kb/{}/report.xlsx{}", kd.desk.key_prefix, days.map(|d| format!("?days={d}")).unwrap_or_default()),
        },
    )
}

/// The report as tables, one per part of the page (a block of the CSV, a
/// sheet of the XLSX); words in the reader's language.
fn tables(report: &KnowledgeReport, t: impl Fn(&str) -> String, locale: Locale) -> Vec<Table> {
    let heads = |keys: &[&str]| keys.iter().map(|k| t(k)).collect::<Vec<_>>();
    let mut articles = Table::titled(
        t("kb-report-articles"),
        heads(&[
            "kb-report-article-id",
            "kb-report-title",
            "kb-report-status",
            "kb-report-views",
            "kb-report-helpful",
            "kb-report-not-helpful",
            "kb-report-deflections",
            "kb-report-linked-tickets",
        ]),
    );
    for a in &report.articles {
        articles.push(vec![
            a.id.into(),
            title_in(&a.titles, locale).text.into(),
            t(&format!("kb-status-{}", a.status.code())).into(),
            a.views.into(),
            a.helpful.into(),
            a.not_helpful.into(),
            a.deflections.into(),
            a.linked_tickets.into(),
        ]);
    }
    let mut by_type = Table::titled(
        t("kb-report-by-request-type"),
        heads(&["kb-report-request-type", "kb-report-deflections"]),
    );
    for d in &report.deflections_by_request_type {
        let name = if d.labels.is_empty() {
            t("kb-report-no-request-type")
        } else {
            d.labels.get(locale).to_owned()
        };
        by_type.push(vec![name.into(), d.deflections.into()]);
    }
    let mut misses = Table::titled(
        t("kb-report-misses"),
        heads(&[
            "kb-report-query",
            "kb-report-searches",
            "kb-report-in-portal",
            "kb-report-by-staff",
        ]),
    );
    for m in &report.search_misses {
        misses.push(vec![
            m.query.as_str().into(),
            m.total.into(),
            m.portal.into(),
            m.agent.into(),
        ]);
    }
    let mut stale = Table::titled(t("kb-report-stale"), heads(&["kb-report-count"]));
    stale.push(vec![report.stale.into()]);
    vec![articles, by_type, misses, stale]
}

pub async fn csv(
    state: State<AppState>,
    ctx: Ctx,
    prefix: Path<String>,
    q: Query<ReportQuery>,
) -> AppResult<Response> {
    download(state, ctx, prefix, q, Format::Csv).await
}

pub async fn xlsx(
    state: State<AppState>,
    ctx: Ctx,
    prefix: Path<String>,
    q: Query<ReportQuery>,
) -> AppResult<Response> {
    download(state, ctx, prefix, q, Format::Xlsx).await
}

async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<ReportQuery>,
    format: Format,
) -> AppResult<Response> {
    let (kd, report) = load(&state, &ctx, &prefix, &q).await?;
    let tables = tables(&report, |k| state.i18n.t(ctx.locale, k), ctx.locale);
    crate::export::download_all(
        &format!("knowledge-report-{}", kd.desk.key_prefix),
        format,
        &tables,
    )
}
