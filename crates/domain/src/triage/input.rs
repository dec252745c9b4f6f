//! The priority matrix as its page posts it (a select per cell), and the
//! classifier entries (categories per ticket type, root causes) as their
//! page posts them; each checked into the change it asks for.

use super::{Level, PriorityMatrix};
use crate::catalogue::{parse_code, parse_labels};
use crate::posted::{id, optional_id};
use crate::{FieldErrors, Labels};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The form's name for the cell of `impact` and `urgency`.
pub fn cell_name(impact: Level, urgency: Level) -> String {
    format!("cell-{}-{}", impact.code(), urgency.code())
}

/// The matrix form as it arrives: `action` and a `cell-{impact}-{urgency}`
/// select per cell (the names are generated, so they are kept by name).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PriorityMatrixForm {
    /// `save` (the default) or `reset`.
    pub action: String,
    #[serde(flatten)]
    pub cells: BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatrixChange {
    Save(PriorityMatrix),
    /// Back to the ITIL default.
    Reset,
}

impl MatrixChange {
    /// Every missing or unknown cell is reported under its own name.
    pub fn parse(form: &PriorityMatrixForm) -> Result<Self, FieldErrors> {
        if form.action == "reset" {
            return Ok(Self::Reset);
        }
        let cell = |i: Level, u: Level| {
            form.cells
                .get(&cell_name(i, u))
                .cloned()
                .unwrap_or_default()
        };
        PriorityMatrix::from_cells(cell)
            .map(Self::Save)
            .map_err(|bad| {
                let mut errors = FieldErrors::default();
                for b in bad {
                    errors.push(format!("cell-{b}"), "error-choice-unknown");
                }
                errors
            })
    }
}

/// Which list of the desk a classifier entry belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Classifier {
    /// The categories of one ticket type.
    Category { ticket_type_id: i64 },
    /// The root causes problems name.
    RootCause,
}

impl Classifier {
    pub const ROOT_CAUSE: &'static str = "root_cause";

    /// The choice's value: `category-{ticket type id}` or `root_cause`.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let raw = raw.trim();
        if raw == Self::ROOT_CAUSE {
            return Ok(Self::RootCause);
        }
        raw.strip_prefix("category-")
            .and_then(|id| id.parse().ok())
            .filter(|id| *id > 0)
            .map(|ticket_type_id| Self::Category { ticket_type_id })
            .ok_or("error-choice-unknown")
    }

    pub fn value(self) -> String {
        match self {
            Self::Category { ticket_type_id } => format!("category-{ticket_type_id}"),
            Self::RootCause => Self::ROOT_CAUSE.to_owned(),
        }
    }
}

/// The add or rename form of a classifier entry as it arrives.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ClassifierForm {
    /// The entry renamed, retired or restored.
    pub id: String,
    /// `add`, `rename`, `retire` or `restore`.
    pub action: String,
    /// Where a new entry goes (see `Classifier::parse`).
    pub classifier: String,
    pub code: String,
    pub label_lv: String,
    pub label_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassifierChange {
    Add {
        classifier: Classifier,
        code: String,
        labels: Labels,
    },
    Rename {
        id: i64,
        labels: Labels,
    },
    Retire(i64),
    Restore(i64),
}

/// Longest name of an entry, in either language.
pub const MAX_LABEL_CHARS: usize = 200;

impl ClassifierChange {
    pub fn parse(form: &ClassifierForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let change = match form.action.as_str() {
            "add" => {
                let classifier = errors.check(Classifier::parse(&form.classifier), "classifier");
                let code = errors.check(parse_code(&form.code), "code");
                let labels = parse_labels(
                    &form.label_lv,
                    &form.label_en,
                    "label",
                    MAX_LABEL_CHARS,
                    &mut errors,
                );
                match (classifier, code, labels) {
                    (Some(classifier), Some(code), Some(labels)) => Some(Self::Add {
                        classifier,
                        code,
                        labels,
                    }),
                    _ => None,
                }
            }
            "rename" => {
                let id = errors.check(id(&form.id), "id");
                let labels = parse_labels(
                    &form.label_lv,
                    &form.label_en,
                    "label",
                    MAX_LABEL_CHARS,
                    &mut errors,
                );
                id.zip(labels)
                    .map(|(id, labels)| Self::Rename { id, labels })
            }
            "retire" | "restore" => errors.check(id(&form.id), "id").map(|id| {
                if form.action == "retire" {
                    Self::Retire(id)
                } else {
                    Self::Restore(id)
                }
            }),
            _ => {
                errors.push("action", "error-choice-unknown");
                None
            }
        };
        // An id that is there but not a number is as wrong on an add.
        if form.action == "add" {
            errors.check(optional_id(&form.id), "id");
        }
        errors.into_result()?;
        Ok(change.expect("checked"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Priority;

    #[test]
    fn every_missing_or_unknown_cell_of_the_matrix_is_named() {
        let mut form = PriorityMatrixForm::default();
        for i in Level::ALL {
            for u in Level::ALL {
                form.cells.insert(cell_name(i, u), "low".into());
            }
        }
        form.cells
            .insert(cell_name(Level::High, Level::High), "critical".into());
        let MatrixChange::Save(m) = MatrixChange::parse(&form).unwrap() else {
            panic!("a save");
        };
        assert_eq!(m.priority(Level::High, Level::High), Priority::Critical);
        assert_eq!(m.priority(Level::Low, Level::Medium), Priority::Low);
        form.cells
            .insert(cell_name(Level::Low, Level::Low), "soon".into());
        form.cells.remove(&cell_name(Level::High, Level::Medium));
        let errors = MatrixChange::parse(&form).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["cell-high-medium", "cell-low-low"]);
        let reset = PriorityMatrixForm {
            action: "reset".into(),
            ..Default::default()
        };
        assert_eq!(MatrixChange::parse(&reset), Ok(MatrixChange::Reset));
    }

    #[test]
    fn every_problem_of_a_classifier_entry_is_reported_at_once() {
        let form = ClassifierForm {
            action: "add".into(),
            classifier: "category-x".into(),
            code: "Ar Atstarpi".into(),
            label_en: "x".repeat(201),
            ..Default::default()
        };
        let errors = ClassifierChange::parse(&form).unwrap_err();
        let got: Vec<_> = errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        assert_eq!(
            got,
            [
                ("classifier", "error-choice-unknown"),
                ("code", "error-code-format"),
                ("label_lv", "error-required"),
                ("label_en", "error-too-long"),
            ]
        );
        let rename = ClassifierForm {
            action: "rename".into(),
            ..Default::default()
        };
        let fields: Vec<_> = ClassifierChange::parse(&rename)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["id", "label_lv"]);
    }

    #[test]
    fn a_valid_classifier_form_becomes_its_change() {
        let add = ClassifierForm {
            action: "add".into(),
            classifier: "category-3".into(),
            code: " tikls ".into(),
            label_lv: " Tīkls ".into(),
            label_en: "Network".into(),
            ..Default::default()
        };
        assert_eq!(
            ClassifierChange::parse(&add),
            Ok(ClassifierChange::Add {
                classifier: Classifier::Category { ticket_type_id: 3 },
                code: "tikls".into(),
                labels: Labels::new("Tīkls", "Network"),
            })
        );
        let cause = ClassifierForm {
            classifier: "root_cause".into(),
            ..add.clone()
        };
        assert!(matches!(
            ClassifierChange::parse(&cause),
            Ok(ClassifierChange::Add {
                classifier: Classifier::RootCause,
                ..
            })
        ));
        let retire = ClassifierForm {
            action: "retire".into(),
            id: "5".into(),
            ..Default::default()
        };
        assert_eq!(
            ClassifierChange::parse(&retire),
            Ok(ClassifierChange::Retire(5))
        );
        let restore = ClassifierForm {
            action: "restore".into(),
            ..retire
        };
        assert_eq!(
            ClassifierChange::parse(&restore),
            Ok(ClassifierChange::Restore(5))
        );
    }
}
