//! A business calendar: a time zone, working hours per weekday, public
//! holidays by rule, and dates that are special by decision (moved working
//! days, one-off holidays, shortened days).
//!
//! `add` and `elapsed` are exact to the second and follow the zone's summer
//! time. Every computation is bounded: instants outside 1900–2200 are refused.

use crate::FieldErrors;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SECONDS_PER_DAY: u32 = 24 * 3600;
/// The years a calendar answers for.
pub const FIRST_YEAR: i16 = 1900;
pub const LAST_YEAR: i16 = 2200;

/// Working time within one local day, in seconds after midnight; `start < end <= 86400`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Interval {
    pub start: u32,
    pub end: u32,
}

/// Why a date is not an ordinary day of its weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// No working time (a public holiday, a weekday moved off).
    DayOff,
    /// A weekend day worked (the Cabinet's moved working Saturday), with the
    /// hours of an ordinary working day.
    WorkingDay,
    /// A working day one hour shorter (Labour Law s. 135, the day before a holiday).
    ShortDay,
}

impl DayKind {
    pub fn code(self) -> &'static str {
        match self {
            DayKind::DayOff => "day_off",
            DayKind::WorkingDay => "working_day",
            DayKind::ShortDay => "short_day",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [DayKind::DayOff, DayKind::WorkingDay, DayKind::ShortDay]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

/// A date that is not ordinary, with its name in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialDay {
    pub date: Date,
    pub kind: DayKind,
    pub name_lv: String,
    pub name_en: String,
}

/// Which public holidays are computed by rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holidays {
    None,
    Latvia,
}

/// A calendar as an administrator states it, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarSpec {
    /// IANA zone name, e.g. `Europe/Riga`.
    pub time_zone: String,
    /// Every second counts (24x7); `week`, holidays and days are ignored.
    pub always_open: bool,
    /// Working hours, Monday first.
    pub week: [Vec<Interval>; 7],
    pub holidays: Holidays,
    /// The working day before a public holiday is one hour shorter.
    pub shorten_before_holiday: bool,
    /// Dates special by decision; they win over the rules.
    pub days: Vec<SpecialDay>,
}

impl CalendarSpec {
    /// Mon–Fri 8:30–17:00 in Riga with Latvian holidays: the demo desk's hours.
    pub fn latvian_office() -> Self {
        let day = vec![Interval {
            start: 8 * 3600 + 30 * 60,
            end: 17 * 3600,
        }];
        Self {
            time_zone: "Europe/Riga".into(),
            always_open: false,
            week: [
                day.clone(),
                day.clone(),
                day.clone(),
                day.clone(),
                day,
                Vec::new(),
                Vec::new(),
            ],
            holidays: Holidays::Latvia,
            shorten_before_holiday: true,
            days: Vec::new(),
        }
    }

    pub fn always_open() -> Self {
        Self {
            time_zone: "Europe/Riga".into(),
            always_open: true,
            week: Default::default(),
            holidays: Holidays::None,
            shorten_before_holiday: false,
            days: Vec::new(),
        }
    }
}

/// The instant asked for lies outside the years a calendar answers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("outside the calendar's years")]
pub struct OutOfRange;

/// A checked calendar, ready for arithmetic.
#[derive(Debug, Clone)]
pub struct Calendar {
    spec: CalendarSpec,
    tz: TimeZone,
    days: BTreeMap<Date, DayKind>,
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
        let days = spec.days.iter().map(|d| (d.date, d.kind)).collect();
        Ok(Self {
            tz: tz.expect("checked above"),
            spec,
            days,
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
    /// calendar's own special days, in date order.
    pub fn special_days(&self, year: i16) -> Vec<SpecialDay> {
        let mut out: BTreeMap<Date, SpecialDay> = BTreeMap::new();
        if self.spec.holidays == Holidays::Latvia {
            for h in super_latvia::public_holidays(year) {
                out.insert(h.date, h);
            }
        }
        for d in &self.spec.days {
            if d.date.year() == year {
                out.insert(d.date, d.clone());
            }
        }
        if self.spec.shorten_before_holiday {
            let mut d = Date::new(year, 1, 1).expect("valid");
            while d.year() == year {
                if !out.contains_key(&d) && !self.hours_of(d).is_empty() {
                    if let Ok(next) = d.tomorrow() {
                        if self.is_public_holiday(next) {
                            out.insert(
                                d,
                                SpecialDay {
                                    date: d,
                                    kind: DayKind::ShortDay,
                                    name_lv: String::new(),
                                    name_en: String::new(),
                                },
                            );
                        }
                    }
                }
                match d.tomorrow() {
                    Ok(n) => d = n,
                    Err(_) => break,
                }
            }
        }
        out.into_values().collect()
    }

    fn is_public_holiday(&self, date: Date) -> bool {
        match self.days.get(&date) {
            Some(DayKind::DayOff) => true,
            Some(_) => false,
            None => self.spec.holidays == Holidays::Latvia && super_latvia::is_public_holiday(date),
        }
    }

    /// The working intervals of a local date, before shortening.
    fn hours_of(&self, date: Date) -> &[Interval] {
        let weekday = date.weekday().to_monday_zero_offset() as usize;
        match self.days.get(&date) {
            Some(DayKind::DayOff) => &[],
            Some(DayKind::WorkingDay) => self.ordinary_hours(),
            _ if self.spec.holidays == Holidays::Latvia
                && super_latvia::is_public_holiday(date) =>
            {
                &[]
            }
            _ => &self.spec.week[weekday],
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

    /// The working time of one local date, in local seconds after midnight.
    pub fn working_intervals(&self, date: Date) -> Vec<Interval> {
        let mut hours = self.hours_of(date).to_vec();
        let short = match self.days.get(&date) {
            Some(DayKind::ShortDay) => true,
            Some(_) => false,
            None => {
                self.spec.shorten_before_holiday
                    && !hours.is_empty()
                    && date.tomorrow().is_ok_and(|n| self.is_public_holiday(n))
            }
        };
        if short {
            shorten(&mut hours, 3600);
        }
        hours
    }

    /// The working time of a local date as instants.
    fn day_spans(&self, date: Date) -> Vec<(Timestamp, Timestamp)> {
        let midnight = date.to_datetime(jiff::civil::Time::midnight());
        let at = |sec: u32| {
            let local = midnight
                .checked_add(SignedDuration::from_secs(i64::from(sec)))
                .expect("within a day");
            self.tz
                .to_ambiguous_timestamp(local)
                .compatible()
                .expect("in range")
        };
        self.working_intervals(date)
            .into_iter()
            .map(|iv| (at(iv.start), at(iv.end)))
            .filter(|(s, e)| s < e)
            .collect()
    }

    fn local_date(&self, t: Timestamp) -> Date {
        t.to_zoned(self.tz.clone()).date()
    }

    fn check_range(&self, t: Timestamp) -> Result<Date, OutOfRange> {
        let date = self.local_date(t);
        if date.year() < FIRST_YEAR || date.year() > LAST_YEAR {
            return Err(OutOfRange);
        }
        Ok(date)
    }

    /// The instant `secs` business seconds after `start`.
    pub fn add(&self, start: Timestamp, secs: i64) -> Result<Timestamp, OutOfRange> {
        if self.spec.always_open {
            let end = start
                .checked_add(SignedDuration::from_secs(secs))
                .map_err(|_| OutOfRange)?;
            self.check_range(end)?;
            return Ok(end);
        }
        let mut date = self.check_range(start)?;
        let mut left = secs;
        loop {
            for (s, e) in self.day_spans(date) {
                if e <= start {
                    continue;
                }
                let from = s.max(start);
                let span = e.as_second() - from.as_second();
                if left <= span {
                    return Ok(from
                        .checked_add(SignedDuration::from_secs(left))
                        .map_err(|_| OutOfRange)?);
                }
                left -= span;
            }
            date = date.tomorrow().map_err(|_| OutOfRange)?;
            if date.year() > LAST_YEAR {
                return Err(OutOfRange);
            }
        }
    }

    /// Business seconds between two instants; zero when `end <= start`.
    pub fn elapsed(&self, start: Timestamp, end: Timestamp) -> i64 {
        if end <= start {
            return 0;
        }
        if self.spec.always_open {
            return end.as_second() - start.as_second();
        }
        let mut date = self.local_date(start);
        let last = self.local_date(end);
        let mut total = 0;
        while date <= last {
            for (s, e) in self.day_spans(date) {
                let (from, to) = (s.max(start), e.min(end));
                if from < to {
                    total += to.as_second() - from.as_second();
                }
            }
            match date.tomorrow() {
                Ok(n) => date = n,
                Err(_) => break,
            }
        }
        total
    }
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

/// Latvian public holidays by rule. (The helper for issue 17 replaces this
/// module with the full, tested rules: see `latvia.rs`.)
mod super_latvia {
    use super::{DayKind, SpecialDay};
    use jiff::civil::{Date, Weekday};

    fn easter_sunday(year: i16) -> Date {
        // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
        let y = i32::from(year);
        let a = y % 19;
        let b = y / 100;
        let c = y % 100;
        let d = b / 4;
        let e = b % 4;
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15) % 30;
        let i = c / 4;
        let k = c % 4;
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let day = (h + l - 7 * m + 114) % 31 + 1;
        Date::new(year, month as i8, day as i8).expect("valid Easter")
    }

    fn moved_to_monday(d: Date) -> Date {
        match d.weekday() {
            Weekday::Saturday => d.checked_add(jiff::Span::new().days(2)).expect("valid"),
            Weekday::Sunday => d.checked_add(jiff::Span::new().days(1)).expect("valid"),
            _ => d,
        }
    }

    pub fn public_holidays(year: i16) -> Vec<SpecialDay> {
        let d = |m: i8, day: i8| Date::new(year, m, day).expect("valid");
        let easter = easter_sunday(year);
        let off = |date: Date, lv: &str, en: &str| SpecialDay {
            date,
            kind: DayKind::DayOff,
            name_lv: lv.into(),
            name_en: en.into(),
        };
        let shift = |n: i64| {
            easter
                .checked_add(jiff::Span::new().days(n))
                .expect("valid")
        };
        let mut out = vec![
            off(d(1, 1), "Jaungada diena", "New Year's Day"),
            off(shift(-2), "Lielā Piektdiena", "Good Friday"),
            off(easter, "Lieldienas", "Easter Sunday"),
            off(shift(1), "Otrās Lieldienas", "Easter Monday"),
            off(d(5, 1), "Darba svētki", "Labour Day"),
            off(
                d(5, 4),
                "Latvijas Republikas Neatkarības atjaunošanas diena",
                "Restoration of Independence Day",
            ),
            off(d(6, 23), "Līgo diena", "Midsummer Eve"),
            off(d(6, 24), "Jāņu diena", "Midsummer Day"),
            off(
                d(11, 18),
                "Latvijas Republikas proklamēšanas diena",
                "Proclamation Day",
            ),
            off(d(12, 24), "Ziemassvētku vakars", "Christmas Eve"),
            off(d(12, 25), "Pirmie Ziemassvētki", "Christmas Day"),
            off(d(12, 26), "Otrie Ziemassvētki", "Second Day of Christmas"),
            off(d(12, 31), "Vecgada vakars", "New Year's Eve"),
        ];
        for (day, lv, en) in [
            (
                d(5, 4),
                "Neatkarības atjaunošanas dienas pārcelta brīvdiena",
                "Restoration of Independence Day (moved)",
            ),
            (
                d(11, 18),
                "Proklamēšanas dienas pārcelta brīvdiena",
                "Proclamation Day (moved)",
            ),
        ] {
            let moved = moved_to_monday(day);
            if moved != day {
                out.push(off(moved, lv, en));
            }
        }
        out.sort_by_key(|h| h.date);
        out
    }

    pub fn is_public_holiday(date: Date) -> bool {
        public_holidays(date.year()).iter().any(|h| h.date == date)
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
        // 2026-06-22 is a Monday; 23 and 24 June are holidays.
        let hours = cal.working_intervals("2026-06-22".parse().unwrap());
        assert_eq!(
            hours,
            vec![Interval {
                start: 30600,
                end: 57600
            }]
        );
    }
}
