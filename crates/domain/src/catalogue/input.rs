//! A catalogue group and a request type's settings as the catalogue pages
//! post them, and the checked inputs the store saves.

use super::{parse_code, parse_labels};
use crate::posted::{id, optional_id, ticked};
use crate::{FieldErrors, Labels};
use serde::{Deserialize, Serialize};

/// Longest title or description of a group or request type, per language.
pub const MAX_TITLE_CHARS: usize = 255;
pub const MAX_DESCRIPTION_CHARS: usize = 2000;

/// The new-group form as it arrives. Its code is posted as `code`, but
/// reported as `group_code`: the request type form on the same page has a
/// `code` of its own.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct GroupForm {
    pub code: String,
    pub group_lv: String,
    pub group_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInput {
    pub code: String,
    pub labels: Labels,
}

impl GroupInput {
    pub fn parse(form: &GroupForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = errors.check(parse_code(&form.code), "group_code");
        let labels = parse_labels(
            &form.group_lv,
            &form.group_en,
            "group",
            MAX_TITLE_CHARS,
            &mut errors,
        );
        errors.into_result()?;
        Ok(Self {
            code: code.expect("checked"),
            labels: labels.expect("checked"),
        })
    }
}

/// A request type's settings as they arrive, from the catalogue's "new
/// request type" form (with `code`) or the request type's own page.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RequestTypeForm {
    /// Only when creating: the code of an existing type does not change.
    pub code: String,
    pub title_lv: String,
    pub title_en: String,
    pub description_lv: String,
    pub description_en: String,
    pub group_id: String,
    pub ticket_type_id: String,
    /// Empty for none.
    pub team_id: String,
    pub service: String,
    pub open_to_external: String,
    pub needs_approval: String,
    pub approvers: String,
}

/// Checked settings of a request type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestTypeInput {
    pub code: String,
    pub group_id: i64,
    pub labels: Labels,
    pub descriptions: Labels,
    pub ticket_type_id: i64,
    pub team_id: Option<i64>,
    pub service: String,
    pub open_to_external: bool,
    pub needs_approval: bool,
    pub approvers: String,
}

impl RequestTypeInput {
    /// `existing_code`: the type being edited; `None` takes the posted code.
    pub fn parse(form: &RequestTypeForm, existing_code: Option<&str>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let code = match existing_code {
            Some(code) => Some(code.to_owned()),
            None => errors.check(parse_code(&form.code), "code"),
        };
        let labels = parse_labels(
            &form.title_lv,
            &form.title_en,
            "title",
            MAX_TITLE_CHARS,
            &mut errors,
        );
        let descriptions = Labels::new(form.description_lv.trim(), form.description_en.trim());
        for lang in ["lv", "en"] {
            if descriptions.0[lang].chars().count() > MAX_DESCRIPTION_CHARS {
                errors.push(format!("description_{lang}"), "error-too-long");
            }
        }
        let group_id = errors.check(id(&form.group_id), "group_id");
        let ticket_type_id = errors.check(id(&form.ticket_type_id), "ticket_type_id");
        let team_id = errors.check(optional_id(&form.team_id), "team_id");
        errors.into_result()?;
        Ok(Self {
            code: code.expect("checked"),
            group_id: group_id.expect("checked"),
            labels: labels.expect("checked"),
            descriptions,
            ticket_type_id: ticket_type_id.expect("checked"),
            team_id: team_id.expect("checked"),
            service: form.service.trim().to_owned(),
            open_to_external: ticked(&form.open_to_external),
            needs_approval: ticked(&form.needs_approval),
            approvers: form.approvers.trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: FieldErrors) -> Vec<(String, &'static str)> {
        errors.0.into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn every_problem_of_a_group_or_request_type_is_reported_at_once() {
        let group = GroupForm {
            code: "Ar Atstarpi".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(GroupInput::parse(&group).unwrap_err()),
            [
                ("group_code".into(), "error-code-format"),
                ("group_lv".into(), "error-required")
            ]
        );
        let rt = RequestTypeForm {
            code: "".into(),
            title_en: "Printer".into(),
            description_lv: "x".repeat(2001),
            group_id: "".into(),
            ticket_type_id: "abc".into(),
            team_id: "-1".into(),
            ..Default::default()
        };
        assert_eq!(
            fields(RequestTypeInput::parse(&rt, None).unwrap_err()),
            [
                ("code".into(), "error-code-format"),
                ("title_lv".into(), "error-required"),
                ("description_lv".into(), "error-too-long"),
                ("group_id".into(), "error-required"),
                ("ticket_type_id".into(), "error-invalid"),
                ("team_id".into(), "error-invalid"),
            ]
        );
    }

    #[test]
    fn a_valid_catalogue_form_becomes_its_input() {
        let group = GroupForm {
            code: " printeri ".into(),
            group_lv: "Printeri".into(),
            group_en: "Printers".into(),
        };
        assert_eq!(
            GroupInput::parse(&group),
            Ok(GroupInput {
                code: "printeri".into(),
                labels: Labels::new("Printeri", "Printers"),
            })
        );
        let rt = RequestTypeForm {
            code: "ignored-when-editing".into(),
            title_lv: "Printeris".into(),
            group_id: "2".into(),
            ticket_type_id: "3".into(),
            open_to_external: "1".into(),
            approvers: " boss@kisc.lv ".into(),
            ..Default::default()
        };
        let input = RequestTypeInput::parse(&rt, Some("printer")).unwrap();
        assert_eq!(input.code, "printer");
        assert_eq!(
            (input.group_id, input.ticket_type_id, input.team_id),
            (2, 3, None)
        );
        assert!(input.open_to_external && !input.needs_approval);
        assert_eq!(input.approvers, "boss@kisc.lv");
        assert!(input.descriptions.is_empty());
        assert_eq!(
            RequestTypeInput::parse(&rt, None).unwrap().code,
            "ignored-when-editing"
        );
    }
}
