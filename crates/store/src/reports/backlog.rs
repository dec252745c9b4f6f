//! Backlog: the tickets open now and at the end of each period of the
//! range, by age in business days, split by one dimension.
//!
//! A ticket is open at an instant `T` when one of its status periods in
//! `ticket_status_history` holds `T` (`entered_at ≤ T < left_at`, or not
//! left yet) and is of an open category (new, open, waiting). Instead of
//! asking that once per period end (a scan of the history for each), the
//! report reads, in two range scans of the index `(status_category,
//! left_at, entered_at)` (migration 0039), the open-category periods that
//! could hold any of the instants: those not left yet, and those left after
//! the first instant — both entered before the last one. Each period read
//! covers a run of consecutive instants, found by binary search, so the
//! work is the periods read plus the (ticket, instant) pairs counted.
//!
//! Age: the working days of the desk's calendar (its first calendar that
//! is not 24x7; without one, Mon–Fri minus the Latvian public holidays and
//! decided days off) after the ticket's creation day, up to and including
//! the day of the instant, in Riga time. A ticket created today is under a
//! day old; one created on Friday is a day old at the end of Monday.

use super::scope::{joins, push_filter, split_columns, split_key, SplitKey};
use crate::{Db, Result, Sql};
use atbalsts_domain::reports::periods::riga;
use atbalsts_domain::reports::{Periods, ReportFilter};
use atbalsts_domain::sla::{Calendar, CalendarSpec};
use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

/// The age buckets, in business days: `[0, 1)`, `[1, 3)`, `[3, 7)`,
/// `[7, 30)`, 30 and more.
pub const AGE_BOUNDS: [i64; 4] = [1, 3, 7, 30];
pub const AGES: usize = AGE_BOUNDS.len() + 1;

/// The codes of the age buckets (for the catalogue and the API).
pub const AGE_CODES: [&str; AGES] = ["under-1", "1-3", "3-7", "7-30", "over-30"];

/// The bucket of an age in business days.
pub fn age_bucket(days: i64) -> usize {
    AGE_BOUNDS.iter().take_while(|b| days >= **b).count()
}

/// An instant the backlog is counted at: a period's end (its last
/// millisecond) or now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    /// The period whose end this is; `None` for now.
    pub period: Option<usize>,
    pub at: i64,
}

/// One split value's open tickets: per snapshot, a count per age bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BacklogSeries {
    pub split: SplitKey,
    pub counts: Vec<[i64; AGES]>,
}

impl BacklogSeries {
    fn new(split: SplitKey, snapshots: usize) -> Self {
        Self {
            split,
            counts: vec![[0; AGES]; snapshots],
        }
    }

    /// The open tickets at a snapshot, all ages.
    pub fn total(&self, snapshot: usize) -> i64 {
        self.counts[snapshot].iter().sum()
    }
}

#[derive(Debug, Clone)]
pub struct Backlog {
    pub periods: Periods,
    /// The ends of the periods already over, in order, then now.
    pub snapshots: Vec<Snapshot>,
    /// One per split value (one in all without a split), largest now first.
    pub series: Vec<BacklogSeries>,
}

impl Backlog {
    /// All split values' counts at a snapshot, per age bucket.
    pub fn ages_at(&self, snapshot: usize) -> [i64; AGES] {
        let mut out = [0; AGES];
        for s in &self.series {
            for (o, c) in out.iter_mut().zip(s.counts[snapshot]) {
                *o += c;
            }
        }
        out
    }
}

/// The calendar whose working days age a desk's tickets.
async fn desk_calendar(db: &Db, desk_id: i64) -> Result<Calendar> {
    let id: Option<i64> = sqlx::query(
        "SELECT id FROM sla_calendars WHERE desk_id = $1 AND always_open = 0 ORDER BY id LIMIT 1",
    )
    .bind(desk_id)
    .fetch_optional(db.read())
    .await?
    .map(|r| r.try_get(0))
    .transpose()?;
    if let Some(id) = id {
        if let Some(c) = crate::sla::calendars::cached(db, id).await? {
            return Ok(c.calendar.clone());
        }
    }
    Ok(
        Calendar::new(CalendarSpec::latvian_office())
            .expect("the Latvian office calendar is valid"),
    )
}

/// The working days of the Riga dates `first ..= last`: each date's
/// midnight (epoch ms, so an instant finds its date by binary search, no
/// time-zone arithmetic per ticket) and the working days before it.
struct WorkingDays {
    /// Midnight starting each date, and the one after the last.
    midnights: Vec<i64>,
    /// `before[i]`: working days among the dates before date `i`.
    before: Vec<i64>,
}

impl WorkingDays {
    fn new(calendar: &Calendar, first: Date, last: Date) -> Self {
        let tz = riga();
        let midnight = |d: Date| {
            d.to_zoned(tz.clone())
                .map(|z| z.timestamp().as_millisecond())
                .unwrap_or(i64::MAX)
        };
        let (mut midnights, mut before) = (Vec::new(), vec![0]);
        let mut day = first;
        let mut n = 0;
        while day <= last {
            midnights.push(midnight(day));
            if !calendar.working_intervals(day).is_empty() {
                n += 1;
            }
            before.push(n);
            match day.tomorrow() {
                Ok(d) => day = d,
                Err(_) => break,
            }
        }
        midnights.push(midnight(day));
        Self { midnights, before }
    }

    /// The index of the date holding an instant (clamped to the dates).
    fn date_of(&self, ms: i64) -> usize {
        self.midnights
            .partition_point(|m| *m <= ms)
            .saturating_sub(1)
            .min(self.before.len() - 2)
    }

    /// Working days after the date of `created`, up to and including the
    /// date of `at` (both indexes from [`Self::date_of`]).
    fn between_dates(&self, created: usize, at: usize) -> i64 {
        (self.before[at + 1] - self.before[created + 1]).max(0)
    }

    #[cfg(test)]
    fn between(&self, created: i64, at: i64) -> i64 {
        self.between_dates(self.date_of(created), self.date_of(at))
    }
}

fn riga_date(ms: i64) -> Date {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(riga()).date())
        .unwrap_or(Date::constant(1970, 1, 1))
}

pub async fn backlog(db: &Db, desk_id: i64, filter: &ReportFilter, now: i64) -> Result<Backlog> {
    let periods = Periods::new(filter.period, filter.from, filter.to);
    let mut snapshots: Vec<Snapshot> = periods
        .buckets
        .iter()
        .enumerate()
        .filter(|(_, b)| b.end_ms <= now)
        .map(|(i, b)| Snapshot {
            period: Some(i),
            at: b.end_ms - 1,
        })
        .collect();
    snapshots.push(Snapshot {
        period: None,
        at: now,
    });
    let instants: Vec<i64> = snapshots.iter().map(|s| s.at).collect();
    // The snapshots in time order (now may come before a period's end only
    // if none is over; they are sorted already, but keep the order safe).
    let mut order: Vec<usize> = (0..instants.len()).collect();
    order.sort_by_key(|&i| instants[i]);
    let sorted: Vec<i64> = order.iter().map(|&i| instants[i]).collect();
    let first = sorted[0];
    let last = *sorted.last().expect("now is one");

    let columns = split_columns(filter.split);
    let joins = joins(filter);
    let mut rows = Vec::new();
    for still_open in [true, false] {
        let mut sql = Sql::new(&format!(
            "SELECT h.entered_at, h.left_at, t.created_at, {columns} \
             FROM ticket_status_history h JOIN tickets t ON t.id = h.ticket_id {joins} \
             WHERE h.status_category IN ('new', 'open', 'waiting') AND "
        ));
        if still_open {
            sql.push("h.left_at IS NULL");
        } else {
            sql.push("h.left_at > ").bind(first);
        }
        sql.push(" AND h.entered_at <= ")
            .bind(last)
            .push(" AND t.desk_id = ")
            .bind(desk_id);
        push_filter(&mut sql, filter);
        rows.extend(sql.planned_each_time().fetch_all(db.read()).await?);
    }

    let mut opened: Vec<(i64, Option<i64>, i64, SplitKey)> = Vec::with_capacity(rows.len());
    let mut oldest = last;
    for r in &rows {
        let created: i64 = r.try_get(2)?;
        oldest = oldest.min(created);
        opened.push((r.try_get(0)?, r.try_get(1)?, created, split_key(r)?));
    }
    let calendar = desk_calendar(db, desk_id).await?;
    let working = WorkingDays::new(&calendar, riga_date(oldest), riga_date(last));
    let days: Vec<usize> = sorted.iter().map(|&t| working.date_of(t)).collect();

    let n = snapshots.len();
    let mut series: BTreeMap<SplitKey, BacklogSeries> = BTreeMap::new();
    for (entered, left, created, key) in opened {
        // The sorted instants this status period holds.
        let from = sorted.partition_point(|&t| t < entered);
        let to = match left {
            Some(l) => sorted.partition_point(|&t| t < l),
            None => sorted.len(),
        };
        if from >= to {
            continue;
        }
        let created = working.date_of(created);
        let s = series
            .entry(key.clone())
            .or_insert_with(|| BacklogSeries::new(key, n));
        for k in from..to {
            let age = working.between_dates(created, days[k]);
            s.counts[order[k]][age_bucket(age)] += 1;
        }
    }
    let mut series: Vec<BacklogSeries> = series.into_values().collect();
    series.sort_by_key(|s| std::cmp::Reverse(s.total(n - 1)));
    if series.is_empty() {
        series.push(BacklogSeries::new(
            SplitKey {
                key: String::new(),
                labels: None,
            },
            n,
        ));
    }
    Ok(Backlog {
        periods,
        snapshots,
        series,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_fall_in_the_buckets_the_report_names() {
        let buckets: Vec<usize> = [0, 1, 2, 3, 6, 7, 29, 30, 400]
            .into_iter()
            .map(age_bucket)
            .collect();
        assert_eq!(buckets, vec![0, 1, 1, 2, 2, 3, 3, 4, 4]);
    }

    #[test]
    fn a_ticket_filed_on_friday_is_a_working_day_old_at_the_end_of_monday() {
        let calendar = Calendar::new(CalendarSpec::latvian_office()).unwrap();
        let w = WorkingDays::new(
            &calendar,
            Date::constant(2026, 11, 1),
            Date::constant(2026, 11, 30),
        );
        let at = |d: i8, h: i8| {
            Date::constant(2026, 11, d)
                .at(h, 0, 0, 0)
                .to_zoned(riga())
                .unwrap()
                .timestamp()
                .as_millisecond()
        };
        // Friday 6 Nov → Monday 9 Nov, late in the evening (Riga, UTC+2).
        let fri = at(6, 9);
        assert_eq!(w.between(fri, at(6, 23)), 0);
        assert_eq!(w.between(fri, at(8, 23)), 0);
        assert_eq!(w.between(fri, at(9, 23)), 1);
        assert_eq!(w.between(fri, at(9, 0)), 1, "from Monday's first instant");
        // 18 Nov (Proclamation Day) is a Wednesday off.
        assert_eq!(w.between(at(17, 12), at(19, 12)), 1);
    }
}
