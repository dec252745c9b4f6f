//! Inbound mail: one raw message in, one outcome out. A new message makes a
//! ticket (and a confirmation); a reply becomes a comment on its ticket,
//! found by Message-ID (In-Reply-To, References) or by the key in the
//! subject — never by subject text alone. Auto-replies, bulk mail, bounces
//! and loops make nothing and are recorded; what cannot be read is kept
//! whole in quarantine. Every path is safe to repeat: the Message-ID is
//! recorded in the transaction that acts on it.

use crate::compose::Composer;
use crate::intake;
use crate::notices::Notices;
use atbalsts_domain::ticket::without_controls;
use atbalsts_domain::{Channel, Email, Locale, StatusCategory, TicketKey, Viewer};
use atbalsts_store::blobs::BlobStore;
use atbalsts_store::desks::{self, ClosedReply, Desk};
use atbalsts_store::tickets::participants;
use atbalsts_store::tickets::{
    add_comment_notifying, reopen_on_reply, ticket_by_id, Contact, MailOrigin, NewAttachment,
    Ticket,
};
use atbalsts_store::{mail, users, workflows, Db, StoreError};
use mail_parser::{Message, MessageParser, MimeHeaders};

/// What became of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created(String),
    Commented(String),
    /// Made nothing on purpose; the reason is recorded for administrators.
    Ignored(&'static str),
    Quarantined(String),
}

/// More messages than this on one ticket within the window look like a loop.
const LOOP_LIMIT: i64 = 20;
const LOOP_WINDOW_MS: i64 = 10 * 60 * 1000;
/// At most this many people in Cc become participants of one message.
const MAX_COPIED: usize = 20;

#[derive(Clone)]
pub struct Inbound {
    db: Db,
    blobs: BlobStore,
    composer: Composer,
    /// The desks' own addresses (lower case), which are never participants.
    own_addresses: Vec<String>,
}

impl Inbound {
    pub fn new(db: Db, blobs: BlobStore, composer: Composer) -> Self {
        Self {
            db,
            blobs,
            composer,
            own_addresses: Vec::new(),
        }
    }

    /// Addresses of ours (the sender, Reply-To, the inbound mailboxes):
    /// copied on a customer's mail, they do not become participants.
    pub fn with_own_addresses<S: AsRef<str>>(mut self, addresses: &[S]) -> Self {
        self.own_addresses = addresses
            .iter()
            .filter_map(|a| extract_address(a.as_ref()))
            .collect();
        self
    }

    /// Processes one message for `desk`. Errors are the database's; any
    /// problem with the message itself ends in an `Outcome`.
    pub async fn receive(&self, desk: &Desk, raw: &[u8]) -> Result<Outcome, StoreError> {
        let Some(msg) = MessageParser::default().parse(raw) else {
            return self
                .quarantine(desk, raw, "the message could not be parsed")
                .await;
        };
        let Some(sender) = sender_of(&msg) else {
            return self.quarantine(desk, raw, "no sender address (From)").await;
        };
        let subject = without_controls(msg.subject().unwrap_or(""))
            .trim()
            .to_owned();
        let message_id = match msg.message_id() {
            Some(id) => format!("<{id}>"),
            // Without one, the content names it, so a second delivery is still recognised.
            None => format!(
                "<{}@inbound.atbalsts>",
                atbalsts_store::sessions::hash_token(&String::from_utf8_lossy(raw))
            ),
        };
        let ignore = |reason: &'static str, ticket: Option<i64>| {
            let (db, sender, subject) = (self.db.clone(), sender.clone(), subject.clone());
            let desk_id = desk.id;
            async move {
                tracing::info!(sender = sender.as_str(), reason, "inbound mail ignored");
                mail::record_ignored(&db, desk_id, reason, sender.as_str(), &subject, ticket)
                    .await?;
                Ok::<_, StoreError>(Outcome::Ignored(reason))
            }
        };
        if let Some((ticket, ours)) = mail::message(&self.db, &message_id).await? {
            let reason = if ours {
                "loop: our own message came back"
            } else {
                "duplicate: already processed"
            };
            return ignore(reason, Some(ticket)).await;
        }
        let thread_ids = thread_ids(&msg);
        let thread = mail::ticket_of_thread(&self.db, &thread_ids).await?;
        if let Some(reason) = automatic(&msg, &sender) {
            if reason == "bounce" {
                self.record_bounce(&msg, raw).await?;
            }
            let ticket = match thread {
                Some(t) => Some(t),
                None => mail::ticket_of_thread(&self.db, &quoted_ids(raw)).await?,
            };
            return ignore(reason, ticket).await;
        }

        // Threaded by Message-ID, else by the key in the subject.
        let ticket = match thread {
            Some(id) => ticket_by_id(&self.db, id)
                .await?
                .filter(|t| t.desk_id == desk.id),
            None => match key_in(&subject, &desk.key_prefix) {
                Some(key) => self.ticket_by_key(desk, &key).await?,
                None => None,
            },
        };
        let author = self.person(&sender, &msg).await?;
        let ticket = match ticket {
            Some(t) if self.may_reply(&author, &t).await? => Some(t),
            _ => None,
        };
        let Some(ticket) = ticket else {
            return self
                .create(desk, &msg, &sender, &subject, message_id, None)
                .await;
        };
        if mail::recent_inbound(&self.db, ticket.id, LOOP_WINDOW_MS).await? >= LOOP_LIMIT {
            return ignore("loop: too many messages on one ticket", Some(ticket.id)).await;
        }
        if ticket.status_category == StatusCategory::Closed
            && desks::closed_reply(&self.db, desk.id).await? == ClosedReply::FollowUp
        {
            return self
                .create(desk, &msg, &sender, &subject, message_id, Some(ticket.id))
                .await;
        }
        let files = self.attachments(&msg)?;
        let body = body_of(&msg);
        let html = html_of(&msg);
        let notices = Notices::for_comment(&self.db, &author, &ticket, true).await?;
        let composer = &self.composer;
        let added = add_comment_notifying(
            &self.db,
            &author,
            &ticket,
            &body,
            true,
            &files,
            Some(MailOrigin {
                message_id: &message_id,
                html: html.as_deref(),
            }),
            |_| notices.comment(composer, &ticket, &body),
        )
        .await;
        match added {
            Ok(_) => {}
            Err(e) if e.is_unique_violation() => {
                return ignore("duplicate: already processed", Some(ticket.id)).await
            }
            Err(e) => return Err(e),
        }
        let copied = self.copied(&msg, &sender);
        if !copied.is_empty() {
            participants::add_copied(&self.db, &ticket, &copied, author.user_id).await?;
        }
        if matches!(
            ticket.status_category,
            StatusCategory::Resolved | StatusCategory::Closed
        ) {
            let reopened = reopen_on_reply(&self.db, author.user_id, &ticket).await?;
            tracing::info!(ticket = %ticket.key, reopened, "reply to a finished ticket");
        }
        Ok(Outcome::Commented(ticket.key))
    }

    /// Whether this person may add to this ticket by mail: its requester or
    /// a participant, the desk's staff, or someone who sees the ticket's
    /// institution's requests.
    async fn may_reply(&self, author: &Viewer, ticket: &Ticket) -> Result<bool, StoreError> {
        if author.user_id == ticket.requester_id
            || author.is_staff_on(ticket.desk_id)
            || (author.sees_institution_tickets
                && author.institution_id.is_some()
                && author.institution_id == ticket.institution_id)
        {
            return Ok(true);
        }
        Ok(participants::participants_of(&self.db, ticket.id)
            .await?
            .iter()
            .any(|p| p.user_id == author.user_id && p.role == participants::Role::Participant))
    }

    /// The people in Cc, who become participants: not the sender, not our
    /// own addresses. (To holds the desk's address, and is left out.)
    fn copied(&self, msg: &Message<'_>, sender: &Email) -> Vec<Contact> {
        let Some(cc) = msg.cc() else {
            return Vec::new();
        };
        let mut out: Vec<Contact> = Vec::new();
        for addr in cc.iter() {
            let Some(email) = addr.address().and_then(|a| Email::parse(a).ok()) else {
                continue;
            };
            if email == *sender
                || self.own_addresses.iter().any(|o| o == email.as_str())
                || out.iter().any(|c| c.email == email)
                || out.len() >= MAX_COPIED
            {
                continue;
            }
            let name = addr
                .name()
                .map(|n| without_controls(n).trim().trim_matches('"').to_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| email.as_str().to_owned());
            out.push(Contact {
                email,
                display_name: name,
                phone: None,
            });
        }
        out
    }

    async fn create(
        &self,
        desk: &Desk,
        msg: &Message<'_>,
        sender: &Email,
        subject: &str,
        message_id: String,
        follow_up_of: Option<i64>,
    ) -> Result<Outcome, StoreError> {
        let types = workflows::ticket_types_of(&self.db, desk.id).await?;
        let Some(ticket_type) = types
            .iter()
            .find(|t| t.code == "service_request")
            .or_else(|| types.first())
        else {
            return Err(StoreError::invalid(
                "ticket_type",
                "error-ticket-type-unknown",
            ));
        };
        let summary: String = if subject.is_empty() {
            "(bez temata)".to_owned()
        } else {
            subject.chars().take(255).collect()
        };
        let new = intake::NewTicket {
            desk_id: desk.id,
            ticket_type_id: ticket_type.id,
            request_type: None,
            channel: Channel::Email,
            filer: intake::Filer::Mail(Box::new(intake::FromMail {
                sender: Contact {
                    email: sender.clone(),
                    display_name: display_name(msg, sender),
                    phone: None,
                },
                message_id,
                html: html_of(msg),
                copied: self.copied(msg, sender),
                follow_up_of,
            })),
            request: atbalsts_domain::intake::TicketRequest {
                summary: Some(summary),
                description: body_of(msg),
                ..Default::default()
            },
            attachments: self.attachments(msg)?,
            locale: Locale::Lv,
        };
        let created = match intake::file(&self.db, &self.composer, new).await {
            Ok(Ok(c)) => Ok(c),
            Ok(Err(errors)) => Err(StoreError::Invalid(errors)),
            Err(e) => Err(e),
        };
        match created {
            Ok(c) => {
                tracing::info!(key = %c.key, from = sender.as_str(), "ticket created from email");
                Ok(Outcome::Created(c.key.to_string()))
            }
            Err(e) if e.is_unique_violation() => {
                Ok(Outcome::Ignored("duplicate: already processed"))
            }
            Err(e) => Err(e),
        }
    }

    async fn ticket_by_key(
        &self,
        desk: &Desk,
        key: &TicketKey,
    ) -> Result<Option<Ticket>, StoreError> {
        // The system reads any ticket of the desk; whether the sender may
        // add to it is decided by `may_reply`.
        let system = Viewer {
            user_id: 0,
            institution_id: None,
            sees_institution_tickets: false,
            is_system_admin: true,
            desk_roles: Vec::new(),
        };
        Ok(atbalsts_store::tickets::ticket_for(&self.db, &system, key)
            .await?
            .filter(|t| t.desk_id == desk.id))
    }

    /// The sender as a person: their account, or a new contact.
    async fn person(&self, sender: &Email, msg: &Message<'_>) -> Result<Viewer, StoreError> {
        if let Some((_, v)) = match users::user_by_email(&self.db, sender).await? {
            Some(u) => users::viewer_by_id(&self.db, u.id).await?,
            None => None,
        } {
            return Ok(v);
        }
        let id = users::contact(&self.db, sender, &display_name(msg, sender), None).await?;
        users::viewer_by_id(&self.db, id)
            .await?
            .map(|(_, v)| v)
            .ok_or(StoreError::NotFound)
    }

    /// Files of the message, written to the blob store: attachments and
    /// inline images alike, names decoded (RFC 2047/2231).
    fn attachments(&self, msg: &Message<'_>) -> Result<Vec<NewAttachment>, StoreError> {
        let mut out = Vec::new();
        for part in msg.attachments() {
            let bytes = part.contents();
            if bytes.is_empty() {
                continue;
            }
            let content_type = part
                .content_type()
                .map(|c| match c.subtype() {
                    Some(sub) => format!("{}/{}", c.ctype(), sub),
                    None => c.ctype().to_owned(),
                })
                .unwrap_or_else(|| "application/octet-stream".to_owned());
            let filename = part
                .attachment_name()
                .map(|n| without_controls(n.rsplit(['/', '\\']).next().unwrap_or(n)))
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| "pielikums".to_owned());
            out.push(NewAttachment {
                content_id: part
                    .content_id()
                    .map(|c| without_controls(c.trim_matches(['<', '>', ' '])))
                    .filter(|c| !c.is_empty()),
                sha256: self.blobs.put(bytes)?,
                filename,
                content_type,
                size_bytes: bytes.len() as i64,
            });
        }
        Ok(out)
    }

    /// A bounce of our mail: the failed recipient's address is marked failing.
    async fn record_bounce(&self, msg: &Message<'_>, raw: &[u8]) -> Result<(), StoreError> {
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
        if let Some(address) = recipient.filter(|a| a.contains('@')) {
            let reason = if status.is_empty() {
                msg.subject().unwrap_or("bounce").to_owned()
            } else {
                status
            };
            let marked = mail::mark_failing(&self.db, &address, &reason).await?;
            tracing::warn!(%address, %reason, marked, "mail to an address bounced");
        }
        Ok(())
    }

    /// Keeps the start of a message too large to take.
    pub async fn quarantine_oversized(
        &self,
        desk: &Desk,
        head: &[u8],
    ) -> Result<Outcome, StoreError> {
        self.quarantine(
            desk,
            head,
            "the message is larger than 50 MiB (its start is kept)",
        )
        .await
    }

    async fn quarantine(
        &self,
        desk: &Desk,
        raw: &[u8],
        reason: &str,
    ) -> Result<Outcome, StoreError> {
        let sha = self.blobs.put(raw)?;
        let id = mail::quarantine(&self.db, desk.id, &sha, raw.len() as i64, reason).await?;
        tracing::warn!(quarantine = id, reason, "inbound mail quarantined");
        Ok(Outcome::Quarantined(reason.to_owned()))
    }
}

/// The address in `Name <address>` or a bare address, lower case.
fn extract_address(text: &str) -> Option<String> {
    let inner = match (text.rfind('<'), text.rfind('>')) {
        (Some(a), Some(b)) if a < b => &text[a + 1..b],
        _ => text,
    };
    Email::parse(inner.trim())
        .ok()
        .map(|e| e.as_str().to_owned())
}

fn sender_of(msg: &Message<'_>) -> Option<Email> {
    let addr = msg.from()?.first()?.address()?;
    Email::parse(addr).ok()
}

fn display_name(msg: &Message<'_>, sender: &Email) -> String {
    msg.from()
        .and_then(|a| a.first())
        .and_then(|a| a.name())
        .map(|n| without_controls(n).trim().trim_matches('"').to_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| sender.as_str().to_owned())
}

/// In-Reply-To first, then References from the newest back.
fn thread_ids(msg: &Message<'_>) -> Vec<String> {
    fn listed(v: &mail_parser::HeaderValue<'_>) -> Vec<String> {
        let raw: Vec<&str> = match (v.as_text_list(), v.as_text()) {
            (Some(list), _) => list.iter().map(|c| c.as_ref()).collect(),
            (None, Some(one)) => vec![one],
            (None, None) => Vec::new(),
        };
        raw.iter()
            .map(|id| format!("<{}>", id.trim_matches(['<', '>'])))
            .collect()
    }
    let mut ids = listed(msg.in_reply_to());
    ids.extend(listed(msg.references()).into_iter().rev());
    ids
}

/// Message-IDs quoted inside a message (the original headers in a bounce).
fn quoted_ids(raw: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(raw)
        .lines()
        .filter_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("message-id")
                .then(|| value.trim().to_owned())
        })
        .filter(|v| v.starts_with('<') && v.ends_with('>'))
        .collect()
}

/// A ticket key of this desk in the subject, as `[KISC-12]` or `KISC-12`.
pub fn key_in(subject: &str, prefix: &str) -> Option<TicketKey> {
    let upper = subject.to_uppercase();
    let pattern = format!("{}-", prefix.to_uppercase());
    let mut from = 0;
    while let Some(at) = upper[from..].find(&pattern) {
        let start = from + at;
        let before_ok = start == 0
            || !upper[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
        let digits: String = upper[start + pattern.len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if before_ok && !digits.is_empty() {
            if let Some(key) = TicketKey::parse(&format!("{}-{digits}", prefix.to_uppercase())) {
                return Some(key);
            }
        }
        from = start + pattern.len();
    }
    None
}

/// Why a message was written by a machine and must not be answered, if it was.
pub fn automatic(msg: &Message<'_>, sender: &Email) -> Option<&'static str> {
    let header = |name: &str| msg.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    let is_report = msg.content_type().is_some_and(|c| {
        c.ctype().eq_ignore_ascii_case("multipart")
            && c.subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    let local = sender.as_str().split('@').next().unwrap_or("");
    if is_report || ["mailer-daemon", "postmaster"].contains(&local) {
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

/// The text of the message, whole: quoted history and signatures are kept
/// and folded away when shown, never cut here.
fn body_of(msg: &Message<'_>) -> String {
    let mut text = msg.body_text(0).map(|t| t.into_owned()).unwrap_or_default();
    if text.contains('\u{FFFD}') {
        // Clients that label UTF-8 as US-ASCII are common: read the bytes as UTF-8.
        if let Some(raw) = raw_text_body(msg).and_then(|b| std::str::from_utf8(b).ok()) {
            text = raw.to_owned();
        }
    }
    let text = without_controls(&text);
    let text = text.trim();
    if text.is_empty() {
        "(tukšs)".to_owned()
    } else {
        text.to_owned()
    }
}

/// The message's own HTML version, cleaned (`None` when it has only text:
/// an HTML version made from the text would add nothing).
fn html_of(msg: &Message<'_>) -> Option<String> {
    let index = *msg.html_body.first()? as usize;
    let part = msg.parts.get(index)?;
    let mail_parser::PartType::Html(html) = &part.body else {
        return None;
    };
    let clean = atbalsts_richtext::clean(html, atbalsts_richtext::Images::Embedded);
    (!clean.trim().is_empty()).then_some(clean)
}

/// The undecoded bytes of the first text part.
fn raw_text_body<'a>(msg: &'a Message<'_>) -> Option<&'a [u8]> {
    let part = msg.parts.get(*msg.text_body.first()? as usize)?;
    msg.raw_message
        .get(part.offset_body as usize..part.offset_end as usize)
}

#[cfg(test)]
mod tests {
    use super::key_in;

    #[test]
    fn keys_are_found_in_subjects_only_as_whole_keys_of_the_desk() {
        assert_eq!(
            key_in("Re: [KISC-12] Neiet printeris", "KISC")
                .unwrap()
                .to_string(),
            "KISC-12"
        );
        assert_eq!(
            key_in("RE: kisc-7 nav", "KISC").unwrap().to_string(),
            "KISC-7"
        );
        assert!(key_in("Re: Neiet printeris", "KISC").is_none());
        assert!(key_in("Re: [XKISC-12]", "KISC").is_none());
        assert!(key_in("Re: [ABC-12]", "KISC").is_none());
    }
}
