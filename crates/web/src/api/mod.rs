//! The JSON API under `/api/v1`, authenticated with personal API tokens.
//! Errors share one body shape: `{"error": {"code", "message", "fields": [...]}}`.

mod approvals;
mod auth;
mod calendars;
mod catalogue;
mod comments;
mod error;
mod json;
mod reports;
mod satisfaction;
mod service_cases;
mod tickets;
mod transitions;
mod workspace;

use crate::AppState;
use axum::routing::{get, post};

use axum::Router;

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/tickets", get(tickets::list).post(tickets::create))
        .route("/tickets/{key}", get(tickets::get))
        .route(
            "/tickets/{key}/comments",
            get(comments::list).post(comments::add),
        )
        .route(
            "/tickets/{key}/transitions",
            get(transitions::list).post(transitions::perform),
        )
        .route(
            "/tickets/{key}/approval",
            get(approvals::list).post(approvals::decide),
        )
        .route(
            "/tickets/{key}/links",
            get(workspace::links).post(workspace::add_link),
        )
        .route(
            "/tickets/{key}/links/{id}",
            axum::routing::delete(workspace::remove_link),
        )
        .route(
            "/tickets/{key}/triage",
            axum::routing::put(workspace::triage),
        )
        .route(
            "/tickets/{key}/satisfaction",
            get(satisfaction::get).put(satisfaction::put),
        )
        .route("/tickets/{key}/attachments", post(comments::upload))
        .route("/attachments/{id}", get(comments::download))
        .route("/reports/{desk}/{report}", get(reports::report))
        .route(
            "/service-cases",
            get(service_cases::list).post(service_cases::create),
        )
        .route("/calendars", get(calendars::list))
        .route("/calendars/{id}/days", get(calendars::days))
        .route(
            "/desks/{desk}/catalogue",
            get(catalogue::export).put(catalogue::import),
        )
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            error::middleware,
        ))
}

/// The ticket with this key if the caller may see it; 404 otherwise.
async fn visible_ticket(
    state: &AppState,
    viewer: &atbalsts_domain::Viewer,
    key: &str,
) -> crate::AppResult<atbalsts_store::tickets::Ticket> {
    let key = crate::ticket_keys::parse_key(key)?;
    atbalsts_store::tickets::ticket_for(&state.db, viewer, &key)
        .await?
        .ok_or(crate::AppError::NotFound)
}
