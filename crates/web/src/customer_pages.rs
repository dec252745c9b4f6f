//! The customer's pages at URLs staff share (`/tickets`, `/tickets/{key}`).
//! The requests feature provides them (`requests::customer_pages`), the
//! ticket pages hand customers over to them; `router` passes one to the
//! other, so neither feature imports the other.

use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::{FieldError, FieldErrors};
use atbalsts_store::tickets::Ticket;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use std::future::Future;
use std::pin::Pin;

/// What the customer asked of the list (the query string's words).
pub struct Asked<'a> {
    pub state: &'a str,
    pub scope: &'a str,
    pub text: &'a str,
    pub after: &'a str,
}

/// A page being rendered.
pub type Page<'a> = Pin<Box<dyn Future<Output = AppResult<Response>> + Send + 'a>>;

/// What a request page shown again keeps from a refused form: the reply
/// typed with its files, the approval comment, and why they were refused.
#[derive(Default, Serialize)]
pub struct RequestEcho {
    pub body: String,
    pub held_files: Vec<crate::uploads::HeldFile>,
    pub errors: FieldErrors,
    /// A refused action (`error-…` key).
    pub notice: Option<&'static str>,
    pub approval_comment: String,
    pub approval_errors: Vec<FieldError>,
    /// The satisfaction survey as refused, with what was typed.
    pub survey: Option<crate::surveys::SurveyForm>,
}

/// The customer's list of requests, the page of one request, and that
/// page again after a refused form (with `status`).
#[derive(Clone, Copy)]
pub struct CustomerPages {
    pub list: for<'a> fn(&'a AppState, &'a Ctx, Asked<'a>) -> Page<'a>,
    pub view: for<'a> fn(&'a AppState, &'a Ctx, &'a Ticket) -> Page<'a>,
    pub refused: for<'a> fn(&'a AppState, &'a Ctx, &'a Ticket, StatusCode, RequestEcho) -> Page<'a>,
}
