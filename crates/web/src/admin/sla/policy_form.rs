//! The policy form as it arrives, and the checked policy it becomes. Goals
//! are typed as business hours and minutes (8 h = eight working hours of
//! the policy's calendar; two working days of an 8:30–17:00 calendar are
//! 17 h).

use super::calendar_form::parse_code;
use super::field;
use atbalsts_domain::sla::{Conditions, Goal, GoalTarget};
use atbalsts_domain::{FieldErrors, Priority};
use atbalsts_store::sla::policies::{NewPolicy, StoredPolicy};
use serde::Serialize;

/// A goal's two fields: hours and minutes.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct GoalFields {
    pub hours: String,
    pub minutes: String,
}

impl GoalFields {
    fn from_secs(secs: Option<i64>) -> Self {
        match secs {
            None => Self::default(),
            Some(s) => Self {
                hours: (s / 3600).to_string(),
                minutes: (s % 3600 / 60).to_string(),
            },
        }
    }

    /// `None` when both are empty (the policy has no such goal).
    fn parse(&self) -> Result<Option<i64>, &'static str> {
        if self.hours.is_empty() && self.minutes.is_empty() {
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
        let (h, m) = (number(&self.hours)?, number(&self.minutes)?);
        if m >= 60 {
            return Err("error-sla-goal-minutes");
        }
        Ok(Some(h * 3600 + m * 60))
    }
}

/// What the administrator typed, kept to show again when refused.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct PolicyForm {
    pub id: Option<i64>,
    pub code: String,
    pub name_lv: String,
    pub name_en: String,
    pub calendar: String,
    pub ticket_types: Vec<String>,
    pub priorities: Vec<String>,
    pub services: Vec<String>,
    pub institutions: Vec<i64>,
    pub request_types: Vec<i64>,
    pub first_response: GoalFields,
    pub resolution: GoalFields,
    pub warn_percent: String,
    pub breach_priority: String,
    pub breach_team: String,
    pub active: bool,
}

fn all(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_owned())
        .collect()
}

fn ids(pairs: &[(String, String)], name: &str) -> Vec<i64> {
    all(pairs, name)
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect()
}

impl PolicyForm {
    pub fn new_policy() -> Self {
        Self {
            warn_percent: "75".into(),
            active: true,
            ..Default::default()
        }
    }

    pub fn from_stored(p: &StoredPolicy) -> Self {
        let goal = |g: Goal| p.goals.iter().find(|t| t.goal == g).map(|t| t.target_secs);
        Self {
            id: Some(p.id),
            code: p.code.clone(),
            name_lv: p.name_lv.clone(),
            name_en: p.name_en.clone(),
            calendar: p.calendar_id.to_string(),
            ticket_types: p.conditions.ticket_types.clone(),
            priorities: p.conditions.priorities.clone(),
            services: p.conditions.services.clone(),
            institutions: p.conditions.institution_ids.clone(),
            request_types: p.conditions.request_type_ids.clone(),
            first_response: GoalFields::from_secs(goal(Goal::FirstResponse)),
            resolution: GoalFields::from_secs(goal(Goal::Resolution)),
            warn_percent: p.warn_percent.to_string(),
            breach_priority: p.breach_priority.clone().unwrap_or_default(),
            breach_team: p.breach_team_id.map(|t| t.to_string()).unwrap_or_default(),
            active: p.active,
        }
    }

    pub fn from_pairs(id: Option<i64>, pairs: &[(String, String)]) -> Self {
        Self {
            id,
            code: field(pairs, "code").into(),
            name_lv: field(pairs, "name_lv").into(),
            name_en: field(pairs, "name_en").into(),
            calendar: field(pairs, "calendar").into(),
            ticket_types: all(pairs, "ticket_types"),
            priorities: all(pairs, "priorities"),
            services: all(pairs, "services"),
            institutions: ids(pairs, "institutions"),
            request_types: ids(pairs, "request_types"),
            first_response: GoalFields {
                hours: field(pairs, "first_response_hours").into(),
                minutes: field(pairs, "first_response_minutes").into(),
            },
            resolution: GoalFields {
                hours: field(pairs, "resolution_hours").into(),
                minutes: field(pairs, "resolution_minutes").into(),
            },
            warn_percent: field(pairs, "warn_percent").into(),
            breach_priority: field(pairs, "breach_priority").into(),
            breach_team: field(pairs, "breach_team").into(),
            active: !field(pairs, "active").is_empty(),
        }
    }

    /// Checks everything at once. Whether the calendar and team are the
    /// desk's is checked by the store when saving.
    pub fn parse(&self) -> Result<NewPolicy, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = errors.check(parse_code(&self.code), "code");
        if self.name_lv.is_empty() {
            errors.push("name_lv", "error-required");
        }
        if self.name_lv.chars().count() > 200 || self.name_en.chars().count() > 200 {
            errors.push("name_lv", "error-too-long");
        }
        let calendar_id = self.calendar.parse::<i64>().ok();
        if calendar_id.is_none() {
            errors.push("calendar", "error-required");
        }
        let mut goals = Vec::new();
        for (goal, fields, name) in [
            (
                Goal::FirstResponse,
                &self.first_response,
                "first_response_hours",
            ),
            (Goal::Resolution, &self.resolution, "resolution_hours"),
        ] {
            match fields.parse() {
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
        let warn_percent = match self.warn_percent.parse::<i64>() {
            Ok(p) if (1..=100).contains(&p) => Some(p),
            _ => {
                errors.push("warn_percent", "error-sla-warn-percent");
                None
            }
        };
        let breach_priority = if self.breach_priority.is_empty() {
            None
        } else {
            errors
                .check(Priority::parse(&self.breach_priority), "breach_priority")
                .map(|p| p.code().to_owned())
        };
        for p in &self.priorities {
            if Priority::parse(p).is_err() {
                errors.push("priorities", "error-priority-unknown");
                break;
            }
        }
        let breach_team_id = self.breach_team.parse::<i64>().ok();
        errors.into_result()?;
        Ok(NewPolicy {
            code: code.expect("checked"),
            name_lv: self.name_lv.clone(),
            name_en: self.name_en.clone(),
            calendar_id: calendar_id.expect("checked"),
            conditions: Conditions {
                ticket_types: self.ticket_types.clone(),
                priorities: self.priorities.clone(),
                services: self.services.clone(),
                institution_ids: self.institutions.clone(),
                request_type_ids: self.request_types.clone(),
            },
            warn_percent: warn_percent.expect("checked"),
            breach_priority,
            breach_team_id,
            goals,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(h: &str, m: &str) -> Result<Option<i64>, &'static str> {
        GoalFields {
            hours: h.into(),
            minutes: m.into(),
        }
        .parse()
    }

    #[test]
    fn goals_are_typed_as_hours_and_minutes() {
        assert_eq!(goal("2", "30"), Ok(Some(9000)));
        assert_eq!(goal("", "45"), Ok(Some(2700)));
        assert_eq!(goal("", ""), Ok(None));
        assert_eq!(goal("1", "60"), Err("error-sla-goal-minutes"));
        assert_eq!(goal("x", ""), Err("error-sla-goal-number"));
    }
}
