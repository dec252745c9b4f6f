//! The HTTP interface of Atbalsts: server-rendered pages for people
//! (`portal`, `auth`, `tickets`, `account`, `admin`), the JSON API (`api`) and the operations
//! endpoints (`ops`). One module per resource, one file per action.

pub mod account;
pub mod admin;
pub mod api;
mod article_suggestions;
pub mod attachments;
pub mod auth;
mod cache;
mod cases;
mod charts;
mod context;
mod csrf;
mod customer_pages;
mod dates;
mod desks;
mod devices;
mod error;
mod export;
mod flash;
mod forms;
mod history;
mod http;
pub mod knowledge;
pub mod metrics;
mod notices;
pub mod ops;
pub mod passwords;
pub mod portal;
pub mod rate_limit;
mod render;
mod replies;
pub mod reports;
mod request_fields;
pub mod requests;
mod router;
mod satisfaction;
pub mod search;
pub mod sign_in_throttle;
mod sla_clocks;
mod state;
mod surveys;
mod ticket_answers;
mod ticket_events;
mod ticket_keys;
pub mod tickets;
mod titles;
mod token_bucket;
mod uploads;

pub use context::Ctx;
pub use error::{AppError, AppResult};
pub use router::router;
pub use state::{AppState, WebConfig};
