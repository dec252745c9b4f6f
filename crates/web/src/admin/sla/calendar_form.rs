//! The calendar form as the page shows it: a saved calendar's values, or
//! what was posted (`atbalsts_domain::sla::input::CalendarForm`, which
//! checks it) to show again when refused.

use atbalsts_domain::sla::input::{self, hours_text};
use atbalsts_domain::sla::{CalendarSpec, Holidays};
use atbalsts_domain::FieldErrors;
use atbalsts_store::sla::calendars::CalendarInput;
use serde::Serialize;

/// Weekday field names, Monday first (`hours_1` .. `hours_7`).
pub(crate) const DAYS: [&str; 7] = input::WEEKDAYS;

/// What the form shows.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct CalendarForm {
    pub id: Option<i64>,
    pub code: String,
    pub name_lv: String,
    pub name_en: String,
    pub time_zone: String,
    pub always_open: bool,
    pub holidays: bool,
    pub shorten: bool,
    /// One text per weekday, Monday first.
    pub hours: Vec<String>,
}

impl CalendarForm {
    /// A new calendar: Riga office hours with Latvian holidays.
    pub fn new_calendar() -> Self {
        Self::from_spec(None, "", "", "", &CalendarSpec::latvian_office())
    }

    pub fn from_spec(id: Option<i64>, code: &str, lv: &str, en: &str, spec: &CalendarSpec) -> Self {
        Self {
            id,
            code: code.into(),
            name_lv: lv.into(),
            name_en: en.into(),
            time_zone: spec.time_zone.clone(),
            always_open: spec.always_open,
            holidays: spec.holidays == Holidays::Latvia,
            shorten: spec.shorten_before_holiday,
            hours: spec.week.iter().map(|d| hours_text(d)).collect(),
        }
    }

    /// What was posted, as typed.
    pub fn from_posted(id: Option<i64>, posted: &input::CalendarForm) -> Self {
        use atbalsts_domain::posted::ticked;
        Self {
            id,
            code: posted.code.trim().into(),
            name_lv: posted.name_lv.trim().into(),
            name_en: posted.name_en.trim().into(),
            time_zone: posted.time_zone.trim().into(),
            always_open: ticked(&posted.always_open),
            holidays: posted.latvian_holidays(),
            shorten: ticked(&posted.shorten),
            hours: posted.hours().iter().map(|h| h.to_string()).collect(),
        }
    }
}

/// The checked calendar as the store takes it.
pub(crate) fn checked(
    posted: &input::CalendarForm,
    days: Vec<atbalsts_domain::sla::SpecialDay>,
) -> Result<CalendarInput, FieldErrors> {
    let draft = posted.parse(days)?;
    Ok(CalendarInput {
        code: draft.code,
        name_lv: draft.name_lv,
        name_en: draft.name_en,
        calendar: draft.calendar,
    })
}
