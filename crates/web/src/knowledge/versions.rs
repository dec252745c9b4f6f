//! An article's history: every saved version of its texts, what changed
//! between two of them line by line (marked in words, not by colour
//! alone), the workflow moves, and restoring an earlier text.

use super::{article_on, staff_desk, KbDesk};
use crate::forms::{HtmlForm, WithCsrf};
use crate::http::see_other;
use crate::titles::title_in;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::knowledge::{RestoreForm, RestoreInput};
use atbalsts_domain::Locale;
use atbalsts_store::knowledge::{self as kb, Article};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::context;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Default)]
pub struct HistoryQuery {
    #[serde(default)]
    from: Option<i64>,
    #[serde(default)]
    to: Option<i64>,
    #[serde(default)]
    lang: String,
}

/// One save: the languages it changed.
#[derive(Serialize)]
struct Saved {
    version: i64,
    author: String,
    at: i64,
    changes: Vec<minijinja::Value>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    kd: &KbDesk,
    a: &Article,
    q: &HistoryQuery,
    status: StatusCode,
    notice: Option<&'static str>,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let id = a.summary.id;
    let mut saves: Vec<Saved> = Vec::new();
    let versions = kb::versions(&state.db, viewer, id).await?;
    let latest_lang = versions.first().map(|v| v.locale);
    for v in versions {
        let change = context! { lang => v.locale.code(), title => v.title, removed => v.removed };
        match saves.last_mut() {
            Some(s) if s.version == v.version => s.changes.push(change),
            _ => saves.push(Saved {
                version: v.version,
                author: v.author_name,
                at: v.created_at,
                changes: vec![change],
            }),
        }
    }
    // By default: the latest save against the one before it.
    let to = q.to.or(saves.first().map(|s| s.version));
    let from = q.from.or(saves.get(1).map(|s| s.version)).or(to);
    let lang = Locale::parse(&q.lang).or(latest_lang).unwrap_or(ctx.locale);
    let diff = match (from, to) {
        (Some(from), Some(to)) => match kb::diff(&state.db, viewer, id, from, to, lang).await {
            Ok(d) => Some(d),
            Err(atbalsts_store::StoreError::Invalid(_)) => None,
            Err(e) => return Err(e.into()),
        },
        _ => None,
    };
    let moves = kb::status_history(&state.db, viewer, id).await?;
    state.templates.render_status(
        ctx,
        status,
        "knowledge/history.html",
        context! {
            desk => kd.desk,
            editor => kd.editor,
            a => a.summary,
            title => title_in(&a.summary.titles, ctx.locale),
            saves => saves,
            from => from,
            to => to,
            lang => lang.code(),
            languages => Locale::ALL.iter().map(|l| l.code()).collect::<Vec<_>>(),
            diff => diff,
            moves => moves,
            notice => notice,
        },
    )
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
    Query(q): Query<HistoryQuery>,
) -> AppResult<Response> {
    let kd = staff_desk(&state, &ctx, &prefix).await?;
    let a = article_on(&state, Some(ctx.viewer()?), &kd.desk, id).await?;
    render(&state, &ctx, &kd, &a, &q, StatusCode::OK, None).await
}

/// Makes the texts those of an earlier version, as a new version.
pub async fn restore(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
    HtmlForm(posted): HtmlForm<WithCsrf<RestoreForm>>,
) -> AppResult<Response> {
    ctx.check_csrf(&posted.csrf)?;
    let kd = staff_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    let a = article_on(&state, Some(viewer), &kd.desk, id).await?;
    // Both numbers are the page's own hidden values.
    let RestoreInput { version, expected } = RestoreInput::parse(&posted.form)
        .map_err(|_| AppError::BadRequest("error-form-malformed"))?;
    match kb::restore(&state.db, viewer, id, version, expected).await {
        Ok(now) => {
            tracing::info!(
                article = id,
                restored = version,
                version = now,
                "article text restored"
            );
            Ok(see_other(format!(
                "/kb/{}/articles/{id}/history",
                kd.desk.key_prefix
            )))
        }
        Err(e) => {
            let (status, notice) = match AppError::from(e) {
                AppError::Conflict(code) => (StatusCode::CONFLICT, code),
                AppError::Invalid(errors) => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    errors.0.first().map(|e| e.code).unwrap_or("error-invalid"),
                ),
                AppError::Forbidden => return Err(AppError::NotFound),
                other => return Err(other),
            };
            let fresh = article_on(&state, Some(viewer), &kd.desk, a.summary.id).await?;
            let q = HistoryQuery::default();
            render(&state, &ctx, &kd, &fresh, &q, status, Some(notice)).await
        }
    }
}
