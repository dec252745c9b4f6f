//! Signing in and out, signing up, resetting a password, and choosing the
//! interface language.

mod device;
pub mod language;
mod links;
pub mod login;
pub mod logout;
pub mod password;
pub mod reset;
pub mod signup;
pub mod throttle;

/// The id of the browser's device cookie, when it is genuine for `user_id`.
pub(crate) fn device_of(
    state: &crate::AppState,
    headers: &axum::http::HeaderMap,
    user_id: i64,
) -> Option<String> {
    device::of_request(state, headers, user_id)
}
