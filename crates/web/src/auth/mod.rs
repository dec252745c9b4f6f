//! Signing in and out, and choosing the interface language.

pub mod language;
pub mod login;
pub mod logout;
pub mod password;
