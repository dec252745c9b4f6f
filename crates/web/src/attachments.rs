//! Attachment downloads: only for those who may see the ticket (404
//! otherwise), always as a download, never rendered inline.

use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::Viewer;
use atbalsts_store::tickets::{attachment_for, Attachment};
use axum::extract::{Path, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::response::{IntoResponse, Response};

/// Types that no browser executes; anything else is served as opaque bytes.
const PASSIVE_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/gif",
    "application/pdf",
    "text/plain",
    "text/csv",
];

pub(crate) async fn download(state: &AppState, viewer: &Viewer, id: i64) -> AppResult<Response> {
    let a: Attachment = attachment_for(&state.db, viewer, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let content_type = if PASSIVE_TYPES.contains(&a.content_type.as_str()) {
        &a.content_type
    } else {
        "application/octet-stream"
    };
    serve_blob(state, &a.sha256, &a.filename, content_type, false).await
}

/// A stored file with the headers that keep it passive whatever it holds:
/// the given type (the caller decides what may keep its own), `nosniff`,
/// a sandboxing CSP, no caching; `inline` only for pictures shown in a
/// page, otherwise a download under its own name.
pub(crate) async fn serve_blob(
    state: &AppState,
    sha256: &str,
    filename: &str,
    content_type: &str,
    inline: bool,
) -> AppResult<Response> {
    let blobs = state.blobs.clone();
    let sha = sha256.to_owned();
    let bytes = tokio::task::spawn_blocking(move || blobs.read(&sha))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(format!("file {sha256}: {e}")))?;
    let ascii: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "{}; filename=\"{ascii}\"; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        crate::context::urlencode(filename)
    );
    Ok((
        [
            (CONTENT_TYPE, content_type.to_owned()),
            (CONTENT_DISPOSITION, disposition),
            (X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned()),
            (
                CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'".to_owned(),
            ),
            (CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    download(&state, ctx.viewer()?, id).await
}

/// Attachment downloads.
pub fn routes() -> axum::Router<crate::AppState> {
    use axum::routing::get;
    axum::Router::new().route("/attachments/{id}", get(page))
}
