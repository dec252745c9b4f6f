//! A desk's wording of one notification as its editor posts it, and the
//! checked wording the store saves.

use super::{check, MailKind};
use crate::posted::text;
use crate::FieldErrors;
use serde::{Deserialize, Serialize};

/// The wording form as it arrives.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct MailWordingForm {
    /// `save`, `reset`, anything else previews.
    pub action: String,
    pub mail_subject: String,
    /// Keeps its leading spaces and line breaks.
    pub mail_body: String,
}

/// What the editor asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordingAction {
    Preview,
    Save,
    /// Back to the catalogue's wording.
    Reset,
}

impl MailWordingForm {
    pub fn action(&self) -> WordingAction {
        match self.action.as_str() {
            "save" => WordingAction::Save,
            "reset" => WordingAction::Reset,
            _ => WordingAction::Preview,
        }
    }

    /// The subject and body as typed (the subject trimmed, line endings
    /// made `\n`): shown again and previewed whether or not they are valid.
    pub fn typed(&self) -> (String, String) {
        (self.mail_subject.trim().to_owned(), text(&self.mail_body))
    }
}

/// A subject and body that fit `kind`: one line of subject, known
/// placeholders only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailWording {
    pub subject: String,
    pub body: String,
}

impl MailWording {
    pub fn parse(kind: &MailKind, form: &MailWordingForm) -> Result<Self, FieldErrors> {
        let (subject, body) = form.typed();
        check(kind, &subject, &body)?;
        Ok(Self { subject, body })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail_template::KINDS;

    #[test]
    fn every_problem_of_a_wording_is_reported_and_a_valid_one_is_kept_as_typed() {
        let kind = &KINDS[0];
        let bad = MailWordingForm {
            action: "save".into(),
            mail_subject: "  ".into(),
            mail_body: "Labdien, {nav_tāda}!".into(),
        };
        assert_eq!(bad.action(), WordingAction::Save);
        let errors = MailWording::parse(kind, &bad).unwrap_err();
        assert!(errors.for_field("mail_subject").is_some());
        assert!(errors.for_field("mail_body").is_some());
        let placeholder = kind.placeholders[0];
        let good = MailWordingForm {
            action: "preview".into(),
            mail_subject: " Jūsu pieteikums ".into(),
            mail_body: format!("  Labdien!\r\n{{{placeholder}}}"),
        };
        assert_eq!(good.action(), WordingAction::Preview);
        assert_eq!(
            MailWording::parse(kind, &good),
            Ok(MailWording {
                subject: "Jūsu pieteikums".into(),
                body: format!("  Labdien!\n{{{placeholder}}}"),
            })
        );
    }
}
