//! What the form template draws: each field of a request type with its
//! label, help, choices, current value, visibility and error, grouped in
//! sections. Built from the domain's form definition, so the page, the
//! preview and the server's checks can never disagree.

use atbalsts_domain::form::{
    is_shown, FormField, FormInput, Input, OTHER_CHOICE, OTHER_SUFFIX, SUB_UNIT_SUFFIX,
};
use atbalsts_domain::{FieldErrors, Locale};
use atbalsts_store::institutions::{Institution, SubUnit};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
pub(crate) struct ChoiceView {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Serialize)]
pub(crate) struct SubUnitGroup {
    /// False for other institutions' sub-units once one is chosen: drawn
    /// disabled, so the script can offer them again if the choice changes.
    pub active: bool,
    pub institution_id: i64,
    pub institution: String,
    pub sub_units: Vec<ChoiceView>,
}

#[derive(Serialize)]
pub(crate) struct FieldView {
    pub code: String,
    pub kind: &'static str,
    pub label: String,
    pub help: String,
    pub required: bool,
    pub value: String,
    pub choices: Vec<ChoiceView>,
    /// Select with an "Other" choice: the revealed input's value.
    pub other: bool,
    pub other_value: String,
    /// Institution: the sub-unit choice, grouped by institution.
    pub sub_value: String,
    pub sub_units: Vec<SubUnitGroup>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub shown: bool,
    /// Other fields appear or hide with this one's value.
    pub controls: bool,
    pub show_field: String,
    pub show_values: String,
    /// Translation keys of the problems found, if any.
    pub error: Option<&'static str>,
    pub other_error: Option<&'static str>,
}

#[derive(Serialize)]
pub(crate) struct SectionView {
    pub legend: Option<String>,
    pub help: String,
    pub fields: Vec<FieldView>,
}

/// Sections of fields, each field with what was typed into it.
pub(crate) fn build(
    fields: &[FormField],
    input: &FormInput,
    directory: &[(Institution, Vec<SubUnit>)],
    errors: &FieldErrors,
    signed_in: bool,
    locale: Locale,
) -> Vec<SectionView> {
    let error_of = |name: &str| errors.for_field(name).map(|e| e.code);
    let mut sections = vec![SectionView {
        legend: None,
        help: String::new(),
        fields: Vec::new(),
    }];
    for f in fields {
        if f.input == Input::Section {
            sections.push(SectionView {
                legend: Some(f.labels.get(locale).to_owned()),
                help: f.help.get(locale).to_owned(),
                fields: Vec::new(),
            });
            continue;
        }
        let value = input.get(&f.code).to_owned();
        let chosen = input.all(&f.code);
        let choice = |code: &str, label: &str| ChoiceView {
            selected: chosen.contains(&code),
            code: code.to_owned(),
            label: label.to_owned(),
        };
        let (choices, other, min, max) = match &f.input {
            Input::Select { options, other } => (
                options
                    .iter()
                    .map(|o| choice(&o.code, o.labels.get(locale)))
                    .collect(),
                *other,
                None,
                None,
            ),
            Input::Checkboxes { options } => (
                options
                    .iter()
                    .map(|o| choice(&o.code, o.labels.get(locale)))
                    .collect(),
                false,
                None,
                None,
            ),
            Input::Institution => (
                directory
                    .iter()
                    .map(|(i, _)| choice(&i.id.to_string(), &i.name))
                    .collect(),
                false,
                None,
                None,
            ),
            Input::Integer { min, max } => (Vec::new(), false, *min, *max),
            _ => (Vec::new(), false, None, None),
        };
        let sub_value = input
            .get(&format!("{}{SUB_UNIT_SUFFIX}", f.code))
            .to_owned();
        let sub_units = if f.input == Input::Institution {
            // Without a script the sub-unit list is drawn for the chosen
            // institution; before one is chosen, all of them, grouped.
            directory
                .iter()
                .filter(|(_, subs)| !subs.is_empty())
                .map(|(i, subs)| SubUnitGroup {
                    active: value.is_empty() || value == i.id.to_string(),
                    institution_id: i.id,
                    institution: i.name.clone(),
                    sub_units: subs
                        .iter()
                        .map(|s| ChoiceView {
                            selected: sub_value == s.id.to_string(),
                            code: s.id.to_string(),
                            label: if s.town.is_empty() {
                                s.name.clone()
                            } else {
                                format!("{} ({})", s.name, s.town)
                            },
                        })
                        .collect(),
                })
                .collect()
        } else {
            Vec::new()
        };
        let view = FieldView {
            code: f.code.clone(),
            kind: f.input.kind(),
            label: f.labels.get(locale).to_owned(),
            help: f.help.get(locale).to_owned(),
            required: f.is_required(signed_in),
            value,
            choices,
            other,
            other_value: input.get(&format!("{}{OTHER_SUFFIX}", f.code)).to_owned(),
            sub_value,
            sub_units,
            min,
            max,
            shown: is_shown(f, input),
            controls: fields
                .iter()
                .any(|o| o.show_if.as_ref().is_some_and(|r| r.field == f.code)),
            show_field: f
                .show_if
                .as_ref()
                .map(|r| r.field.clone())
                .unwrap_or_default(),
            show_values: f
                .show_if
                .as_ref()
                .map(|r| r.values.join(" "))
                .unwrap_or_default(),
            error: error_of(&f.code),
            other_error: error_of(&format!("{}{OTHER_SUFFIX}", f.code)),
        };
        sections.last_mut().expect("one section").fields.push(view);
    }
    sections.retain(|s| s.legend.is_some() || !s.fields.is_empty());
    sections
}

/// The label each error belongs to, for the summary at the top.
pub(crate) fn error_labels(
    fields: &[FormField],
    errors: &FieldErrors,
    locale: Locale,
    other_label: &str,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in &errors.0 {
        let base = e.field.strip_suffix(OTHER_SUFFIX).unwrap_or(&e.field);
        if let Some(f) = fields.iter().find(|f| f.code == base) {
            let label = f.labels.get(locale).to_owned();
            let label = if base != e.field {
                format!("{label} — {other_label}")
            } else {
                label
            };
            out.insert(e.field.clone(), label);
        }
    }
    out
}

/// The `other` choice code, for templates.
pub(crate) const OTHER: &str = OTHER_CHOICE;

/// A stored answer as people read it: option labels instead of codes,
/// "Other" with its text, dates in the reader's format.
pub(crate) fn display_answer(
    field: &FormField,
    values: &BTreeMap<String, atbalsts_domain::custom_field::FieldValue>,
    locale: Locale,
    other_label: &str,
) -> Option<String> {
    use atbalsts_domain::custom_field::FieldValue;
    let raw = match values.get(&field.code)? {
        FieldValue::Integer(i) => return Some(atbalsts_i18n::format_number(locale, *i)),
        FieldValue::Text(t) => t.as_str(),
    };
    let label_of = |options: &[atbalsts_domain::form::Choice], code: &str| {
        options
            .iter()
            .find(|o| o.code == code)
            .map(|o| o.labels.get(locale).to_owned())
            .unwrap_or_else(|| code.to_owned())
    };
    let date = |d: &str| match (locale, d.split('-').collect::<Vec<_>>().as_slice()) {
        (Locale::Lv, [y, m, day]) => format!("{day}.{m}.{y}"),
        _ => d.to_owned(),
    };
    Some(match &field.input {
        Input::Select { options, .. } if raw == OTHER_CHOICE => {
            let text = match values.get(&format!("{}{OTHER_SUFFIX}", field.code)) {
                Some(FieldValue::Text(t)) => t.clone(),
                _ => String::new(),
            };
            format!("{other_label}: {text}")
        }
        Input::Select { options, .. } => label_of(options, raw),
        Input::Checkboxes { options } => raw
            .lines()
            .map(|c| label_of(options, c))
            .collect::<Vec<_>>()
            .join(", "),
        Input::Date => date(raw),
        Input::DateTime => match raw.split_once('T') {
            Some((d, t)) => format!("{} {t}", date(d)),
            None => raw.to_owned(),
        },
        _ => raw.to_owned(),
    })
}
