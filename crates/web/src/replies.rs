//! A reply posted with its files from a page — the agent's ticket page or
//! a customer's request page: read once, its text checked; and what a
//! customer's reply leads to, whichever of the two routes it came by.

use crate::customer_pages::{CustomerPages, RequestEcho};
use crate::flash::{self, Flash};
use crate::uploads::{self, ParsedForm};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::ticket::parse_long_text;
use atbalsts_domain::{FieldErrors, Viewer};
use atbalsts_store::tickets::{NewAttachment, Ticket};
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::Response;

/// The posted form (its CSRF token checked before any file), the reply's
/// text if it passed, and what was refused.
pub(crate) struct Reply {
    pub form: ParsedForm,
    pub errors: FieldErrors,
    body: Option<String>,
}

impl Reply {
    pub(crate) async fn read(state: &AppState, ctx: &Ctx, multipart: Multipart) -> AppResult<Self> {
        let form = uploads::parse(state, uploads::Sender::Page(ctx), multipart, "files").await?;
        let mut errors = FieldErrors(form.errors.0.clone());
        let body = errors.check(parse_long_text(form.get("body"), true), "body");
        Ok(Self { form, errors, body })
    }

    /// The text and the files, when nothing was refused.
    pub(crate) fn accepted(&self) -> Option<(&str, Vec<NewAttachment>)> {
        let body = self.body.as_deref().filter(|_| self.errors.is_empty())?;
        let files = self.form.files.iter().map(|f| f.to_attachment()).collect();
        Some((body, files))
    }

    /// The status of the page shown again: 429 over the upload quota.
    pub(crate) fn refusal_status(&self) -> StatusCode {
        self.form.refusal_status(StatusCode::UNPROCESSABLE_ENTITY)
    }
}

/// A customer's public reply: sent, their request page with the
/// confirmation; refused (`notice`: why, when the text was not the
/// cause), the request page again with the text and files kept.
pub(crate) async fn from_customer(
    state: &AppState,
    ctx: &Ctx,
    viewer: &Viewer,
    ticket: &Ticket,
    reply: Reply,
    pages: CustomerPages,
) -> AppResult<Response> {
    if let Some((body, files)) = reply.accepted() {
        crate::ticket_events::comment(state, viewer, ticket, body, true, &files).await?;
        return Ok(flash::redirect(
            &format!("/tickets/{}#conversation", ticket.key),
            Flash::CustomerReplied,
        ));
    }
    let status = reply.refusal_status();
    let echo = RequestEcho {
        body: reply.form.get("body").to_owned(),
        held_files: reply.form.files,
        errors: reply.errors,
        ..Default::default()
    };
    (pages.refused)(state, ctx, ticket, status, echo).await
}
