//! An article category as the categories page posts it, and the checked
//! input the store saves.

use crate::catalogue::parse_labels;
use crate::posted::optional_id;
use crate::{FieldErrors, Labels};
use serde::{Deserialize, Serialize};

/// The category form as it arrives (also what it shows again).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct CategoryForm {
    /// Set when renaming or moving a category.
    pub id: String,
    pub name_lv: String,
    pub name_en: String,
    /// Categories are listed by this number; empty is 0.
    pub position: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryInput {
    /// `None` creates a category.
    pub id: Option<i64>,
    /// Only the languages named.
    pub labels: Labels,
    pub position: i64,
}

impl CategoryInput {
    pub const MAX_NAME_CHARS: usize = 255;

    pub fn parse(form: &CategoryForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let id = errors.check(optional_id(&form.id), "id");
        let labels = parse_labels(
            &form.name_lv,
            &form.name_en,
            "name",
            Self::MAX_NAME_CHARS,
            &mut errors,
        );
        let position = match form.position.trim() {
            "" => Some(0),
            p => errors.check(
                p.parse::<i64>().map_err(|_| "error-integer-format"),
                "position",
            ),
        };
        errors.into_result()?;
        let mut labels = labels.expect("checked");
        labels.0.retain(|_, name| !name.is_empty());
        Ok(Self {
            id: id.expect("checked"),
            labels,
            position: position.expect("checked"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_of_a_category_is_reported_at_once() {
        let form = CategoryForm {
            id: "x".into(),
            name_lv: " ".into(),
            name_en: "n".repeat(256),
            position: "pirmā".into(),
        };
        let got: Vec<_> = CategoryInput::parse(&form)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            got,
            [
                ("id".into(), "error-invalid"),
                ("name_lv".into(), "error-required"),
                ("name_en".into(), "error-too-long"),
                ("position".into(), "error-integer-format"),
            ]
        );
    }

    #[test]
    fn a_valid_category_form_becomes_its_input() {
        let form = CategoryForm {
            name_lv: " Printeri ".into(),
            ..Default::default()
        };
        let input = CategoryInput::parse(&form).unwrap();
        assert_eq!(input.id, None);
        assert_eq!(input.position, 0);
        assert_eq!(input.labels.0.len(), 1, "no empty English name");
        assert_eq!(input.labels.0["lv"], "Printeri");
        let moved = CategoryForm {
            id: "4".into(),
            name_en: "Printers".into(),
            position: "20".into(),
            ..form
        };
        let input = CategoryInput::parse(&moved).unwrap();
        assert_eq!(
            (input.id, input.position, input.labels.0.len()),
            (Some(4), 20, 2)
        );
    }
}
