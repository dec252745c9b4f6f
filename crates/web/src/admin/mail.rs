//! What happened to a desk's mail: notifications that could not be
//! delivered (with the reason and a button to send them again), inbound
//! mail ignored on purpose, and mail kept in quarantine.

use super::admin_desk;
use crate::forms::{hidden_id, HtmlForm};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_store::{mail, notifications};
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let failed = notifications::failed_for(&state.db, Some(desk.id), 100).await?;
    let ignored = mail::ignored(&state.db, desk.id, 100).await?;
    let quarantined = mail::quarantined(&state.db, desk.id, 100).await?;
    state.templates.render(
        &ctx,
        "admin/mail.html",
        context! { desk => desk, failed => failed, ignored => ignored, quarantined => quarantined },
    )
}

/// The "send again" button of one failed notification.
#[derive(Deserialize)]
pub struct RetryForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    id: String,
}

pub async fn retry(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(form): HtmlForm<RetryForm>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&form.csrf)?;
    let id = hidden_id(&form.id)?;
    let allowed = notifications::failed_for(&state.db, Some(desk.id), 1000)
        .await?
        .iter()
        .any(|n| n.id == id);
    if !allowed {
        return Err(AppError::NotFound);
    }
    notifications::retry(&state.db, id).await?;
    tracing::info!(
        notification = id,
        "notification queued again by an administrator"
    );
    Ok((
        StatusCode::SEE_OTHER,
        [(LOCATION, format!("/admin/mail/{}", desk.key_prefix))],
    )
        .into_response())
}

/// A quarantined message, whole, as a download (never shown inline).
pub async fn quarantined(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let found = mail::quarantined(&state.db, desk.id, 10_000)
        .await?
        .into_iter()
        .find(|q| q.id == id)
        .ok_or(AppError::NotFound)?;
    let bytes = state
        .blobs
        .read(&found.sha256)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (CONTENT_TYPE, "application/octet-stream".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"quarantine-{id}.eml\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
