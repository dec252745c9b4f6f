//! "Forgot your password?": a reset link through the notification outbox.

use super::links::{self, Link, SetForm};
use super::signup::{TokenQuery, LINK_LIMITS, LINK_TTL_MS};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::{Email, FieldErrors};
use atbalsts_store::account_links::{self, LinkOutcome, Purpose};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use minijinja::context;
use serde::Deserialize;
use std::net::SocketAddr;

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
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
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
    let outcome = account_links::request_reset(
        &state.db,
        &email,
        &peer.ip().to_string(),
        LINK_LIMITS,
        LINK_TTL_MS,
        |token, user| {
            let locale = user.and_then(|u| u.locale).unwrap_or(fallback);
            state
                .composer
                .account_link(email.as_str(), token, Purpose::Reset, locale, desk)
        },
    )
    .await?;
    if outcome == LinkOutcome::Throttled {
        tracing::warn!(email = email.as_str(), address = %peer.ip(), "password reset throttled: nothing queued");
    } else {
        tracing::info!(email = email.as_str(), ?outcome, "password reset requested");
    }
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
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<SetForm>,
) -> AppResult<Response> {
    let origin = super::login::origin(&peer, &headers);
    links::set_submit(&state, &ctx, Link::new(Purpose::Reset), &origin, form).await
}
