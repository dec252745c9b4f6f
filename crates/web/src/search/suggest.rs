//! `/portal/suggest?q=...&rt=...`: the articles suggested beside a portal
//! form while the customer types a summary or description, as an HTML
//! fragment that `portal.js` puts into the form's live region.

use super::suggestions;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::Locale;
use atbalsts_store::catalogue;
use axum::extract::{Query, State};
use axum::http::header::CACHE_CONTROL;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

/// Fewer characters than this suggest nothing.
const MIN_CHARS: usize = 3;

#[derive(Deserialize, Default)]
pub struct Params {
    #[serde(default)]
    q: String,
    /// The request type whose form is being filled in (text: a mangled
    /// value only loses the filter).
    #[serde(default)]
    rt: String,
}

pub async fn fragment(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(params): Query<Params>,
) -> AppResult<Response> {
    let rt = match params.rt.trim().parse::<i64>() {
        Ok(id) => catalogue::request_type_by_id(&state.db, id).await?,
        Err(_) => None,
    };
    let (desk_id, rt_id) = (rt.as_ref().map(|r| r.desk_id), rt.as_ref().map(|r| r.id));
    let q = params.q.trim();
    let mut found = Vec::new();
    if q.chars().count() >= MIN_CHARS {
        found = suggestions(&state, q, desk_id, rt_id, ctx.locale).await?;
    }
    if found.is_empty() {
        // Nothing for the words typed: the articles about the request type.
        if let Some(rt) = &rt {
            found = suggestions(&state, &related_query(rt), desk_id, rt_id, ctx.locale).await?;
        }
    }
    let mut response = state.templates.render(
        &ctx,
        "search/suggestions.html",
        context! { suggestions => found },
    )?;
    response
        .headers_mut()
        .insert(CACHE_CONTROL, "no-store".parse().expect("header value"));
    Ok(response.into_response())
}

/// The words that find articles about a request type: its name in both
/// languages (people search in either).
pub(crate) fn related_query(rt: &catalogue::RequestType) -> String {
    [Locale::Lv, Locale::En]
        .into_iter()
        .map(|l| rt.labels.get(l))
        .collect::<Vec<_>>()
        .join(" ")
}
