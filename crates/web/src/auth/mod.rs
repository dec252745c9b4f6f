//! Signing in and out, signing up, resetting a password, and choosing the
//! interface language.

pub mod language;
mod links;
pub mod login;
pub mod logout;
pub mod reset;
pub mod signup;
