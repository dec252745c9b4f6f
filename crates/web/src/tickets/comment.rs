use super::view::{render, FormEcho};
use crate::flash::{self, Flash};
use crate::ticket_keys::OnTicket;
use crate::uploads;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::ticket::parse_long_text;
use atbalsts_domain::FieldErrors;
use atbalsts_store::tickets::NewAttachment;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

/// Adds a public reply or internal note, or (staff, `resolve` pressed) a
/// public reply and the move to resolved in one step. A rejected one comes
/// back with the text and the files kept, and nothing written.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::read(&state, &ctx, &key).await?;
    let form = uploads::parse(&state, uploads::Sender::Page(&ctx), multipart, "files").await?;
    let mut errors = FieldErrors(form.errors.0.clone());
    let body = errors.check(parse_long_text(form.get("body"), true), "body");
    let resolve = !form.get("resolve").is_empty();
    let is_public = resolve || form.get("visibility") != "internal";
    let version = form.get("version").parse().ok();
    let mut notice = None;
    if let (Some(body), true) = (body, errors.is_empty()) {
        let files: Vec<NewAttachment> = form.files.iter().map(|f| f.to_attachment()).collect();
        let page = format!("/tickets/{}#conversation", ticket.key);
        if !resolve {
            crate::ticket_events::comment(&state, viewer, &ticket, &body, is_public, &files)
                .await?;
            let done = if is_public {
                Flash::Replied
            } else {
                Flash::Noted
            };
            return Ok(flash::redirect(&page, done));
        }
        match crate::ticket_events::reply_and_resolve(
            &state, viewer, &ticket, &body, &files, version,
        )
        .await
        {
            Ok(()) => return Ok(flash::redirect(&page, Flash::RepliedAndResolved)),
            Err(AppError::Invalid(refused)) => {
                notice = refused.0.first().map(|e| e.code);
            }
            Err(AppError::Conflict(code)) => notice = Some(code),
            Err(other) => return Err(other),
        }
    }
    let echo = FormEcho {
        body: form.get("body").to_owned(),
        visibility: form.get("visibility").to_owned(),
        held_files: form.files,
        errors,
        notice,
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
