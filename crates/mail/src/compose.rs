//! The words of notifications, in the recipient's language. They are
//! queued in the outbox inside the transaction of the change; the email
//! worker delivers them.

use atbalsts_domain::Locale;
use atbalsts_i18n::{Arg, Catalogue};
use atbalsts_store::account_links::Purpose;
use atbalsts_store::notifications::NewNotification;
use atbalsts_store::tickets::{Created, Ticket};
use std::sync::Arc;

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

/// Composes notifications: the catalogue for the words, the public
/// address for links, the sender's domain for Message-IDs.
#[derive(Clone)]
pub struct Composer {
    i18n: Arc<Catalogue>,
    public_url: String,
    domain: String,
}

impl Composer {
    pub fn new(i18n: Arc<Catalogue>, public_url: &str, mail_from: &str) -> Self {
        let domain = mail_from
            .rsplit_once('@')
            .map(|(_, d)| d.trim_end_matches('>').trim())
            .filter(|d| !d.is_empty())
            .unwrap_or("localhost")
            .to_owned();
        Self {
            i18n,
            public_url: public_url.trim_end_matches('/').to_owned(),
            domain,
        }
    }

    /// A new, unique Message-ID in the domain of the sender address.
    pub fn message_id(&self, kind: &str) -> String {
        let random = atbalsts_store::sessions::random_token("");
        format!("<{kind}.{}@{}>", &random[..24], self.domain)
    }

    /// "We received your request": subject with the key and summary, body
    /// with a short description and the link to the request in the portal.
    pub fn request_received(
        &self,
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
        let link = format!("{}/tickets/{key}", self.public_url);
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
            subject: self
                .i18n
                .t_args(locale, "mail-request-received-subject", &args),
            body_text: self
                .i18n
                .t_args(locale, "mail-request-received-body", &args),
            message_id: self.message_id("received"),
        }
    }

    /// A notification about ticket `key`: subject `[KEY] summary`, the body
    /// from `body_key` with the ticket's key, summary and link and `extra`.
    #[allow(clippy::too_many_arguments)]
    fn about_ticket(
        &self,
        kind: &'static str,
        to: &str,
        locale: Locale,
        ticket_id: i64,
        key: &str,
        summary: &str,
        body_key: &str,
        extra: &[(&str, String)],
    ) -> NewNotification {
        let mut args = vec![
            ("key", Arg::Str(key.to_owned())),
            ("summary", Arg::Str(summary.to_owned())),
            (
                "link",
                Arg::Str(format!("{}/tickets/{key}", self.public_url)),
            ),
        ];
        args.extend(extra.iter().map(|(k, v)| (*k, Arg::Str(v.clone()))));
        NewNotification {
            kind,
            recipient_email: to.to_owned(),
            locale: locale.code().to_owned(),
            ticket_id: Some(ticket_id),
            subject: self
                .i18n
                .t_args(locale, "mail-request-received-subject", &args),
            body_text: self.i18n.t_args(locale, body_key, &args),
            message_id: self.message_id(kind),
        }
    }

    /// An agent's public reply, to the requester, in the ticket's thread.
    pub fn public_reply(
        &self,
        ticket: &Ticket,
        locale: Locale,
        author: &str,
        body: &str,
    ) -> NewNotification {
        self.about_ticket(
            "public-reply",
            &ticket.requester_email,
            locale,
            ticket.id,
            &ticket.key,
            &ticket.summary,
            "mail-public-reply-body",
            &[("author", author.to_owned()), ("body", body.to_owned())],
        )
    }

    /// The request moved to another status (seed 000: on every change).
    pub fn status_changed(
        &self,
        ticket: &Ticket,
        locale: Locale,
        status: &atbalsts_domain::Labels,
    ) -> NewNotification {
        self.about_ticket(
            "status-changed",
            &ticket.requester_email,
            locale,
            ticket.id,
            &ticket.key,
            &ticket.summary,
            "mail-status-changed-body",
            &[("status", status.get(locale).to_owned())],
        )
    }

    /// A notification to staff: `kind` is one of `AGENT_KINDS` ("a new
    /// request in your team's queue", "the customer replied"), in the
    /// agent's language, in the ticket's thread.
    pub fn for_agent(
        &self,
        kind: &'static str,
        to: &atbalsts_store::notifications::Recipient,
        ticket_id: i64,
        key: &str,
        summary: &str,
        text: &str,
    ) -> NewNotification {
        let locale = to
            .locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default();
        self.about_ticket(
            kind,
            &to.email,
            locale,
            ticket_id,
            key,
            summary,
            &format!("mail-agent-{kind}-body"),
            &[("excerpt", excerpt(text))],
        )
    }

    /// The sign-up verification or password-reset link.
    pub fn account_link(
        &self,
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
        let link = format!("{}{path}?token={token}", self.public_url);
        let args = [("link", Arg::Str(link))];
        NewNotification {
            kind,
            recipient_email: email.to_owned(),
            locale: locale.code().to_owned(),
            ticket_id: None,
            subject: self.i18n.t(locale, subject),
            body_text: self.i18n.t_args(locale, body, &args),
            message_id: self.message_id(kind),
        }
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
