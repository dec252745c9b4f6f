use crate::{
    account, admin, api, attachments, auth, ops, portal, search, tickets, AppError, AppState,
};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
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

/// The keyboard shortcuts `agent.js` offers staff.
async fn shortcuts(
    axum::extract::State(state): axum::extract::State<AppState>,
    ctx: crate::Ctx,
) -> crate::AppResult<Response> {
    state
        .templates
        .render(&ctx, "shortcuts.html", minijinja::context! {})
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
        .route("/", get(portal::home::page))
        .route("/search", get(search::page::page))
        .route("/portal/search", get(search::page::portal_search))
        .route("/portal/suggest", get(search::suggest::fragment))
        .route("/help/deflect", post(search::deflect::submit))
        .route("/portal/{desk}/groups/{group}", get(portal::home::group))
        .route(
            "/portal/{desk}/{request_type}",
            get(portal::form::page).post(portal::form::submit),
        )
        .route("/portal/{desk}/sent/{key}", get(portal::form::sent))
        .route("/accessibility", get(portal::home::accessibility))
        .route("/shortcuts", get(shortcuts))
        .route("/login", get(auth::login::page).post(auth::login::submit))
        .route(
            "/signup",
            get(auth::signup::page).post(auth::signup::submit),
        )
        .route(
            "/signup/verify",
            get(auth::signup::verify_page).post(auth::signup::verify_submit),
        )
        .route(
            "/password-reset",
            get(auth::reset::page).post(auth::reset::submit),
        )
        .route(
            "/password-reset/set",
            get(auth::reset::set_page).post(auth::reset::set_submit),
        )
        .route("/logout", post(auth::logout::submit))
        .route("/language", post(auth::language::submit))
        .route("/tickets", get(tickets::list::page))
        .route(
            "/tickets/new",
            get(tickets::new::page).post(tickets::new::submit),
        )
        .route("/tickets/bulk", post(tickets::bulk::submit))
        .route("/tickets/queues", post(tickets::queues::submit))
        .route("/tickets/{key}", get(tickets::view::page))
        .route("/tickets/{key}/comments", post(tickets::comment::submit))
        .route(
            "/tickets/{key}/transition",
            post(tickets::transition::submit),
        )
        .route("/tickets/{key}/triage", post(tickets::triage::submit))
        .route("/tickets/{key}/assign", post(tickets::assign::submit))
        .route("/tickets/{key}/links", post(tickets::links::add))
        .route(
            "/tickets/{key}/links/{id}/remove",
            post(tickets::links::remove),
        )
        .route(
            "/tickets/{key}/approval",
            post(tickets::approval::from_ticket),
        )
        .route(
            "/tickets/{key}/institution/confirm",
            post(tickets::institution::confirm),
        )
        .route(
            "/approvals/{token}",
            get(tickets::approval::page).post(tickets::approval::submit),
        )
        .route("/tickets/{key}/merge", post(tickets::merge::submit))
        .route("/tickets/{key}/macro", post(tickets::macros::submit))
        .route(
            "/tickets/{key}/participants",
            post(tickets::participants::add),
        )
        .route(
            "/tickets/{key}/participants/{user}/remove",
            post(tickets::participants::remove),
        )
        .route(
            "/tickets/{key}/resolve-incidents",
            post(tickets::links::resolve_incidents),
        )
        .route("/attachments/{id}", get(attachments::page))
        .route(
            "/account/tokens",
            get(account::tokens::page).post(account::tokens::create),
        )
        .route("/account/tokens/{id}/revoke", post(account::tokens::revoke))
        .route(
            "/account/password",
            get(account::password::page).post(account::password::submit),
        )
        .route("/account/sessions", get(account::sessions::page))
        .route(
            "/account/sessions/end-others",
            post(account::sessions::end_others),
        )
        .route("/account/sessions/{id}/end", post(account::sessions::end))
        .route(
            "/account/notifications",
            get(account::notifications::page).post(account::notifications::save),
        )
        .merge(admin::routes())
        .merge(crate::knowledge::routes())
        .merge(crate::reports::routes())
        .merge(crate::requests::routes())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::context::middleware,
        ));
    Router::new()
        .route("/healthz", get(ops::health::healthz))
        .route("/readyz", get(ops::health::readyz))
        .route("/metrics", get(ops::metrics::guarded))
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
            ops::metrics::middleware,
        ))
        .layer(CatchPanicLayer::new())
        .with_state(state)
}
