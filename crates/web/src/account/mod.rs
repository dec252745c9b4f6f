//! A person's own settings: personal API tokens, notification switches.

pub mod notifications;
pub mod tokens;
