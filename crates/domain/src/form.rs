//! Request forms of the customer portal: the field kinds a desk
//! administrator can put on a request type, and the one place where a
//! submitted form is checked. The portal, the form preview and the
//! catalogue import all use these definitions; the server enforces them,
//! the browser's script only mirrors them.

use crate::{FieldErrors, Labels};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod input;

/// Suffix of the free-text input revealed by a select's "Other" choice.
pub const OTHER_SUFFIX: &str = "__other";
/// Suffix of the sub-unit half of an institution field.
pub const SUB_UNIT_SUFFIX: &str = "__sub";
/// The choice code of "Other" in a select list.
pub const OTHER_CHOICE: &str = "other";

/// One choice of a select list or checkbox group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub labels: Labels,
}

/// What a field asks for. Kinds that fill a ticket's own columns
/// (summary, description, institution, requester) are named for them; the
/// rest become the ticket's custom field values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Input {
    /// Starts a group of fields with a heading (a `fieldset`), such as
    /// the "on behalf of an employee" section.
    Section,
    /// Institution and sub-unit as one two-part cascading select.
    Institution,
    /// Name and surname: always required.
    RequesterName,
    /// Asked only of people who are not signed in, and then required.
    RequesterEmail,
    /// Never required.
    RequesterPhone,
    Summary,
    Description,
    /// One line of text (address with room number, a model, a name).
    Text,
    /// Several lines (justification, additional information).
    LongText,
    /// A computer's inventory number: `^\d{2}P\d{5}$`.
    InventoryNumber,
    Select {
        options: Vec<Choice>,
        /// Adds an "Other" choice that reveals a required free-text input.
        #[serde(default)]
        other: bool,
    },
    Checkboxes {
        options: Vec<Choice>,
    },
    Date,
    Time,
    DateTime,
    Integer {
        #[serde(default)]
        min: Option<i64>,
        #[serde(default)]
        max: Option<i64>,
    },
    /// Several files.
    Attachments,
}

impl Input {
    pub fn kind(&self) -> &'static str {
        match self {
            Input::Section => "section",
            Input::Institution => "institution",
            Input::RequesterName => "requester_name",
            Input::RequesterEmail => "requester_email",
            Input::RequesterPhone => "requester_phone",
            Input::Summary => "summary",
            Input::Description => "description",
            Input::Text => "text",
            Input::LongText => "long_text",
            Input::InventoryNumber => "inventory_number",
            Input::Select { .. } => "select",
            Input::Checkboxes { .. } => "checkboxes",
            Input::Date => "date",
            Input::Time => "time",
            Input::DateTime => "date_time",
            Input::Integer { .. } => "integer",
            Input::Attachments => "attachments",
        }
    }

    /// Every kind, as offered to a desk administrator.
    pub const KINDS: &'static [&'static str] = &[
        "section",
        "institution",
        "requester_name",
        "requester_email",
        "requester_phone",
        "summary",
        "description",
        "text",
        "long_text",
        "inventory_number",
        "select",
        "checkboxes",
        "date",
        "time",
        "date_time",
        "integer",
        "attachments",
    ];

    /// Whether the answer is kept as a custom field value of the ticket.
    pub fn stores_value(&self) -> bool {
        !matches!(
            self,
            Input::Section
                | Input::Institution
                | Input::RequesterName
                | Input::RequesterEmail
                | Input::Summary
                | Input::Description
                | Input::Attachments
        )
    }
}

/// Shows a field only while another field holds one of `values`: the
/// follow-up of a select (a device model once a device is chosen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowIf {
    pub field: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    pub code: String,
    #[serde(flatten)]
    pub input: Input,
    #[serde(default)]
    pub required: bool,
    pub labels: Labels,
    #[serde(default, skip_serializing_if = "Labels::is_empty")]
    pub help: Labels,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<ShowIf>,
}

impl FormField {
    /// Whether this field must be answered, after the rules that no
    /// configuration can change: a name is always required, a phone never.
    pub fn is_required(&self, signed_in: bool) -> bool {
        match self.input {
            Input::RequesterName | Input::Summary => true,
            Input::RequesterEmail => !signed_in,
            Input::RequesterPhone | Input::Section => false,
            _ => self.required,
        }
    }
}

/// Why a form definition cannot be saved.
pub fn check_definition(fields: &[FormField]) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for f in fields {
        let valid_code = !f.code.is_empty()
            && f.code.len() <= 64
            && f.code
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && !f.code.contains("__");
        if !valid_code {
            return Err(format!("field code {:?}", f.code));
        }
        if !seen.insert(f.code.as_str()) {
            return Err(format!("field {} appears twice", f.code));
        }
        if let Some(rule) = &f.show_if {
            if !seen.contains(rule.field.as_str()) || rule.field == f.code {
                return Err(format!(
                    "field {} depends on {}, which must come before it",
                    f.code, rule.field
                ));
            }
        }
        if let Input::Select { options, .. } | Input::Checkboxes { options } = &f.input {
            if options.is_empty() {
                return Err(format!("field {} has no choices", f.code));
            }
        }
    }
    for kind in [
        Input::Institution,
        Input::Summary,
        Input::Description,
        Input::RequesterName,
        Input::RequesterEmail,
        Input::RequesterPhone,
        Input::Attachments,
    ] {
        if fields.iter().filter(|f| f.input == kind).count() > 1 {
            return Err(format!("only one {} field per form", kind.kind()));
        }
    }
    Ok(())
}

/// The form as one person sees it: the email field is added for people
/// who are not signed in and removed for those who are.
pub fn for_viewer(fields: &[FormField], signed_in: bool) -> Vec<FormField> {
    let mut out: Vec<FormField> = fields
        .iter()
        .filter(|f| !(signed_in && f.input == Input::RequesterEmail))
        .cloned()
        .collect();
    if !signed_in && !out.iter().any(|f| f.input == Input::RequesterEmail) {
        let at = out
            .iter()
            .position(|f| f.input == Input::RequesterName)
            .map(|i| i + 1)
            .unwrap_or(0);
        out.insert(
            at,
            FormField {
                code: "requester_email".into(),
                input: Input::RequesterEmail,
                required: true,
                labels: Labels::new("E-pasts", "Email"),
                help: Labels::default(),
                show_if: None,
            },
        );
    }
    out
}

/// What a person typed, by input name (a checkbox group sends several).
#[derive(Debug, Clone, Default, Serialize)]
pub struct FormInput(pub BTreeMap<String, Vec<String>>);

impl FormInput {
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, v) in pairs {
            map.entry(k.to_owned()).or_default().push(v.to_owned());
        }
        Self(map)
    }

    /// The first value of `name`, trimmed.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .get(name)
            .and_then(|v| v.first())
            .map(|s| s.trim())
            .unwrap_or("")
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .get(name)
            .map(|v| {
                v.iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn has(&self, name: &str, value: &str) -> bool {
        self.all(name).contains(&value)
    }
}

/// Whether a field is shown, given what has been typed so far.
pub fn is_shown(field: &FormField, input: &FormInput) -> bool {
    match &field.show_if {
        None => true,
        Some(rule) => rule.values.iter().any(|v| input.has(&rule.field, v)),
    }
}

/// The institutions a person may choose, each with its sub-units.
#[derive(Debug, Clone, Default)]
pub struct Institutions(pub Vec<(i64, Vec<i64>)>);

impl Institutions {
    pub fn sub_units_of(&self, institution: i64) -> Option<&[i64]> {
        self.0
            .iter()
            .find(|(id, _)| *id == institution)
            .map(|(_, subs)| subs.as_slice())
    }
}

/// One checked answer, as stored on the ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    Text(String),
    Integer(i64),
}

/// A form that passed every check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub summary: Option<String>,
    pub description: Option<String>,
    pub institution: Option<(i64, Option<i64>)>,
    pub requester_name: Option<String>,
    pub requester_email: Option<String>,
    pub requester_phone: Option<String>,
    /// Custom field values by field code (a select's "Other" text under
    /// `code__other`, checkbox choices one per line).
    pub values: Vec<(String, Answer)>,
    /// The code of the attachments field, when it is shown.
    pub attachments_field: Option<String>,
}

/// Checks a submitted form against its definition. `files` is how many
/// files arrived for the attachments field.
pub fn validate(
    fields: &[FormField],
    input: &FormInput,
    institutions: &Institutions,
    signed_in: bool,
    files: usize,
) -> Result<Answers, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut answers = Answers::default();
    for field in fields.iter().filter(|f| is_shown(f, input)) {
        let code = field.code.as_str();
        let raw = input.get(code);
        let required = field.is_required(signed_in);
        if required && raw.is_empty() && field.input.needs_text() {
            errors.push(code, "error-required");
            continue;
        }
        match &field.input {
            Input::Section => {}
            Input::Institution => {
                if raw.is_empty() {
                    if required {
                        errors.push(code, "error-required");
                    }
                    continue;
                }
                let Some((id, subs)) = raw
                    .parse::<i64>()
                    .ok()
                    .and_then(|id| Some((id, institutions.sub_units_of(id)?)))
                else {
                    errors.push(code, "error-choice-unknown");
                    continue;
                };
                let sub_raw = input.get(&format!("{code}{SUB_UNIT_SUFFIX}"));
                let sub = if sub_raw.is_empty() {
                    None
                } else {
                    match sub_raw.parse::<i64>().ok().filter(|s| subs.contains(s)) {
                        Some(s) => Some(s),
                        None => {
                            errors.push(code, "error-sub-unit-mismatch");
                            continue;
                        }
                    }
                };
                answers.institution = Some((id, sub));
            }
            Input::RequesterName => {
                answers.requester_name = errors.check(short_text(raw, 200), code);
            }
            Input::RequesterEmail => {
                if !signed_in && !raw.is_empty() {
                    answers.requester_email = errors
                        .check(crate::Email::parse(raw), code)
                        .map(|e| e.as_str().to_owned());
                }
            }
            Input::RequesterPhone => {
                if !raw.is_empty() {
                    answers.requester_phone = errors.check(phone(raw), code);
                }
            }
            Input::Summary => {
                answers.summary = errors
                    .check(crate::Summary::parse(raw), code)
                    .map(|s| s.as_str().to_owned());
            }
            Input::Description => {
                answers.description =
                    errors.check(crate::ticket::parse_long_text(raw, required), code);
            }
            Input::Text => {
                if let Some(v) = optional(raw, &mut errors, code, |s| short_text(s, 500)) {
                    answers.push(code, Answer::Text(v));
                }
            }
            Input::LongText => {
                if let Some(v) = optional(raw, &mut errors, code, |s| {
                    crate::ticket::parse_long_text(s, required)
                }) {
                    answers.push(code, Answer::Text(v));
                }
            }
            Input::InventoryNumber => {
                if let Some(v) = optional(raw, &mut errors, code, inventory_number) {
                    answers.push(code, Answer::Text(v));
                }
            }
            Input::Select { options, other } => {
                if raw.is_empty() {
                    continue;
                }
                if *other && raw == OTHER_CHOICE {
                    let other_name = format!("{code}{OTHER_SUFFIX}");
                    let text = input.get(&other_name);
                    if text.is_empty() {
                        errors.push(other_name, "error-other-required");
                    } else if let Some(v) = errors.check(short_text(text, 500), &other_name) {
                        answers.push(code, Answer::Text(OTHER_CHOICE.into()));
                        answers.push(&other_name, Answer::Text(v));
                    }
                } else if options.iter().any(|o| o.code == raw) {
                    answers.push(code, Answer::Text(raw.to_owned()));
                } else {
                    errors.push(code, "error-choice-unknown");
                }
            }
            Input::Checkboxes { options } => {
                let chosen = input.all(code);
                if chosen.is_empty() {
                    if required {
                        errors.push(code, "error-choose-one");
                    }
                    continue;
                }
                if chosen.iter().any(|c| !options.iter().any(|o| o.code == *c)) {
                    errors.push(code, "error-choice-unknown");
                    continue;
                }
                // Kept in the order of the definition, one per line.
                let joined: Vec<&str> = options
                    .iter()
                    .filter(|o| chosen.contains(&o.code.as_str()))
                    .map(|o| o.code.as_str())
                    .collect();
                answers.push(code, Answer::Text(joined.join("\n")));
            }
            Input::Date => {
                if let Some(v) = optional(raw, &mut errors, code, parse_date) {
                    answers.push(code, Answer::Text(v));
                }
            }
            Input::Time => {
                if let Some(v) = optional(raw, &mut errors, code, parse_time) {
                    answers.push(code, Answer::Text(v));
                }
            }
            Input::DateTime => {
                if let Some(v) = optional(raw, &mut errors, code, parse_date_time) {
                    answers.push(code, Answer::Text(v));
                }
            }
            Input::Integer { min, max } => {
                let parsed = optional(raw, &mut errors, code, |s| {
                    let n: i64 = s
                        .replace([' ', '\u{a0}'], "")
                        .parse()
                        .map_err(|_| "error-integer-format")?;
                    if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                        return Err("error-integer-range");
                    }
                    Ok(n)
                });
                if let Some(n) = parsed {
                    answers.push(code, Answer::Integer(n));
                }
            }
            Input::Attachments => {
                if required && files == 0 {
                    errors.push(code, "error-files-required");
                }
                answers.attachments_field = Some(code.to_owned());
            }
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

impl Input {
    /// Kinds whose "required" means one non-empty text input.
    fn needs_text(&self) -> bool {
        !matches!(
            self,
            Input::Section | Input::Institution | Input::Checkboxes { .. } | Input::Attachments
        )
    }
}

impl Answers {
    fn push(&mut self, code: &str, answer: Answer) {
        self.values.push((code.to_owned(), answer));
    }
}

fn optional<T>(
    raw: &str,
    errors: &mut FieldErrors,
    code: &str,
    parse: impl FnOnce(&str) -> Result<T, &'static str>,
) -> Option<T> {
    if raw.is_empty() {
        None
    } else {
        errors.check(parse(raw), code)
    }
}

fn short_text(raw: &str, max_chars: usize) -> Result<String, &'static str> {
    let v = raw.trim();
    if v.chars().count() > max_chars {
        Err("error-too-long")
    } else if v.chars().any(|c| c.is_control()) {
        Err("error-invalid")
    } else {
        Ok(v.to_owned())
    }
}

fn phone(raw: &str) -> Result<String, &'static str> {
    let v = raw.trim();
    let ok = v.len() <= 32
        && v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
        && v.chars().filter(char::is_ascii_digit).count() >= 5;
    if ok {
        Ok(v.to_owned())
    } else {
        Err("error-phone-format")
    }
}

/// `12p 00345` → `12P00345`; anything else that is not two digits, `P`
/// and five digits is refused.
pub fn inventory_number(raw: &str) -> Result<String, &'static str> {
    let v: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect::<String>()
        .to_uppercase();
    let b = v.as_bytes();
    let ok = b.len() == 8
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b'P'
        && b[3..].iter().all(u8::is_ascii_digit);
    if ok {
        Ok(v)
    } else {
        Err("error-inventory-number")
    }
}

/// `2026-11-23` (what a date picker sends) or `23.11.2026` (how a person
/// in Latvia types it) → `2026-11-23`.
pub fn parse_date(raw: &str) -> Result<String, &'static str> {
    let raw = raw.trim();
    let iso = if let Some((d, rest)) = raw.split_once('.') {
        let (m, y) = rest.split_once('.').ok_or("error-date-format")?;
        let y = y.trim_end_matches('.');
        format!("{y:0>4}-{m:0>2}-{d:0>2}")
    } else {
        raw.to_owned()
    };
    if crate::custom_field::is_date(&iso) {
        Ok(iso)
    } else {
        Err("error-date-format")
    }
}

/// `9:05` or `09:05` → `09:05`.
pub fn parse_time(raw: &str) -> Result<String, &'static str> {
    let (h, m) = raw.trim().split_once(':').ok_or("error-time-format")?;
    let m = m
        .get(..2)
        .filter(|_| m.len() == 2 || m.len() == 5)
        .unwrap_or(m);
    match (h.parse::<u32>(), m.parse::<u32>()) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 && !h.to_string().is_empty() => {
            Ok(format!("{h:02}:{m:02}"))
        }
        _ => Err("error-time-format"),
    }
}

/// `2026-11-23T09:05` (a date-time picker) or `23.11.2026 9:05`.
pub fn parse_date_time(raw: &str) -> Result<String, &'static str> {
    let raw = raw.trim();
    let (d, t) = raw
        .split_once('T')
        .or_else(|| raw.split_once(' '))
        .ok_or("error-date-time-format")?;
    let d = parse_date(d).map_err(|_| "error-date-time-format")?;
    let t = parse_time(t).map_err(|_| "error-date-time-format")?;
    Ok(format!("{d}T{t}"))
}

#[cfg(test)]
mod tests;
