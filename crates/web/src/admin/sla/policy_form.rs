//! The policy form as the page shows it: a saved policy's values, or what
//! was posted (`atbalsts_domain::sla::input::PolicyForm`, which checks it)
//! to show again when refused.

use atbalsts_domain::posted::ticked;
use atbalsts_domain::sla::input::{self, chosen, chosen_ids};
use atbalsts_domain::sla::Goal;
use atbalsts_domain::FieldErrors;
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

    fn typed(hours: &str, minutes: &str) -> Self {
        Self {
            hours: hours.trim().into(),
            minutes: minutes.trim().into(),
        }
    }
}

/// What the form shows.
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

    /// What was posted, as typed.
    pub fn from_posted(id: Option<i64>, posted: &input::PolicyForm) -> Self {
        Self {
            id,
            code: posted.code.trim().into(),
            name_lv: posted.name_lv.trim().into(),
            name_en: posted.name_en.trim().into(),
            calendar: posted.calendar.trim().into(),
            ticket_types: chosen(&posted.ticket_types),
            priorities: chosen(&posted.priorities),
            services: chosen(&posted.services),
            institutions: chosen_ids(&posted.institutions),
            request_types: chosen_ids(&posted.request_types),
            first_response: GoalFields::typed(
                &posted.first_response_hours,
                &posted.first_response_minutes,
            ),
            resolution: GoalFields::typed(&posted.resolution_hours, &posted.resolution_minutes),
            warn_percent: posted.warn_percent.trim().into(),
            breach_priority: posted.breach_priority.trim().into(),
            breach_team: posted.breach_team.trim().into(),
            active: ticked(&posted.active),
        }
    }
}

/// The checked policy as the store takes it, and whether it is active.
pub(crate) fn checked(posted: &input::PolicyForm) -> Result<(NewPolicy, bool), FieldErrors> {
    let p = posted.parse()?;
    Ok((
        NewPolicy {
            code: p.code,
            name_lv: p.name_lv,
            name_en: p.name_en,
            calendar_id: p.calendar_id,
            conditions: p.conditions,
            warn_percent: p.warn_percent,
            breach_priority: p.breach_priority,
            breach_team_id: p.breach_team_id,
            goals: p.goals,
        },
        p.active,
    ))
}
