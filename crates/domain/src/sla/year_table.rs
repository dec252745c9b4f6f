//! One year of a calendar's working time as instants, with the working
//! seconds accumulated span by span, so that business time between two
//! instants is two binary searches and a subtraction.
//!
//! The spans are made from each local day's intervals converted to instants
//! one by one, so a day of a summer-time change is exact: its working time is
//! what the clocks on the wall show, an hour more or less.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::SignedDuration;

use super::calendar::{Interval, SpecialDay};

#[derive(Debug)]
pub(crate) struct YearTable {
    /// Working spans in seconds since the Unix epoch, sorted, disjoint.
    starts: Vec<i64>,
    ends: Vec<i64>,
    /// `cum[i]`: working seconds in the spans before span `i`; one longer.
    cum: Vec<i64>,
    /// The year's non-ordinary dates, in date order (for the year view).
    pub(crate) special: Vec<SpecialDay>,
}

/// The instant of a local wall-clock time; a time skipped by summer time
/// counts from the offset before the change, a repeated one from its first
/// occurrence (jiff's "compatible" choice, as RFC 5545 does).
pub(crate) fn local_instant(tz: &TimeZone, date: Date, secs: u32) -> i64 {
    let local = date
        .to_datetime(Time::midnight())
        .checked_add(SignedDuration::from_secs(i64::from(secs)))
        .expect("within a day of a date in range");
    tz.to_ambiguous_timestamp(local)
        .compatible()
        .expect("in jiff's range")
        .as_second()
}

impl YearTable {
    /// `hours(date)` gives each local date's working intervals.
    pub(crate) fn build(
        tz: &TimeZone,
        year: i16,
        special: Vec<SpecialDay>,
        mut hours: impl FnMut(Date, Option<&SpecialDay>) -> Vec<Interval>,
    ) -> Self {
        let mut starts = Vec::with_capacity(400);
        let mut ends = Vec::with_capacity(400);
        let mut cum = Vec::with_capacity(401);
        cum.push(0);
        let mut total = 0i64;
        let mut next_special = special.iter().peekable();
        let first = Date::new(year, 1, 1).expect("year in range");
        for date in first.series(jiff::Span::new().days(1)).take(366) {
            if date.year() != year {
                break;
            }
            let mut this_special = None;
            while let Some(s) = next_special.peek() {
                if s.date < date {
                    next_special.next();
                } else {
                    if s.date == date {
                        this_special = Some(*s);
                    }
                    break;
                }
            }
            for iv in hours(date, this_special) {
                let s = local_instant(tz, date, iv.start);
                let e = local_instant(tz, date, iv.end);
                // A wall time skipped by summer time maps past the times
                // after the change: clip, so the skipped hour never counts.
                let s = ends.last().map_or(s, |&last: &i64| s.max(last));
                if s < e {
                    starts.push(s);
                    ends.push(e);
                    total += e - s;
                    cum.push(total);
                }
            }
        }
        Self {
            starts,
            ends,
            cum,
            special,
        }
    }

    pub(crate) fn total(&self) -> i64 {
        *self.cum.last().expect("cum has one more entry than spans")
    }

    /// Working seconds of this year before instant `t`.
    pub(crate) fn worked_before(&self, t: i64) -> i64 {
        let k = self.starts.partition_point(|&s| s <= t);
        if k == 0 {
            return 0;
        }
        self.cum[k - 1] + (t.min(self.ends[k - 1]) - self.starts[k - 1])
    }

    /// The instant at which `worked` working seconds of this year have
    /// passed, `0 < worked <= total()`; with the span it falls in.
    pub(crate) fn instant_after(&self, worked: i64) -> (i64, usize) {
        debug_assert!(worked > 0 && worked <= self.total());
        let j = self.cum.partition_point(|&c| c < worked);
        let i = j - 1;
        (self.starts[i] + (worked - self.cum[i]), i)
    }

    pub(crate) fn span_start(&self, i: usize) -> i64 {
        self.starts[i]
    }

    /// The first working instant at or after `t` in this year.
    pub(crate) fn next_working(&self, t: i64) -> Option<i64> {
        let k = self.ends.partition_point(|&e| e <= t);
        self.starts.get(k).map(|&s| s.max(t))
    }
}
