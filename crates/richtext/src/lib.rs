//! Rich text from people we do not trust, made safe to show: HTML mail
//! bodies and Markdown articles. **ammonia** (html5ever's parser, the same
//! one browsers' spec describes) keeps a list of harmless tags and
//! attributes and drops everything else — scripts, event handlers, styles,
//! forms, frames; **pulldown-cmark** turns Markdown into HTML that then goes
//! through the same cleaner. Nothing here is hand-parsed.

use std::collections::{HashMap, HashSet};

/// Where an `<img src>` may point after cleaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Images {
    /// Only `cid:` references to the message's own parts (mail: remote
    /// images would tell the sender when and where the mail was read).
    Embedded,
    /// Only addresses on this server (articles: their stored images).
    Local,
}

mod shape;

pub use shape::text_of;

/// HTML longer than this (bytes) is flattened to its text before cleaning.
pub const MAX_HTML_BYTES: usize = 1024 * 1024;
/// HTML nested deeper than this is flattened to its text before cleaning:
/// html5ever's tree builder works in time proportional to depth × size.
pub const MAX_DEPTH: usize = 200;

/// Where `cid:` images of a mail point after cleaning, by Content-ID.
pub type InlineImages = HashMap<String, String>;

fn cleaner(images: Images, inline: Option<InlineImages>) -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    let mut schemes: HashSet<&str> = ["http", "https", "mailto", "tel"].into();
    if images == Images::Embedded {
        schemes.insert("cid");
    }
    b.url_schemes(schemes)
        .link_rel(Some("noopener noreferrer nofollow"))
        .add_tag_attributes("img", ["width", "height"])
        .attribute_filter(move |element, attribute, value| {
            if element == "img" && attribute == "src" {
                return match images {
                    Images::Embedded => {
                        let cid = content_id_of(value)?;
                        match &inline {
                            Some(map) => map.get(&cid).map(|token| format!("cid:{token}").into()),
                            None => Some(value.into()),
                        }
                    }
                    Images::Local => {
                        (value.starts_with('/') && !value.starts_with("//")).then(|| value.into())
                    }
                };
            }
            Some(value.into())
        });
    b
}

/// The Content-ID a `cid:` URL names (RFC 2392: percent-encoded, no `<>`).
fn content_id_of(url: &str) -> Option<String> {
    let rest = url
        .get(..4)?
        .eq_ignore_ascii_case("cid:")
        .then(|| &url[4..])?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let id = String::from_utf8_lossy(&out);
    let id = id.trim().trim_matches(['<', '>']);
    (!id.is_empty()).then(|| id.to_owned())
}

/// Whether `html` must be flattened before the tree builder sees it.
fn too_complex(html: &str) -> bool {
    html.len() > MAX_HTML_BYTES || shape::Shape::of(html, MAX_DEPTH).depth > MAX_DEPTH
}

/// The text of `html` as safe HTML: its lines, escaped, nothing else.
fn flattened(html: &str) -> String {
    let text = text_of(html);
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str("<p>");
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        for c in line.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                c => out.push(c),
            }
        }
    }
    out.push_str("</p>");
    out
}

/// Untrusted HTML, cleaned: harmless markup kept, everything active gone.
/// A document larger than [`MAX_HTML_BYTES`] or nested deeper than
/// [`MAX_DEPTH`] keeps only its text (lines kept), so cleaning takes time
/// in proportion to the input's size whatever its shape.
pub fn clean(html: &str, images: Images) -> String {
    if too_complex(html) {
        return flattened(html);
    }
    cleaner(images, None).clean(html).to_string()
}

/// An HTML mail body, cleaned once when the mail is received, its inline
/// images resolved on the parsed document: `<img src="cid:X">` becomes
/// `<img src="cid:T">` where `T = inline[X]` (the stored attachment's
/// SHA-256, lower-case hex); a reference to no part of the mail loses its
/// `src`. The attachment's database id is not known yet when the mail is
/// cleaned (the ticket or comment and its files are written afterwards,
/// together), so the page maps `T` to an address with
/// [`inline_images`] — a scan for a fixed token, no parsing.
pub fn clean_mail(html: &str, inline: &InlineImages) -> String {
    if too_complex(html) {
        return flattened(html);
    }
    cleaner(Images::Embedded, Some(inline.clone()))
        .clean(html)
        .to_string()
}

/// Markdown rendered to clean HTML (tables, strikethrough and task lists
/// on; raw HTML in the Markdown is cleaned like any other).
pub fn markdown(source: &str) -> String {
    use pulldown_cmark::{html, Options, Parser};
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(source, options));
    clean(&out, Images::Local)
}

/// Points the inline images of HTML made by [`clean_mail`] at their stored
/// attachments: each `src="cid:T"` with `T` a SHA-256 in hex becomes
/// `src="{resolve(T)}"` (escaped), or loses its `src` when `resolve` knows
/// no such file. Safe on stored output of the cleaner without parsing it
/// again: the cleaner writes `"` inside attribute values as `&quot;`, so
/// the token cannot be forged inside another attribute, and a text that
/// happens to read `src="cid:T"` is at worst changed into other plain text.
/// HTML stored before tokens existed (`cid:` + the Content-ID) is cleaned
/// again once, on the parsed document, by the mail crate's
/// `inbound::upgrade_inline_images` at start-up.
pub fn inline_images(stored: &str, resolve: impl Fn(&str) -> Option<String>) -> String {
    const NEEDLE: &str = "src=\"cid:";
    const TOKEN: usize = 64;
    let mut out = String::with_capacity(stored.len());
    let mut rest = stored;
    while let Some(at) = rest.find(NEEDLE) {
        let after = &rest[at + NEEDLE.len()..];
        let token = after.get(..TOKEN).filter(|t| {
            t.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
                && after[TOKEN..].starts_with('"')
        });
        out.push_str(&rest[..at]);
        match token {
            Some(token) => {
                match resolve(token) {
                    Some(url) => {
                        out.push_str("src=\"");
                        out.push_str(&escape_attr(&url));
                        out.push('"');
                    }
                    None => out.push_str("data-missing=\"\""),
                }
                rest = &after[TOKEN + 1..];
            }
            None => {
                out.push_str(NEEDLE);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_remote_images_are_removed_from_mail() {
        let html = clean(
            r#"<p onclick="x()">Sveiki<script>alert(1)</script></p><img src="https://track.example/p.gif"><img src="cid:logo@lnb"><a href="javascript:alert(1)">x</a><style>p{}</style><form><input></form>"#,
            Images::Embedded,
        );
        assert!(!html.contains("script") && !html.contains("onclick"));
        assert!(!html.contains("track.example"));
        assert!(html.contains(r#"src="cid:logo@lnb""#));
        assert!(
            !html.contains("javascript") && !html.contains("<style") && !html.contains("<input")
        );
    }

    #[test]
    fn embedded_images_point_to_stored_attachments() {
        let sha = "ab".repeat(32);
        let inline = InlineImages::from([("a&b@x".to_owned(), sha.clone())]);
        let html = clean_mail(
            r#"<p title='src="cid:nav"'>Skat. src="cid:abab"</p><img src="cid:a%26b@x"><img src="cid:nav">"#,
            &inline,
        );
        assert!(
            html.contains(&format!(r#"<img src="cid:{sha}">"#)),
            "{html}"
        );
        let out = inline_images(&html, |t| (t == sha).then(|| "/attachments/7".to_owned()));
        assert!(out.contains(r#"<img src="/attachments/7">"#), "{out}");
        assert_eq!(out.matches("/attachments/7").count(), 1, "{out}");
        assert!(
            out.contains("<img>"),
            "an unknown part loses its src: {out}"
        );
        assert!(out.contains(r#"title="src=&quot;cid:nav&quot;""#), "{out}");
    }

    #[test]
    fn deeply_nested_mail_keeps_its_text_without_its_structure() {
        let deep = format!(
            "<p>Labdien!</p>{}Neiet <i>printeris</i> &amp; skeneris{}<script>x()</script>",
            "<div><b id=x>".repeat(MAX_DEPTH * 5),
            "</b></div>".repeat(MAX_DEPTH * 5)
        );
        let html = clean(&deep, Images::Embedded);
        assert!(
            html.contains("Labdien!") && html.contains("Neiet printeris &amp; skeneris"),
            "{html}"
        );
        assert!(!html.contains("<div") && !html.contains("x()"), "{html}");
    }

    #[test]
    fn oversized_mail_keeps_its_text() {
        let big = format!(
            "<p>{}</p><p>beigas</p>",
            "vārds ".repeat(MAX_HTML_BYTES / 6)
        );
        let html = clean(&big, Images::Embedded);
        assert!(
            html.ends_with("<br>beigas</p>"),
            "{}",
            &html[html.len() - 40..]
        );
    }

    #[test]
    fn markdown_becomes_clean_html() {
        let html = markdown("# Printeris\n\n1. Izslēdziet\n2. Ieslēdziet\n\n<script>x</script>\n\n![shēma](/kb/files/3) ![ārējs](https://example.lv/a.png)");
        assert!(html.contains("<h1>Printeris</h1>") && html.contains("<ol>"));
        assert!(!html.contains("<script"));
        assert!(html.contains(r#"src="/kb/files/3""#));
        assert!(!html.contains("example.lv"));
    }
}
