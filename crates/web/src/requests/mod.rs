//! The customer's side of tickets, called "requests" there: *My requests*,
//! the request page with its public conversation and status history in
//! customer words, and what a customer may do to a request (reply, confirm
//! it solved, reopen it). Staff reach the same URLs and get the agent pages;
//! the ticket pages hand customers over to here through `customer_pages()`.

mod confirm;
mod list;
mod reply;
mod satisfaction;
mod status;
mod view;

use crate::customer_pages::CustomerPages;
use crate::AppState;
use axum::routing::post;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/tickets/{key}/solved", post(confirm::solved))
        .route("/tickets/{key}/reopen", post(confirm::reopen))
        .route("/tickets/{key}/reply", post(reply::submit))
        .route("/tickets/{key}/satisfaction", post(satisfaction::submit))
}

/// The customer's pages the ticket pages hand customers over to.
pub fn customer_pages() -> CustomerPages {
    CustomerPages {
        list: |state, ctx, asked| Box::pin(list::page(state, ctx, asked)),
        view: |state, ctx, ticket| Box::pin(view::page(state, ctx, ticket)),
        refused: |state, ctx, ticket, status, echo| {
            Box::pin(view::render(state, ctx, ticket, status, echo))
        },
    }
}
