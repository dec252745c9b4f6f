//! Changing one's own password under "Mans konts": the current password
//! (a wrong one counts as a failed sign-in, throttled alike), the new one
//! twice. This browser stays signed in; every other session and every API
//! token ends, and a mail tells the person.

use crate::passwords as password;
use crate::passwords::password_matches;
use crate::sign_in_throttle::{self as throttle, Who};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::FieldErrors;
use atbalsts_store::{now_ms, users};
use axum::extract::{ConnectInfo, State};
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use minijinja::context;
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Deserialize)]
pub struct ChangeForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_again: String,
}

/// A change request whose new password passed the rules.
struct Change {
    current: String,
    new: String,
}

impl Change {
    fn parse(form: ChangeForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        if form.current.is_empty() {
            errors.push("current", "error-required");
        }
        errors.check(password::check_new(&form.password), "password");
        if errors.is_empty() && form.password != form.password_again {
            errors.push("password_again", "error-password-mismatch");
        }
        if errors.is_empty() {
            Ok(Self {
                current: form.current,
                new: form.password,
            })
        } else {
            Err(errors)
        }
    }
}

fn show(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    errors: FieldErrors,
    wait: Option<i64>,
) -> AppResult<Response> {
    state.templates.render_status(
        ctx,
        status,
        "account/password.html",
        context! { errors => errors, wait_minutes => wait, changed => false },
    )
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.viewer()?;
    show(&state, &ctx, StatusCode::OK, FieldErrors::default(), None)
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<ChangeForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let user = ctx.user().ok_or(AppError::Unauthorized)?.clone();
    let session = ctx.session_token.clone().ok_or(AppError::Unauthorized)?;
    let change = match Change::parse(form) {
        Ok(c) => c,
        Err(errors) => {
            return show(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, None);
        }
    };
    let address = peer.ip().to_string();
    let device = crate::devices::device_of(&state, &headers, user.id);
    let who = Who {
        email: &user.email,
        address: &address,
        device: device.as_deref(),
    };
    let now = now_ms();
    let wait = throttle::wait_ms(&state.db, who, now).await?;
    if wait > 0 {
        let mut errors = FieldErrors::default();
        errors.push("current", "error-sign-in-wait");
        let minutes = Some(throttle::minutes(wait));
        return show(&state, &ctx, StatusCode::TOO_MANY_REQUESTS, errors, minutes);
    }
    let ok = password_matches(&change.current, user.password_hash.clone()).await;
    throttle::record(&state.db, who, Some(user.id), ok, now).await?;
    if !ok {
        let mut errors = FieldErrors::default();
        errors.push("current", "error-current-password-wrong");
        return show(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, errors, None);
    }
    let new = change.new;
    let hash = tokio::task::spawn_blocking(move || password::hash(&new))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let notice = state
        .composer
        .password_changed(&user.email, user.locale.unwrap_or(ctx.locale));
    users::change_password(&state.db, user.id, &hash, &session, &notice).await?;
    // Tokens this instance remembers go now; other instances forget them
    // within their cache's 5 s.
    state.api_callers.clear();
    tracing::info!(user_id = user.id, "password changed by its owner");
    Ok((
        StatusCode::SEE_OTHER,
        [(LOCATION, "/account/sessions?changed=1")],
    )
        .into_response())
}
