//! Persistence for Atbalsts: one schema and one migration history for
//! SQLite and PostgreSQL, reached through sqlx's `Any` driver with SQL that
//! both databases understand. Per-database code lives only where they truly
//! differ: connection set-up, the migration dialect, and job claiming.

pub mod account_links;
pub mod api_tokens;
pub mod blobs;
pub mod catalogue;
pub mod categories;
mod clock;
pub mod custom_fields;
mod db;
pub mod defaults;
pub mod desks;
mod error;
pub mod held_uploads;
pub mod institutions;
pub mod jobs;
pub mod knowledge;
pub mod macros;
pub mod mail;
pub mod mail_templates;

mod migrate;
pub mod notifications;
pub mod queues;
pub mod reports;
pub mod routing;
pub mod satisfaction;
pub mod search_log;
pub mod service_cases;
pub mod sessions;
pub mod settings;
pub mod sign_ins;
pub mod sla;
mod sql;
pub mod tickets;
pub mod users;
pub mod workflows;

pub use atbalsts_domain::Labels;
pub use clock::now_ms;
pub use db::{Backend, Db, DbOptions};
pub use error::StoreError;
pub use migrate::{applied_versions, migrate, pending_versions, MIGRATIONS};
pub use sql::{Sql, MULTI_ROW};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
