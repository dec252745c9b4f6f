//! Header text that declares no charset. RFC 2047 encoded-words say which
//! charset they use, and mail-parser decodes them; raw 8-bit bytes in a
//! header say nothing, and mail-parser reads them as UTF-8, turning
//! anything else into "�". Latvian mail that does this comes from old
//! clients and web forms writing the Windows Baltic code page, so bytes
//! that are not UTF-8 are read as windows-1257, then ISO-8859-13 (which
//! maps every byte), before anything is replaced. The list is fixed (no
//! per-desk setting): every desk of this service reads Latvian mail.

use mail_parser::{Message, MessageParser};

/// Charsets tried, in order, for header bytes that are not UTF-8.
const FALLBACK: &[&encoding_rs::Encoding] = &[encoding_rs::WINDOWS_1257, encoding_rs::ISO_8859_13];

/// The undecoded bytes of the first header `name` of the message.
pub(super) fn raw_value<'a>(msg: &'a Message<'_>, name: &str) -> Option<&'a [u8]> {
    let h = msg
        .headers()
        .iter()
        .find(|h| h.name.as_str().eq_ignore_ascii_case(name))?;
    msg.raw_message()
        .get(h.offset_start as usize..h.offset_end as usize)
}

/// The header's bytes in the first fallback charset that reads them all,
/// unfolded; `None` when they are UTF-8 (mail-parser read them right) or
/// use encoded-words.
fn fallback(raw: &[u8]) -> Option<String> {
    if std::str::from_utf8(raw).is_ok() || raw.windows(2).any(|w| w == b"=?") {
        return None;
    }
    let text = FALLBACK
        .iter()
        .find_map(|e| e.decode_without_bom_handling_and_without_replacement(raw))?;
    Some(
        text.split(['\r', '\n'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// The subject, raw 8-bit bytes read in a fallback charset.
pub(super) fn subject(msg: &Message<'_>) -> String {
    let decoded = msg.subject().unwrap_or("");
    if decoded.contains('\u{FFFD}') {
        if let Some(text) = raw_value(msg, "Subject").and_then(fallback) {
            return text;
        }
    }
    decoded.to_owned()
}

/// The name in `From`, raw 8-bit bytes read in a fallback charset (the
/// header is read again, as text, to find the name in it).
pub(super) fn sender_name(msg: &Message<'_>) -> Option<String> {
    let name = |m: &Message<'_>| {
        m.from()
            .and_then(|a| a.first())
            .and_then(|a| a.name())
            .map(|n| {
                atbalsts_domain::ticket::without_controls(n)
                    .trim()
                    .trim_matches('"')
                    .to_owned()
            })
            .filter(|n| !n.is_empty())
    };
    let decoded = name(msg)?;
    if decoded.contains('\u{FFFD}') {
        if let Some(text) = raw_value(msg, "From").and_then(fallback) {
            let again = format!("From: {text}\r\n\r\n");
            if let Some(m) = MessageParser::default().parse(again.as_bytes()) {
                if let Some(n) = name(&m) {
                    return Some(n);
                }
            }
        }
    }
    Some(decoded)
}
