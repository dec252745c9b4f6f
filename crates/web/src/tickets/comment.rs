use super::view::{render, FormEcho};
use crate::customer_pages::{CustomerPages, RequestEcho};
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
use axum::Extension;

/// Adds a public reply or internal note, or (staff, `resolve` pressed) a
/// public reply and the move to resolved in one step. A rejected one comes
/// back with the text and the files kept, and nothing written: on the
/// agent's page for staff, on the request page for anyone else (this was
/// the customers' reply route before `/tickets/{key}/reply`).
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Extension(customer): Extension<CustomerPages>,
    multipart: Multipart,
) -> AppResult<Response> {
    let on = OnTicket::read(&state, &ctx, &key).await?;
    let staff = on.is_staff();
    let OnTicket { viewer, ticket } = on;
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
            let done = match (staff, is_public) {
                (false, _) => Flash::CustomerReplied,
                (true, true) => Flash::Replied,
                (true, false) => Flash::Noted,
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
    if !staff {
        let echo = RequestEcho {
            body: form.get("body").to_owned(),
            held_files: form.files,
            errors,
            notice,
            ..Default::default()
        };
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return (customer.refused)(&state, &ctx, &ticket, status, echo).await;
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
