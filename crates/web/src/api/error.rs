use crate::error::{AppError, PendingErrorPage};
use crate::AppState;
use atbalsts_domain::Locale;
use axum::extract::{Request, State};
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

pub(super) async fn not_found() -> AppError {
    AppError::NotFound
}

/// Turns every error of the API into the one JSON body shape, in the
/// caller's language (Accept-Language), with a message per field.
pub(super) async fn middleware(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let locale = req
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_accept_language)
        .unwrap_or(Locale::En);
    let mut response = next.run(req).await;
    let pending = response.extensions_mut().remove::<PendingErrorPage>();
    let status = response.status();
    let pending = match pending {
        Some(p) => p,
        // Rejections from axum's own extractors (e.g. body limits) arrive as
        // plain text; errors a handler already wrote as JSON pass unchanged.
        None if (status.is_client_error() || status.is_server_error())
            && !response
                .headers()
                .get(axum::http::header::CONTENT_TYPE)
                .is_some_and(|v| v.as_bytes().starts_with(b"application/json")) =>
        {
            PendingErrorPage {
                status,
                message_key: match status.as_u16() {
                    413 => "error-too-large",
                    404 => "error-not-found",
                    405 => "error-method-not-allowed",
                    _ => "error-invalid",
                },
                fields: Default::default(),
            }
        }
        None => return response,
    };
    let fields: Vec<_> = pending
        .fields
        .0
        .iter()
        .map(|f| json!({ "field": f.field, "code": f.code, "message": state.i18n.t(locale, f.code) }))
        .collect();
    let body = json!({ "error": {
        "code": pending.message_key,
        "message": state.i18n.t(locale, pending.message_key),
        "fields": fields,
    }});
    (pending.status, Json(body)).into_response()
}
