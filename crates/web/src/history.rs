//! Ticket history as people read it: a change row stores codes (`medium`,
//! `portal`, `open`, `caused_by KISC-2`), and every page that shows one
//! (the agent's ticket page, the customer's request, later panels) names
//! them through the catalogue here, by the kind of field.

use atbalsts_domain::Locale;
use atbalsts_i18n::Catalogue;
use atbalsts_store::sla::policies::StoredPolicy;

/// The name of a changed field, e.g. "Impact" for `impact`.
pub(crate) fn field_label(i18n: &Catalogue, locale: Locale, field: &str) -> String {
    translated(i18n, locale, &format!("history-field-{field}")).unwrap_or_else(|| field.to_owned())
}

/// A stored value of `field` in words of `locale`. `status` names a status
/// code in the ticket's workflow. Values that are already words (a team's or
/// a person's name, a reason typed) stay as they are.
pub(crate) fn history_label(
    i18n: &Catalogue,
    locale: Locale,
    field: &str,
    value: &str,
    status: impl Fn(&str) -> String,
) -> String {
    let by_key = |prefix: &str| {
        translated(i18n, locale, &format!("{prefix}-{value}")).unwrap_or_else(|| value.to_owned())
    };
    match field {
        "status" => status(value),
        "impact" | "urgency" => by_key("level"),
        "priority" => by_key("priority"),
        "channel" => by_key("channel"),
        "link" => link_label(i18n, locale, value),
        // A breached goal's code (`first_response`), in the SLA panel's words.
        "sla_breached" => by_key("sla-goal"),
        "approval" => {
            let (state, comment) = match value.split_once(": ") {
                Some((s, c)) => (s, Some(c)),
                None => (value, None),
            };
            let state = translated(i18n, locale, &format!("approval-state-{state}"))
                .unwrap_or_else(|| state.to_owned());
            match comment {
                Some(c) => format!("{state}: {c}"),
                None => state,
            }
        }
        _ => match value {
            "true" => i18n.t(locale, "value-yes"),
            "false" => i18n.t(locale, "value-no"),
            _ => value.to_owned(),
        },
    }
}

/// An SLA policy as the history names it (the refresh writes its Latvian
/// name; older rows and exports may hold its code) in the reader's
/// language, found among the desk's `policies`; a policy gone since keeps
/// the name it had.
pub(crate) fn sla_policy_label(policies: &[StoredPolicy], locale: Locale, value: &str) -> String {
    policies
        .iter()
        .find(|p| p.name_lv == value || p.code == value)
        .map(|p| match locale {
            Locale::En if !p.name_en.trim().is_empty() => p.name_en.clone(),
            _ => p.name_lv.clone(),
        })
        .unwrap_or_else(|| value.to_owned())
}

/// `caused_by KISC-2` (a link made here) or `caused_by ← KISC-1` (one made
/// on the other ticket) as the link's name and the other ticket's key.
fn link_label(i18n: &Catalogue, locale: Locale, value: &str) -> String {
    let Some((kind, rest)) = value.split_once(' ') else {
        return value.to_owned();
    };
    let (direction, key) = match rest.strip_prefix("← ") {
        Some(key) => ("in", key),
        None => ("out", rest),
    };
    match translated(i18n, locale, &format!("link-{kind}-{direction}")) {
        Some(name) => format!("{name} {key}"),
        None => value.to_owned(),
    }
}

fn translated(i18n: &Catalogue, locale: Locale, key: &str) -> Option<String> {
    i18n.has(locale, key).then(|| i18n.t(locale, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(locale: Locale, field: &str, value: &str) -> String {
        history_label(&Catalogue::load(), locale, field, value, |s| {
            format!("<{s}>")
        })
    }

    #[test]
    fn stored_codes_read_as_words_in_each_language() {
        assert_eq!(label(Locale::En, "impact", "medium"), "Medium");
        assert_eq!(label(Locale::Lv, "urgency", "low"), "Zema");
        assert_eq!(label(Locale::En, "priority", "high"), "High");
        assert_eq!(label(Locale::En, "channel", "email"), "Email");
        assert_eq!(label(Locale::En, "status", "open"), "<open>");
        assert_eq!(
            label(Locale::En, "link", "caused_by KISC-2"),
            "Caused by problem KISC-2"
        );
        assert_eq!(
            label(Locale::En, "link", "caused_by ← KISC-1"),
            "Incident caused KISC-1"
        );
        assert_eq!(
            label(Locale::En, "approval", "rejected: nav budžeta"),
            "rejected: nav budžeta"
        );
        assert_eq!(label(Locale::En, "team", "Tīkli"), "Tīkli");
        assert_eq!(label(Locale::En, "watcher", "true"), "Yes");
        assert_eq!(
            label(Locale::En, "sla_breached", "first_response"),
            "First response"
        );
        assert_eq!(
            label(Locale::Lv, "sla_breached", "resolution"),
            "Atrisināšana"
        );
    }
}
