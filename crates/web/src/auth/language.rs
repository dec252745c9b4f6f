use crate::context::{set_cookie, LANG_COOKIE};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::Locale;
use atbalsts_store::users;
use axum::extract::State;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    locale: String,
    #[serde(default)]
    back: String,
}

/// Stores the chosen language on the account (and in a cookie for visitors).
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<LanguageForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let locale = Locale::parse(&form.locale).ok_or(crate::AppError::BadRequest("error-invalid"))?;
    if let Some(user) = ctx.user() {
        users::set_locale(&state.db, user.id, locale).await?;
    }
    let back = crate::http::local_or(&form.back, "/").to_owned();
    let cookie = set_cookie(&state, LANG_COOKIE, locale.code(), Some(365 * 24 * 3600));
    Ok((
        StatusCode::SEE_OTHER,
        [(SET_COOKIE, cookie)],
        [(LOCATION, back)],
    )
        .into_response())
}
