//! A staff member's notification switches as their page posts them: the
//! kinds ticked (a checkbox group), checked against the kinds there are.

use crate::posted::list;
use crate::FieldErrors;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct NotificationSettingsForm {
    /// The kinds ticked; a kind not sent is off.
    #[serde(deserialize_with = "list")]
    pub on: Vec<String>,
}

/// Every kind a person may switch, with whether it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationSettings(pub Vec<(&'static str, bool)>);

impl NotificationSettings {
    /// `kinds`: the kinds a person may switch.
    pub fn parse(
        form: &NotificationSettingsForm,
        kinds: &[&'static str],
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        if form.on.iter().any(|k| !kinds.contains(&k.trim())) {
            errors.push("on", "error-choice-unknown");
        }
        errors.into_result()?;
        Ok(Self(
            kinds
                .iter()
                .map(|kind| (*kind, form.on.iter().any(|k| k.trim() == *kind)))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: &[&str] = &["assigned-to-you", "new-in-queue"];

    #[test]
    fn the_kinds_ticked_are_on_the_others_off_and_unknown_kinds_are_refused() {
        let form = NotificationSettingsForm {
            on: vec!["new-in-queue".into()],
        };
        assert_eq!(
            NotificationSettings::parse(&form, KINDS),
            Ok(NotificationSettings(vec![
                ("assigned-to-you", false),
                ("new-in-queue", true)
            ]))
        );
        let forged = NotificationSettingsForm {
            on: vec!["new-in-queue".into(), "everything".into()],
        };
        let errors = NotificationSettings::parse(&forged, KINDS).unwrap_err();
        assert_eq!(errors.for_field("on").unwrap().code, "error-choice-unknown");
    }
}
