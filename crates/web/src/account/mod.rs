//! A person's own settings ("Mans konts"): password, sessions, personal
//! API tokens, notification switches.

pub mod notifications;
pub mod password;
pub mod sessions;
pub mod tokens;

/// A person's own settings.
pub fn routes() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/account/tokens", get(tokens::page).post(tokens::create))
        .route("/account/tokens/{id}/revoke", post(tokens::revoke))
        .route(
            "/account/password",
            get(password::page).post(password::submit),
        )
        .route("/account/sessions", get(sessions::page))
        .route("/account/sessions/end-others", post(sessions::end_others))
        .route("/account/sessions/{id}/end", post(sessions::end))
        .route(
            "/account/notifications",
            get(notifications::page).post(notifications::save),
        )
}
