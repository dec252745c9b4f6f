//! The calendar form as it arrives, and the checked calendar it becomes.
//! Working hours are typed per weekday as `8:30-12:00, 12:30-17:00`.

use super::field;
use atbalsts_domain::sla::{Calendar, CalendarSpec, Holidays, Interval, SpecialDay};
use atbalsts_domain::FieldErrors;
use atbalsts_store::sla::calendars::CalendarInput;
use serde::Serialize;

/// Weekday field names, Monday first (`hours_1` .. `hours_7`).
pub(crate) const DAYS: [&str; 7] = [
    "hours_1", "hours_2", "hours_3", "hours_4", "hours_5", "hours_6", "hours_7",
];

/// What the administrator typed, kept to show again when refused.
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

    pub fn from_pairs(id: Option<i64>, pairs: &[(String, String)]) -> Self {
        Self {
            id,
            code: field(pairs, "code").into(),
            name_lv: field(pairs, "name_lv").into(),
            name_en: field(pairs, "name_en").into(),
            time_zone: field(pairs, "time_zone").into(),
            always_open: !field(pairs, "always_open").is_empty(),
            holidays: !field(pairs, "holidays").is_empty(),
            shorten: !field(pairs, "shorten").is_empty(),
            hours: DAYS.iter().map(|d| field(pairs, d).to_owned()).collect(),
        }
    }

    /// Checks everything at once; `days` are the calendar's special days
    /// (kept on an edit, the decided days for a new Latvian calendar).
    pub fn parse(&self, days: Vec<SpecialDay>) -> Result<CalendarInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = errors.check(parse_code(&self.code), "code");
        if self.name_lv.is_empty() {
            errors.push("name_lv", "error-required");
        }
        if self.name_lv.chars().count() > 200 || self.name_en.chars().count() > 200 {
            errors.push("name_lv", "error-too-long");
        }
        let mut week: [Vec<Interval>; 7] = Default::default();
        for (i, text) in self.hours.iter().enumerate().take(7) {
            if let Some(day) = errors.check(parse_hours(text), DAYS[i]) {
                week[i] = day;
            }
        }
        let time_zone = if self.time_zone.is_empty() {
            "Europe/Riga".to_owned()
        } else {
            self.time_zone.clone()
        };
        let spec = CalendarSpec {
            time_zone,
            always_open: self.always_open,
            week,
            holidays: if self.holidays {
                Holidays::Latvia
            } else {
                Holidays::None
            },
            shorten_before_holiday: self.shorten,
            days,
        };
        let calendar = match Calendar::new(spec) {
            Ok(c) => Some(c),
            Err(found) => {
                for e in found.0 {
                    let name = match e.field.as_str() {
                        "time_zone" => "time_zone".to_owned(),
                        "week" => "hours".to_owned(),
                        f => match f
                            .strip_prefix("week.")
                            .and_then(|i| i.parse::<usize>().ok())
                        {
                            Some(i) if i < 7 => DAYS[i].to_owned(),
                            _ => "hours".to_owned(),
                        },
                    };
                    // A weekday already refused for its format says so once.
                    if errors.for_field(&name).is_none() {
                        errors.push(name, e.code);
                    }
                }
                None
            }
        };
        errors.into_result()?;
        Ok(CalendarInput {
            code: code.expect("checked"),
            name_lv: self.name_lv.clone(),
            name_en: self.name_en.clone(),
            calendar: calendar.expect("checked"),
        })
    }
}

/// A code names a calendar or policy in files and links: lowercase letters,
/// digits, `-` and `_`, at most 50.
pub(crate) fn parse_code(raw: &str) -> Result<String, &'static str> {
    let code = raw.trim().to_lowercase();
    if code.is_empty() {
        return Err("error-required");
    }
    let ok = code.len() <= 50
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        Ok(code)
    } else {
        Err("error-sla-code-format")
    }
}

/// `8:30-12:00, 12:30-17:00` → intervals; empty → a day off. Overlaps and
/// empty intervals are left for `Calendar::new` to refuse.
pub(crate) fn parse_hours(raw: &str) -> Result<Vec<Interval>, &'static str> {
    let mut out = Vec::new();
    for part in raw
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (from, to) = part
            .split_once(['-', '–', '—'])
            .ok_or("error-sla-hours-format")?;
        let (start, end) = (parse_time(from)?, parse_time(to)?);
        out.push(Interval { start, end });
    }
    if out.len() > 24 {
        return Err("error-sla-hours-format");
    }
    Ok(out)
}

/// `HH:MM` (or `H:MM`), 00:00 to 24:00, as seconds after midnight.
fn parse_time(raw: &str) -> Result<u32, &'static str> {
    let bad = "error-sla-hours-format";
    let (h, m) = raw.trim().split_once([':', '.']).ok_or(bad)?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return Err(bad);
    }
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad)?, m.parse().map_err(|_| bad)?);
    if m >= 60 || h > 24 || (h == 24 && m > 0) {
        return Err(bad);
    }
    Ok(h * 3600 + m * 60)
}

/// Seconds after midnight as `HH:MM`.
pub(crate) fn time_text(secs: u32) -> String {
    format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

fn hours_text(day: &[Interval]) -> String {
    day.iter()
        .map(|iv| format!("{}-{}", time_text(iv.start), time_text(iv.end)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_with_a_lunch_break_reads_as_two_intervals() {
        let day = parse_hours("8:30-12:00, 12:30–17:00").unwrap();
        assert_eq!(
            day,
            vec![
                Interval {
                    start: 30600,
                    end: 43200
                },
                Interval {
                    start: 45000,
                    end: 61200
                }
            ]
        );
        assert_eq!(hours_text(&day), "08:30-12:00, 12:30-17:00");
    }

    #[test]
    fn times_that_are_not_on_a_clock_are_refused() {
        for raw in ["8-17", "8:30-25:00", "8:60-9:00", "abc", "08:30-"] {
            assert_eq!(parse_hours(raw), Err("error-sla-hours-format"), "{raw}");
        }
        assert_eq!(parse_hours("").unwrap(), vec![]);
    }
}
