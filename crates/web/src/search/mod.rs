//! The one search (`/search`) over knowledge articles, tickets and request
//! types; suggestions of articles while a customer describes a problem on a
//! portal form (`/portal/suggest`); and what the customer then tells us
//! (`/help/deflect`). The index and the rules of who finds what are in the
//! `atbalsts-search` crate; this module turns its hits into links.

pub mod deflect;
pub mod page;
pub mod suggest;

use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_search::{Hit, Kind, Scope, SearchError};
use atbalsts_store::knowledge::ArticleStatus;
use std::collections::HashMap;

pub(crate) use crate::desks::desk_prefixes;

impl From<SearchError> for AppError {
    fn from(e: SearchError) -> Self {
        AppError::Internal(format!("search: {e}"))
    }
}

/// What the person asking may find. System administrators have no desk
/// roles, so their desks are listed; an institution chosen at sign-up
/// counts once the desk has confirmed it.
pub(crate) async fn scope_of(state: &AppState, ctx: &Ctx) -> AppResult<Scope> {
    let (Some(user), Ok(viewer)) = (ctx.user(), ctx.viewer()) else {
        return Ok(Scope::anonymous());
    };
    let mut scope = Scope::of(viewer);
    if !user.institution_confirmed {
        scope.institution_id = None;
    }
    if viewer.is_system_admin {
        let all: Vec<i64> = desk_prefixes(state).await?.into_keys().collect();
        scope.staff_desks.clone_from(&all);
        scope.editor_desks = all;
    }
    Ok(scope)
}

/// The page of a hit: a ticket's page, an article's public page (its page
/// in the knowledge base while it is not published: only its editors find
/// it then), a request type's form.
pub(crate) fn href(hit: &Hit, prefixes: &HashMap<i64, String>) -> String {
    let prefix = prefixes.get(&hit.desk_id).map(String::as_str).unwrap_or("");
    match hit.kind {
        Kind::Ticket => format!("/tickets/{}", hit.key),
        Kind::Article if hit.status != ArticleStatus::Published.code() => {
            format!("/kb/{prefix}/articles/{}", hit.id)
        }
        Kind::Article => crate::article_suggestions::article_href(prefix, hit.id),
        Kind::RequestType => format!("/portal/{prefix}/{}", hit.key),
    }
}

/// The search page, suggestions beside portal forms and what customers tell us about them.
pub fn routes() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/search", get(page::page))
        .route("/portal/search", get(page::portal_search))
        .route("/portal/suggest", get(suggest::fragment))
        .route("/help/deflect", post(deflect::submit))
}
