use crate::context::{set_cookie, SESSION_COOKIE};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::{Email, FieldErrors};
use atbalsts_store::{sessions, users};
use axum::extract::{ConnectInfo, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use minijinja::context;
use serde::Deserialize;
use std::net::SocketAddr;

/// Failed attempts for one email within the window before sign-in is refused.
const MAX_FAILURES: i64 = 10;
const FAILURE_WINDOW_MS: i64 = 15 * 60 * 1000;

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

/// Only local paths, so the sign-in page cannot be used to send people elsewhere.
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/tickets"
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
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let again = |code: &'static str| {
        let mut errors = FieldErrors::default();
        errors.push("email", code);
        state.templates.render_status(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            "login.html",
            context! { next => form.next.clone(), email => form.email.clone(), errors => errors },
        )
    };
    let Ok(email) = Email::parse(&form.email) else {
        return again("error-sign-in-failed");
    };
    if users::recent_failed_sign_ins(&state.db, email.as_str(), FAILURE_WINDOW_MS).await?
        >= MAX_FAILURES
    {
        users::record_sign_in(
            &state.db,
            email.as_str(),
            None,
            false,
            &peer.ip().to_string(),
        )
        .await?;
        tracing::warn!(email = email.as_str(), "sign-in refused: too many failures");
        return again("error-sign-in-locked");
    }
    let user = users::user_by_email(&state.db, &email)
        .await?
        .filter(|u| u.active);
    let password = form.password.clone();
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = tokio::task::spawn_blocking(move || match hash {
        Some(h) => super::password::verify(&password, &h),
        None => {
            super::password::verify_nothing(&password);
            false
        }
    })
    .await
    .unwrap_or(false);
    let user_id = user.as_ref().map(|u| u.id);
    users::record_sign_in(
        &state.db,
        email.as_str(),
        user_id.filter(|_| ok),
        ok,
        &peer.ip().to_string(),
    )
    .await?;
    let Some(user) = user.filter(|_| ok) else {
        return again("error-sign-in-failed");
    };
    start_session(&state, &ctx, user.id, safe_next(&form.next)).await
}

/// Signs the person in (replacing any session the browser had) and sends them to `next`.
pub(crate) async fn start_session(
    state: &AppState,
    ctx: &Ctx,
    user_id: i64,
    next: &str,
) -> AppResult<Response> {
    if let Some(old) = &ctx.session_token {
        sessions::delete(&state.db, old).await?;
    }
    let token = sessions::create(&state.db, user_id, state.config.session_ttl_ms).await?;
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

#[cfg(test)]
mod tests {
    #[test]
    fn sign_in_only_returns_to_local_pages() {
        assert_eq!(super::safe_next("/tickets/KISC-1"), "/tickets/KISC-1");
        assert_eq!(super::safe_next("https://evil.example"), "/tickets");
        assert_eq!(super::safe_next("//evil.example"), "/tickets");
        assert_eq!(super::safe_next("/\\evil.example"), "/tickets");
    }
}
