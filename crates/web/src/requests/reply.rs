//! A customer's reply, with files; a rejected one comes back on the request
//! page with the text and the files kept.

use super::view::{render, Echo};
use crate::flash::{self, Flash};
use crate::ticket_keys::OnTicket;
use crate::uploads;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::ticket::parse_long_text;
use atbalsts_domain::FieldErrors;
use atbalsts_mail::notices::Notices;
use atbalsts_store::tickets::{add_comment_notifying, NewAttachment};
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;

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
    if let (true, Some(body)) = (errors.is_empty(), body) {
        let files: Vec<NewAttachment> = form.files.iter().map(|f| f.to_attachment()).collect();
        let notices = Notices::for_comment(&state.db, viewer, &ticket, true).await?;
        add_comment_notifying(
            &state.db,
            viewer,
            &ticket,
            &body,
            true,
            &files,
            None,
            |_| notices.comment(&state.composer, &ticket, &body),
        )
        .await?;
        return Ok(flash::redirect(
            &format!("/tickets/{}#conversation", ticket.key),
            Flash::CustomerReplied,
        ));
    }
    let status = form.refusal_status(StatusCode::UNPROCESSABLE_ENTITY);
    let echo = Echo {
        body: form.get("body").to_owned(),
        held_files: form.files,
        errors,
        ..Default::default()
    };
    render(&state, &ctx, &ticket, status, echo).await
}
