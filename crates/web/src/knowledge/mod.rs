//! The knowledge base in the browser (SPEC §5). Staff work under
//! `/kb/{DESK}`: the list of articles, the editor with its preview, the
//! workflow, version history, files, categories, stale articles, the report
//! and importing a web page. Anyone reads the published articles under
//! `/help/{DESK}` and says whether they helped. Agents turn resolved
//! tickets into drafts and link articles to tickets from the ticket page.
//!
//! Who may do what is decided by the store (`atbalsts_store::knowledge`);
//! these pages only choose what to offer, and answer 404 for anything the
//! person may not see.

pub mod articles;
pub mod categories;
pub mod editor;
mod fetch;
pub mod files;
pub mod from_ticket;
pub mod import;
mod page_text;
pub mod public;
pub mod reminders;
pub mod report;
pub mod versions;

use crate::titles::{title_in, Title};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::knowledge::{is_editor, ArticleStatus};
use atbalsts_domain::{Locale, Viewer};
use atbalsts_store::desks::Desk;
use atbalsts_store::knowledge::{self as kb, Article, ArticleSummary};
use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/kb", get(articles::desks))
        .route("/kb/files/{id}", get(files::download))
        .route("/kb/{desk}", get(articles::list))
        .route("/kb/{desk}/new", get(editor::new_page).post(editor::create))
        .route("/kb/{desk}/articles/{id}", get(articles::page))
        .route(
            "/kb/{desk}/articles/{id}/edit",
            get(editor::edit_page).post(editor::save),
        )
        .route(
            "/kb/{desk}/articles/{id}/status",
            post(articles::transition),
        )
        .route("/kb/{desk}/articles/{id}/history", get(versions::page))
        .route("/kb/{desk}/articles/{id}/restore", post(versions::restore))
        .route("/kb/{desk}/articles/{id}/files", post(files::upload))
        .route(
            "/kb/{desk}/articles/{id}/files/{file}/remove",
            post(files::remove),
        )
        .route(
            "/kb/{desk}/categories",
            get(categories::page).post(categories::save),
        )
        .route("/kb/{desk}/stale", get(report::stale))
        .route("/kb/{desk}/report", get(report::page))
        .route("/kb/{desk}/report.csv", get(report::csv))
        .route("/kb/{desk}/report.xlsx", get(report::xlsx))
        .route("/kb/{desk}/import", get(import::page).post(import::submit))
        .route("/help/{desk}", get(public::shelves))
        .route("/help/{desk}/articles/{id}", get(public::article))
        .route("/help/{desk}/articles/{id}/vote", post(public::vote))
}

/// A desk as the knowledge pages see it: whether the person edits its
/// articles (knowledge editors and desk administrators) or only drafts
/// and reads them (agents).
pub(crate) struct KbDesk {
    pub desk: Desk,
    pub editor: bool,
}

/// The desk, if the person works on it; otherwise 404.
pub(crate) async fn staff_desk(state: &AppState, ctx: &Ctx, prefix: &str) -> AppResult<KbDesk> {
    let viewer = ctx.viewer()?;
    let desk = crate::desks::desk(state, prefix).await?;
    if !viewer.is_staff_on(desk.id) {
        return Err(AppError::NotFound);
    }
    Ok(KbDesk {
        editor: is_editor(viewer, desk.id),
        desk,
    })
}

/// The desk, if the person edits its articles; otherwise 404.
pub(crate) async fn editor_desk(state: &AppState, ctx: &Ctx, prefix: &str) -> AppResult<Desk> {
    let d = staff_desk(state, ctx, prefix).await?;
    if d.editor {
        Ok(d.desk)
    } else {
        Err(AppError::NotFound)
    }
}

/// An article of `desk` that the viewer may read; 404 otherwise.
pub(crate) async fn article_on(
    state: &AppState,
    viewer: Option<&Viewer>,
    desk: &Desk,
    id: i64,
) -> AppResult<Article> {
    kb::article(&state.db, viewer, id)
        .await?
        .filter(|a| a.summary.desk_id == desk.id)
        .ok_or(AppError::NotFound)
}

/// Whether the page offers to change the article's text and settings: the
/// store's rule (`may_edit`): the desk's editors, and the owner of a draft.
pub(crate) fn may_edit(viewer: &Viewer, a: &ArticleSummary) -> bool {
    a.status != ArticleStatus::Archived
        && (is_editor(viewer, a.desk_id)
            || (a.status == ArticleStatus::Draft
                && a.owner_id == viewer.user_id
                && viewer.is_staff_on(a.desk_id)))
}

/// An article as lists show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Row {
    pub id: i64,
    pub title: Title,
    pub status: ArticleStatus,
    pub visibility: &'static str,
    pub owner_name: String,
    pub review_at: Option<i64>,
    /// The review date as the reader writes dates.
    pub review_on: Option<String>,
    pub updated_at: i64,
    pub href: String,
}

pub(crate) fn row(desk: &Desk, a: &ArticleSummary, locale: Locale) -> Row {
    Row {
        id: a.id,
        title: title_in(&a.titles, locale),
        status: a.status,
        visibility: a.visibility.code(),
        owner_name: a.owner_name.clone(),
        review_at: a.review_at,
        review_on: a.review_at.map(|ms| crate::dates::date_text(locale, ms)),
        updated_at: a.updated_at,
        href: format!("/kb/{}/articles/{}", desk.key_prefix, a.id),
    }
}
