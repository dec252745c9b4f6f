//! Service levels in the database: business calendars, SLA policies and the
//! clock of each goal on each ticket (migration 0029).

pub mod calendars;
pub mod clocks;
pub mod due;
pub mod policies;
