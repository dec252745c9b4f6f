//! CSRF protection for every state-changing form: the token is an HMAC of
//! the visitor's anonymous cookie and (when signed in) their session, so it
//! cannot be forged from another site and dies with the session.

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub(crate) fn token(secret: &[u8], anon_id: &str, session: Option<&str>) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
    mac.update(b"csrf\0");
    mac.update(anon_id.as_bytes());
    mac.update(b"\0");
    mac.update(session.unwrap_or("").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Constant-time comparison, so the check leaks nothing through timing.
pub(crate) fn matches(expected: &str, given: &str) -> bool {
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Signs a value (e.g. files held across a rejected form) so it comes back unchanged.
pub(crate) fn sign(secret: &[u8], purpose: &str, value: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
    mac.update(purpose.as_bytes());
    mac.update(b"\0");
    mac.update(value.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A form that carries nothing but its CSRF token (remove and unlink buttons).
#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    #[serde(rename = "_csrf", default)]
    pub csrf: String,
}
