//! Delivering queued notifications. Each is sent by its job (see
//! `notifications::queue`): the job system gives leases, retries with
//! backoff and crash safety; this module renders the message and talks to
//! the SMTP server. A notification is given up (and shown to
//! administrators) when the server refuses it for good, or when it is still
//! undelivered after `fail_after`.

use atbalsts_store::notifications::{self, Notification};
use atbalsts_store::{now_ms, Db};
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `smtp://host:port` (plain), `smtp://host:port?tls=required`
    /// (STARTTLS), `smtps://user:password@host:465` (TLS); none: mail waits.
    pub smtp_url: Option<String>,
    /// `Name <address@domain>`.
    pub from: String,
    /// Where replies go: the desk's inbound address (default: `from`).
    pub reply_to: Option<String>,
    /// Undelivered notifications older than this are marked failed.
    pub fail_after: Duration,
    /// Whether notifications of a burst are folded into one message (the
    /// window itself is the composer's: how long they wait).
    pub fold: bool,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: "Atbalsts <atbalsts@localhost>".to_owned(),
            reply_to: None,
            fail_after: Duration::from_secs(2 * 24 * 3600),
            fold: true,
        }
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834): mail robots must not answer it.
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

#[derive(Clone)]
pub struct Outbound {
    db: Db,
    settings: MailSettings,
    from: Mailbox,
    reply_to: Mailbox,
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
}

impl Outbound {
    pub fn new(db: Db, settings: MailSettings) -> Result<Self, String> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e| format!("mail sender {:?}: {e}", settings.from))?;
        let reply_to: Mailbox = match &settings.reply_to {
            Some(r) => r.parse().map_err(|e| format!("reply-to {r:?}: {e}"))?,
            None => from.clone(),
        };
        let transport = match &settings.smtp_url {
            None => None,
            Some(url) => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("SMTP URL: {e}"))?
                    .timeout(Some(Duration::from_secs(30)))
                    .build(),
            ),
        };
        Ok(Self {
            db,
            settings,
            from,
            reply_to,
            transport,
        })
    }

    /// The message for a notification: plain text with an HTML
    /// alternative, our Message-ID, the ticket's thread, and the headers
    /// that tell mail robots not to answer.
    pub fn render(&self, n: &Notification) -> Result<Message, String> {
        let to: Mailbox = n
            .recipient_email
            .parse()
            .map_err(|e| format!("recipient {:?}: {e}", n.recipient_email))?;
        let mut b = Message::builder()
            .from(self.from.clone())
            .reply_to(self.reply_to.clone())
            .to(to)
            .subject(n.subject.clone())
            .message_id(n.message_id.clone())
            .header(AutoSubmitted);
        if let Some(parent) = &n.in_reply_to {
            b = b.in_reply_to(parent.clone());
        }
        if let Some(refs) = &n.thread_refs {
            b = b.references(refs.clone());
        }
        b.multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(n.body_text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(html_of(&n.body_text, &n.locale)),
                ),
        )
        .map_err(|e| format!("message: {e}"))
    }

    /// The handler of a `notification.send` job.
    pub async fn run_job(&self, job: atbalsts_store::jobs::Job) -> Result<(), String> {
        let id = job
            .payload
            .parse()
            .map_err(|_| format!("job payload {:?}", job.payload))?;
        self.deliver(id).await
    }

    /// Sends notification `id` once. `Err` asks the job system to try again
    /// later; a notification given up on answers `Ok` so the job ends.
    pub async fn deliver(&self, id: i64) -> Result<(), String> {
        let n = match notifications::by_id(&self.db, id).await {
            Ok(Some(n)) => n,
            Ok(None) => return Ok(()),
            Err(e) => return Err(e.to_string()),
        };
        if n.state != "queued" {
            return Ok(());
        }
        // A burst goes out as one message: an earlier notification still
        // waiting will take this one in; the later ones are folded into this.
        let mut folded = Vec::new();
        if self.settings.fold {
            if notifications::earlier_pending(&self.db, &n)
                .await
                .map_err(|e| e.to_string())?
            {
                return Err("waiting to be folded into an earlier notification".to_owned());
            }
            folded = notifications::fold_into(&self.db, &n)
                .await
                .map_err(|e| e.to_string())?;
        }
        let n = with_folded(n, &folded);
        let outcome = match (self.render(&n), &self.transport) {
            (Err(e), _) => Err((e, true)),
            (Ok(_), None) => Err(("no SMTP server is configured".to_owned(), false)),
            (Ok(message), Some(t)) => t.send(message).await.map(|_| ()).map_err(|e| {
                // 5xx answers are final; anything else (4xx, no connection) is worth retrying.
                (format!("SMTP: {e}"), e.is_permanent())
            }),
        };
        match outcome {
            Ok(()) => {
                notifications::mark_sent(&self.db, id)
                    .await
                    .map_err(|e| e.to_string())?;
                tracing::info!(notification = id, to = %n.recipient_email, folded = folded.len(), "notification sent");
                Ok(())
            }
            Err((error, permanent)) => {
                let too_old = now_ms() - n.created_at > self.settings.fail_after.as_millis() as i64;
                let give_up = permanent || too_old;
                notifications::record_failure(&self.db, id, &error, give_up)
                    .await
                    .map_err(|e| e.to_string())?;
                tracing::warn!(notification = id, %error, give_up, "notification not delivered");
                if give_up {
                    Ok(())
                } else {
                    Err(error)
                }
            }
        }
    }
}

/// One message from a notification and those folded into it, in order.
fn with_folded(mut n: Notification, folded: &[Notification]) -> Notification {
    for f in folded {
        n.body_text.push_str("\n\n——————\n\n");
        n.body_text.push_str(&f.body_text);
    }
    n
}

/// The HTML alternative: the same text, escaped, with links made clickable.
pub fn html_of(text: &str, locale: &str) -> String {
    let mut body = String::with_capacity(text.len() * 2);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            body.push_str("<br>\n");
        }
        for (j, word) in line.split(' ').enumerate() {
            if j > 0 {
                body.push(' ');
            }
            let escaped = escape(word);
            if word.starts_with("http://") || word.starts_with("https://") {
                body.push_str(&format!("<a href=\"{escaped}\">{escaped}</a>"));
            } else {
                body.push_str(&escaped);
            }
        }
    }
    format!(
        "<!doctype html><html lang=\"{}\"><body><p>{body}</p></body></html>",
        escape(locale)
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::html_of;

    #[test]
    fn the_html_alternative_escapes_text_and_links_urls() {
        let html = html_of("Sveiki <b>!\nSkatīt: http://127.0.0.1/tickets/KISC-1", "lv");
        assert!(html.contains("Sveiki &lt;b&gt;!<br>"));
        assert!(html.contains("<a href=\"http://127.0.0.1/tickets/KISC-1\">"));
        assert!(html.contains("lang=\"lv\""));
    }
}
