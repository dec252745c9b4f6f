//! The customer's side of tickets, called "requests" there: *My requests*,
//! the request page with its public conversation and status history in
//! customer words, and what a customer may do to a request (reply, confirm
//! it solved, reopen it). Staff reach the same URLs and get the agent pages;
//! `tickets::list` and `tickets::view` hand customers over to here.

mod answers;
mod confirm;
pub(crate) mod list;
mod reply;
mod status;
pub(crate) mod view;

use crate::AppState;
use axum::routing::post;
use axum::Router;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/tickets/{key}/solved", post(confirm::solved))
        .route("/tickets/{key}/reopen", post(confirm::reopen))
        .route("/tickets/{key}/reply", post(reply::submit))
}
