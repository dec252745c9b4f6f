//! The kinds of notification mail and the small template language a desk
//! uses to reword them: plain text with `{name}` placeholders, the names
//! fixed per kind. The translation catalogue holds the default wording; a
//! desk's own wording replaces it per kind and language.

use crate::FieldErrors;

pub mod input;

/// One kind of notification: its code, the catalogue keys of its default
/// subject and body, and the placeholders its text may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailKind {
    pub code: &'static str,
    pub subject_key: &'static str,
    pub body_key: &'static str,
    pub placeholders: &'static [&'static str],
    /// Whether it goes to staff (and can be switched off per person).
    pub for_staff: bool,
}

const TICKET_EXCERPT: &[&str] = &["key", "summary", "link", "excerpt"];
const SUBJECT: &str = "mail-request-received-subject";

/// Every kind of notification, in the order administrators see them.
pub const KINDS: &[MailKind] = &[
    MailKind {
        code: "request-received",
        subject_key: SUBJECT,
        body_key: "mail-request-received-body",
        placeholders: TICKET_EXCERPT,
        for_staff: false,
    },
    MailKind {
        code: "public-reply",
        subject_key: SUBJECT,
        body_key: "mail-public-reply-body",
        placeholders: &["key", "summary", "link", "author", "body"],
        for_staff: false,
    },
    MailKind {
        code: "status-changed",
        subject_key: SUBJECT,
        body_key: "mail-status-changed-body",
        placeholders: &["key", "summary", "link", "status"],
        for_staff: false,
    },
    MailKind {
        code: "request-resolved",
        subject_key: SUBJECT,
        body_key: "mail-request-resolved-body",
        placeholders: &["key", "summary", "link", "status", "survey", "survey_link"],
        for_staff: false,
    },
    MailKind {
        code: "approval-requested",
        subject_key: "mail-approval-requested-subject",
        body_key: "mail-approval-requested-body",
        placeholders: &[
            "key",
            "summary",
            "link",
            "approval_link",
            "requester",
            "excerpt",
        ],
        for_staff: false,
    },
    MailKind {
        code: "sign-up",
        subject_key: "mail-sign-up-subject",
        body_key: "mail-sign-up-body",
        placeholders: &["link"],
        for_staff: false,
    },
    MailKind {
        code: "attachment-too-large",
        subject_key: "mail-attachment-too-large-subject",
        body_key: "mail-attachment-too-large-body",
        placeholders: &["subject", "filename", "limit"],
        for_staff: false,
    },
    MailKind {
        code: "password-reset",
        subject_key: "mail-reset-subject",
        body_key: "mail-reset-body",
        placeholders: &["link"],
        for_staff: false,
    },
    MailKind {
        code: "password-changed",
        subject_key: "mail-password-changed-subject",
        body_key: "mail-password-changed-body",
        placeholders: &["link"],
        for_staff: false,
    },
    MailKind {
        code: "assigned-to-you",
        subject_key: SUBJECT,
        body_key: "mail-agent-assigned-to-you-body",
        placeholders: TICKET_EXCERPT,
        for_staff: true,
    },
    MailKind {
        code: "new-in-queue",
        subject_key: SUBJECT,
        body_key: "mail-agent-new-in-queue-body",
        placeholders: TICKET_EXCERPT,
        for_staff: true,
    },
    MailKind {
        code: "customer-replied",
        subject_key: SUBJECT,
        body_key: "mail-agent-customer-replied-body",
        placeholders: TICKET_EXCERPT,
        for_staff: true,
    },
    MailKind {
        code: "watched-updated",
        subject_key: SUBJECT,
        body_key: "mail-agent-watched-updated-body",
        placeholders: TICKET_EXCERPT,
        for_staff: true,
    },
    MailKind {
        code: "article-review-due",
        subject_key: "mail-article-review-due-subject",
        body_key: "mail-article-review-due-body",
        placeholders: &["name", "count", "articles", "link"],
        for_staff: true,
    },
    MailKind {
        code: "sla-warning",
        subject_key: "mail-sla-warning-subject",
        body_key: "mail-sla-warning-body",
        placeholders: SLA,
        for_staff: true,
    },
    MailKind {
        code: "sla-breach",
        subject_key: "mail-sla-breach-subject",
        body_key: "mail-sla-breach-body",
        placeholders: SLA_BREACH,
        for_staff: true,
    },
    MailKind {
        code: "satisfaction-low",
        subject_key: "mail-satisfaction-low-subject",
        body_key: "mail-satisfaction-low-body",
        placeholders: &["key", "summary", "link", "score", "comment"],
        for_staff: true,
    },
];

/// An SLA notice names the goal and when it is (was) due, in Riga time.
const SLA: &[&str] = &["key", "summary", "link", "goal", "due"];

/// A breach also says how late it is, in business time.
const SLA_BREACH: &[&str] = &["key", "summary", "link", "goal", "due", "overdue"];

/// Kinds about a ticket's progress that may be folded together when several
/// reach one person about one ticket within a short time.
pub const FOLDABLE: &[&str] = &[
    "public-reply",
    "status-changed",
    "request-resolved",
    "customer-replied",
    "watched-updated",
];

pub fn kind(code: &str) -> Option<&'static MailKind> {
    KINDS.iter().find(|k| k.code == code)
}

/// Placeholders are `{name}`: a letter or `_` after the brace, then
/// letters, digits, `_` or `-`, then the closing brace. Other braces are
/// text. Letters may be any script's, so a mistyped `{vārds}` is caught.
fn placeholders(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some((start, c)) = rest.next() {
            if c != '{' {
                continue;
            }
            match rest.peek() {
                Some((_, f)) if f.is_alphabetic() || *f == '_' => {}
                _ => continue,
            }
            let mut end = None;
            while let Some(&(i, c)) = rest.peek() {
                if c == '}' {
                    end = Some(i);
                    rest.next();
                    break;
                }
                if !(c.is_alphanumeric() || c == '_' || c == '-') {
                    break;
                }
                rest.next();
            }
            if let Some(end) = end {
                return Some((start, end + 1, &text[start + 1..end]));
            }
        }
        None
    })
}

/// The placeholders in `text` that are not among `allowed`.
pub fn unknown_in<'a>(allowed: &[&str], text: &'a str) -> Vec<&'a str> {
    placeholders(text)
        .map(|(_, _, name)| name)
        .filter(|name| !allowed.contains(name))
        .collect()
}

/// The text with each known placeholder replaced by its value; unknown ones
/// are left as written (a saved template has none, see `check`).
pub fn render(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut last = 0;
    for (start, end, name) in placeholders(template) {
        if let Some((_, v)) = values.iter().find(|(n, _)| *n == name) {
            out.push_str(&template[last..start]);
            out.push_str(v);
            last = end;
        }
    }
    out.push_str(&template[last..]);
    out
}

/// The placeholders in `text` that `kind` does not offer.
pub fn unknown_placeholders<'a>(kind: &MailKind, text: &'a str) -> Vec<&'a str> {
    unknown_in(kind.placeholders, text)
}

/// Checks a desk's wording for `kind`: a subject on one line, a body, and
/// only the placeholders the kind offers.
pub fn check(kind: &MailKind, subject: &str, body: &str) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    let subject_trimmed = subject.trim();
    if subject_trimmed.is_empty() {
        errors.push("mail_subject", "error-required");
    } else if subject_trimmed.contains(['\n', '\r']) || subject_trimmed.chars().count() > 255 {
        errors.push("mail_subject", "error-template-subject");
    } else if !unknown_placeholders(kind, subject).is_empty() {
        errors.push("mail_subject", "error-template-placeholder");
    }
    if body.trim().is_empty() {
        errors.push("mail_body", "error-required");
    } else if body.chars().count() > 20_000 {
        errors.push("mail_body", "error-too-long");
    } else if !unknown_placeholders(kind, body).is_empty() {
        errors.push("mail_body", "error-template-placeholder");
    }
    errors.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_and_other_braces_stay_text() {
        let out = render(
            "[{key}] {summary} {nav} { key } {}",
            &[("key", "KISC-1"), ("summary", "Printeris {x}")],
        );
        assert_eq!(out, "[KISC-1] Printeris {x} {nav} { key } {}");
    }

    #[test]
    fn a_template_may_use_only_the_placeholders_of_its_kind() {
        let received = kind("request-received").unwrap();
        assert!(check(received, "[{key}] {summary}", "Saite: {link}\n{excerpt}").is_ok());
        let errors = check(received, "{key}", "Sveiki, {author}!").unwrap_err();
        assert_eq!(errors.0[0].field, "mail_body");
        assert_eq!(errors.0[0].code, "error-template-placeholder");
        let errors = check(received, "a\nb", " ").unwrap_err();
        assert_eq!(errors.0.len(), 2);
    }

    #[test]
    fn every_kind_has_distinct_code_and_its_own_body() {
        for (i, k) in KINDS.iter().enumerate() {
            assert!(KINDS[i + 1..]
                .iter()
                .all(|o| o.code != k.code && o.body_key != k.body_key));
        }
        assert!(FOLDABLE.iter().all(|f| kind(f).is_some()));
    }
}
