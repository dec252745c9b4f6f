//! Mail written by machines, recognised before anything else about a
//! message is required: a bounce from `MAILER-DAEMON <>` has no sender
//! address at all and must still be known for a bounce, not quarantined.

use atbalsts_domain::Email;
use mail_parser::{Message, MimeHeaders};

/// Why a message was written by a machine and must not be answered, if it
/// was. `from_text` is the `From` header as written, for senders with no
/// valid address.
pub fn automatic(
    msg: &Message<'_>,
    sender: Option<&Email>,
    from_text: &str,
) -> Option<&'static str> {
    let header = |name: &str| msg.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    let is_report = msg.content_type().is_some_and(|c| {
        c.ctype().eq_ignore_ascii_case("multipart")
            && c.subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    let daemon = |local: &str| ["mailer-daemon", "postmaster"].contains(&local);
    let from_daemon = match sender {
        Some(s) => daemon(s.as_str().split('@').next().unwrap_or("")),
        None => {
            let from = from_text.to_ascii_lowercase();
            from.contains("mailer-daemon") || from.contains("postmaster")
        }
    };
    if is_report || from_daemon {
        return Some("bounce");
    }
    if header("Auto-Submitted").is_some_and(|v| v != "no")
        || header("X-Autoreply").is_some()
        || header("X-Autorespond").is_some()
    {
        return Some("auto-reply");
    }
    // A null return path without any auto-reply header: a delivery report.
    if header("Return-Path").as_deref() == Some("<>") {
        return Some("bounce");
    }
    if header("Precedence")
        .is_some_and(|v| ["bulk", "junk", "list", "auto_reply"].contains(&v.as_str()))
        || header("List-Id").is_some()
        || header("List-Unsubscribe").is_some()
    {
        return Some("bulk mail");
    }
    let subject = msg.subject().unwrap_or("").to_lowercase();
    const OUT_OF_OFFICE: &[&str] = &[
        "automatic reply",
        "auto:",
        "out of office",
        "automātiskā atbilde",
        "prombūtnē",
        "atvaļinājumā",
        "abwesenheitsnotiz",
    ];
    if OUT_OF_OFFICE.iter().any(|p| subject.starts_with(p)) {
        return Some("auto-reply");
    }
    None
}

/// The address our mail could not be delivered to, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bounce {
    pub recipient: String,
    pub reason: String,
}

impl Bounce {
    /// The failed recipient named in a delivery report, if one is.
    pub(super) fn of(msg: &Message<'_>, raw: &[u8]) -> Option<Bounce> {
        let text = String::from_utf8_lossy(raw);
        let mut recipient = None;
        let mut status = String::new();
        for line in text.lines() {
            let lower = line.to_ascii_lowercase();
            if let Some(rest) = lower.strip_prefix("final-recipient:") {
                recipient = rest.rsplit(';').next().map(|a| a.trim().to_owned());
            } else if lower.starts_with("diagnostic-code:")
                || (lower.starts_with("status:") && status.is_empty())
            {
                status = line
                    .split_once(':')
                    .map(|(_, v)| v.trim().to_owned())
                    .unwrap_or_default();
            }
        }
        let recipient = recipient.filter(|a| a.contains('@'))?;
        let reason = if status.is_empty() {
            msg.subject().unwrap_or("bounce").to_owned()
        } else {
            status
        };
        Some(Bounce { recipient, reason })
    }
}
