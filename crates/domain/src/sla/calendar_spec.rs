//! What an administrator states about a business calendar: the zone, the
//! working hours of each weekday, which holidays follow a rule, and the
//! dates special by decision. Checked into a [`Calendar`](super::Calendar).

use super::latvia;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

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
    /// Mon–Fri 8:30–17:00 in Riga with Latvian holidays, the pre-holiday
    /// short day, and the days already decided (moved working days, one-off
    /// holidays) as its editable days: the demo desk's hours, and the start
    /// of a new Latvian calendar.
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
            days: latvia::decided_days(),
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
