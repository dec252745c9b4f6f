//! The help pages (support level 0): a desk's published articles by
//! category and each article in the reader's language, open to anyone the
//! article is visible to — without signing in for public ones. Every page
//! load counts as a view; readers say whether the article helped.

use crate::titles::title_in;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::knowledge::ArticleStatus;
use atbalsts_store::desks::Desk;
use atbalsts_store::knowledge::{self as kb, Article};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::Form;
use minijinja::context;
use serde::Deserialize;

/// The desk's published articles the visitor may read, by category.
pub async fn shelves(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let desk = crate::desks::desk(&state, &prefix).await?;
    let shelves: Vec<_> = kb::public_by_category(&state.db, ctx.viewer().ok(), desk.id, ctx.locale)
        .await?
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let articles: Vec<_> = s
                .articles
                .iter()
                .map(|a| {
                    context! {
                        title => title_in(&a.titles, ctx.locale),
                        href => format!("/help/{}/articles/{}", desk.key_prefix, a.id),
                    }
                })
                .collect();
            context! {
                id => s.category.as_ref().map(|c| c.id.to_string()).unwrap_or_else(|| format!("other-{i}")),
                name => s.category.as_ref().map(|c| c.labels.get(ctx.locale).to_owned()),
                articles => articles,
            }
        })
        .collect();
    state.templates.render(
        &ctx,
        "knowledge/help.html",
        context! { desk => desk, shelves => shelves },
    )
}

/// A published article of the desk that the visitor may read; a draft, an
/// archived article or one for another institution is not found.
async fn published(state: &AppState, ctx: &Ctx, desk: &Desk, id: i64) -> AppResult<Article> {
    kb::article(&state.db, ctx.viewer().ok(), id)
        .await?
        .filter(|a| a.summary.desk_id == desk.id && a.summary.status == ArticleStatus::Published)
        .ok_or(AppError::NotFound)
}

#[derive(Deserialize, Default)]
pub struct ArticleQuery {
    /// Set after voting (`yes` or `no`): the page thanks the reader and
    /// does not count another view.
    #[serde(default)]
    voted: String,
    /// The request type whose form suggested this article: the page offers
    /// "it solved my question", recorded as a deflection for both.
    #[serde(default)]
    from: Option<i64>,
}

pub async fn article(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
    Query(q): Query<ArticleQuery>,
) -> AppResult<Response> {
    let desk = crate::desks::desk(&state, &prefix).await?;
    let a = published(&state, &ctx, &desk, id).await?;
    let viewer = ctx.viewer().ok();
    let voted = match q.voted.as_str() {
        "yes" | "no" => Some(q.voted.as_str()),
        _ => None,
    };
    if voted.is_none() {
        kb::record_view(&state.db, viewer, id).await?;
    }
    let text = a.text(ctx.locale).ok_or(AppError::NotFound)?;
    let files: Vec<_> = kb::files_of(&state.db, viewer, id).await?;
    let category = match a.summary.category_id {
        Some(c) => kb::categories_of(&state.db, desk.id)
            .await?
            .into_iter()
            .find(|k| k.id == c)
            .map(|k| k.labels.get(ctx.locale).to_owned()),
        None => None,
    };
    let staff = viewer.is_some_and(|v| v.is_staff_on(desk.id));
    state.templates.render(
        &ctx,
        "knowledge/help-article.html",
        context! {
            desk => desk,
            id => id,
            lang => text.locale.code(),
            title => text.title,
            html => atbalsts_richtext::markdown(&text.body_md),
            updated_at => a.summary.updated_at,
            category => category,
            files => files,
            voted => voted,
            from => q.from,
            staff_href => staff.then(|| format!("/kb/{}/articles/{id}", desk.key_prefix)),
        },
    )
}

#[derive(Deserialize)]
pub struct VoteForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    helpful: String,
}

/// "Did it help?" — yes or no; then the article again with thanks.
pub async fn vote(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
    Form(form): Form<VoteForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let desk = crate::desks::desk(&state, &prefix).await?;
    published(&state, &ctx, &desk, id).await?;
    let helpful = match form.helpful.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest("error-form-malformed")),
    };
    let browser = crate::csrf::sign(&state.secret, "kb-voter", &ctx.anon_id);
    kb::vote(&state.db, ctx.viewer().ok(), &browser, id, helpful).await?;
    tracing::info!(article = id, helpful, "article vote");
    Ok(crate::http::see_other(format!(
        "/help/{}/articles/{id}?voted={}#feedback",
        desk.key_prefix, form.helpful
    )))
}
