use crate::context::{set_cookie, SESSION_COOKIE};
use crate::http::{local_or, HOME};
use crate::passwords::password_matches;
use crate::sign_in_throttle::{self as throttle, Who};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::{Email, FieldErrors};
use atbalsts_store::sessions::{self, Origin};
use atbalsts_store::{now_ms, users};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE, USER_AGENT};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use minijinja::context;
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Where a request came from, for the session list.
pub(crate) fn origin(peer: &SocketAddr, headers: &HeaderMap) -> Origin {
    Origin {
        address: peer.ip().to_string(),
        user_agent: headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
    }
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    state.templates.render(
        &ctx,
        "login.html",
        context! { next => q.next, email => "", errors => FieldErrors::default() },
    )
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let again = |status: StatusCode, code: &'static str, wait: Option<i64>| {
        let mut errors = FieldErrors::default();
        errors.push("email", code);
        state.templates.render_status(
            &ctx,
            status,
            "login.html",
            context! { next => form.next.clone(), email => form.email.clone(), errors => errors, wait_minutes => wait },
        )
    };
    let Ok(email) = Email::parse(&form.email) else {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-sign-in-failed",
            None,
        );
    };
    let user = users::user_by_email(&state.db, &email)
        .await?
        .filter(|u| u.active);
    let device = user
        .as_ref()
        .and_then(|u| crate::devices::of_request(&state, &headers, u.id));
    let address = peer.ip().to_string();
    let who = Who {
        email: email.as_str(),
        address: &address,
        device: device.as_deref(),
    };
    let now = now_ms();
    let wait = throttle::wait_ms(&state.db, who, now).await?;
    if wait > 0 {
        tracing::warn!(
            email = email.as_str(),
            address,
            wait_ms = wait,
            "sign-in attempt refused unchecked: throttled"
        );
        return again(
            StatusCode::TOO_MANY_REQUESTS,
            "error-sign-in-wait",
            Some(throttle::minutes(wait)),
        );
    }
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = password_matches(&form.password, hash).await;
    let user_id = user.as_ref().map(|u| u.id);
    throttle::record(&state.db, who, user_id, ok, now).await?;
    let Some(user) = user.filter(|_| ok) else {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-sign-in-failed",
            None,
        );
    };
    let origin = origin(&peer, &headers);
    let next = local_or(&form.next, HOME);
    let mut response = start_session(&state, &ctx, user.id, &origin, next).await?;
    if device.is_none() {
        response
            .headers_mut()
            .append(SET_COOKIE, crate::devices::cookie_for(&state, user.id));
    }
    Ok(response)
}

/// Signs the person in (replacing any session the browser had) and sends them to `next`.
pub(crate) async fn start_session(
    state: &AppState,
    ctx: &Ctx,
    user_id: i64,
    origin: &Origin,
    next: &str,
) -> AppResult<Response> {
    if let Some(old) = &ctx.session_token {
        sessions::delete(&state.db, old).await?;
    }
    let token =
        sessions::create_from(&state.db, user_id, state.config.session_ttl_ms, origin).await?;
    let cookie = set_cookie(
        state,
        SESSION_COOKIE,
        &token,
        Some(state.config.session_ttl_ms / 1000),
    );
    Ok((
        StatusCode::SEE_OTHER,
        [(SET_COOKIE, cookie)],
        [(LOCATION, next.to_owned())],
    )
        .into_response())
}
