//! Desk reports for team leads, service owners and administrators: each
//! reads the tickets of a [`ReportFilter`] along an index on the instants
//! it counts (creation, entering a status) and groups in Rust by Riga
//! period, so the same SQL runs on SQLite and PostgreSQL and no database
//! needs to know about time zones.

pub mod backlog;
pub mod open_data;
mod priority_overrides;
pub mod quality;
pub(crate) mod scope;
pub mod sla;
pub mod speed;
pub mod ticket_list;
pub mod volume;

pub use priority_overrides::{priority_overrides, PriorityOverride};
pub use scope::SplitKey;
