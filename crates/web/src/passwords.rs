//! Passwords, for signing in and for changing one: hashing with Argon2id
//! (RustCrypto defaults, 19 MiB, 2 passes) and checking off the async workers.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::OnceLock;

pub const MIN_LENGTH: usize = 10;

pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters does not fail")
        .to_string()
}

pub fn verify(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Spends the time of a real check, so an unknown email answers as slowly as a wrong password.
pub fn verify_nothing(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let _ = verify(password, DUMMY.get_or_init(|| hash("not a real password")));
}

/// A new password: at least ten characters.
pub fn check_new(password: &str) -> Result<(), &'static str> {
    if password.chars().count() < MIN_LENGTH {
        Err("error-password-too-short")
    } else {
        Ok(())
    }
}

/// Checks a password against the person's hash (or spends the same time
/// when there is none), off the async workers.
pub(crate) async fn password_matches(password: &str, hash: Option<String>) -> bool {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || match hash {
        Some(h) => verify(&password, &h),
        None => {
            verify_nothing(&password);
            false
        }
    })
    .await
    .unwrap_or(false)
}
