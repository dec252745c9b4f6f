//! Reports: the filter every report page shares (a Riga date range with a
//! preset, the period to count by, the dimension to split by, and the
//! ticket facts to narrow to), the Riga periods a range is counted in, and
//! distributions (count, median, p90, max) of durations.

pub mod distribution;
pub mod filter;
pub mod open_data;
pub mod periods;
pub mod ticket_columns;

pub use distribution::Distribution;
pub use filter::{Dimension, Preset, ReportFilter, ReportFilterForm};
pub use periods::{Bucket, Period, Periods};
pub use ticket_columns::TicketColumn;
