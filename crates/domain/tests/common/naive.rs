//! The naive day-by-day walk over a calendar's working intervals: slow, but
//! plain enough to trust. The oracle for the fast table-based arithmetic, and
//! its baseline in the benchmark. Built only on the public API.

use atbalsts_domain::sla::calendar::{OutOfRange, FIRST_YEAR, LAST_YEAR};
use atbalsts_domain::sla::Calendar;
use jiff::civil::{Date, Time};
use jiff::{SignedDuration, Timestamp};

/// The working spans of one local date, in seconds since the epoch; a wall
/// time skipped by summer time never counts twice.
pub fn day_spans(cal: &Calendar, date: Date) -> Vec<(i64, i64)> {
    let midnight = date.to_datetime(Time::midnight());
    let at = |sec: u32| {
        let local = midnight
            .checked_add(SignedDuration::from_secs(i64::from(sec)))
            .unwrap();
        cal.time_zone()
            .to_ambiguous_timestamp(local)
            .compatible()
            .unwrap()
            .as_second()
    };
    let mut out: Vec<(i64, i64)> = Vec::new();
    for iv in cal.working_intervals(date) {
        let mut s = at(iv.start);
        let e = at(iv.end);
        if let Some(&(_, last)) = out.last() {
            s = s.max(last);
        }
        if s < e {
            out.push((s, e));
        }
    }
    out
}

fn local_date(cal: &Calendar, t: i64) -> Date {
    Timestamp::from_second(t)
        .unwrap()
        .to_zoned(cal.time_zone().clone())
        .date()
}

pub fn add(cal: &Calendar, start: Timestamp, secs: i64) -> Result<Timestamp, OutOfRange> {
    let s = start.as_second();
    let mut date = local_date(cal, s);
    if date.year() < FIRST_YEAR || date.year() > LAST_YEAR {
        return Err(OutOfRange);
    }
    // Start one day early: a span of the previous date may reach past midnight
    // in instants when summer time ends.
    date = date.yesterday().unwrap();
    let mut left = secs.max(0);
    loop {
        for (a, e) in day_spans(cal, date) {
            if e <= s {
                continue;
            }
            let from = a.max(s);
            if left <= e - from {
                return Ok(Timestamp::from_second(from + left).unwrap());
            }
            left -= e - from;
        }
        date = date.tomorrow().map_err(|_| OutOfRange)?;
        if date.year() > LAST_YEAR {
            return Err(OutOfRange);
        }
    }
}

pub fn elapsed(cal: &Calendar, start: Timestamp, end: Timestamp) -> i64 {
    let (s, e) = (start.as_second(), end.as_second());
    if e <= s {
        return 0;
    }
    let mut date = local_date(cal, s).yesterday().unwrap();
    let last = local_date(cal, e);
    let mut total = 0;
    while date <= last {
        for (a, b) in day_spans(cal, date) {
            let (from, to) = (a.max(s), b.min(e));
            if from < to {
                total += to - from;
            }
        }
        date = date.tomorrow().unwrap();
    }
    total
}
