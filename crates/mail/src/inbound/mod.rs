//! Inbound mail: one raw message in, one outcome out. A new message makes a
//! ticket (and a confirmation); a reply becomes a comment on its ticket,
//! found by Message-ID (In-Reply-To, References) or by the key in the
//! subject — never by subject text alone. Auto-replies, bulk mail, bounces
//! and loops make nothing and are recorded; what cannot be read is kept
//! whole in quarantine. Every path is safe to repeat: the Message-ID is
//! recorded in the transaction that acts on it, and a message is a
//! duplicate only when its ID and its content hash were both seen.
//!
//! Reading the message (`read`: MIME, charsets, the text that becomes the
//! description, the HTML cleaned once) is pure and runs on a blocking
//! thread; this module does the database step with its result.

mod automatic;
mod headers;
mod read;
mod upgrade;

pub use automatic::{automatic, Bounce};
pub use read::{read, File, Intake, Limits};
pub use upgrade::upgrade_inline_images;

use crate::compose::Composer;
use crate::notices::Notices;
use atbalsts_domain::{Channel, Email, Locale, StatusCategory, Summary, TicketKey, Viewer};
use atbalsts_store::blobs::BlobStore;
use atbalsts_store::desks::{self, ClosedReply, Desk};
use atbalsts_store::tickets::participants;
use atbalsts_store::tickets::{
    add_comment_notifying, reopen_on_reply, ticket_by_id, Contact, MailOrigin, NewAttachment,
    Ticket,
};
use atbalsts_store::{mail, notifications, users, workflows, Db, StoreError};

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
/// The name the raw message is kept under when no part of it holds text.
const RAW_NAME: &str = "message.eml";

#[derive(Clone)]
pub struct Inbound {
    db: Db,
    blobs: BlobStore,
    composer: Composer,
    /// The desks' own addresses (lower case), which are never participants.
    own_addresses: Vec<String>,
    limits: Limits,
}

impl Inbound {
    pub fn new(db: Db, blobs: BlobStore, composer: Composer) -> Self {
        Self {
            db,
            blobs,
            composer,
            own_addresses: Vec::new(),
            limits: Limits::default(),
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

    /// The largest attachment taken (the site's `max_upload_bytes`): a
    /// message with a larger one is quarantined and its sender told.
    pub fn with_max_attachment_bytes(mut self, bytes: usize) -> Self {
        self.limits.max_attachment_bytes = bytes;
        self
    }

    /// Processes one message for `desk`. Errors are the database's; any
    /// problem with the message itself ends in an `Outcome`. Reading the
    /// message (MIME, charsets, cleaning its HTML) is CPU work and runs on
    /// a blocking thread, not on the async workers.
    pub async fn receive(&self, desk: &Desk, raw: &[u8]) -> Result<Outcome, StoreError> {
        let limits = self.limits;
        let owned = raw.to_vec();
        let intake = tokio::task::spawn_blocking(move || read(&owned, limits))
            .await
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))?;
        let Some(intake) = intake else {
            return self
                .quarantine(desk, raw, "the message could not be parsed")
                .await;
        };
        let subject = intake.subject.clone();
        let from = match &intake.sender {
            Some(s) => s.as_str().to_owned(),
            None => intake.from_text.clone(),
        };
        let ignore = |reason: &'static str, ticket: Option<i64>| {
            let (db, from, subject) = (self.db.clone(), from.clone(), subject.clone());
            let desk_id = desk.id;
            async move {
                tracing::info!(sender = from.as_str(), reason, "inbound mail ignored");
                mail::record_ignored(&db, desk_id, reason, &from, &subject, ticket).await?;
                Ok::<_, StoreError>(Outcome::Ignored(reason))
            }
        };
        // Without a Message-ID, the content names the message, so a second
        // delivery is still recognised.
        let mut message_id = intake
            .message_id
            .clone()
            .unwrap_or_else(|| format!("<{}@inbound.atbalsts>", &intake.content_hash[..32]));
        if let Some(seen) = mail::seen(&self.db, &message_id).await? {
            if seen.ours {
                return ignore("loop: our own message came back", Some(seen.ticket_id)).await;
            }
            // Recorded before content hashes were kept: the ID alone decides.
            if seen
                .content_hash
                .as_deref()
                .is_none_or(|h| h == intake.content_hash)
            {
                return ignore("duplicate: already processed", Some(seen.ticket_id)).await;
            }
            // The same ID on other content (a client reusing IDs, an edited
            // resend): another message, recorded under the ID plus its hash.
            message_id = variant_id(&message_id, &intake.content_hash);
            if let Some(seen) = mail::seen(&self.db, &message_id).await? {
                return ignore("duplicate: already processed", Some(seen.ticket_id)).await;
            }
        }
        let thread = mail::ticket_of_thread(&self.db, &intake.thread_ids).await?;
        // Machines first: a bounce from `MAILER-DAEMON <>` has no sender.
        if let Some(reason) = intake.automatic {
            if let Some(bounce) = &intake.bounce {
                let marked =
                    mail::mark_failing(&self.db, &bounce.recipient, &bounce.reason).await?;
                tracing::warn!(address = %bounce.recipient, reason = %bounce.reason, marked, "mail to an address bounced");
            }
            let ticket = match thread {
                Some(t) => Some(t),
                None => mail::ticket_of_thread(&self.db, &intake.quoted_ids).await?,
            };
            return ignore(reason, ticket).await;
        }
        let Some(sender) = intake.sender.clone() else {
            return self.quarantine(desk, raw, "no sender address (From)").await;
        };
        if !intake.too_large.is_empty() {
            return self.refuse_too_large(desk, raw, &intake, &sender).await;
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
        let author = self.person(&sender, &intake).await?;
        let ticket = match ticket {
            Some(t) if self.may_reply(&author, &t).await? => Some(t),
            _ => None,
        };
        let Some(ticket) = ticket else {
            return self
                .create(desk, raw, &intake, &sender, message_id, None)
                .await;
        };
        if mail::recent_inbound(&self.db, ticket.id, LOOP_WINDOW_MS).await? >= LOOP_LIMIT {
            return ignore("loop: too many messages on one ticket", Some(ticket.id)).await;
        }
        if ticket.status_category == StatusCategory::Closed
            && desks::closed_reply(&self.db, desk.id).await? == ClosedReply::FollowUp
        {
            return self
                .create(desk, raw, &intake, &sender, message_id, Some(ticket.id))
                .await;
        }
        let (body, files) = self.text_and_files(raw, &intake)?;
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
                html: intake.html.as_deref(),
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
        mail::record_content_hash(&self.db, &message_id, &intake.content_hash).await?;
        let copied = self.copied(&intake, &sender);
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

    /// The text a ticket or comment gets and its files, written to the blob
    /// store. With no text in any part, a note says so and the raw message
    /// is kept among the files, where staff can open it.
    fn text_and_files(
        &self,
        raw: &[u8],
        intake: &Intake,
    ) -> Result<(String, Vec<NewAttachment>), StoreError> {
        let mut files = intake
            .files
            .iter()
            .map(|f| {
                Ok(NewAttachment {
                    content_id: f.content_id.clone(),
                    sha256: self.blobs.put(&f.bytes)?,
                    filename: f.filename.clone(),
                    content_type: f.content_type.clone(),
                    size_bytes: f.bytes.len() as i64,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let text = match &intake.text {
            Some(t) => t.clone(),
            None => {
                files.push(NewAttachment {
                    content_id: None,
                    sha256: self.blobs.put(raw)?,
                    filename: RAW_NAME.to_owned(),
                    content_type: "message/rfc822".to_owned(),
                    size_bytes: raw.len() as i64,
                });
                self.composer
                    .text_args(Locale::Lv, "mail-in-no-text", &[("file", RAW_NAME)])
            }
        };
        Ok((text, files))
    }

    /// Keeps a message with a file over the limit in quarantine, and tells
    /// its sender which file and what the limit is.
    async fn refuse_too_large(
        &self,
        desk: &Desk,
        raw: &[u8],
        intake: &Intake,
        sender: &Email,
    ) -> Result<Outcome, StoreError> {
        let (name, size) = &intake.too_large[0];
        let limit = self.limits.max_attachment_bytes;
        let reason =
            format!("the attachment {name:?} is {size} bytes, over the limit of {limit} bytes");
        let outcome = self.quarantine(desk, raw, &reason).await?;
        let locale = users::user_by_email(&self.db, sender)
            .await?
            .and_then(|u| u.locale)
            .unwrap_or(Locale::Lv);
        let notice = self.composer.attachment_too_large(
            sender.as_str(),
            &intake.subject,
            name,
            limit,
            locale,
            desk.id,
        );
        let mut tx = self.db.write().begin().await?;
        notifications::queue(&mut tx, &notice).await?;
        tx.commit().await?;
        Ok(outcome)
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
    fn copied(&self, intake: &Intake, sender: &Email) -> Vec<Contact> {
        let mut out: Vec<Contact> = Vec::new();
        for (email, name) in &intake.copied {
            if email == sender
                || self.own_addresses.iter().any(|o| o == email.as_str())
                || out.iter().any(|c| c.email == *email)
                || out.len() >= MAX_COPIED
            {
                continue;
            }
            out.push(Contact {
                email: email.clone(),
                display_name: name.clone(),
                phone: None,
            });
        }
        out
    }

    async fn create(
        &self,
        desk: &Desk,
        raw: &[u8],
        intake: &Intake,
        sender: &Email,
        message_id: String,
        follow_up_of: Option<i64>,
    ) -> Result<Outcome, StoreError> {
        let subject = intake.subject.as_str();
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
        let summary_text: String = if subject.is_empty() {
            "(bez temata)".to_owned()
        } else {
            subject.chars().take(255).collect()
        };
        // What cannot be a summary (only control characters) is no subject.
        let summary = Summary::parse(&summary_text)
            .or_else(|_| Summary::parse("(bez temata)"))
            .map_err(|_| StoreError::invalid("summary", "error-invalid"))?;
        let (description, files) = self.text_and_files(raw, intake)?;
        // The one way every ticket is made: the same check and the same
        // notices as the portal, the agent page and the API.
        let new = crate::intake::NewTicket {
            desk_id: desk.id,
            ticket_type_id: ticket_type.id,
            request_type: None,
            channel: Channel::Email,
            filer: crate::intake::Filer::Mail(Box::new(crate::intake::FromMail {
                sender: Contact {
                    email: sender.clone(),
                    display_name: display_name(intake, sender),
                    phone: None,
                },
                message_id: message_id.clone(),
                html: intake.html.clone(),
                copied: self.copied(intake, sender),
                follow_up_of,
            })),
            request: atbalsts_domain::intake::TicketRequest {
                summary: Some(summary.as_str().to_owned()),
                description,
                ..Default::default()
            },
            attachments: files,
            locale: Locale::Lv,
        };
        let created = match crate::intake::file(&self.db, &self.composer, new).await {
            Ok(Ok(c)) => Ok(c),
            Ok(Err(errors)) => Err(StoreError::Invalid(errors)),
            Err(e) => Err(e),
        };
        match created {
            Ok(c) => {
                mail::record_content_hash(&self.db, &message_id, &intake.content_hash).await?;
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
    async fn person(&self, sender: &Email, intake: &Intake) -> Result<Viewer, StoreError> {
        if let Some((_, v)) = match users::user_by_email(&self.db, sender).await? {
            Some(u) => users::viewer_by_id(&self.db, u.id).await?,
            None => None,
        } {
            return Ok(v);
        }
        let id = users::contact(&self.db, sender, &display_name(intake, sender), None).await?;
        users::viewer_by_id(&self.db, id)
            .await?
            .map(|(_, v)| v)
            .ok_or(StoreError::NotFound)
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

fn display_name(intake: &Intake, sender: &Email) -> String {
    intake
        .sender_name
        .clone()
        .unwrap_or_else(|| sender.as_str().to_owned())
}

/// `<id>` made distinct by a content hash: a second, different message
/// that reused an ID. Replies quoting the ID still thread to the first.
fn variant_id(message_id: &str, content_hash: &str) -> String {
    format!(
        "<{}.{}>",
        message_id.trim_matches(['<', '>']),
        &content_hash[..16]
    )
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
