//! Macros as the macros page posts them: the raw form, and the checked
//! change (save one, or delete one) the store carries out.

use crate::posted::{optional_id, text, ticked};
use crate::{FieldErrors, Priority};
use serde::{Deserialize, Serialize};

/// The macro form as it arrives, every field a string; field names are
/// those of `FieldErrors`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct MacroForm {
    /// Set when changing or deleting an existing macro.
    pub id: String,
    /// `save` (the default) or `delete`.
    pub action: String,
    pub macro_name: String,
    pub macro_body_lv: String,
    pub macro_body_en: String,
    /// `public` or `internal`.
    pub visibility: String,
    /// A status code, empty to keep the ticket's.
    pub set_status: String,
    /// A priority code, empty to keep the ticket's.
    pub macro_priority: String,
    /// Ticked: shared by the desk.
    pub shared: String,
}

/// A macro's text and what it sets, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacroDraft {
    pub id: Option<i64>,
    pub name: String,
    /// Line breaks kept, `\n`.
    pub body_lv: String,
    pub body_en: String,
    pub is_public: bool,
    pub set_status: Option<String>,
    pub set_priority: Option<Priority>,
    pub shared: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MacroChange {
    Save(MacroDraft),
    Delete(i64),
}

impl MacroDraft {
    pub const MAX_NAME_CHARS: usize = 200;
}

impl MacroChange {
    /// `placeholders`: the `{names}` a macro's text may use.
    pub fn parse(form: &MacroForm, placeholders: &[&str]) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let id = errors.check(optional_id(&form.id), "id");
        if form.action == "delete" {
            return match id.flatten() {
                Some(id) => Ok(Self::Delete(id)),
                None => {
                    if errors.is_empty() {
                        errors.push("id", "error-required");
                    }
                    Err(errors)
                }
            };
        }
        let name = form
            .macro_name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            errors.push("macro_name", "error-required");
        } else if name.chars().count() > MacroDraft::MAX_NAME_CHARS {
            errors.push("macro_name", "error-too-long");
        }
        let (body_lv, body_en) = (text(&form.macro_body_lv), text(&form.macro_body_en));
        if body_lv.trim().is_empty() && body_en.trim().is_empty() {
            errors.push("macro_body_lv", "error-macro-body");
        }
        for (field, body) in [("macro_body_lv", &body_lv), ("macro_body_en", &body_en)] {
            if !crate::mail_template::unknown_in(placeholders, body).is_empty() {
                errors.push(field, "error-template-placeholder");
            }
        }
        let set_priority = match form.macro_priority.trim() {
            "" => None,
            p => errors.check(
                Priority::parse(p).map_err(|_| "error-choice-unknown"),
                "macro_priority",
            ),
        };
        let set_status = Some(form.set_status.trim().to_owned()).filter(|s| !s.is_empty());
        errors.into_result()?;
        Ok(Self::Save(MacroDraft {
            id: id.flatten(),
            name,
            body_lv,
            body_en,
            is_public: form.visibility.trim() != "internal",
            set_status,
            set_priority,
            shared: ticked(&form.shared),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACEHOLDERS: &[&str] = &["requester", "key"];

    fn form() -> MacroForm {
        MacroForm {
            macro_name: "  Gaidām   atbildi ".into(),
            macro_body_lv: "Labdien, {requester}!\r\nLūdzu, atbildiet.".into(),
            visibility: "internal".into(),
            set_status: "waiting_for_customer".into(),
            macro_priority: "high".into(),
            shared: "1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn every_problem_of_a_macro_is_reported_at_once() {
        let bad = MacroForm {
            id: "x".into(),
            macro_name: " ".into(),
            macro_body_en: "Hello {name}".into(),
            macro_priority: "urgent-ish".into(),
            ..Default::default()
        };
        let errors = MacroChange::parse(&bad, PLACEHOLDERS).unwrap_err();
        let got: Vec<_> = errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        assert_eq!(
            got,
            [
                ("id", "error-invalid"),
                ("macro_name", "error-required"),
                ("macro_body_en", "error-template-placeholder"),
                ("macro_priority", "error-choice-unknown"),
            ]
        );
        let empty = MacroForm {
            macro_name: "x".into(),
            ..Default::default()
        };
        let errors = MacroChange::parse(&empty, PLACEHOLDERS).unwrap_err();
        assert_eq!(
            errors.for_field("macro_body_lv").unwrap().code,
            "error-macro-body"
        );
    }

    #[test]
    fn a_valid_macro_form_becomes_a_draft_and_a_delete_needs_an_id() {
        let MacroChange::Save(d) = MacroChange::parse(&form(), PLACEHOLDERS).unwrap() else {
            panic!("a save");
        };
        assert_eq!(d.name, "Gaidām atbildi");
        assert_eq!(d.body_lv, "Labdien, {requester}!\nLūdzu, atbildiet.");
        assert!(!d.is_public && d.shared && d.id.is_none());
        assert_eq!(d.set_priority, Some(Priority::High));
        assert_eq!(d.set_status.as_deref(), Some("waiting_for_customer"));
        let delete = MacroForm {
            id: "7".into(),
            action: "delete".into(),
            ..Default::default()
        };
        assert_eq!(
            MacroChange::parse(&delete, PLACEHOLDERS),
            Ok(MacroChange::Delete(7))
        );
        let no_id = MacroForm {
            action: "delete".into(),
            ..Default::default()
        };
        assert!(MacroChange::parse(&no_id, PLACEHOLDERS).is_err());
    }
}
