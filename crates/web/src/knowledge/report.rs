//! What the desk's knowledge does (SPEC §5 reports): views, helpful and not
//! helpful votes, requests not filed, tickets linked, searches that found
//! nothing, and the articles due for review — as a page and as CSV.

use super::{staff_desk, KbDesk};
use crate::csv_out::cell;
use crate::titles::title_in;
use crate::{AppError, AppResult, AppState, Ctx};
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
        },
    )
}

/// The report as CSV: one block per table, with its name and header row,
/// a blank row between blocks; words in the reader's language.
pub(crate) fn to_csv(
    report: &KnowledgeReport,
    t: impl Fn(&str) -> String,
    locale: Locale,
) -> Result<Vec<u8>, csv::Error> {
    // A byte-order mark, so spreadsheet programs read the file as UTF-8.
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let row = |keys: &[&str]| keys.iter().map(|k| t(k)).collect::<Vec<_>>();
    w.write_record(row(&["kb-report-articles"]))?;
    w.write_record(row(&[
        "kb-report-article-id",
        "kb-report-title",
        "kb-report-status",
        "kb-report-views",
        "kb-report-helpful",
        "kb-report-not-helpful",
        "kb-report-deflections",
        "kb-report-linked-tickets",
    ]))?;
    for a in &report.articles {
        w.write_record([
            a.id.to_string(),
            cell(&title_in(&a.titles, locale).text),
            t(&format!("kb-status-{}", a.status.code())),
            a.views.to_string(),
            a.helpful.to_string(),
            a.not_helpful.to_string(),
            a.deflections.to_string(),
            a.linked_tickets.to_string(),
        ])?;
    }
    w.write_record([""])?;
    w.write_record(row(&["kb-report-by-request-type"]))?;
    w.write_record(row(&["kb-report-request-type", "kb-report-deflections"]))?;
    for d in &report.deflections_by_request_type {
        let name = if d.labels.is_empty() {
            t("kb-report-no-request-type")
        } else {
            cell(d.labels.get(locale))
        };
        w.write_record([name, d.deflections.to_string()])?;
    }
    w.write_record([""])?;
    w.write_record(row(&["kb-report-misses"]))?;
    w.write_record(row(&[
        "kb-report-query",
        "kb-report-searches",
        "kb-report-in-portal",
        "kb-report-by-staff",
    ]))?;
    for m in &report.search_misses {
        w.write_record([
            cell(&m.query),
            m.total.to_string(),
            m.portal.to_string(),
            m.agent.to_string(),
        ])?;
    }
    w.write_record([""])?;
    w.write_record([t("kb-report-stale"), report.stale.to_string()])?;
    w.into_inner().map_err(|e| e.into_error().into())
}

pub async fn csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    let (kd, report) = load(&state, &ctx, &prefix, &q).await?;
    let bytes = to_csv(&report, |k| state.i18n.t(ctx.locale, k), ctx.locale)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(crate::csv_out::download(
        &format!("knowledge-report-{}", kd.desk.key_prefix),
        bytes,
    ))
}
