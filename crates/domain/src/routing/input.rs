//! A routing rule as the routing page posts it, and the checked change:
//! save the rule, try it on a ticket, move it, or delete it.

use super::{check, split_list, Actions, Conditions};
use crate::posted::{list, optional_id, ticked};
use crate::{FieldErrors, TicketKey};
use serde::{Deserialize, Serialize};

/// The rule form as it arrives; the multiple selects and the channel
/// checkboxes repeat their names.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RoutingRuleForm {
    /// The rule being changed, moved or deleted.
    pub id: String,
    /// `save` (the default), `try`, `up`, `down` or `delete`.
    pub action: String,
    pub rule_name: String,
    pub active: String,
    #[serde(deserialize_with = "list")]
    pub request_types: Vec<String>,
    #[serde(deserialize_with = "list")]
    pub institutions: Vec<String>,
    #[serde(deserialize_with = "list")]
    pub sub_units: Vec<String>,
    #[serde(deserialize_with = "list")]
    pub categories: Vec<String>,
    #[serde(deserialize_with = "list")]
    pub channels: Vec<String>,
    /// One per line or comma.
    pub services: String,
    pub keywords: String,
    pub team: String,
    pub assignee: String,
    pub priority: String,
    pub category: String,
    /// The ticket to try the rule on.
    pub try_key: String,
}

/// A rule as typed, not yet checked: what the form shows again when it is
/// refused or tried. Choices that are not ids are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDraft {
    pub id: Option<i64>,
    pub name: String,
    pub active: bool,
    pub conditions: Conditions,
    pub actions: Actions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleChange {
    /// A checked rule to save (new when it has no id).
    Save(RuleDraft),
    /// The rule as typed, tried on a ticket without saving anything.
    Try(RuleDraft, TicketKey),
    Move {
        id: i64,
        up: bool,
    },
    Delete(i64),
}

fn ids(raw: &[String], errors: &mut FieldErrors, field: &str) -> Vec<i64> {
    let mut out = Vec::new();
    for v in raw {
        match optional_id(v) {
            Ok(Some(id)) => out.push(id),
            Ok(None) => {}
            Err(code) => errors.push(field, code),
        }
    }
    out
}

impl RoutingRuleForm {
    /// The rule as typed, with every problem of its values.
    fn read(&self) -> (RuleDraft, FieldErrors) {
        let mut errors = FieldErrors::default();
        let id = errors.check(optional_id(&self.id), "id").flatten();
        let conditions = Conditions {
            request_types: ids(&self.request_types, &mut errors, "request_types"),
            institutions: ids(&self.institutions, &mut errors, "institutions"),
            sub_units: ids(&self.sub_units, &mut errors, "sub_units"),
            services: split_list(&self.services),
            categories: ids(&self.categories, &mut errors, "categories"),
            channels: self
                .channels
                .iter()
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect(),
            keywords: split_list(&self.keywords),
        };
        let mut one = |raw: &str, field: &str| errors.check(optional_id(raw), field).flatten();
        let actions = Actions {
            team_id: one(&self.team, "team"),
            assignee_id: one(&self.assignee, "assignee"),
            priority: Some(self.priority.trim().to_owned()).filter(|p| !p.is_empty()),
            category_id: one(&self.category, "category"),
        };
        let draft = RuleDraft {
            id,
            name: self.rule_name.trim().to_owned(),
            active: ticked(&self.active),
            conditions,
            actions,
        };
        (draft, errors)
    }

    /// The rule as typed, for showing the form again.
    pub fn draft(&self) -> RuleDraft {
        self.read().0
    }
}

impl RuleChange {
    pub fn parse(form: &RoutingRuleForm) -> Result<Self, FieldErrors> {
        let (draft, mut errors) = form.read();
        match form.action.as_str() {
            "delete" | "up" | "down" => {
                let Some(id) = draft.id else {
                    if errors.is_empty() {
                        errors.push("id", "error-required");
                    }
                    return Err(errors);
                };
                return Ok(match form.action.as_str() {
                    "delete" => Self::Delete(id),
                    up => Self::Move { id, up: up == "up" },
                });
            }
            "try" => {
                let key = TicketKey::parse(form.try_key.trim());
                if key.is_none() {
                    errors.push("try_key", "error-link-target");
                }
                errors.into_result()?;
                return Ok(Self::Try(draft, key.expect("checked")));
            }
            _ => {}
        }
        if let Err(more) = check(&draft.name, &draft.conditions, &draft.actions) {
            errors.0.extend(more.0);
        }
        errors.into_result()?;
        Ok(Self::Save(draft))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_of_a_rule_is_reported_at_once() {
        let form = RoutingRuleForm {
            request_types: vec!["x".into()],
            channels: vec!["pigeon".into()],
            priority: "soon".into(),
            ..Default::default()
        };
        let errors = RuleChange::parse(&form).unwrap_err();
        let got: Vec<_> = errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        assert_eq!(
            got,
            [
                ("request_types", "error-invalid"),
                ("rule_name", "error-required"),
                ("rule_channels", "error-choice-unknown"),
                ("rule_priority", "error-choice-unknown"),
            ]
        );
        let no_action = RoutingRuleForm {
            rule_name: "Tīkls".into(),
            ..Default::default()
        };
        let errors = RuleChange::parse(&no_action).unwrap_err();
        assert_eq!(
            errors.for_field("rule_team").unwrap().code,
            "error-rule-no-action"
        );
    }

    #[test]
    fn a_valid_rule_form_becomes_a_rule_to_save_try_move_or_delete() {
        let form = RoutingRuleForm {
            id: "4".into(),
            rule_name: " Tīkls ".into(),
            active: "1".into(),
            request_types: vec!["2".into(), "3".into()],
            channels: vec!["email".into()],
            keywords: "vpn, tīkls\nwifi".into(),
            team: "9".into(),
            priority: "high".into(),
            ..Default::default()
        };
        let RuleChange::Save(rule) = RuleChange::parse(&form).unwrap() else {
            panic!("a save");
        };
        assert_eq!(
            (rule.id, rule.name.as_str(), rule.active),
            (Some(4), "Tīkls", true)
        );
        assert_eq!(rule.conditions.request_types, [2, 3]);
        assert_eq!(rule.conditions.keywords, ["vpn", "tīkls", "wifi"]);
        assert_eq!(rule.actions.team_id, Some(9));
        assert_eq!(rule.actions.priority.as_deref(), Some("high"));
        let tried = RoutingRuleForm {
            action: "try".into(),
            try_key: "KISC-7".into(),
            ..form.clone()
        };
        assert!(
            matches!(RuleChange::parse(&tried), Ok(RuleChange::Try(_, k)) if k.to_string() == "KISC-7")
        );
        let bad_try = RoutingRuleForm {
            action: "try".into(),
            try_key: "nav".into(),
            ..form.clone()
        };
        assert_eq!(
            RuleChange::parse(&bad_try)
                .unwrap_err()
                .for_field("try_key")
                .unwrap()
                .code,
            "error-link-target"
        );
        let up = RoutingRuleForm {
            action: "up".into(),
            ..form.clone()
        };
        assert_eq!(
            RuleChange::parse(&up),
            Ok(RuleChange::Move { id: 4, up: true })
        );
        let delete = RoutingRuleForm {
            action: "delete".into(),
            ..form
        };
        assert_eq!(RuleChange::parse(&delete), Ok(RuleChange::Delete(4)));
    }
}
