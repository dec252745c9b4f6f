use super::view::{load, render, FormEcho};
use crate::uploads;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::ticket::parse_long_text;
use atbalsts_domain::FieldErrors;
use atbalsts_store::tickets::NewAttachment;
use axum::extract::{Multipart, Path, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Adds a public reply or internal note; a rejected one comes back with the
/// text and the files kept.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let ticket = load(&state, viewer, &key).await?;
    let form = uploads::parse(&state, uploads::Sender::Page(&ctx), multipart, "files").await?;
    let mut errors = FieldErrors(form.errors.0.clone());
    let body = errors.check(parse_long_text(form.get("body"), true), "body");
    let is_public = form.get("visibility") != "internal";
    if errors.is_empty() {
        if let Some(body) = body {
            let files: Vec<NewAttachment> = form.files.iter().map(|f| f.to_attachment()).collect();
            crate::ticket_events::comment(&state, viewer, &ticket, &body, is_public, &files)
                .await?;
            return Ok((
                StatusCode::SEE_OTHER,
                [(LOCATION, format!("/tickets/{}#conversation", ticket.key))],
            )
                .into_response());
        }
    }
    let echo = FormEcho {
        body: form.get("body").to_owned(),
        visibility: form.get("visibility").to_owned(),
        held_files: form.files,
        errors,
        ..Default::default()
    };
    render(
        &state,
        &ctx,
        &ticket,
        StatusCode::UNPROCESSABLE_ENTITY,
        echo,
    )
    .await
}
