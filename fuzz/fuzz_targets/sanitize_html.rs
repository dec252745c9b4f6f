//! Any input through the HTML cleaner: the output holds nothing active
//! (no script or style elements, no event handlers, no `javascript:`
//! addresses), and cleaning it again changes nothing a reader sees.

#![no_main]

use atbalsts_richtext::{clean, clean_mail, text_of, Images, InlineImages};
use libfuzzer_sys::fuzz_target;

/// Elements that must never come out of the cleaner.
const ACTIVE: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "form", "input", "button", "textarea",
    "select", "link", "meta", "base", "svg", "math", "frame", "frameset", "template",
];

/// Checks every tag of serialised HTML. The serialiser escapes `<` in text
/// and `"` in attribute values, which are always double-quoted, so this
/// small scanner reads its output exactly.
fn assert_inert(html: &str) {
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        i += 1;
        let closing = b.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        let start = i;
        while i < b.len() && !matches!(b[i], b' ' | b'>' | b'/') {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        assert!(!name.is_empty(), "a bare `<` in {html:?}");
        assert!(!ACTIVE.contains(&name.as_str()), "<{name}> in {html:?}");
        // Attributes: name="value" pairs up to `>`.
        loop {
            while i < b.len() && matches!(b[i], b' ' | b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let a = i;
            while i < b.len() && !matches!(b[i], b'=' | b' ' | b'>') {
                i += 1;
            }
            let attr = html[a..i].to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "{attr} on <{name}> in {html:?}");
            assert!(attr != "style", "style on <{name}> in {html:?}");
            if b.get(i) == Some(&b'=') {
                assert_eq!(b.get(i + 1), Some(&b'"'), "unquoted value in {html:?}");
                let v = i + 2;
                let end = html[v..].find('"').map(|e| v + e).expect("closed value");
                let value = html[v..end].trim().to_ascii_lowercase();
                assert!(
                    !value.starts_with("javascript:") && !value.starts_with("data:"),
                    "{attr}={value} in {html:?}"
                );
                i = end + 1;
            }
        }
        i += 1;
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    let inline = InlineImages::from([("a@b".to_owned(), "ab".repeat(32))]);
    for once in [
        clean(html, Images::Embedded),
        clean(html, Images::Local),
        clean_mail(html, &inline),
    ] {
        assert_inert(&once);
        let twice = clean(&once, Images::Embedded);
        assert_inert(&twice);
        assert_eq!(text_of(&once), text_of(&twice), "cleaning again changed the text");
    }
});
