use super::auth::ApiCaller;
use super::json::ApiJson;
use crate::{uploads, AppError, AppResult, AppState};
use atbalsts_domain::ticket::parse_long_text;
use atbalsts_domain::FieldErrors;
use atbalsts_store::tickets::{comments_of, NewAttachment};
use axum::extract::{ConnectInfo, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::net::SocketAddr;

pub(super) async fn list(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
) -> AppResult<Json<Value>> {
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    Ok(Json(
        json!({ "items": comments_of(&state.db, &viewer, &ticket).await? }),
    ))
}

#[derive(Deserialize)]
pub(super) struct CommentBody {
    #[serde(default)]
    body: String,
    #[serde(default = "yes")]
    public: bool,
}

fn yes() -> bool {
    true
}

pub(super) async fn add(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
    ApiJson(body): ApiJson<CommentBody>,
) -> AppResult<(StatusCode, Json<Value>)> {
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    let text = parse_long_text(&body.body, true)
        .map_err(|code| AppError::Invalid(atbalsts_domain::FieldError::new("body", code).into()))?;
    let id =
        crate::ticket_events::comment(&state, &viewer, &ticket, &text, body.public, &[]).await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))))
}

/// Multipart upload: `file` parts (several allowed) and an optional `body`
/// text that becomes the comment carrying them.
pub(super) async fn upload(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(key): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    multipart: Multipart,
) -> AppResult<Response> {
    let ticket = super::visible_ticket(&state, &viewer, &key).await?;
    let sender = uploads::Sender::Api {
        viewer: &viewer,
        address: Some(peer.ip()),
    };
    let form = uploads::parse(&state, sender, multipart, "file").await?;
    if form.over_quota {
        return Ok(uploads::invalid(&form));
    }
    if form
        .errors
        .0
        .iter()
        .any(|e| e.code == "error-file-too-large")
    {
        return Err(AppError::TooLarge);
    }
    if !form.errors.is_empty() {
        return Err(AppError::Invalid(form.errors.clone()));
    }
    if form.files.is_empty() {
        let mut errors = FieldErrors::default();
        errors.push("file", "error-required");
        return Err(AppError::Invalid(errors));
    }
    let body = match form.get("body").trim() {
        "" => "📎".to_owned(),
        text => text.to_owned(),
    };
    let files: Vec<NewAttachment> = form.files.iter().map(|f| f.to_attachment()).collect();
    let public = form.get("public") != "false";
    let comment_id =
        crate::ticket_events::comment(&state, &viewer, &ticket, &body, public, &files).await?;
    let comments = comments_of(&state.db, &viewer, &ticket).await?;
    let attachments = comments
        .into_iter()
        .find(|c| c.id == comment_id)
        .map(|c| c.attachments)
        .unwrap_or_default();
    Ok((
        StatusCode::CREATED,
        Json(json!({ "comment_id": comment_id, "attachments": attachments })),
    )
        .into_response())
}

pub(super) async fn download(
    State(state): State<AppState>,
    ApiCaller(viewer): ApiCaller,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    crate::attachments::download(&state, &viewer, id).await
}
