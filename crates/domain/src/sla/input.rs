//! The SLA admin forms as they are posted (read once with
//! serde_html_form: a name that repeats, a checkbox group or a multiple
//! select, is a list; a name sent twice where one value is expected is a
//! malformed form) and the checked values they become, with every problem
//! of a form at once.
//!
//! Working hours are typed per weekday as `8:30-12:00, 12:30-17:00`; goals
//! as business hours and minutes (8 h = eight working hours of the
//! policy's calendar; two working days of an 8:30–17:00 calendar are 17 h).

use super::calendar::{FIRST_YEAR, LAST_YEAR};
use super::{Calendar, CalendarSpec, Conditions, DayKind, Goal, GoalTarget, Holidays};
use super::{Interval, SpecialDay};
use crate::posted::{list, optional_id, ticked};
use crate::{FieldErrors, Priority};
use jiff::civil::Date;
use serde::Deserialize;

/// Weekday field names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "hours_1", "hours_2", "hours_3", "hours_4", "hours_5", "hours_6", "hours_7",
];

/// The calendar form as it arrives.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CalendarForm {
    pub code: String,
    pub name_lv: String,
    pub name_en: String,
    pub time_zone: String,
    pub always_open: String,
    pub holidays: String,
    pub shorten: String,
    pub hours_1: String,
    pub hours_2: String,
    pub hours_3: String,
    pub hours_4: String,
    pub hours_5: String,
    pub hours_6: String,
    pub hours_7: String,
}

/// A checked calendar with its names and code.
#[derive(Debug, Clone)]
pub struct CalendarDraft {
    pub code: String,
    pub name_lv: String,
    pub name_en: String,
    pub calendar: Calendar,
}

impl CalendarForm {
    /// The working hours typed per weekday, Monday first.
    pub fn hours(&self) -> [&str; 7] {
        [
            &self.hours_1,
            &self.hours_2,
            &self.hours_3,
            &self.hours_4,
            &self.hours_5,
            &self.hours_6,
            &self.hours_7,
        ]
        .map(|h| h.trim())
    }

    /// Whether the calendar keeps Latvian public holidays.
    pub fn latvian_holidays(&self) -> bool {
        ticked(&self.holidays)
    }

    /// Checks everything at once; `days` are the calendar's special days
    /// (kept on an edit, the decided days for a new Latvian calendar).
    pub fn parse(&self, days: Vec<SpecialDay>) -> Result<CalendarDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = errors.check(parse_code(&self.code), "code");
        let (name_lv, name_en) = (self.name_lv.trim(), self.name_en.trim());
        if name_lv.is_empty() {
            errors.push("name_lv", "error-required");
        }
        if name_lv.chars().count() > 200 || name_en.chars().count() > 200 {
            errors.push("name_lv", "error-too-long");
        }
        let mut week: [Vec<Interval>; 7] = Default::default();
        for (i, text) in self.hours().iter().enumerate() {
            if let Some(day) = errors.check(parse_hours(text), WEEKDAYS[i]) {
                week[i] = day;
            }
        }
        let time_zone = match self.time_zone.trim() {
            "" => "Europe/Riga".to_owned(),
            tz => tz.to_owned(),
        };
        let spec = CalendarSpec {
            time_zone,
            always_open: ticked(&self.always_open),
            week,
            holidays: if self.latvian_holidays() {
                Holidays::Latvia
            } else {
                Holidays::None
            },
            shorten_before_holiday: ticked(&self.shorten),
            days,
        };
        let calendar = match Calendar::new(spec) {
            Ok(c) => Some(c),
            Err(found) => {
                for e in found.0 {
                    let name = match e.field.as_str() {
                        "time_zone" => "time_zone",
                        f => match f
                            .strip_prefix("week.")
                            .and_then(|i| i.parse::<usize>().ok())
                        {
                            Some(i) if i < 7 => WEEKDAYS[i],
                            _ => "hours",
                        },
                    };
                    // A weekday already refused for its format says so once.
                    if errors.for_field(name).is_none() {
                        errors.push(name, e.code);
                    }
                }
                None
            }
        };
        errors.into_result()?;
        Ok(CalendarDraft {
            code: code.expect("checked"),
            name_lv: name_lv.to_owned(),
            name_en: name_en.to_owned(),
            calendar: calendar.expect("checked"),
        })
    }
}

/// A code names a calendar or policy in files and links: lowercase letters,
/// digits, `-` and `_`, at most 50.
pub fn parse_code(raw: &str) -> Result<String, &'static str> {
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
pub fn parse_hours(raw: &str) -> Result<Vec<Interval>, &'static str> {
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
pub fn time_text(secs: u32) -> String {
    format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

/// A day's intervals as the form shows them: `08:30-12:00, 12:30-17:00`.
pub fn hours_text(day: &[Interval]) -> String {
    day.iter()
        .map(|iv| format!("{}-{}", time_text(iv.start), time_text(iv.end)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The policies page's one form as it arrives: a policy to save (the
/// default `action`), a policy to move (`up`/`down` with `id`), or the
/// desk's settings (`settings`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PolicyForm {
    /// The policy changed or moved; empty for a new one.
    pub id: String,
    pub action: String,
    pub code: String,
    pub name_lv: String,
    pub name_en: String,
    pub calendar: String,
    #[serde(deserialize_with = "list")]
    pub ticket_types: Vec<String>,
    #[serde(deserialize_with = "list")]
    pub priorities: Vec<String>,
    #[serde(deserialize_with = "list")]
    pub services: Vec<String>,
    #[serde(deserialize_with = "list")]
    pub institutions: Vec<String>,
    #[serde(deserialize_with = "list")]
    pub request_types: Vec<String>,
    pub first_response_hours: String,
    pub first_response_minutes: String,
    pub resolution_hours: String,
    pub resolution_minutes: String,
    pub warn_percent: String,
    pub breach_priority: String,
    pub breach_team: String,
    pub active: String,
    /// The desk's settings: what counts as the first response.
    pub first_response: String,
    pub show_customer: String,
    /// `workflow_id:status` of each status that pauses the clock.
    #[serde(deserialize_with = "list")]
    pub pauses: Vec<String>,
}

/// What a posted policies form asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyAction {
    /// Save the policy `id` (new when `None`).
    Save(Option<i64>),
    Move {
        id: i64,
        up: bool,
    },
    Settings(SettingsDraft),
}

/// The desk's SLA settings as checked from the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsDraft {
    /// `public_reply` or `status_change` (the store knows the kinds).
    pub first_response: String,
    pub show_customer: bool,
    /// `(workflow id, status code)` of the statuses that pause the clock.
    pub pausing: Vec<(i64, String)>,
}

/// A checked policy.
#[derive(Debug, Clone)]
pub struct PolicyDraft {
    pub code: String,
    pub name_lv: String,
    pub name_en: String,
    pub calendar_id: i64,
    pub conditions: Conditions,
    pub warn_percent: i64,
    pub breach_priority: Option<String>,
    pub breach_team_id: Option<i64>,
    pub goals: Vec<GoalTarget>,
    pub active: bool,
}

/// The non-empty values of a repeated field, trimmed.
pub fn chosen(values: &[String]) -> Vec<String> {
    values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The ids among a repeated field's values (a select offers only ids).
pub fn chosen_ids(values: &[String]) -> Vec<i64> {
    chosen(values)
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect()
}

/// A goal typed as hours and minutes: `None` when both are empty (the
/// policy has no such goal).
pub fn parse_goal(hours: &str, minutes: &str) -> Result<Option<i64>, &'static str> {
    let (hours, minutes) = (hours.trim(), minutes.trim());
    if hours.is_empty() && minutes.is_empty() {
        return Ok(None);
    }
    let number = |s: &str| -> Result<i64, &'static str> {
        if s.is_empty() {
            return Ok(0);
        }
        if !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err("error-sla-goal-number");
        }
        // Longer than ten years in any unit is refused by the goal check.
        s.parse::<i64>()
            .map(|n| n.min(1 << 40))
            .map_err(|_| "error-sla-goal-too-long")
    };
    let (h, m) = (number(hours)?, number(minutes)?);
    if m >= 60 {
        return Err("error-sla-goal-minutes");
    }
    Ok(Some(h * 3600 + m * 60))
}

impl PolicyForm {
    /// What the form asks for; a broken hidden `id` or a move without one
    /// is refused on `id`, which the page does not let anyone type.
    pub fn action(&self) -> Result<PolicyAction, FieldErrors> {
        let mut errors = FieldErrors::default();
        let id = errors.check(optional_id(&self.id), "id").flatten();
        errors.into_result()?;
        match self.action.trim() {
            "up" | "down" => {
                let id = id.ok_or_else(|| {
                    FieldErrors::from(crate::FieldError::new("id", "error-required"))
                })?;
                Ok(PolicyAction::Move {
                    id,
                    up: self.action.trim() == "up",
                })
            }
            "settings" => Ok(PolicyAction::Settings(SettingsDraft {
                first_response: self.first_response.trim().to_owned(),
                show_customer: ticked(&self.show_customer),
                pausing: self
                    .pauses
                    .iter()
                    .filter_map(|v| {
                        let (w, code) = v.trim().split_once(':')?;
                        Some((w.parse().ok()?, code.to_owned()))
                    })
                    .collect(),
            })),
            _ => Ok(PolicyAction::Save(id)),
        }
    }

    /// Checks the policy's fields at once. Whether the calendar and team are
    /// the desk's is checked by the store when saving.
    pub fn parse(&self) -> Result<PolicyDraft, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = errors.check(parse_code(&self.code), "code");
        let (name_lv, name_en) = (self.name_lv.trim(), self.name_en.trim());
        if name_lv.is_empty() {
            errors.push("name_lv", "error-required");
        }
        if name_lv.chars().count() > 200 || name_en.chars().count() > 200 {
            errors.push("name_lv", "error-too-long");
        }
        let calendar_id = self.calendar.trim().parse::<i64>().ok();
        if calendar_id.is_none() {
            errors.push("calendar", "error-required");
        }
        let mut goals = Vec::new();
        for (goal, hours, minutes, name) in [
            (
                Goal::FirstResponse,
                &self.first_response_hours,
                &self.first_response_minutes,
                "first_response_hours",
            ),
            (
                Goal::Resolution,
                &self.resolution_hours,
                &self.resolution_minutes,
                "resolution_hours",
            ),
        ] {
            match parse_goal(hours, minutes) {
                Ok(None) => {}
                Ok(Some(secs)) => {
                    if let Some(t) = errors.check(GoalTarget::check(goal, secs), name) {
                        goals.push(t);
                    }
                }
                Err(code) => errors.push(name, code),
            }
        }
        if goals.is_empty()
            && errors.for_field("first_response_hours").is_none()
            && errors.for_field("resolution_hours").is_none()
        {
            errors.push("first_response_hours", "error-sla-goal-required");
        }
        let warn_percent = match self.warn_percent.trim().parse::<i64>() {
            Ok(p) if (1..=100).contains(&p) => Some(p),
            _ => {
                errors.push("warn_percent", "error-sla-warn-percent");
                None
            }
        };
        let breach_priority = match self.breach_priority.trim() {
            "" => None,
            p => errors
                .check(Priority::parse(p), "breach_priority")
                .map(|p| p.code().to_owned()),
        };
        let priorities = chosen(&self.priorities);
        if priorities.iter().any(|p| Priority::parse(p).is_err()) {
            errors.push("priorities", "error-priority-unknown");
        }
        let breach_team_id = self.breach_team.trim().parse::<i64>().ok();
        errors.into_result()?;
        Ok(PolicyDraft {
            code: code.expect("checked"),
            name_lv: name_lv.to_owned(),
            name_en: name_en.to_owned(),
            calendar_id: calendar_id.expect("checked"),
            conditions: Conditions {
                ticket_types: chosen(&self.ticket_types),
                priorities,
                services: chosen(&self.services),
                institution_ids: chosen_ids(&self.institutions),
                request_type_ids: chosen_ids(&self.request_types),
            },
            warn_percent: warn_percent.expect("checked"),
            breach_priority,
            breach_team_id,
            goals,
            active: ticked(&self.active),
        })
    }
}

/// The year view's form as it arrives: a special day to add or change
/// (the default `action`), or one to remove (`remove` with `date`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DayForm {
    pub action: String,
    /// The day removed (a hidden field, ISO).
    pub date: String,
    /// The day added, as typed.
    pub day: String,
    pub day_kind: String,
    pub day_name_lv: String,
    pub day_name_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayChange {
    Set(SpecialDay),
    Remove(Date),
}

impl DayForm {
    /// A date within the calendar's years and a kind, or the day to remove
    /// (a broken hidden `date` is refused on `date`).
    pub fn parse(&self) -> Result<DayChange, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.action.trim() == "remove" {
            return match self.date.trim().parse::<Date>() {
                Ok(d) => Ok(DayChange::Remove(d)),
                Err(_) => {
                    errors.push("date", "error-date-format");
                    Err(errors)
                }
            };
        }
        let date = errors
            .check(crate::form::parse_date(self.day.trim()), "day")
            .and_then(|iso| match iso.parse::<Date>() {
                Ok(d) if (FIRST_YEAR..=LAST_YEAR).contains(&d.year()) => Some(d),
                Ok(_) => {
                    errors.push("day", "error-sla-date-out-of-range");
                    None
                }
                Err(_) => {
                    errors.push("day", "error-date-format");
                    None
                }
            });
        let kind = DayKind::parse(self.day_kind.trim());
        if kind.is_none() {
            errors.push("day_kind", "error-sla-day-kind-unknown");
        }
        let (name_lv, name_en) = (self.day_name_lv.trim(), self.day_name_en.trim());
        if name_lv.chars().count() > 200 || name_en.chars().count() > 200 {
            errors.push("day_name_lv", "error-too-long");
        }
        errors.into_result()?;
        Ok(DayChange::Set(SpecialDay {
            date: date.expect("checked"),
            kind: kind.expect("checked"),
            name_lv: name_lv.to_owned(),
            name_en: name_en.to_owned(),
        }))
    }
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

    #[test]
    fn goals_are_typed_as_hours_and_minutes() {
        assert_eq!(parse_goal("2", "30"), Ok(Some(9000)));
        assert_eq!(parse_goal("", "45"), Ok(Some(2700)));
        assert_eq!(parse_goal("", ""), Ok(None));
        assert_eq!(parse_goal("1", "60"), Err("error-sla-goal-minutes"));
        assert_eq!(parse_goal("x", ""), Err("error-sla-goal-number"));
    }

    #[test]
    fn every_problem_of_a_calendar_is_reported_at_once_by_its_field() {
        let form = CalendarForm {
            code: "Ar Atstarpi".into(),
            hours_1: "8-17".into(),
            hours_2: "9:00-17:00".into(),
            ..Default::default()
        };
        let errors = form.parse(Vec::new()).unwrap_err();
        let got: Vec<_> = errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        assert_eq!(
            got,
            [
                ("code", "error-sla-code-format"),
                ("name_lv", "error-required"),
                ("hours_1", "error-sla-hours-format"),
            ]
        );
    }

    #[test]
    fn a_policy_form_asks_to_save_move_or_change_the_settings() {
        let form = |action: &str, id: &str| PolicyForm {
            action: action.into(),
            id: id.into(),
            pauses: vec!["3:waiting".into(), "x".into()],
            show_customer: "1".into(),
            first_response: "public_reply".into(),
            ..Default::default()
        };
        assert_eq!(form("", "").action(), Ok(PolicyAction::Save(None)));
        assert_eq!(form("save", "4").action(), Ok(PolicyAction::Save(Some(4))));
        assert_eq!(
            form("up", "4").action(),
            Ok(PolicyAction::Move { id: 4, up: true })
        );
        assert!(form("down", "")
            .action()
            .unwrap_err()
            .for_field("id")
            .is_some());
        assert!(form("", "x")
            .action()
            .unwrap_err()
            .for_field("id")
            .is_some());
        assert_eq!(
            form("settings", "").action(),
            Ok(PolicyAction::Settings(SettingsDraft {
                first_response: "public_reply".into(),
                show_customer: true,
                pausing: vec![(3, "waiting".into())],
            }))
        );
    }

    #[test]
    fn a_special_day_needs_a_date_of_the_calendars_years_and_a_known_kind() {
        let day = DayForm {
            day: "01.05.2027.".into(),
            day_kind: "holiday".into(),
            ..Default::default()
        };
        let errors = day.parse().unwrap_err();
        assert_eq!(
            errors.for_field("day_kind").unwrap().code,
            "error-sla-day-kind-unknown"
        );
        let remove = DayForm {
            action: "remove".into(),
            date: "2027-05-01".into(),
            ..Default::default()
        };
        assert_eq!(
            remove.parse(),
            Ok(DayChange::Remove(Date::new(2027, 5, 1).unwrap()))
        );
    }
}
