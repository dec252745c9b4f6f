//! A reply or internal note from the agent's ticket page, or a reply and
//! the move to resolved in one step.

use super::view::{render, FormEcho};
use crate::customer_pages::CustomerPages;
use crate::flash::{self, Flash};
use crate::replies::{self, Reply};
use crate::ticket_keys::OnTicket;
use crate::{AppError, AppResult, AppState, Ctx};
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use axum::Extension;

/// Adds a public reply or internal note, or (`resolve` pressed) a public
/// reply and the move to resolved in one step. A rejected one comes back
/// with the text and the files kept, and nothing written. Anyone but staff
/// (this was the customers' reply route before `/tickets/{key}/reply`)
/// gets a customer's reply, on the request page.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Extension(customer): Extension<CustomerPages>,
    multipart: Multipart,
) -> AppResult<Response> {
    let on = OnTicket::read(&state, &ctx, &key).await?;
    let reply = Reply::read(&state, &ctx, multipart).await?;
    if !on.is_staff() {
        return replies::from_customer(&state, &ctx, on.viewer, &on.ticket, reply, customer).await;
    }
    let OnTicket { viewer, ticket } = on;
    let resolve = !reply.form.get("resolve").is_empty();
    let is_public = resolve || reply.form.get("visibility") != "internal";
    let version = reply.form.get("version").parse().ok();
    let mut notice = None;
    if let Some((body, files)) = reply.accepted() {
        let page = format!("/tickets/{}#conversation", ticket.key);
        if !resolve {
            crate::ticket_events::comment(&state, viewer, &ticket, body, is_public, &files).await?;
            let done = if is_public {
                Flash::Replied
            } else {
                Flash::Noted
            };
            return Ok(flash::redirect(&page, done));
        }
        match crate::ticket_events::reply_and_resolve(
            &state, viewer, &ticket, body, &files, version,
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
    let status = reply.refusal_status();
    let echo = FormEcho {
        body: reply.form.get("body").to_owned(),
        visibility: reply.form.get("visibility").to_owned(),
        held_files: reply.form.files,
        errors: reply.errors,
        notice,
        ..Default::default()
    };
    render(&state, &ctx, &ticket, status, echo).await
}
