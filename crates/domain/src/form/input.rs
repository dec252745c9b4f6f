//! One field of a request type's form as the form editor posts it, and the
//! checked change to the form: add, save, move or remove a field.

use super::{Choice, FormField, Input, ShowIf, OTHER_CHOICE};
use crate::posted::ticked;
use crate::{FieldErrors, Labels, Locale};
use serde::{Deserialize, Serialize};

/// The editor's field form as it arrives, every field a string.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct FormFieldForm {
    /// The field's position, for every action but `add`.
    pub index: String,
    /// `add`, `save`, `up`, `down` or `delete`.
    pub action: String,
    pub code: String,
    pub kind: String,
    pub label_lv: String,
    pub label_en: String,
    pub help_lv: String,
    pub help_en: String,
    pub required: String,
    /// Choices, one per line: `code | Latviski | English`.
    pub options: String,
    pub other: String,
    pub min: String,
    pub max: String,
    pub show_field: String,
    /// The values that show the field, separated by spaces.
    pub show_values: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldChange {
    Add(FormField),
    /// A field changed in place; it keeps its code.
    Save(usize, FormField),
    Up(usize),
    Down(usize),
    Delete(usize),
}

impl FieldChange {
    /// `fields`: how many fields the form has now.
    pub fn parse(form: &FormFieldForm, fields: usize) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let index = form
            .index
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|i| *i < fields);
        let action = form.action.as_str();
        if action != "add" && index.is_none() {
            errors.push("index", "error-invalid");
        }
        let change = match action {
            "add" => parse_field(form, &mut errors).map(Self::Add),
            "save" => parse_field(form, &mut errors).and_then(|f| index.map(|i| Self::Save(i, f))),
            "up" => index.map(Self::Up),
            "down" => index.map(Self::Down),
            "delete" => index.map(Self::Delete),
            _ => {
                errors.push("action", "error-choice-unknown");
                None
            }
        };
        errors.into_result()?;
        Ok(change.expect("checked"))
    }

    /// The form with this change made; moving past either end changes nothing.
    pub fn apply(self, form: &mut Vec<FormField>) {
        match self {
            Self::Add(f) => form.push(f),
            Self::Save(i, mut f) => {
                f.code = form[i].code.clone();
                form[i] = f;
            }
            Self::Up(i) if i > 0 => form.swap(i, i - 1),
            Self::Down(i) if i + 1 < form.len() => form.swap(i, i + 1),
            Self::Delete(i) => {
                form.remove(i);
            }
            Self::Up(_) | Self::Down(_) => {}
        }
    }
}

/// Choices as the editor writes them: one per line, `code | Latviski | English`.
pub fn options_text(options: &[Choice]) -> String {
    options
        .iter()
        .map(|o| {
            format!(
                "{} | {} | {}",
                o.code,
                o.labels.get(Locale::Lv),
                o.labels.0.get("en").map(String::as_str).unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn parse_options(text: &str) -> Result<Vec<Choice>, &'static str> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut parts = line.split('|').map(str::trim);
        let code = parts.next().unwrap_or("");
        let lv = parts.next().unwrap_or(code);
        let en = parts.next().unwrap_or(lv);
        let ok = !code.is_empty()
            && code != OTHER_CHOICE
            && code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !ok {
            return Err("error-options-format");
        }
        out.push(Choice {
            code: code.to_owned(),
            labels: Labels::new(lv, en),
        });
    }
    if out.is_empty() {
        Err("error-options-required")
    } else {
        Ok(out)
    }
}

fn bound(raw: &str) -> Result<Option<i64>, &'static str> {
    let v = raw.trim();
    if v.is_empty() {
        Ok(None)
    } else {
        v.parse().map(Some).map_err(|_| "error-integer-format")
    }
}

/// The field as posted, every problem recorded under its input's name.
fn parse_field(form: &FormFieldForm, errors: &mut FieldErrors) -> Option<FormField> {
    let kind = form.kind.trim();
    let input = match kind {
        "select" | "checkboxes" => {
            errors
                .check(parse_options(&form.options), "options")
                .map(|options| {
                    if kind == "select" {
                        Input::Select {
                            options,
                            other: ticked(&form.other),
                        }
                    } else {
                        Input::Checkboxes { options }
                    }
                })
        }
        "integer" => {
            let min = errors.check(bound(&form.min), "min");
            let max = errors.check(bound(&form.max), "max");
            min.zip(max).map(|(min, max)| Input::Integer { min, max })
        }
        other => {
            let json = serde_json::json!({ "kind": other });
            let unit = serde_json::from_value::<Input>(json).map_err(|_| "error-choice-unknown");
            errors.check(unit, "kind")
        }
    };
    let label_lv = form.label_lv.trim();
    if label_lv.is_empty() {
        errors.push("label_lv", "error-required");
    }
    let show_field = form.show_field.trim();
    let show_if = (!show_field.is_empty()).then(|| ShowIf {
        field: show_field.to_owned(),
        values: form
            .show_values
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    });
    let input = input.filter(|_| !label_lv.is_empty())?;
    Some(FormField {
        code: form.code.trim().to_owned(),
        input,
        required: ticked(&form.required),
        labels: Labels::new(label_lv, form.label_en.trim()),
        help: Labels::new(form.help_lv.trim(), form.help_en.trim()),
        show_if,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(kind: &str) -> FormFieldForm {
        FormFieldForm {
            action: "add".into(),
            code: "model".into(),
            kind: kind.into(),
            label_lv: "Modelis".into(),
            label_en: "Model".into(),
            ..Default::default()
        }
    }

    #[test]
    fn choices_are_written_one_per_line_with_both_languages() {
        let o = parse_options("printer | Printeris | Printer\n\n scanner|Skeneris").unwrap();
        assert_eq!(o.len(), 2);
        assert_eq!(o[1].labels.0["en"], "Skeneris");
        assert_eq!(
            parse_options("Printeris ar atstarpi").unwrap_err(),
            "error-options-format"
        );
        assert_eq!(
            parse_options("other | Cits").unwrap_err(),
            "error-options-format"
        );
        assert_eq!(parse_options("  ").unwrap_err(), "error-options-required");
        assert_eq!(parse_options(&options_text(&o)).unwrap()[0], o[0]);
    }

    #[test]
    fn every_problem_of_a_field_is_reported_at_once() {
        let bad = FormFieldForm {
            label_lv: " ".into(),
            min: "viens".into(),
            max: "1.5".into(),
            ..field("integer")
        };
        let errors = FieldChange::parse(&bad, 0).unwrap_err();
        let got: Vec<_> = errors
            .0
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        assert_eq!(
            got,
            [
                ("min", "error-integer-format"),
                ("max", "error-integer-format"),
                ("label_lv", "error-required"),
            ]
        );
        let unknown = FormFieldForm {
            label_lv: "".into(),
            ..field("hologram")
        };
        let fields: Vec<_> = FieldChange::parse(&unknown, 0)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["kind", "label_lv"]);
        let no_index = FormFieldForm {
            action: "save".into(),
            index: "3".into(),
            ..field("text")
        };
        assert_eq!(
            FieldChange::parse(&no_index, 3).unwrap_err().0[0].field,
            "index"
        );
    }

    #[test]
    fn a_valid_field_form_changes_the_form() {
        let select = FormFieldForm {
            options: "a4 | A4\r\na3 | A3 | A3 paper".into(),
            other: "1".into(),
            required: "1".into(),
            show_field: "device".into(),
            show_values: "printer  scanner".into(),
            ..field("select")
        };
        let FieldChange::Add(f) = FieldChange::parse(&select, 0).unwrap() else {
            panic!("an add");
        };
        assert!(f.required);
        assert!(matches!(&f.input, Input::Select { options, other: true } if options.len() == 2));
        assert_eq!(f.show_if.as_ref().unwrap().values, ["printer", "scanner"]);
        let mut form = vec![f.clone()];
        let text = FormFieldForm {
            action: "save".into(),
            index: "0".into(),
            code: "renamed".into(),
            ..field("text")
        };
        FieldChange::parse(&text, 1).unwrap().apply(&mut form);
        assert_eq!(
            (form[0].code.as_str(), form[0].input.kind()),
            ("model", "text")
        );
        FieldChange::parse(&field("date"), 1)
            .unwrap()
            .apply(&mut form);
        let up = FormFieldForm {
            action: "up".into(),
            index: "1".into(),
            ..Default::default()
        };
        FieldChange::parse(&up, 2).unwrap().apply(&mut form);
        assert_eq!(form[0].input.kind(), "date");
        let delete = FormFieldForm {
            action: "delete".into(),
            index: "0".into(),
            ..Default::default()
        };
        FieldChange::parse(&delete, 2).unwrap().apply(&mut form);
        assert_eq!(form.len(), 1);
    }
}
