//! The words of notifications, in the recipient's language. They are
//! queued in the outbox inside the transaction of the change; the email
//! worker delivers them.

use crate::AppState;
use atbalsts_domain::Locale;
use atbalsts_i18n::Arg;
use atbalsts_store::account_links::Purpose;
use atbalsts_store::notifications::NewNotification;
use atbalsts_store::tickets::Created;

/// A new, unique Message-ID in the domain of the sender address.
pub(crate) fn message_id(state: &AppState, kind: &str) -> String {
    let domain = state
        .config
        .mail_from
        .rsplit_once('@')
        .map(|(_, d)| d.trim_end_matches('>').trim())
        .unwrap_or("localhost");
    let random = atbalsts_store::sessions::random_token("");
    format!("<{kind}.{}@{domain}>", &random[..24])
}

/// At most this many characters of the description go into the email.
const EXCERPT_CHARS: usize = 300;

fn excerpt(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// "We received your request": subject with the key and summary, body with
/// a short description and the link to the request in the portal.
pub(crate) fn request_received(
    state: &AppState,
    created: &Created,
    summary: &str,
    description: &str,
    fallback: Locale,
) -> NewNotification {
    let locale = created
        .requester_locale
        .as_deref()
        .and_then(Locale::parse)
        .unwrap_or(fallback);
    let key = created.key.to_string();
    let link = format!(
        "{}/tickets/{key}",
        state.config.public_url.trim_end_matches('/')
    );
    let args = [
        ("key", Arg::Str(key.clone())),
        ("summary", Arg::Str(summary.to_owned())),
        ("excerpt", Arg::Str(excerpt(description))),
        ("link", Arg::Str(link)),
    ];
    NewNotification {
        kind: "request-received",
        recipient_email: created.requester_email.clone(),
        locale: locale.code().to_owned(),
        ticket_id: Some(created.id),
        subject: state
            .i18n
            .t_args(locale, "mail-request-received-subject", &args),
        body_text: state
            .i18n
            .t_args(locale, "mail-request-received-body", &args),
        message_id: message_id(state, "received"),
    }
}

/// The sign-up verification or password-reset link.
pub(crate) fn account_link(
    state: &AppState,
    email: &str,
    token: &str,
    purpose: Purpose,
    locale: Locale,
) -> NewNotification {
    let (kind, path, subject, body) = match purpose {
        Purpose::Verify => (
            "sign-up",
            "/signup/verify",
            "mail-sign-up-subject",
            "mail-sign-up-body",
        ),
        Purpose::Reset => (
            "password-reset",
            "/password-reset/set",
            "mail-reset-subject",
            "mail-reset-body",
        ),
    };
    let link = format!(
        "{}{path}?token={token}",
        state.config.public_url.trim_end_matches('/')
    );
    let args = [("link", Arg::Str(link))];
    NewNotification {
        kind,
        recipient_email: email.to_owned(),
        locale: locale.code().to_owned(),
        ticket_id: None,
        subject: state.i18n.t(locale, subject),
        body_text: state.i18n.t_args(locale, body, &args),
        message_id: message_id(state, kind),
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn long_descriptions_are_cut_to_a_short_excerpt() {
        assert_eq!(excerpt("  Printeris nedrukā. "), "Printeris nedrukā.");
        let long = "ā".repeat(400);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), 301);
        assert!(e.ends_with('…'));
    }
}
