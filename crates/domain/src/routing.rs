//! Routing rules: a desk's ordered list of "when a new ticket looks like
//! this, send it there". The first active rule whose every condition holds
//! decides; an empty condition holds for any ticket. Pure: the store
//! gathers the facts of a ticket, this decides.

use crate::text::fold;
use crate::{Channel, FieldErrors, Priority};
use serde::{Deserialize, Serialize};

pub mod input;

/// What a rule looks at. Each list, when not empty, must contain the
/// ticket's value; `keywords` holds when any of them appears in the
/// summary or description (case and diacritics ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conditions {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_types: Vec<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub institutions: Vec<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_units: Vec<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<i64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
}

/// What a rule sets on the ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actions {
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub priority: Option<String>,
    pub category_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub id: i64,
    pub name: String,
    pub active: bool,
    pub conditions: Conditions,
    pub actions: Actions,
}

/// The facts of a ticket that rules look at.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub request_type_id: Option<i64>,
    pub institution_id: Option<i64>,
    pub sub_unit_id: Option<i64>,
    pub service: Option<String>,
    pub category_id: Option<i64>,
    pub channel: String,
    pub summary: String,
    pub description: String,
}

fn holds<T: PartialEq>(list: &[T], value: Option<&T>) -> bool {
    list.is_empty() || value.is_some_and(|v| list.contains(v))
}

impl Conditions {
    pub fn matches(&self, f: &Facts) -> bool {
        let text = || fold(&format!("{} {}", f.summary, f.description));
        holds(&self.request_types, f.request_type_id.as_ref())
            && holds(&self.institutions, f.institution_id.as_ref())
            && holds(&self.sub_units, f.sub_unit_id.as_ref())
            && holds(&self.categories, f.category_id.as_ref())
            && holds(&self.channels, Some(&f.channel))
            && (self.services.is_empty()
                || f.service
                    .as_deref()
                    .is_some_and(|s| self.services.iter().any(|x| fold(x) == fold(s))))
            && (self.keywords.is_empty() || {
                let text = text();
                self.keywords.iter().any(|k| text.contains(&fold(k)))
            })
    }

    pub fn is_empty(&self) -> bool {
        self == &Conditions::default()
    }
}

/// The first active rule that matches, in the desk's order.
pub fn first_match<'a>(rules: &'a [Rule], facts: &Facts) -> Option<&'a Rule> {
    rules
        .iter()
        .find(|r| r.active && r.conditions.matches(facts))
}

/// A list typed in a form: one entry per line or comma.
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split([',', '\n'])
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Checks a rule before it is saved: a name, at least one action, known
/// channels and priority, sensible keywords.
pub fn check(name: &str, c: &Conditions, a: &Actions) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    if name.trim().is_empty() {
        errors.push("rule_name", "error-required");
    } else if name.chars().count() > 200 {
        errors.push("rule_name", "error-too-long");
    }
    if c.channels.iter().any(|ch| Channel::parse(ch).is_err()) {
        errors.push("rule_channels", "error-choice-unknown");
    }
    if c.keywords.iter().any(|k| k.chars().count() > 100) || c.keywords.len() > 50 {
        errors.push("rule_keywords", "error-too-long");
    }
    if a.priority
        .as_deref()
        .is_some_and(|p| Priority::parse(p).is_err())
    {
        errors.push("rule_priority", "error-choice-unknown");
    }
    if a == &Actions::default() {
        errors.push("rule_team", "error-rule-no-action");
    }
    errors.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(id: i64, c: Conditions) -> Rule {
        Rule {
            id,
            name: format!("r{id}"),
            active: true,
            conditions: c,
            actions: Actions {
                team_id: Some(id),
                ..Default::default()
            },
        }
    }

    #[test]
    fn the_first_matching_rule_decides_and_keywords_ignore_case_and_diacritics() {
        let facts = Facts {
            institution_id: Some(7),
            channel: "email".into(),
            summary: "HORIZON neļauj pieslēgties".into(),
            ..Default::default()
        };
        let rules = vec![
            rule(
                1,
                Conditions {
                    institutions: vec![8],
                    ..Default::default()
                },
            ),
            rule(
                2,
                Conditions {
                    keywords: vec!["horizon".into(), "aleph".into()],
                    ..Default::default()
                },
            ),
            rule(3, Conditions::default()),
        ];
        assert_eq!(first_match(&rules, &facts).map(|r| r.id), Some(2));
        let other = Facts {
            summary: "Printeris".into(),
            ..facts.clone()
        };
        assert_eq!(
            first_match(&rules, &other).map(|r| r.id),
            Some(3),
            "an empty rule catches all"
        );
        let mut inactive = rules.clone();
        inactive[1].active = false;
        assert_eq!(first_match(&inactive, &facts).map(|r| r.id), Some(3));
        let keyword = Conditions {
            keywords: vec!["PIESLĒGTIES".into()],
            ..Default::default()
        };
        assert!(keyword.matches(&facts));
        let channel = Conditions {
            channels: vec!["phone".into()],
            ..Default::default()
        };
        assert!(!channel.matches(&facts));
    }

    #[test]
    fn a_rule_needs_a_name_an_action_and_known_values() {
        let errors = check(
            "",
            &Conditions {
                channels: vec!["fax".into()],
                ..Default::default()
            },
            &Actions::default(),
        )
        .unwrap_err();
        let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["rule_name", "rule_channels", "rule_team"]);
    }
}
