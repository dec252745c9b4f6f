//! Tickets whose priority an agent chose over the desk's matrix: the
//! priority the matrix gives, the one chosen, the reason, who and when —
//! narrowed by creation date, as a page and as CSV.

use super::{report_desk, riga_day};
use crate::context::urlencode;
use crate::export::{Cell, Format, Table};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::{FieldErrors, Role};
use atbalsts_store::reports::{priority_overrides, PriorityOverride};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::context;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct ReportQuery {
    #[serde(default)]
    created_from: String,
    #[serde(default)]
    created_to: String,
}

impl ReportQuery {
    /// The creation period `[from, to)` in ms, or what is wrong with it.
    fn period(&self) -> Result<(Option<i64>, Option<i64>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let from = errors
            .check(riga_day(&self.created_from, false), "created_from")
            .flatten();
        let to = errors
            .check(riga_day(&self.created_to, true), "created_to")
            .flatten();
        if errors.is_empty() {
            Ok((from, to))
        } else {
            Err(errors)
        }
    }

    fn query_string(&self) -> String {
        let mut parts = Vec::new();
        for (name, value) in [
            ("created_from", &self.created_from),
            ("created_to", &self.created_to),
        ] {
            if !value.trim().is_empty() {
                parts.push(format!("{name}={}", urlencode(value.trim())));
            }
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<ReportQuery>,
) -> AppResult<Response> {
    let desk = report_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    let (status, rows, errors) = match q.period() {
        Ok((from, to)) => (
            StatusCode::OK,
            priority_overrides(&state.db, viewer, desk.id, from, to).await?,
            FieldErrors::default(),
        ),
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, Vec::new(), errors),
    };
    state.templates.render_status(
        &ctx,
        status,
        "reports/priority-overrides.html",
        context! {
            desk => desk,
            admin => viewer.is_system_admin || viewer.has_role(desk.id, Role::DeskAdmin),
            rows => rows,
            errors => errors.0,
            created_from => q.created_from.trim(),
            created_to => q.created_to.trim(),
            filtered => !q.query_string().is_empty(),
            csv_href => format!("/reports/{}/priority-overrides.csv{}", desk.key_prefix, q.query_string()),
            xlsx_href => format!("/reports/{}/priority-overrides.xlsx{}", desk.key_prefix, q.query_string()),
        },
    )
}

/// The report as a table, the header and priorities in the reader's language.
pub(crate) fn table(rows: &[PriorityOverride], t: impl Fn(&str) -> String) -> Table {
    let mut table = Table::new(
        [
            "overrides-key",
            "overrides-summary",
            "overrides-created",
            "overrides-computed",
            "overrides-chosen",
            "overrides-reason",
            "overrides-by",
            "overrides-at",
        ]
        .map(&t)
        .to_vec(),
    );
    let priority = |p: &str| t(&format!("priority-{p}"));
    for r in rows {
        table.push(vec![
            r.key.as_str().into(),
            r.summary.as_str().into(),
            Cell::Instant(r.created_at),
            r.computed.map_or(Cell::Empty, |p| priority(p).into()),
            priority(&r.priority).into(),
            r.reason.as_str().into(),
            r.by.as_deref().unwrap_or("").into(),
            r.at.map_or(Cell::Empty, Cell::Instant),
        ]);
    }
    table
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
    let desk = report_desk(&state, &ctx, &prefix).await?;
    let (from, to) = q
        .period()
        .map_err(|_| AppError::BadRequest("error-date-format"))?;
    let rows = priority_overrides(&state.db, ctx.viewer()?, desk.id, from, to).await?;
    let table = table(&rows, |k| state.i18n.t(ctx.locale, k));
    crate::export::download(
        &format!("priority-overrides-{}", desk.key_prefix),
        format,
        &table,
    )
}
