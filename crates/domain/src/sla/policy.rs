//! SLA policies: which tickets a policy covers, and its goals.

use super::clock::Goal;
use serde::{Deserialize, Serialize};

/// What a ticket must be for a policy to apply. Every list that is not
/// empty must contain the ticket's value; empty lists match anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Conditions {
    /// Ticket type codes (`incident`, `service_request`, ...).
    pub ticket_types: Vec<String>,
    /// Priority codes (`critical`, `high`, `medium`, `low`).
    pub priorities: Vec<String>,
    /// Service names (request_types.service) until the catalogue has services.
    pub services: Vec<String>,
    pub institution_ids: Vec<i64>,
    pub request_type_ids: Vec<i64>,
}

/// The facts of a ticket a policy's conditions look at.
#[derive(Debug, Clone, Copy)]
pub struct TicketFacts<'a> {
    pub ticket_type: &'a str,
    pub priority: &'a str,
    pub service: Option<&'a str>,
    pub institution_id: Option<i64>,
    pub request_type_id: Option<i64>,
}

impl Conditions {
    pub fn matches(&self, t: &TicketFacts<'_>) -> bool {
        fn any<T: PartialEq>(list: &[T], value: Option<T>) -> bool {
            list.is_empty() || value.is_some_and(|v| list.contains(&v))
        }
        any(&self.ticket_types, Some(t.ticket_type.to_string()))
            && any(&self.priorities, Some(t.priority.to_string()))
            && any(&self.services, t.service.map(str::to_string))
            && any(&self.institution_ids, t.institution_id)
            && any(&self.request_type_ids, t.request_type_id)
    }
}

/// One goal of a policy: reach it within `target_secs` of business time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalTarget {
    pub goal: Goal,
    pub target_secs: i64,
}

/// The longest goal accepted: ten years of business time.
pub const MAX_TARGET_SECS: i64 = 10 * 366 * 24 * 3600;

impl GoalTarget {
    /// A goal must be more than zero and at most ten years.
    pub fn check(goal: Goal, target_secs: i64) -> Result<Self, &'static str> {
        if target_secs <= 0 {
            Err("error-sla-goal-zero")
        } else if target_secs > MAX_TARGET_SECS {
            Err("error-sla-goal-too-long")
        } else {
            Ok(Self { goal, target_secs })
        }
    }
}

/// The first policy (in the order given) whose conditions match.
pub fn choose<'p, P>(
    policies: &'p [P],
    conditions: impl Fn(&P) -> &Conditions,
    ticket: &TicketFacts<'_>,
) -> Option<&'p P> {
    policies.iter().find(|p| conditions(p).matches(ticket))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_matching_policy_applies() {
        let critical = Conditions {
            priorities: vec!["critical".into()],
            ..Default::default()
        };
        let any = Conditions::default();
        let policies = [("critical", critical), ("default", any)];
        let facts = |priority| TicketFacts {
            ticket_type: "incident",
            priority,
            service: None,
            institution_id: Some(3),
            request_type_id: None,
        };
        let pick = |p| choose(&policies, |p| &p.1, &facts(p)).map(|p| p.0);
        assert_eq!(pick("critical"), Some("critical"));
        assert_eq!(pick("low"), Some("default"));
    }
}
