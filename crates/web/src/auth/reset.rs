//! "Forgot your password?": a reset link through the notification outbox.

use super::links::{self, Link, SetForm};
use super::signup::{TokenQuery, LINK_TTL_MS};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::{Email, FieldErrors};
use atbalsts_store::account_links::Purpose;
use atbalsts_store::users;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use minijinja::context;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    email: String,
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    state.templates.render(
        &ctx,
        "auth/reset.html",
        context! { email => "", errors => FieldErrors::default() },
    )
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ResetForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(code) => {
            let mut errors = FieldErrors::default();
            errors.push("email", code);
            return state.templates.render_status(
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                "auth/reset.html",
                context! { email => form.email, errors => errors },
            );
        }
    };
    let fallback = ctx.locale;
    let desk = atbalsts_store::desks::first_desk_id(&state.db).await?;
    let queued = users::request_password_reset(&state.db, &email, LINK_TTL_MS, |token, user| {
        let locale = user.locale.unwrap_or(fallback);
        state
            .composer
            .account_link(&user.email, token, Purpose::Reset, locale, desk)
    })
    .await?;
    tracing::info!(email = email.as_str(), queued, "password reset requested");
    links::check_email_page(&state, &ctx, email.as_str())
}

pub async fn set_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<TokenQuery>,
) -> AppResult<Response> {
    links::set_page(&state, &ctx, Link::new(Purpose::Reset), &q.token).await
}

pub async fn set_submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<SetForm>,
) -> AppResult<Response> {
    links::set_submit(&state, &ctx, Link::new(Purpose::Reset), form).await
}
