use crate::context::{set_cookie, SESSION_COOKIE};
use crate::{AppResult, AppState, Ctx};
use atbalsts_store::sessions;
use axum::extract::State;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LogoutForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<LogoutForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    if let Some(token) = &ctx.session_token {
        sessions::delete(&state.db, token).await?;
    }
    let expired = set_cookie(&state, SESSION_COOKIE, "", Some(0));
    Ok((
        StatusCode::SEE_OTHER,
        [(SET_COOKIE, expired)],
        [(LOCATION, "/login")],
    )
        .into_response())
}
