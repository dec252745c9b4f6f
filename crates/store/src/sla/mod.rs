//! Service levels in the database: business calendars, SLA policies and the
//! clock of each goal on each ticket (migration 0029); the timers, in-app
//! notices and re-time runs that keep the clocks honest (0032).

pub mod calendars;
pub mod clocks;
pub mod due;
mod facts;
pub mod file;
pub mod notices;
pub mod policies;
pub mod refresh;
pub mod retime;
pub mod retime_runs;
pub mod settings;
pub mod timers;

pub use refresh::{prepare, prepare_if, refresh, refresh_many, refresh_ticket, DeskSla};
