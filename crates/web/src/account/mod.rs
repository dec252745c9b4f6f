//! A person's own settings: personal API tokens.

pub mod tokens;
