use crate::{
    account, admin, api, attachments, auth, cases, knowledge, notices, ops, portal, reports,
    requests, search, tickets, AppError, AppState,
};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Router};
use tower_http::catch_panic::CatchPanicLayer;

const CSS: &str = include_str!("../static/app.css");
const PORTAL_JS: &str = include_str!("../static/portal.js");
const AGENT_JS: &str = include_str!("../static/agent.js");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (CONTENT_TYPE, content_type),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

async fn css() -> Response {
    asset("text/css; charset=utf-8", CSS)
}

async fn portal_js() -> Response {
    asset("text/javascript; charset=utf-8", PORTAL_JS)
}

async fn agent_js() -> Response {
    asset("text/javascript; charset=utf-8", AGENT_JS)
}

async fn not_found() -> AppError {
    AppError::NotFound
}

/// Pages about a person's account and sign-in: never kept by a browser or proxy.
const PRIVATE_PATHS: &[&str] = &["/account", "/login", "/signup", "/password-reset"];

async fn security_headers(
    State(state): State<AppState>,
    req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    // A request with a session cookie is (or was) a signed-in person's:
    // what they are shown is theirs alone. Static assets set their own
    // caching and keep it.
    let signed_in = crate::context::cookie(req.headers(), crate::context::SESSION_COOKIE).is_some();
    let path = req.uri().path();
    let private = PRIVATE_PATHS
        .iter()
        .any(|p| path == *p || path.starts_with(&format!("{p}/")));
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    if private {
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if signed_in {
        h.entry(CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
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
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    );
    if state.config.secure_cookies {
        set(h, "strict-transport-security", "max-age=31536000");
    }
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
        .merge(portal::routes())
        .merge(search::routes())
        .merge(auth::routes())
        .merge(tickets::routes(requests::customer_pages()))
        .merge(attachments::routes())
        .merge(account::routes())
        .merge(admin::routes())
        .merge(knowledge::routes())
        .merge(reports::routes())
        .merge(requests::routes())
        .merge(crate::satisfaction::routes())
        .merge(notices::routes())
        .merge(cases::routes())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::context::middleware,
        ));
    Router::new()
        .merge(ops::routes())
        .route("/static/app.css", get(css))
        .route("/static/portal.js", get(portal_js))
        .route("/static/agent.js", get(agent_js))
        .nest("/api/v1", api::routes(&state))
        .merge(pages)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::metrics::middleware,
        ))
        .layer(CatchPanicLayer::new())
        .with_state(state)
}
