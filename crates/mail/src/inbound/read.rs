//! The pure half of inbound mail: raw bytes in, everything the database
//! step needs out ([`Intake`]) — who sent it, what it is about, the text
//! that becomes the description, the cleaned HTML and the files. No I/O,
//! so it runs on a blocking thread and under the fuzzer.

use super::automatic::{automatic, Bounce};
use super::headers;
use atbalsts_domain::ticket::without_controls;
use atbalsts_domain::Email;
use mail_parser::{Encoding, Message, MessageParser, MimeHeaders, PartType};
use sha2::{Digest, Sha256};

/// What the reader enforces.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest attachment taken, bytes (the site's `max_upload_bytes`).
    pub max_attachment_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_attachment_bytes: 20 * 1024 * 1024,
        }
    }
}

/// One file of the message.
#[derive(Debug, Clone)]
pub struct File {
    pub filename: String,
    pub content_type: String,
    pub content_id: Option<String>,
    /// SHA-256 of the bytes, lower-case hex (the blob store's name for them).
    pub sha256: String,
    pub bytes: Vec<u8>,
}

/// A message read: everything about it that does not need the database.
#[derive(Debug, Clone)]
pub struct Intake {
    /// The sender's address, when `From` holds a valid one.
    pub sender: Option<Email>,
    /// The sender's name (decoded, fallback charsets tried), if given.
    pub sender_name: Option<String>,
    /// `From` as written, for the record when there is no valid address.
    pub from_text: String,
    pub subject: String,
    /// `<id>` from the Message-ID header, if any.
    pub message_id: Option<String>,
    /// SHA-256 of what the sender wrote (From, Subject and the body), not
    /// of the trace headers servers add on the way: a second delivery of
    /// the same message has the same hash.
    pub content_hash: String,
    /// In-Reply-To first, then References from the newest back.
    pub thread_ids: Vec<String>,
    /// Message-IDs quoted in the body (the original headers in a bounce).
    pub quoted_ids: Vec<String>,
    /// Why a machine wrote it (bounce, auto-reply, bulk mail), if one did.
    pub automatic: Option<&'static str>,
    /// The failed recipient, for a bounce.
    pub bounce: Option<Bounce>,
    /// The text that becomes the description or comment; `None` when no
    /// part holds any (the caller keeps the raw message and says so).
    pub text: Option<String>,
    /// The HTML version, cleaned once, inline images as tokens (see
    /// `atbalsts_richtext::clean_mail`).
    pub html: Option<String>,
    pub files: Vec<File>,
    /// Files over [`Limits::max_attachment_bytes`]: name and size; their
    /// bytes are not kept.
    pub too_large: Vec<(String, usize)>,
    /// People in Cc: address and name (the address if no name).
    pub copied: Vec<(Email, String)>,
}

/// Reads a raw message; `None` when it cannot be parsed as mail at all.
pub fn read(raw: &[u8], limits: Limits) -> Option<Intake> {
    let msg = MessageParser::default().parse(raw)?;
    let sender = msg
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .and_then(|a| Email::parse(a).ok());
    let from_text = headers::raw_value(&msg, "From")
        .map(|v| {
            without_controls(&String::from_utf8_lossy(v))
                .trim()
                .to_owned()
        })
        .unwrap_or_default();
    let subject = without_controls(&headers::subject(&msg)).trim().to_owned();
    let content_hash = content_hash(&msg);
    let message_id = msg.message_id().map(|id| format!("<{id}>"));
    let automatic = automatic(&msg, sender.as_ref(), &from_text);
    let bounce = (automatic == Some("bounce"))
        .then(|| Bounce::of(&msg, raw))
        .flatten();
    let (files, too_large) = files(&msg, limits);
    let inline: atbalsts_richtext::InlineImages = files
        .iter()
        .filter_map(|f| Some((f.content_id.clone()?, f.sha256.clone())))
        .collect();
    Some(Intake {
        sender_name: headers::sender_name(&msg),
        sender,
        from_text,
        subject,
        message_id,
        content_hash,
        thread_ids: thread_ids(&msg),
        quoted_ids: if automatic.is_some() {
            quoted_ids(raw)
        } else {
            Vec::new()
        },
        automatic,
        bounce,
        text: text_of(&msg),
        html: html_of(&msg, &inline),
        files,
        too_large,
        copied: copied(&msg),
    })
}

fn content_hash(msg: &Message<'_>) -> String {
    let raw = msg.raw_message();
    let mut h = Sha256::new();
    for name in ["From", "Subject"] {
        h.update(headers::raw_value(msg, name).unwrap_or_default());
        h.update([0]);
    }
    h.update(
        raw.get(msg.root_part().offset_body as usize..)
            .unwrap_or_default(),
    );
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The text of the message, whole (quoted history and signatures are kept
/// and folded away when shown). Whatever part holds text: the text parts
/// of the body, else the text of its HTML, else the first text-like part
/// among the attachments (a `text/*` file, or an unnamed part of unknown
/// type whose bytes are UTF-8).
fn text_of(msg: &Message<'_>) -> Option<String> {
    let plain: Vec<String> = msg
        .text_body
        .iter()
        .filter_map(|&i| msg.parts.get(i as usize))
        .filter_map(|part| match &part.body {
            PartType::Text(t) => Some(readable(msg, part, t)),
            _ => None,
        })
        .filter(|t| !t.is_empty())
        .collect();
    if !plain.is_empty() {
        return Some(plain.join("\n\n"));
    }
    let from_html = msg
        .html_body
        .iter()
        .filter_map(|&i| msg.parts.get(i as usize))
        .find_map(|part| match &part.body {
            PartType::Html(h) => tidy(&atbalsts_richtext::text_of(h)),
            _ => None,
        });
    if from_html.is_some() {
        return from_html;
    }
    msg.attachments().find_map(|part| match &part.body {
        PartType::Text(t) => tidy(t),
        PartType::Html(h) => tidy(&atbalsts_richtext::text_of(h)),
        PartType::Binary(b) | PartType::InlineBinary(b) => {
            let unknown = part.content_type().is_none_or(|c| {
                c.ctype().eq_ignore_ascii_case("text")
                    || (c.ctype().eq_ignore_ascii_case("application")
                        && c.subtype()
                            .is_some_and(|s| s.eq_ignore_ascii_case("octet-stream")))
            });
            let unnamed = part.attachment_name().is_none();
            let text = std::str::from_utf8(b).ok().filter(|t| !t.contains('\0'));
            (unknown && unnamed)
                .then_some(text)
                .flatten()
                .and_then(tidy)
        }
        _ => None,
    })
}

/// A text part, read as UTF-8 when its declared charset mangled it:
/// clients that label UTF-8 as US-ASCII are common.
fn readable(msg: &Message<'_>, part: &mail_parser::MessagePart<'_>, text: &str) -> String {
    if text.contains('\u{FFFD}') && part.encoding == Encoding::None {
        if let Some(raw) = msg
            .raw_message()
            .get(part.offset_body as usize..part.offset_end as usize)
            .and_then(|b| std::str::from_utf8(b).ok())
        {
            return tidy(raw).unwrap_or_default();
        }
    }
    tidy(text).unwrap_or_default()
}

fn tidy(text: &str) -> Option<String> {
    let text = without_controls(text);
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The message's own HTML version, cleaned (`None` when it has only text:
/// an HTML version made from the text would add nothing).
fn html_of(msg: &Message<'_>, inline: &atbalsts_richtext::InlineImages) -> Option<String> {
    let index = *msg.html_body.first()? as usize;
    let PartType::Html(html) = &msg.parts.get(index)?.body else {
        return None;
    };
    let clean = atbalsts_richtext::clean_mail(html, inline);
    (!clean.trim().is_empty()).then_some(clean)
}

/// Attachments and inline images alike, names decoded (RFC 2047/2231);
/// those over the limit only by name and size.
fn files(msg: &Message<'_>, limits: Limits) -> (Vec<File>, Vec<(String, usize)>) {
    let mut out = Vec::new();
    let mut too_large = Vec::new();
    for part in msg.attachments() {
        let bytes = part.contents();
        if bytes.is_empty() {
            continue;
        }
        let filename = part
            .attachment_name()
            .map(|n| without_controls(n.rsplit(['/', '\\']).next().unwrap_or(n)))
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "pielikums".to_owned());
        if bytes.len() > limits.max_attachment_bytes {
            too_large.push((filename, bytes.len()));
            continue;
        }
        let content_type = part
            .content_type()
            .map(|c| match c.subtype() {
                Some(sub) => format!("{}/{}", c.ctype(), sub),
                None => c.ctype().to_owned(),
            })
            .unwrap_or_else(|| "application/octet-stream".to_owned());
        out.push(File {
            content_id: part
                .content_id()
                .map(|c| without_controls(c.trim_matches(['<', '>', ' '])))
                .filter(|c| !c.is_empty()),
            sha256: hex(&Sha256::digest(bytes)),
            bytes: bytes.to_vec(),
            filename,
            content_type,
        });
    }
    (out, too_large)
}

fn copied(msg: &Message<'_>) -> Vec<(Email, String)> {
    let Some(cc) = msg.cc() else {
        return Vec::new();
    };
    cc.iter()
        .filter_map(|addr| {
            let email = addr.address().and_then(|a| Email::parse(a).ok())?;
            let name = addr
                .name()
                .map(|n| without_controls(n).trim().trim_matches('"').to_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| email.as_str().to_owned());
            Some((email, name))
        })
        .collect()
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
