use crate::{account, api, attachments, auth, ops, tickets, AppError, AppState, Ctx};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{middleware, Router};
use tower_http::catch_panic::CatchPanicLayer;

const CSS: &str = include_str!("../static/app.css");

async fn home(ctx: Ctx) -> Response {
    let target = if ctx.user().is_some() {
        "/tickets"
    } else {
        "/login"
    };
    (StatusCode::SEE_OTHER, [(LOCATION, target)]).into_response()
}

async fn css() -> Response {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

async fn not_found() -> AppError {
    AppError::NotFound
}

async fn security_headers(
    State(_): State<AppState>,
    req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name: &'static str, value: &'static str| {
        h.entry(HeaderName::from_static(name))
            .or_insert(HeaderValue::from_static(value));
    };
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "same-origin");
    set(
        h,
        "content-security-policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
    );
    response
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let body_limit = state
        .config
        .max_upload_bytes
        .saturating_mul(4)
        .max(1024 * 1024);
    let pages = Router::new()
        .route("/", get(home))
        .route("/login", get(auth::login::page).post(auth::login::submit))
        .route("/logout", post(auth::logout::submit))
        .route("/language", post(auth::language::submit))
        .route("/tickets", get(tickets::list::page))
        .route(
            "/tickets/new",
            get(tickets::new::page).post(tickets::new::submit),
        )
        .route("/tickets/{key}", get(tickets::view::page))
        .route("/tickets/{key}/comments", post(tickets::comment::submit))
        .route(
            "/tickets/{key}/transition",
            post(tickets::transition::submit),
        )
        .route("/attachments/{id}", get(attachments::page))
        .route(
            "/account/tokens",
            get(account::tokens::page).post(account::tokens::create),
        )
        .route("/account/tokens/{id}/revoke", post(account::tokens::revoke))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::context::middleware,
        ));
    Router::new()
        .route("/healthz", get(ops::health::healthz))
        .route("/readyz", get(ops::health::readyz))
        .route("/metrics", get(ops::metrics::endpoint))
        .route("/static/app.css", get(css))
        .nest("/api/v1", api::routes(&state))
        .merge(pages)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            ops::metrics::middleware,
        ))
        .layer(CatchPanicLayer::new())
        .with_state(state)
}
