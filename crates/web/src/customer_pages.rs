//! The customer's pages at URLs staff share (`/tickets`, `/tickets/{key}`).
//! The requests feature provides them (`requests::customer_pages`), the
//! ticket pages hand customers over to them; `router` passes one to the
//! other, so neither feature imports the other.

use crate::{AppResult, AppState, Ctx};
use atbalsts_store::tickets::Ticket;
use axum::response::Response;
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

/// The customer's list of requests, and the page of one request.
#[derive(Clone, Copy)]
pub struct CustomerPages {
    pub list: for<'a> fn(&'a AppState, &'a Ctx, Asked<'a>) -> Page<'a>,
    pub view: for<'a> fn(&'a AppState, &'a Ctx, &'a Ticket) -> Page<'a>,
}
