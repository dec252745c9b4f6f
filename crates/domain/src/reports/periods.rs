//! The periods a report counts in: days, ISO weeks or months of the Riga
//! calendar, each with its instants (a Riga day is 23 or 25 hours on the
//! summer-time Sundays), so an instant is put in its period by a binary
//! search and no database needs to know about time zones.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Day,
    Week,
    #[default]
    Month,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Day, Period::Week, Period::Month];

    pub fn code(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The first day of the period holding `date`.
    fn start_of(self, date: Date) -> Date {
        match self {
            Period::Day => date,
            Period::Week => {
                let back = date.weekday().to_monday_zero_offset();
                date.checked_sub(jiff::Span::new().days(back))
                    .unwrap_or(date)
            }
            Period::Month => date.first_of_month(),
        }
    }

    fn next(self, start: Date) -> Option<Date> {
        match self {
            Period::Day => start.tomorrow().ok(),
            Period::Week => start.checked_add(jiff::Span::new().days(7)).ok(),
            Period::Month => start.checked_add(jiff::Span::new().months(1)).ok(),
        }
    }
}

/// One period: its first day and its instants `[start, end)` in epoch ms.
/// The first and last periods are cut to the report's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bucket {
    pub first_day: Date,
    pub start_ms: i64,
    pub end_ms: i64,
}

/// The periods of a range of Riga days, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Periods {
    pub period: Period,
    pub buckets: Vec<Bucket>,
}

pub fn riga() -> TimeZone {
    TimeZone::get("Europe/Riga").unwrap_or(TimeZone::UTC)
}

/// Midnight in Riga starting `date`, in epoch ms.
pub fn riga_midnight(date: Date) -> i64 {
    date.to_zoned(riga())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(0)
}

impl Periods {
    /// The periods covering `from ..= to` (Riga days).
    pub fn new(period: Period, from: Date, to: Date) -> Self {
        let end = to.tomorrow().unwrap_or(to);
        let mut buckets = Vec::new();
        let mut first = period.start_of(from);
        while first < end {
            let next = period.next(first).unwrap_or(end);
            let (a, b) = (first.max(from), next.min(end));
            buckets.push(Bucket {
                first_day: a,
                start_ms: riga_midnight(a),
                end_ms: riga_midnight(b),
            });
            first = next;
        }
        Self { period, buckets }
    }

    /// `[start, end)` of the whole range, epoch ms.
    pub fn span(&self) -> (i64, i64) {
        match (self.buckets.first(), self.buckets.last()) {
            (Some(a), Some(b)) => (a.start_ms, b.end_ms),
            _ => (0, 0),
        }
    }

    /// The index of the period holding the instant, if any.
    pub fn index_of(&self, ms: i64) -> Option<usize> {
        let i = self.buckets.partition_point(|b| b.end_ms <= ms);
        self.buckets.get(i).filter(|b| b.start_ms <= ms).map(|_| i)
    }
}

/// Monday of the ISO week of `date` (for week labels).
pub fn monday_of(date: Date) -> Date {
    Period::Week.start_of(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_riga_day_of_a_summer_time_change_is_23_or_25_hours() {
        let p = Periods::new(Period::Day, date(2026, 3, 28), date(2026, 3, 30));
        let hours: Vec<i64> = p
            .buckets
            .iter()
            .map(|b| (b.end_ms - b.start_ms) / 3_600_000)
            .collect();
        assert_eq!(hours, [24, 23, 24]);
        let p = Periods::new(Period::Day, date(2026, 10, 25), date(2026, 10, 25));
        assert_eq!(p.buckets[0].end_ms - p.buckets[0].start_ms, 25 * 3_600_000);
    }

    #[test]
    fn months_and_weeks_are_cut_to_the_range_and_instants_find_their_period() {
        let p = Periods::new(Period::Month, date(2026, 1, 15), date(2026, 3, 10));
        let firsts: Vec<Date> = p.buckets.iter().map(|b| b.first_day).collect();
        assert_eq!(
            firsts,
            [date(2026, 1, 15), date(2026, 2, 1), date(2026, 3, 1)]
        );
        // 1 February 00:30 in Riga (UTC+2) is 31 January 22:30 UTC.
        let feb = jiff::Timestamp::from_second(1_769_898_600).unwrap();
        assert_eq!(p.index_of(feb.as_millisecond()), Some(1));
        assert_eq!(p.index_of(p.span().1), None);
        assert_eq!(p.index_of(p.span().0 - 1), None);
        let w = Periods::new(Period::Week, date(2026, 12, 2), date(2026, 12, 14));
        let firsts: Vec<Date> = w.buckets.iter().map(|b| b.first_day).collect();
        // Wednesday 2nd, then Mondays 7th and 14th.
        assert_eq!(
            firsts,
            [date(2026, 12, 2), date(2026, 12, 7), date(2026, 12, 14)]
        );
    }
}
