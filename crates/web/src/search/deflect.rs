//! `POST /help/deflect`: a suggested article kept someone from filing a
//! request. `solved` comes from the article page's "it solved my question"
//! button and gets a thank-you page; `not_filed` comes from `portal.js`
//! (`navigator.sendBeacon`) when a person opened a suggestion and left the
//! form without sending it, and gets an empty answer. Both carry the
//! page's CSRF token in the body.

use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_store::catalogue;
use atbalsts_store::knowledge::{article, record_deflection, Deflection};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use minijinja::context;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct DeflectForm {
    #[serde(default)]
    _csrf: String,
    article: i64,
    /// The request type whose form suggested the article, if any (text: a
    /// missing or mangled one is simply not known).
    #[serde(default)]
    request_type: String,
    kind: String,
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<DeflectForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form._csrf)?;
    let how = match form.kind.as_str() {
        "solved" => Deflection::Solved,
        "not_filed" => Deflection::NotFiled,
        _ => return Err(AppError::BadRequest("error-invalid")),
    };
    let request_type = match form.request_type.trim().parse::<i64>() {
        Ok(id) => catalogue::request_type_by_id(&state.db, id)
            .await?
            .map(|rt| rt.id),
        Err(_) => None,
    };
    let viewer = ctx.viewer().ok();
    // Refused (not found) unless the person may read the published article.
    record_deflection(&state.db, viewer, form.article, request_type, how).await?;
    if how == Deflection::NotFiled {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let read = article(&state.db, viewer, form.article)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = read
        .text(ctx.locale)
        .map(|t| t.title.clone())
        .unwrap_or_default();
    state
        .templates
        .render(&ctx, "search/solved.html", context! { title => title })
}
