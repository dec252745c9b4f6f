//! Service levels: business calendars, the arithmetic of business time over
//! them, and the clock of one goal on one ticket. Pure values and functions;
//! the store keeps them and the job queue wakes them.

pub mod calendar;
mod calendar_spec;
pub mod clock;
pub mod input;
pub mod latvia;
pub mod policy;
pub mod timeline;
mod year_table;

pub use calendar::{Calendar, CalendarSpec, DayKind, Holidays, Interval, SpecialDay};
pub use clock::{Clock, ClockState, Goal, Phase};
pub use policy::{Conditions, GoalTarget, TicketFacts};
