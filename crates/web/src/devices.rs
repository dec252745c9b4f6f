//! The device cookie: after a successful sign-in the browser gets a signed,
//! long-lived `atb_device` cookie naming the account and a random device id.
//! Presenting it exempts the browser from the per-account and per-address
//! throttles (it has its own, see `throttle`), so attacks from elsewhere do
//! not lock out the owner's known browser.

use crate::context::{cookie, set_cookie};
use crate::AppState;
use axum::http::{HeaderMap, HeaderValue};
use hmac::{Hmac, Mac};
use sha2::Sha256;

pub(crate) const DEVICE_COOKIE: &str = "atb_device";
const MAX_AGE_S: i64 = 365 * 24 * 3600;

fn mac(secret: &[u8], user_id: i64, id: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
    mac.update(b"device\0");
    mac.update(user_id.to_string().as_bytes());
    mac.update(b"\0");
    mac.update(id.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A new cookie value for `user_id`: `user.id.mac`.
pub(crate) fn issue(secret: &[u8], user_id: i64) -> String {
    let id = atbalsts_store::sessions::random_token("")[..32].to_owned();
    format!("{user_id}.{id}.{}", mac(secret, user_id, &id))
}

/// The device id when `value` is a genuine cookie for `user_id`.
pub(crate) fn verify(secret: &[u8], value: &str, user_id: i64) -> Option<String> {
    let mut parts = value.splitn(3, '.');
    let owner: i64 = parts.next()?.parse().ok()?;
    let id = parts.next()?;
    let given = parts.next()?;
    (owner == user_id && crate::csrf::matches(&mac(secret, owner, id), given))
        .then(|| id.to_owned())
}

/// The device id of the browser's cookie, when it is genuine for `user_id`.
pub(crate) fn of_request(state: &AppState, headers: &HeaderMap, user_id: i64) -> Option<String> {
    verify(&state.secret, cookie(headers, DEVICE_COOKIE)?, user_id)
}

/// A `Set-Cookie` giving this browser a device cookie for `user_id`.
pub(crate) fn cookie_for(state: &AppState, user_id: i64) -> HeaderValue {
    set_cookie(
        state,
        DEVICE_COOKIE,
        &issue(&state.secret, user_id),
        Some(MAX_AGE_S),
    )
}

/// The id of the browser's device cookie, when it is genuine for `user_id`.
pub(crate) fn device_of(
    state: &crate::AppState,
    headers: &axum::http::HeaderMap,
    user_id: i64,
) -> Option<String> {
    of_request(state, headers, user_id)
}

#[cfg(test)]
mod tests {
    use super::{issue, verify};

    #[test]
    fn a_device_cookie_is_good_only_for_its_account_and_unchanged() {
        let secret = b"secret";
        let value = issue(secret, 7);
        assert!(verify(secret, &value, 7).is_some());
        assert!(verify(secret, &value, 8).is_none());
        assert!(verify(b"other", &value, 7).is_none());
        let forged = value.replacen("7.", "8.", 1);
        assert!(verify(secret, &forged, 8).is_none());
    }
}
