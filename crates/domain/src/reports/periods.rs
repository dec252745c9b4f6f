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

/// Riga's UTC offsets over `[start_ms, end_ms)`: the offset in force at
/// `start_ms`, then each change inside the range, as (from ms, offset ms).
/// A database turns an instant into its Riga day with these alone
/// (`(instant + offset) / day`), without knowing about time zones.
pub fn riga_offsets(start_ms: i64, end_ms: i64) -> Vec<(i64, i64)> {
    let tz = riga();
    let Ok(start) = jiff::Timestamp::from_millisecond(start_ms) else {
        return vec![(start_ms, 2 * 3_600_000)];
    };
    let offset_ms = |o: jiff::tz::Offset| i64::from(o.seconds()) * 1000;
    let mut out = vec![(start_ms, offset_ms(tz.to_offset(start)))];
    for t in tz.following(start) {
        let at = t.timestamp().as_millisecond();
        if at >= end_ms {
            break;
        }
        out.push((at, offset_ms(t.offset())));
    }
    out
}

/// The Riga day numbered as days since 1 January 1970.
pub fn day_of_number(n: i64) -> Option<Date> {
    jiff::civil::date(1970, 1, 1)
        .checked_add(jiff::Span::new().days(n))
        .ok()
}

impl Periods {
    /// The index of the period holding the Riga day numbered `n` (days
    /// since 1 January 1970), if any.
    pub fn index_of_day_number(&self, n: i64) -> Option<usize> {
        day_of_number(n).and_then(|d| self.index_of(riga_midnight(d)))
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
    fn instants_become_riga_day_numbers_with_the_offsets_of_their_range() {
        let p = Periods::new(Period::Day, date(2026, 3, 28), date(2026, 3, 30));
        let (start, end) = p.span();
        let offsets = riga_offsets(start, end);
        // Winter time, then summer time from 29 March 01:00 UTC.
        assert_eq!(offsets.len(), 2);
        assert_eq!(offsets[0].1, 2 * 3_600_000);
        assert_eq!(offsets[1].1, 3 * 3_600_000);
        let day = |ms: i64| {
            let (_, off) = offsets.iter().rev().find(|(from, _)| *from <= ms).unwrap();
            (ms + off).div_euclid(86_400_000)
        };
        for (i, b) in p.buckets.iter().enumerate() {
            assert_eq!(p.index_of_day_number(day(b.start_ms)), Some(i));
            assert_eq!(p.index_of_day_number(day(b.end_ms - 1)), Some(i));
        }
        assert_eq!(
            day_of_number(day(p.buckets[1].start_ms)),
            Some(date(2026, 3, 29))
        );
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
