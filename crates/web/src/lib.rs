//! The HTTP interface of Atbalsts: server-rendered pages for people
//! (`portal`, `auth`, `tickets`, `account`, `admin`), the JSON API (`api`) and the operations
//! endpoints (`ops`). One module per resource, one file per action.

pub mod account;
pub mod admin;
pub mod api;
pub mod attachments;
pub mod auth;
mod cache;
mod context;
mod csrf;
mod error;
mod flash;
mod history;
pub mod knowledge;
pub mod ops;
pub mod portal;
mod redirect;
mod render;
pub mod reports;
pub mod requests;
mod router;
pub mod search;
mod state;
pub mod tickets;
mod token_bucket;
mod uploads;

pub use context::Ctx;
pub use error::{AppError, AppResult};
pub use router::router;
pub use state::{AppState, WebConfig};
