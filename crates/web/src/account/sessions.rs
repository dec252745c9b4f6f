//! The person's own sign-in sessions: a list (when and where each started,
//! which is this browser), ending one, ending all the others.

use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_store::{sessions, StoreError};
use axum::extract::{Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use minijinja::context;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct EndForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

#[derive(Deserialize, Default)]
pub struct Notice {
    #[serde(default)]
    changed: Option<String>,
    #[serde(default)]
    ended: Option<String>,
}

fn back() -> Response {
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, "/account/sessions?ended=1")],
    )
        .into_response()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(notice): Query<Notice>,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let list = sessions::list_for(&state.db, viewer.user_id, ctx.session_token.as_deref()).await?;
    state.templates.render(
        &ctx,
        "account/sessions.html",
        context! {
            sessions => list,
            changed => notice.changed.is_some(),
            ended => notice.ended.is_some(),
        },
    )
}

/// Ends one of the person's sessions; 404 for anyone else's.
pub async fn end(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(form): Form<EndForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    match sessions::end_own(&state.db, ctx.viewer()?.user_id, &id).await {
        Ok(()) => Ok(back()),
        Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(e) => Err(e.into()),
    }
}

/// Ends every session of the person but this browser's.
pub async fn end_others(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<EndForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let user = ctx.viewer()?.user_id;
    let keep = ctx.session_token.as_deref().ok_or(AppError::Unauthorized)?;
    sessions::end_others(&state.db, user, keep).await?;
    Ok(back())
}
