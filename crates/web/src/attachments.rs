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
    let blobs = state.blobs.clone();
    let sha = a.sha256.clone();
    let bytes = tokio::task::spawn_blocking(move || blobs.read(&sha))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(format!("attachment {id}: {e}")))?;
    let content_type = if PASSIVE_TYPES.contains(&a.content_type.as_str()) {
        a.content_type.clone()
    } else {
        "application/octet-stream".to_owned()
    };
    let ascii: String = a
        .filename
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
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        crate::context::urlencode(&a.filename)
    );
    Ok((
        [
            (CONTENT_TYPE, content_type),
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
