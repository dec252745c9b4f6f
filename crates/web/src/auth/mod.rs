//! Signing in and out, signing up, resetting a password, and choosing the
//! interface language.

pub mod language;
mod links;
pub mod login;
pub mod logout;
pub mod reset;
pub mod signup;

/// Signing in and out, signing up, password reset and the language switch.
pub fn routes() -> axum::Router<crate::AppState> {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/login", get(login::page).post(login::submit))
        .route("/signup", get(signup::page).post(signup::submit))
        .route(
            "/signup/verify",
            get(signup::verify_page).post(signup::verify_submit),
        )
        .route("/password-reset", get(reset::page).post(reset::submit))
        .route(
            "/password-reset/set",
            get(reset::set_page).post(reset::set_submit),
        )
        .route("/logout", post(logout::submit))
        .route("/language", post(language::submit))
}
