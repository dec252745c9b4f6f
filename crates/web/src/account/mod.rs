//! A person's own settings ("Mans konts"): password, sessions, personal
//! API tokens, notification switches.

pub mod notifications;
pub mod password;
pub mod sessions;
pub mod tokens;
