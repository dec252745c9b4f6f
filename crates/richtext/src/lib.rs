//! Rich text from people we do not trust, made safe to show: HTML mail
//! bodies and Markdown articles. **ammonia** (html5ever's parser, the same
//! one browsers' spec describes) keeps a list of harmless tags and
//! attributes and drops everything else — scripts, event handlers, styles,
//! forms, frames; **pulldown-cmark** turns Markdown into HTML that then goes
//! through the same cleaner. Nothing here is hand-parsed.

use std::collections::HashSet;

/// Where an `<img src>` may point after cleaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Images {
    /// Only `cid:` references to the message's own parts (mail: remote
    /// images would tell the sender when and where the mail was read).
    Embedded,
    /// Only addresses on this server (articles: their stored images).
    Local,
}

fn cleaner(images: Images) -> ammonia::Builder<'static> {
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
                let allowed = match images {
                    Images::Embedded => value.starts_with("cid:"),
                    Images::Local => value.starts_with('/') && !value.starts_with("//"),
                };
                return allowed.then(|| value.into());
            }
            Some(value.into())
        });
    b
}

/// Untrusted HTML, cleaned: harmless markup kept, everything active gone.
pub fn clean(html: &str, images: Images) -> String {
    cleaner(images).clean(html).to_string()
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

/// Rewrites `src="cid:…"` in cleaned HTML with `resolve` (the stored
/// attachment's address); an unknown reference loses its `src`.
pub fn rewrite_cid(clean_html: &str, resolve: impl Fn(&str) -> Option<String>) -> String {
    const NEEDLE: &str = "src=\"cid:";
    let mut out = String::with_capacity(clean_html.len());
    let mut rest = clean_html;
    while let Some(at) = rest.find(NEEDLE) {
        out.push_str(&rest[..at]);
        let after = &rest[at + NEEDLE.len()..];
        let end = after.find('"').unwrap_or(after.len());
        let id = unescape(&after[..end]);
        if let Some(url) = resolve(&id) {
            out.push_str("src=\"");
            out.push_str(&escape_attr(&url));
            out.push('"');
        } else {
            out.push_str("data-missing=\"\"");
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
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
        let html = clean(
            r#"<p>Skat.</p><img src="cid:a&amp;b@x"><img src="cid:nav">"#,
            Images::Embedded,
        );
        let out = rewrite_cid(&html, |id| {
            (id == "a&b@x").then(|| "/attachments/7".to_owned())
        });
        assert!(out.contains(r#"<img src="/attachments/7">"#), "{out}");
        assert!(!out.contains("cid:"), "{out}");
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
