//! An article's files: uploaded by those who may edit it (documents and
//! pictures only, within the upload limit), read by anyone who may read
//! the article. Pictures may show inline in the article; everything else
//! is a download, and nothing is ever served as something a browser runs.

use super::articles::{render, PageEcho};
use super::{article_on, may_edit, staff_desk};
use crate::csrf::CsrfOnly;
use crate::http::see_other;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::knowledge::file_content_type;
use atbalsts_domain::FieldError;
use atbalsts_store::knowledge::{self as kb, NewArticleFile};
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

/// Pictures a browser shows without running anything; served inline.
const INLINE_IMAGES: &[&str] = &["image/png", "image/jpeg", "image/gif", "image/webp"];

/// Adds the chosen files to the article; a refused file is named next to
/// the file field, and the others are kept.
pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
    multipart: Multipart,
) -> AppResult<Response> {
    let kd = staff_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    let form = crate::uploads::parse(
        &state,
        crate::uploads::Sender::Page(&ctx),
        multipart,
        "file",
    )
    .await?;
    let a = article_on(&state, Some(viewer), &kd.desk, id).await?;
    if !may_edit(viewer, &a.summary) {
        return Err(AppError::NotFound);
    }
    let mut errors: Vec<FieldError> = form.errors.0.clone();
    if form.files.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("file", "error-files-required"));
    }
    for f in &form.files {
        if let Err(code) = file_content_type(&f.filename) {
            errors.push(FieldError::new("file", code));
            continue;
        }
        let new = NewArticleFile {
            filename: f.filename.clone(),
            size_bytes: f.size_bytes,
            sha256: f.sha256.clone(),
        };
        match kb::add_file(&state.db, viewer, id, &new).await {
            Ok(file_id) => tracing::info!(article = id, file = file_id, "article file added"),
            Err(e) => match AppError::from(e) {
                AppError::Invalid(e) => errors.extend(e.0),
                other => return Err(other),
            },
        }
    }
    if errors.is_empty() {
        return Ok(see_other(format!(
            "/kb/{}/articles/{id}#files",
            kd.desk.key_prefix
        )));
    }
    let a = article_on(&state, Some(viewer), &kd.desk, id).await?;
    let echo = PageEcho {
        file_errors: errors,
        ..Default::default()
    };
    render(
        &state,
        &ctx,
        &kd,
        &a,
        StatusCode::UNPROCESSABLE_ENTITY,
        echo,
    )
    .await
}

pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id, file)): Path<(String, i64, i64)>,
    axum::Form(form): axum::Form<CsrfOnly>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let kd = staff_desk(&state, &ctx, &prefix).await?;
    let viewer = ctx.viewer()?;
    article_on(&state, Some(viewer), &kd.desk, id).await?;
    let f = kb::file_for(&state.db, Some(viewer), file)
        .await?
        .filter(|f| f.article_id == id)
        .ok_or(AppError::NotFound)?;
    kb::remove_file(&state.db, viewer, f.id).await?;
    tracing::info!(article = id, file = f.id, "article file removed");
    Ok(see_other(format!(
        "/kb/{}/articles/{id}#files",
        kd.desk.key_prefix
    )))
}

/// A file of an article the visitor may read (also without signing in,
/// for public articles); 404 otherwise. The safety headers are those of
/// ticket attachments (`crate::attachments`).
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let viewer = ctx.viewer().ok();
    let f = kb::file_for(&state.db, viewer, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let image = INLINE_IMAGES.contains(&f.content_type.as_str());
    let content_type = if image || f.content_type == "application/pdf" {
        f.content_type.as_str()
    } else {
        "application/octet-stream"
    };
    crate::attachments::serve_blob(&state, &f.sha256, &f.filename, content_type, image).await
}
