//! Who is asking, in which language, with which CSRF token: resolved once
//! per page request by a middleware and handed to handlers as `Ctx`.

use crate::csrf;
use crate::error::{AppError, AppResult, PendingErrorPage};
use crate::state::AppState;
use atbalsts_domain::{Locale, Viewer};
use atbalsts_store::users::User;
use atbalsts_store::{sessions, users};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, HOST, LOCATION, ORIGIN, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

pub(crate) const SESSION_COOKIE: &str = "atb_session";
const ANON_COOKIE: &str = "atb_anon";
pub(crate) const LANG_COOKIE: &str = "atb_lang";

#[derive(Clone)]
pub struct Ctx {
    signed_in: Option<Arc<(User, Viewer)>>,
    pub locale: Locale,
    pub csrf: String,
    pub(crate) session_token: Option<String>,
    /// The browser's anonymous cookie id (whether signed in or not).
    pub(crate) anon_id: String,
    /// The network address the request came from.
    pub(crate) address: Option<std::net::IpAddr>,
    pub path: String,
    /// How many requests the signed-in person filed ("My requests").
    pub my_requests: i64,
    /// Key prefixes of the desks the person administers.
    pub admin_desks: Vec<String>,
    /// Key prefixes of the desks whose reports the person reads.
    pub report_desks: Vec<String>,
    /// The staff member's unread SLA notices (the header's "Notices (N)");
    /// not asked for customers.
    pub unread_notices: i64,
    /// The confirmation of the action that led here, shown once.
    pub(crate) flash: Option<crate::flash::Flash>,
}

impl Ctx {
    pub fn user(&self) -> Option<&User> {
        self.signed_in.as_deref().map(|(u, _)| u)
    }

    /// The signed-in person, or a redirect to the sign-in page.
    pub fn viewer(&self) -> AppResult<&Viewer> {
        self.signed_in
            .as_deref()
            .map(|(_, v)| v)
            .ok_or(AppError::Unauthorized)
    }

    pub fn check_csrf(&self, given: &str) -> AppResult<()> {
        if csrf::matches(&self.csrf, given) {
            Ok(())
        } else {
            Err(AppError::BadRequest("error-csrf"))
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or(AppError::Internal("context middleware missing".into()))
    }
}

pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure behind TLS.
pub(crate) fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    max_age_s: Option<i64>,
) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age_s {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if state.config.secure_cookies {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).expect("cookie values are ASCII")
}

/// Rejects cross-site form posts whose Origin names another host.
fn cross_origin(headers: &HeaderMap) -> bool {
    let (Some(origin), Some(host)) = (headers.get(ORIGIN), headers.get(HOST)) else {
        return false;
    };
    let origin = origin.to_str().unwrap_or("");
    let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
    origin != "null" && origin_host != host.to_str().unwrap_or("")
}

pub(crate) async fn middleware(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let headers = req.headers();
    if req.method() != Method::GET && req.method() != Method::HEAD && cross_origin(headers) {
        return AppError::Forbidden.into_response();
    }
    let (anon, new_anon) = match cookie(headers, ANON_COOKIE) {
        Some(a) if a.len() == 64 => (a.to_owned(), false),
        _ => (sessions::random_token(""), true),
    };
    let session_token = cookie(headers, SESSION_COOKIE).map(str::to_owned);
    let flash_came = cookie(headers, crate::flash::COOKIE).is_some();
    let flash = crate::flash::from_headers(headers);
    let mut signed_in = None;
    if let Some(token) = &session_token {
        match sessions::user_of(&state.db, token).await {
            Ok(Some(user_id)) => match users::viewer_by_id(&state.db, user_id).await {
                Ok(found) => signed_in = found.map(Arc::new),
                Err(e) => return AppError::from(e).into_response(),
            },
            Ok(None) => {}
            Err(e) => return AppError::from(e).into_response(),
        }
    }
    let locale = signed_in
        .as_deref()
        .and_then(|(u, _): &(User, Viewer)| u.locale)
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Locale::parse))
        .unwrap_or_else(|| {
            Locale::from_accept_language(
                headers
                    .get(ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or(""),
            )
        });
    let session_for_csrf = signed_in.as_ref().and(session_token.as_deref());
    let (my_requests, admin_desks, report_desks) = match signed_in.as_deref() {
        Some((_, viewer)) => {
            let found = match atbalsts_store::tickets::navigation_counts(&state.db, viewer).await {
                Ok(found) => found,
                Err(e) => return AppError::from(e).into_response(),
            };
            match report_desks(&state.db, viewer, &found.1).await {
                Ok(reports) => (found.0, found.1, reports),
                Err(e) => return AppError::from(e).into_response(),
            }
        }
        None => (0, Vec::new(), Vec::new()),
    };
    let unread_notices = match signed_in.as_deref() {
        Some((_, viewer)) if viewer.is_staff_anywhere() => {
            match atbalsts_store::sla::notices::unread_count(&state.db, viewer).await {
                Ok(n) => n,
                Err(e) => return AppError::from(e).into_response(),
            }
        }
        _ => 0,
    };
    let ctx = Ctx {
        flash,
        my_requests,
        admin_desks,
        report_desks,
        unread_notices,
        csrf: csrf::token(&state.secret, &anon, session_for_csrf),
        signed_in,
        locale,
        session_token,
        anon_id: anon.clone(),
        address: req
            .extensions()
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip()),
        path: req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
    };
    req.extensions_mut().insert(ctx.clone());

    let mut response = next.run(req).await;
    if let Some(pending) = response.extensions_mut().remove::<PendingErrorPage>() {
        response = if pending.status == StatusCode::UNAUTHORIZED {
            let target = format!("/login?next={}", urlencode(&ctx.path));
            (StatusCode::SEE_OTHER, [(LOCATION, target)]).into_response()
        } else {
            state
                .templates
                .error_page(&ctx, pending.status, pending.message_key)
        };
    }
    crate::flash::settle(&state, flash_came, &mut response);
    if new_anon {
        let value = set_cookie(&state, ANON_COOKIE, &anon, None);
        response.headers_mut().append(SET_COOKIE, value);
    }
    response
}

/// The desks whose reports the person reads: those they administer, and
/// those where they lead a team or own a service (asked only then).
async fn report_desks(
    db: &atbalsts_store::Db,
    viewer: &Viewer,
    admin_desks: &[String],
) -> Result<Vec<String>, atbalsts_store::StoreError> {
    use atbalsts_domain::Role;
    let more = viewer
        .desk_roles
        .iter()
        .any(|(_, r)| matches!(r, Role::TeamLead | Role::ServiceOwner));
    if !more {
        return Ok(admin_desks.to_vec());
    }
    Ok(atbalsts_store::desks::list_desks(db)
        .await?
        .into_iter()
        .filter(|d| viewer.reads_reports_of(d.id))
        .map(|d| d.key_prefix)
        .collect())
}

pub(crate) fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
