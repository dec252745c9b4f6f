//! One check for every way a ticket comes in. The portal form, the agent's
//! new-ticket page, the API and email each translate what they received
//! into a [`TicketRequest`]; [`check`] applies the request type's form (or,
//! without one, the kinds of the desk's fields) and the caller's rights,
//! and answers the [`CheckedTicket`] the store files — or every field error,
//! named as the portal names them.

use crate::custom_field::{FieldKind, FieldValue};
use crate::form::{self, Answer, Answers, FormField, FormInput, Input, Institutions};
use crate::{Channel, Email, FieldErrors, Labels, Priority, Summary};

/// Error code of a claim only the desk's staff may make.
pub const STAFF_ONLY: &str = "error-staff-only";
/// Error code of an institution that is not the signed-in person's.
pub const NOT_YOUR_INSTITUTION: &str = "error-institution-not-yours";
/// Where institution errors go when the form has no institution field.
pub const INSTITUTION: &str = "institution";

/// What a channel received, not yet trusted.
#[derive(Debug, Clone, Default)]
pub struct TicketRequest {
    /// Answers by field code: the portal form's inputs, the API's `fields`.
    pub answers: FormInput,
    /// Summary and description given beside the form (the API body, the
    /// agent page, an email). A form field of that kind answers first. A
    /// summary not sent at all (`None`) is, with a request type, its name.
    pub summary: Option<String>,
    pub description: String,
    /// How many files arrived for the attachments field.
    pub files: usize,
    /// Claims only the desk's staff may make; `None` when not sent.
    pub priority: Option<String>,
    pub channel: Option<String>,
    /// Whom the ticket is for, when not the caller.
    pub requester_email: Option<String>,
    /// An institution (id) and sub-unit named outside a form's institution field.
    pub institution: Option<String>,
    pub sub_unit: Option<String>,
}

/// What the desk says about this way in, loaded by the store.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The request type's form as this caller sees it ([`form_for`]);
    /// `None` when a ticket is filed by ticket type alone.
    pub form: Option<Vec<FormField>>,
    /// The summary when neither the form nor the request gives one (the
    /// request type's name).
    pub title: Option<String>,
    pub open_to_external: bool,
    pub needs_approval: bool,
    /// The desk's custom fields, which answers without a form are checked against.
    pub desk_fields: Vec<DeskField>,
    /// Every institution with its sub-units.
    pub institutions: Institutions,
    /// The channel of a ticket unless staff name another.
    pub channel: Channel,
}

impl Rules {
    /// No form, no fields, no institutions to name: a way in that sends
    /// only a summary and a description (email).
    pub fn bare(channel: Channel) -> Self {
        Self {
            form: None,
            title: None,
            open_to_external: false,
            needs_approval: false,
            desk_fields: Vec::new(),
            institutions: Institutions::default(),
            channel,
        }
    }
}

/// A custom field of the desk with the form kinds its request types give
/// the same code (an inventory number, a select's choices): an answer
/// without a form must pass one of them, else the stored kind.
#[derive(Debug, Clone)]
pub struct DeskField {
    pub code: String,
    pub kind: FieldKind,
    pub inputs: Vec<Input>,
}

/// Who files, and so which claims they may make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// Staff of the desk: may file for anyone, with any priority, channel
    /// and institution.
    Staff,
    /// A signed-in person who is not staff of the desk: files for
    /// themselves, for their own institution (any of its sub-units).
    Customer {
        institution: Option<i64>,
        /// Whether the desk confirmed the institution of their account.
        confirmed: bool,
    },
    /// Nobody signed in: the form's email names the requester.
    Anonymous,
    /// The server itself (inbound mail): the channel decides the sender.
    System,
}

/// Who the ticket is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requester {
    /// The signed-in caller (or, for mail, the sender).
    Caller,
    /// Someone named by address: an anonymous filer, or whom staff file for.
    Contact {
        email: Email,
        name: String,
        phone: Option<String>,
    },
}

/// A request that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedTicket {
    pub summary: Summary,
    pub description: String,
    pub priority: Priority,
    pub channel: Channel,
    pub requester: Requester,
    /// `None`: the requester's own institution (never for anonymous filing).
    pub institution: Option<(i64, Option<i64>)>,
    /// False while nobody the desk trusts vouches for the institution
    /// (typed without signing in, or an account's not yet confirmed): no
    /// approval request goes out until staff confirm it.
    pub institution_confirmed: bool,
    /// Filed by someone not signed in, whatever address they gave.
    pub filed_without_sign_in: bool,
    /// Custom field values by field code.
    pub values: Vec<(String, FieldValue)>,
    /// The requester's name and phone as typed into the form.
    pub requester_name: Option<String>,
    pub requester_phone: Option<String>,
}

/// The form as one caller sees it: [`form::for_viewer`], and for someone
/// not signed in a request type not open to external users asks for the
/// institution (added when the form has no institution field).
pub fn form_for(fields: &[FormField], signed_in: bool, open_to_external: bool) -> Vec<FormField> {
    let mut out = with_summary(form::for_viewer(fields, signed_in));
    if signed_in || open_to_external {
        return out;
    }
    match out.iter_mut().find(|f| f.input == Input::Institution) {
        Some(f) => f.required = true,
        None => out.insert(
            0,
            FormField {
                // The form's own codes are kept: `institution` unless one
                // of them is that already.
                code: if fields.iter().any(|f| f.code == INSTITUTION) {
                    format!("{INSTITUTION}_id")
                } else {
                    INSTITUTION.into()
                },
                input: Input::Institution,
                required: true,
                labels: Labels::new(
                    "Iestāde un struktūrvienība (ja tāda ir)",
                    "Institution and sub-unit (if any)",
                ),
                help: Labels::default(),
                show_if: None,
            },
        ),
    }
    out
}

/// Code of the summary field a form gains when it has none (or, when a
/// field of another kind already has that code, [`SUMMARY_ALT`]).
pub const SUMMARY: &str = "summary";
pub const SUMMARY_ALT: &str = "summary_text";

/// Every form asks for a short summary of the request, which titles the
/// ticket in the queue: a form without a field of that kind gains one
/// (required, at most [`crate::Summary::MAX_CHARS`] characters) just before
/// its description, or first when it has none. The portal prefills it with
/// the request type's name.
fn with_summary(mut fields: Vec<FormField>) -> Vec<FormField> {
    if fields.iter().any(|f| f.input == Input::Summary) {
        return fields;
    }
    let code = if fields.iter().any(|f| f.code == SUMMARY) {
        SUMMARY_ALT
    } else {
        SUMMARY
    };
    let at = fields
        .iter()
        .position(|f| f.input == Input::Description)
        .unwrap_or(0);
    fields.insert(
        at,
        FormField {
            code: code.into(),
            input: Input::Summary,
            required: true,
            labels: Labels::new("Īss apraksts", "Short summary"),
            help: Labels::default(),
            show_if: None,
        },
    );
    fields
}

/// Checks a request against the desk's rules and the caller's rights.
pub fn check(
    request: &TicketRequest,
    rules: &Rules,
    caller: &Caller,
) -> Result<CheckedTicket, FieldErrors> {
    let mut errors = FieldErrors::default();
    let staff = *caller == Caller::Staff;
    let signed_in = *caller != Caller::Anonymous;
    let mut form_failed = false;

    let (answers, values) = match &rules.form {
        Some(fields) => match form::validate(
            fields,
            &with_beside(fields, request, rules.title.as_deref()),
            &rules.institutions,
            signed_in,
            request.files,
        ) {
            Ok(a) => {
                let values = a
                    .values
                    .iter()
                    .map(|(c, v)| (c.clone(), value(v)))
                    .collect();
                (a, values)
            }
            Err(e) => {
                errors.0.extend(e.0);
                form_failed = true;
                (Answers::default(), Vec::new())
            }
        },
        None => (
            Answers::default(),
            by_kind(&request.answers, &rules.desk_fields, &mut errors),
        ),
    };

    let beside = request.summary.as_deref().unwrap_or("").trim();
    let summary = match (&answers.summary, beside, &rules.title) {
        (Some(s), _, _) => Summary::parse(s).ok(),
        (None, "", Some(title)) if rules.form.is_some() => Summary::parse(title).ok(),
        (None, raw, _) => errors.check(Summary::parse(raw), "summary"),
    };
    let description = match &answers.description {
        Some(d) => Some(d.clone()),
        // Mail keeps all its text; its channel bounds and cleans it.
        None if *caller == Caller::System => Some(request.description.clone()),
        None => errors.check(
            crate::ticket::parse_long_text(&request.description, false),
            "description",
        ),
    };

    let priority = staff_claim(&request.priority, staff, "priority", &mut errors, |raw| {
        Priority::parse(raw)
    })
    .unwrap_or(Priority::Medium);
    let channel = staff_claim(&request.channel, staff, "channel", &mut errors, |raw| {
        Channel::parse(raw)
    })
    .unwrap_or(rules.channel);
    let named_for = staff_claim(
        &request.requester_email,
        staff,
        "requester_email",
        &mut errors,
        Email::parse,
    );

    let institution_field = rules
        .form
        .iter()
        .flatten()
        .find(|f| f.input == Input::Institution)
        .map(|f| f.code.clone())
        .unwrap_or_else(|| INSTITUTION.to_owned());
    // A form that failed still has its institution claim checked, so all
    // is said at once.
    let typed = || {
        let raw = request.answers.get(&institution_field);
        raw.parse::<i64>().ok().map(|id| (id, None))
    };
    let named = answers
        .institution
        .or_else(|| form_failed.then(typed).flatten())
        .or_else(|| outside_form(request, &rules.institutions, &mut errors));
    let (institution, institution_confirmed) = match caller {
        Caller::Staff | Caller::System => (named, true),
        Caller::Customer {
            institution,
            confirmed,
        } => {
            if named.is_some_and(|(i, _)| Some(i) != *institution) {
                errors.push(&institution_field, NOT_YOUR_INSTITUTION);
            }
            (named, *confirmed || institution.is_none())
        }
        Caller::Anonymous => {
            // A form that failed has told already what it lacks.
            if named.is_none() && !rules.open_to_external && !form_failed {
                errors.push(&institution_field, "error-required");
            }
            // Only what was typed: nobody vouches for it until staff do.
            (named, named.is_none())
        }
    };

    let requester = match (caller, named_for) {
        (_, Some(email)) => Requester::Contact {
            name: answers
                .requester_name
                .clone()
                .unwrap_or_else(|| email.as_str().to_owned()),
            email,
            phone: answers.requester_phone.clone(),
        },
        (Caller::Anonymous, None) => match &answers.requester_email {
            Some(raw) => match Email::parse(raw) {
                Ok(email) => Requester::Contact {
                    name: answers.requester_name.clone().unwrap_or_default(),
                    email,
                    phone: answers.requester_phone.clone(),
                },
                Err(code) => {
                    errors.push("requester_email", code);
                    Requester::Caller
                }
            },
            None => {
                // A form that failed has told already what it lacks.
                if !form_failed {
                    errors.push("requester_email", "error-required");
                }
                Requester::Caller
            }
        },
        _ => Requester::Caller,
    };

    match (errors.is_empty(), summary, description) {
        (true, Some(summary), Some(description)) => Ok(CheckedTicket {
            summary,
            description,
            priority,
            channel,
            requester,
            institution,
            institution_confirmed,
            filed_without_sign_in: *caller == Caller::Anonymous,
            values,
            requester_name: answers.requester_name,
            requester_phone: answers.requester_phone,
        }),
        _ => Err(errors),
    }
}

/// The answers, with the summary and description given beside the form
/// (as the API sends them) under the codes of the form's fields of that kind.
fn with_beside(fields: &[FormField], request: &TicketRequest, title: Option<&str>) -> FormInput {
    let mut answers = request.answers.clone();
    if let Some(f) = fields.iter().find(|f| f.input == Input::Summary) {
        // A way in that sends no summary at all (a script naming only the
        // request type) gets the request type's name, as the portal form is
        // prefilled with it; a summary sent blank is refused, as the form's is.
        let beside = request.summary.as_deref().map(str::to_owned);
        if let Some(text) = beside.or_else(|| title.map(str::to_owned)) {
            if !answers.0.contains_key(&f.code) {
                answers.0.insert(f.code.clone(), vec![text]);
            }
        }
    }
    if let Some(f) = fields.iter().find(|f| f.input == Input::Description) {
        let text = &request.description;
        if answers.get(&f.code).is_empty() && !text.trim().is_empty() {
            answers.0.insert(f.code.clone(), vec![text.clone()]);
        }
    }
    answers
}

/// A claim only staff may make: parsed for them, refused for anyone else.
fn staff_claim<T>(
    raw: &Option<String>,
    staff: bool,
    field: &str,
    errors: &mut FieldErrors,
    parse: impl FnOnce(&str) -> Result<T, &'static str>,
) -> Option<T> {
    match raw {
        None => None,
        Some(_) if !staff => {
            errors.push(field, STAFF_ONLY);
            None
        }
        Some(raw) => errors.check(parse(raw.trim()), field),
    }
}

/// An institution named beside the form (the API's `institution`).
fn outside_form(
    request: &TicketRequest,
    institutions: &Institutions,
    errors: &mut FieldErrors,
) -> Option<(i64, Option<i64>)> {
    let raw = request.institution.as_deref()?.trim();
    let Some(subs) = raw
        .parse::<i64>()
        .ok()
        .and_then(|id| institutions.sub_units_of(id))
    else {
        errors.push(INSTITUTION, "error-choice-unknown");
        return None;
    };
    let id = raw.parse::<i64>().ok()?;
    match request.sub_unit.as_deref().map(str::trim) {
        None | Some("") => Some((id, None)),
        Some(s) => match s.parse::<i64>().ok().filter(|s| subs.contains(s)) {
            Some(sub) => Some((id, Some(sub))),
            None => {
                errors.push(INSTITUTION, "error-sub-unit-mismatch");
                None
            }
        },
    }
}

fn value(answer: &Answer) -> FieldValue {
    match answer {
        Answer::Text(t) => FieldValue::Text(t.clone()),
        Answer::Integer(i) => FieldValue::Integer(*i),
    }
}

/// Answers without a form, each checked against the desk field of its
/// code: the form kinds the desk's request types give it first (so an
/// inventory number or a select's choice is held to its rule), else the
/// stored kind. Errors are named `fields.<code>`, as the API sends them.
fn by_kind(
    answers: &FormInput,
    desk_fields: &[DeskField],
    errors: &mut FieldErrors,
) -> Vec<(String, FieldValue)> {
    let mut out = Vec::new();
    for (code, raw) in &answers.0 {
        let name = format!("fields.{code}");
        let Some(field) = desk_fields.iter().find(|f| &f.code == code) else {
            errors.push(name, "error-field-unknown");
            continue;
        };
        let parsed = if field.inputs.is_empty() {
            stored_kind(field.kind, raw)
        } else {
            // The first rule that accepts the answer; else the first refusal.
            let tries: Vec<_> = field
                .inputs
                .iter()
                .map(|input| form_kind(input, field.kind, raw))
                .collect();
            tries
                .iter()
                .find(|r| r.is_ok())
                .unwrap_or(&tries[0])
                .clone()
        };
        if let Some(v) = errors.check(parsed, &name) {
            out.push((code.clone(), v));
        }
    }
    out
}

/// One answer held to a form kind, without the rest of its form.
fn form_kind(input: &Input, kind: FieldKind, raw: &[String]) -> Result<FieldValue, &'static str> {
    let one = || raw.first().map(|s| s.trim()).unwrap_or("");
    let text = |v: String| Ok(FieldValue::Text(v));
    match input {
        Input::InventoryNumber => form::inventory_number(one()).map(FieldValue::Text),
        Input::Select { options, other } => {
            let v = one();
            if options.iter().any(|o| o.code == v) || (*other && v == form::OTHER_CHOICE) {
                text(v.to_owned())
            } else {
                Err("error-choice-unknown")
            }
        }
        Input::Checkboxes { options } => {
            let chosen: Vec<&str> = raw.iter().map(|s| s.trim()).collect();
            if chosen.iter().all(|c| options.iter().any(|o| o.code == *c)) {
                text(chosen.join("\n"))
            } else {
                Err("error-choice-unknown")
            }
        }
        Input::Date => form::parse_date(one()).map(FieldValue::Text),
        Input::Time => form::parse_time(one()).map(FieldValue::Text),
        Input::DateTime => form::parse_date_time(one()).map(FieldValue::Text),
        _ => stored_kind(kind, raw),
    }
}

/// One answer held to the stored kind of its field.
fn stored_kind(kind: FieldKind, raw: &[String]) -> Result<FieldValue, &'static str> {
    let [one] = raw else {
        return Err("error-invalid");
    };
    let one = one.trim();
    match kind {
        FieldKind::Text if one.len() > 4096 => Err("error-too-long"),
        FieldKind::Text if one.chars().any(|c| c.is_control() && c != '\n') => Err("error-invalid"),
        FieldKind::Text => Ok(FieldValue::Text(one.to_owned())),
        FieldKind::Integer => one
            .parse()
            .map(FieldValue::Integer)
            .map_err(|_| "error-integer-format"),
        FieldKind::Date if crate::custom_field::is_date(one) => {
            Ok(FieldValue::Text(one.to_owned()))
        }
        FieldKind::Date => Err("error-date-format"),
    }
}

#[cfg(test)]
mod tests;
