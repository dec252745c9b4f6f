//! A business calendar: a time zone, working hours per weekday, public
//! holidays by rule, and dates that are special by decision (moved working
//! days, one-off holidays, shortened days).
//!
//! `add` and `elapsed` are exact to the second and follow the zone's summer
//! time. Every computation is bounded: instants outside 1900–2200 are refused.

use super::latvia;
use super::year_table::{self, YearTable};
use crate::FieldErrors;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

pub use super::calendar_spec::{
    CalendarSpec, DayKind, Holidays, Interval, SpecialDay, FIRST_YEAR, LAST_YEAR, SECONDS_PER_DAY,
};

/// The instant asked for lies outside the years a calendar answers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("outside the calendar's years")]
pub struct OutOfRange;

/// The number of years a calendar answers for.
const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// A checked calendar, ready for arithmetic. Cloning is cheap and clones
/// share the year tables, which are built the first time a year is asked for.
#[derive(Debug, Clone)]
pub struct Calendar {
    spec: CalendarSpec,
    tz: TimeZone,
    days: BTreeMap<Date, SpecialDay>,
    years: Arc<Years>,
}

/// Lazily built per-year tables, shared by clones of a calendar.
struct Years {
    /// Local midnight of 1 January of each year, and of the year after the last.
    starts: OnceLock<Box<[i64]>>,
    tables: Box<[OnceLock<YearTable>]>,
}

impl std::fmt::Debug for Years {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let built = self.tables.iter().filter(|t| t.get().is_some()).count();
        write!(f, "Years {{ built: {built} }}")
    }
}

impl Calendar {
    /// Checks a spec: a known zone, intervals that neither overlap nor are
    /// empty, some working time in the week, dates within the calendar's years.
    /// Field names: `time_zone`, `week.{0..6}`, `week`, `days.{i}`.
    pub fn new(spec: CalendarSpec) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let tz = match TimeZone::get(&spec.time_zone) {
            Ok(tz) => Some(tz),
            Err(_) => {
                errors.push("time_zone", "error-sla-time-zone-unknown");
                None
            }
        };
        if !spec.always_open {
            for (i, day) in spec.week.iter().enumerate() {
                let mut sorted = day.clone();
                sorted.sort();
                let bad = sorted
                    .iter()
                    .any(|iv| iv.start >= iv.end || iv.end > SECONDS_PER_DAY)
                    || sorted.windows(2).any(|w| w[1].start < w[0].end);
                if bad {
                    errors.push(format!("week.{i}"), "error-sla-interval-invalid");
                }
            }
            if spec.week.iter().all(|d| d.is_empty()) {
                errors.push("week", "error-sla-no-working-time");
            }
        }
        for (i, d) in spec.days.iter().enumerate() {
            if d.date.year() < FIRST_YEAR || d.date.year() > LAST_YEAR {
                errors.push(format!("days.{i}"), "error-sla-date-out-of-range");
            }
        }
        errors.into_result()?;
        let mut spec = spec;
        for day in &mut spec.week {
            day.sort();
        }
        let days = spec.days.iter().map(|d| (d.date, d.clone())).collect();
        Ok(Self {
            tz: tz.expect("checked above"),
            spec,
            days,
            years: Arc::new(Years {
                starts: OnceLock::new(),
                tables: (0..YEARS).map(|_| OnceLock::new()).collect(),
            }),
        })
    }

    pub fn spec(&self) -> &CalendarSpec {
        &self.spec
    }

    pub fn time_zone(&self) -> &TimeZone {
        &self.tz
    }

    /// Every date of `year` that is not an ordinary day of its weekday:
    /// public holidays by rule, shortened days before them, and the
    /// calendar's own special days (which win over the rules), in date order.
    /// Empty for a year outside 1900–2200.
    pub fn special_days(&self, year: i16) -> Vec<SpecialDay> {
        match self.table(year) {
            Some(t) => t.special.clone(),
            None => Vec::new(),
        }
    }

    /// What is special about one date: `None` for an ordinary day of its
    /// weekday, otherwise its kind (day off, worked weekend day, short day)
    /// and name. `None` outside 1900–2200.
    pub fn special_day(&self, date: Date) -> Option<SpecialDay> {
        let t = self.table(date.year())?;
        let i = t.special.binary_search_by_key(&date, |d| d.date).ok()?;
        Some(t.special[i].clone())
    }

    /// The special days of a year, computed (the table keeps them).
    fn compute_special_days(&self, year: i16) -> Vec<SpecialDay> {
        // Date → (day, whether it is a holiday that shortens the day before).
        let mut out: BTreeMap<Date, (SpecialDay, bool)> = BTreeMap::new();
        if self.spec.holidays == Holidays::Latvia {
            for r in latvia::rule_days(year) {
                out.insert(r.day.date, (r.day, r.holiday));
            }
        }
        for (date, d) in self.days.range(year_dates(year)) {
            out.insert(*date, (d.clone(), d.kind == DayKind::DayOff));
        }
        if self.spec.shorten_before_holiday {
            let mut holidays: Vec<Date> = out
                .iter()
                .filter(|(_, (_, holiday))| *holiday)
                .map(|(date, _)| *date)
                .collect();
            if let Ok(next_new_year) = Date::new(year + 1, 1, 1) {
                if self.is_holiday(next_new_year) {
                    holidays.push(next_new_year);
                }
            }
            for h in holidays {
                let Ok(before) = h.yesterday() else { continue };
                if before.year() != year || out.contains_key(&before) {
                    continue;
                }
                if !self.spec.week[weekday_index(before)].is_empty() {
                    out.insert(
                        before,
                        (
                            SpecialDay {
                                date: before,
                                kind: DayKind::ShortDay,
                                name_lv: "Pirmssvētku diena (par stundu īsāka)".into(),
                                name_en: "Day before a public holiday (an hour shorter)".into(),
                            },
                            false,
                        ),
                    );
                }
            }
        }
        out.into_values().map(|(d, _)| d).collect()
    }

    /// Whether a date is a holiday that shortens the working day before it:
    /// a holiday of the law (not a moved day off), or a day off of the
    /// calendar's own.
    fn is_holiday(&self, date: Date) -> bool {
        match self.days.get(&date) {
            Some(d) => d.kind == DayKind::DayOff,
            None => self.spec.holidays == Holidays::Latvia && latvia::is_public_holiday(date),
        }
    }

    /// The hours of an ordinary working day: those of the first weekday that has any.
    fn ordinary_hours(&self) -> &[Interval] {
        self.spec
            .week
            .iter()
            .find(|d| !d.is_empty())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The working intervals of a date given what is special about it. A
    /// worked weekend day has an ordinary day's hours; a short day its own
    /// (or an ordinary day's) an hour shorter.
    fn hours_for(&self, date: Date, special: Option<&SpecialDay>) -> Vec<Interval> {
        let own = &self.spec.week[weekday_index(date)];
        match special.map(|s| s.kind) {
            Some(DayKind::DayOff) => Vec::new(),
            Some(DayKind::WorkingDay) => self.ordinary_hours().to_vec(),
            Some(DayKind::ShortDay) => {
                let mut hours = if own.is_empty() {
                    self.ordinary_hours().to_vec()
                } else {
                    own.clone()
                };
                shorten(&mut hours, 3600);
                hours
            }
            None => own.clone(),
        }
    }

    /// The working time of one local date, in local seconds after midnight
    /// (nothing outside 1900–2200).
    pub fn working_intervals(&self, date: Date) -> Vec<Interval> {
        if self.spec.always_open {
            return vec![Interval {
                start: 0,
                end: SECONDS_PER_DAY,
            }];
        }
        match self.table(date.year()) {
            Some(_) => self.hours_for(date, self.special_day(date).as_ref()),
            None => Vec::new(),
        }
    }

    /// The table of a year, built on first use.
    fn table(&self, year: i16) -> Option<&YearTable> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return None;
        }
        let cell = &self.years.tables[(year - FIRST_YEAR) as usize];
        Some(cell.get_or_init(|| {
            let special = self.compute_special_days(year);
            YearTable::build(&self.tz, year, special, |date, special| {
                self.hours_for(date, special)
            })
        }))
    }

    fn table_at(&self, index: usize) -> &YearTable {
        self.table(FIRST_YEAR + index as i16)
            .expect("index in range")
    }

    /// Local midnight of 1 January of every year, and of the year after the last.
    fn year_starts(&self) -> &[i64] {
        self.years.starts.get_or_init(|| {
            (FIRST_YEAR..=LAST_YEAR + 1)
                .map(|y| {
                    let date = Date::new(y, 1, 1).expect("valid");
                    year_table::local_instant(&self.tz, date, 0)
                })
                .collect()
        })
    }

    /// The year (as an index from 1900) of an instant within range.
    fn year_index(&self, t: i64) -> Option<usize> {
        let starts = self.year_starts();
        if t < starts[0] || t >= starts[YEARS] {
            return None;
        }
        Some(starts.partition_point(|&s| s <= t) - 1)
    }

    /// The instant `secs` business seconds after `start`: the earliest
    /// instant by which that much working time has passed. Zero (or less)
    /// gives the first working instant at or after `start`.
    pub fn add(&self, start: Timestamp, secs: i64) -> Result<Timestamp, OutOfRange> {
        if self.spec.always_open {
            let end = start
                .checked_add(SignedDuration::from_secs(secs.max(0)))
                .map_err(|_| OutOfRange)?;
            self.year_index(start.as_second()).ok_or(OutOfRange)?;
            let last = self.year_starts()[YEARS];
            return if end.as_second() < last {
                Ok(end)
            } else {
                Err(OutOfRange)
            };
        }
        let s = start.as_second();
        let mut y = self.year_index(s).ok_or(OutOfRange)?;
        if secs <= 0 {
            loop {
                if let Some(t) = self.table_at(y).next_working(s) {
                    return if t == s {
                        Ok(start)
                    } else {
                        Timestamp::from_second(t).map_err(|_| OutOfRange)
                    };
                }
                y += 1;
                if y >= YEARS {
                    return Err(OutOfRange);
                }
            }
        }
        let first = self.table_at(y);
        let mut target = first.worked_before(s) + secs;
        if target <= first.total() {
            let (t, span) = first.instant_after(target);
            // Within the span `start` is in: keep its fraction of a second.
            if first.span_start(span) <= s {
                return start
                    .checked_add(SignedDuration::from_secs(secs))
                    .map_err(|_| OutOfRange);
            }
            return Timestamp::from_second(t).map_err(|_| OutOfRange);
        }
        target -= first.total();
        // One step per year: a span of years costs a lookup per year.
        loop {
            y += 1;
            if y >= YEARS {
                return Err(OutOfRange);
            }
            let table = self.table_at(y);
            if target <= table.total() {
                let (t, _) = table.instant_after(target);
                return Timestamp::from_second(t).map_err(|_| OutOfRange);
            }
            target -= table.total();
        }
    }

    /// Business seconds between two instants; zero when `end <= start`.
    /// Time outside 1900–2200 counts as nothing.
    pub fn elapsed(&self, start: Timestamp, end: Timestamp) -> i64 {
        if end <= start {
            return 0;
        }
        if self.spec.always_open {
            return end.as_second() - start.as_second();
        }
        let starts = self.year_starts();
        let (first, last) = (starts[0], starts[YEARS]);
        let s = start.as_second().clamp(first, last);
        let e = end.as_second().clamp(first, last);
        if s >= e {
            return 0;
        }
        let (ys, ws) = self.position(s);
        let (ye, we) = self.position(e);
        let mut total = we - ws;
        for y in ys..ye {
            total += self.table_at(y).total();
        }
        total
    }

    /// The year index of an instant within range (the end of range counts as
    /// the end of the last year) and the working seconds of that year before it.
    fn position(&self, t: i64) -> (usize, i64) {
        match self.year_index(t) {
            Some(y) => (y, self.table_at(y).worked_before(t)),
            None => (YEARS - 1, self.table_at(YEARS - 1).total()),
        }
    }
}

fn weekday_index(date: Date) -> usize {
    date.weekday().to_monday_zero_offset() as usize
}

/// The dates of one year, as a range for a `BTreeMap`.
fn year_dates(year: i16) -> std::ops::RangeInclusive<Date> {
    Date::new(year, 1, 1).expect("valid")..=Date::new(year, 12, 31).expect("valid")
}

/// Takes `secs` off the end of a day's working time.
fn shorten(hours: &mut Vec<Interval>, mut secs: u32) {
    hours.sort();
    while secs > 0 {
        let Some(last) = hours.last_mut() else { return };
        let len = last.end - last.start;
        if len > secs {
            last.end -= secs;
            return;
        }
        secs -= len;
        hours.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn riga(s: &str) -> Timestamp {
        let dt: jiff::civil::DateTime = s.parse().unwrap();
        dt.to_zoned(TimeZone::get("Europe/Riga").unwrap())
            .unwrap()
            .timestamp()
    }

    #[test]
    fn an_hour_from_friday_afternoon_ends_on_monday_morning() {
        let cal = Calendar::new(CalendarSpec::latvian_office()).unwrap();
        let start = riga("2026-12-04T16:30");
        let due = cal.add(start, 3600).unwrap();
        assert_eq!(due, riga("2026-12-07T09:00"));
        assert_eq!(cal.elapsed(start, due), 3600);
    }

    #[test]
    fn the_day_before_midsummer_is_an_hour_shorter() {
        let cal = Calendar::new(CalendarSpec::latvian_office()).unwrap();
        // 2027-06-22 is a Tuesday; 23 and 24 June are holidays. (22 June
        // 2026 is no example: the Cabinet moved it off, worked 27 June.)
        let hours = cal.working_intervals("2027-06-22".parse().unwrap());
        assert_eq!(
            hours,
            vec![Interval {
                start: 30600,
                end: 57600
            }]
        );
    }
}
