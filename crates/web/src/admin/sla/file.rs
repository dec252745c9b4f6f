//! The desk's calendars and policies as one JSON file: export, and import
//! all or nothing (a broken file changes nothing and says where it broke).

use super::policies::{render, PageParts};
use super::policy_form::PolicyForm;
use crate::admin::admin_desk;
use crate::uploads;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::FieldErrors;
use atbalsts_store::sla::file;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

pub async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let name = format!("{}-sla.json", desk.key_prefix.to_lowercase());
    crate::http::json_download(&name, &file::export(&state.db, desk.id).await?)
}

pub async fn import(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let form = uploads::parse(&state, uploads::Sender::Page(&ctx), multipart, "file").await?;
    let mut parts = PageParts::new(PolicyForm::new_policy());
    let Some(upload) = form.files.first() else {
        let mut errors = form.errors.clone();
        if errors.is_empty() {
            errors.push("file", "error-required");
        }
        parts.status = StatusCode::UNPROCESSABLE_ENTITY;
        parts.errors = errors;
        return render(&state, &ctx, &desk, parts).await;
    };
    let bytes = state
        .blobs
        .read(&upload.sha256)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let outcome = match file::parse(&bytes) {
        Ok(parsed) => file::import(&state.db, desk.id, &parsed).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(count) => {
            tracing::info!(desk = %desk.key_prefix, count, "SLA file imported");
            parts.notice = Some(state.i18n.t_args(
                ctx.locale,
                "sla-imported",
                &[("count", atbalsts_i18n::Arg::Num(count as f64))],
            ));
        }
        Err(e) => {
            tracing::info!(desk = %desk.key_prefix, error = %e, "SLA file refused");
            parts.notice = Some(state.i18n.t_args(
                ctx.locale,
                e.key,
                &[("detail", atbalsts_i18n::Arg::Str(e.detail.clone()))],
            ));
            let mut errors = FieldErrors::default();
            errors.push("file", "error-sla-file-refused");
            parts.errors = errors;
            parts.status = StatusCode::UNPROCESSABLE_ENTITY;
        }
    }
    render(&state, &ctx, &desk, parts).await
}
