//! The text of a fetched web page as Markdown: the page's `<main>`, else
//! its `<article>`, else its `<body>`, without navigation, forms, scripts
//! and the like; its title, language, and the pictures in that text.
//! html5ever parses the page as a browser would; htmd writes Markdown.

use atbalsts_domain::Locale;
use htmd::element_handler::{HandlerResult, Handlers};
use htmd::{Element, HtmlToMarkdown};
use markup5ever_rcdom::{Handle, NodeData};
use reqwest::Url;
use std::collections::HashMap;
use std::sync::Arc;

/// At most this many pictures of a page are brought along.
pub(crate) const MAX_IMAGES: usize = 20;

/// Never part of an article's text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "aside", "form", "iframe", "svg", "button", "template",
    "object", "embed", "canvas", "video", "audio", "select", "input", "textarea", "dialog",
];
/// Dropped too when the whole `<body>` is taken: the site's own frame.
const FRAME: &[&str] = &["header", "footer"];

#[derive(Debug, Clone)]
pub(crate) struct Outline {
    pub title: String,
    pub lang: Locale,
    /// Absolute addresses of the pictures in the text, in order, once each.
    pub images: Vec<Url>,
}

/// A page's bytes as text: in the encoding its server or its `<meta>`
/// names (older Latvian sites use windows-1257), else UTF-8.
pub(crate) fn decode(bytes: &[u8], charset: Option<&str>) -> String {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let declared = charset.map(str::to_owned).or_else(|| {
        let at = head.find("charset=")? + "charset=".len();
        let label: String = head[at..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
            .collect();
        (!label.is_empty()).then_some(label)
    });
    let encoding = declared
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    encoding.decode(bytes).0.into_owned()
}

fn parse(html: &str) -> Option<Handle> {
    HtmlToMarkdown::new().html_to_tree(html).ok()
}

fn name_of(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn attr(node: &Handle, wanted: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == wanted)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

/// The first element named `name`, depth first.
fn first(node: &Handle, name: &str) -> Option<Handle> {
    if name_of(node).as_deref() == Some(name) {
        return Some(node.clone());
    }
    node.children
        .borrow()
        .iter()
        .find_map(|child| first(child, name))
}

fn text_of(node: &Handle, out: &mut String) {
    if let NodeData::Text { contents } = &node.data {
        out.push_str(&contents.borrow());
    }
    for child in node.children.borrow().iter() {
        text_of(child, out);
    }
}

fn squeezed(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of the page that holds its text, and whether it is the whole body.
fn main_of(doc: &Handle) -> (Handle, bool) {
    if let Some(main) = first(doc, "main").or_else(|| first(doc, "article")) {
        return (main, false);
    }
    (first(doc, "body").unwrap_or_else(|| doc.clone()), true)
}

fn images_in(node: &Handle, base: &Url, out: &mut Vec<Url>) {
    match name_of(node).as_deref() {
        Some(n) if DROPPED.contains(&n) => return,
        Some("img") => {
            if let Some(u) = attr(node, "src").and_then(|s| resolve(base, &s)) {
                if !out.contains(&u) && out.len() < MAX_IMAGES {
                    out.push(u);
                }
            }
        }
        _ => {}
    }
    for child in node.children.borrow().iter() {
        images_in(child, base, out);
    }
}

/// A picture's address made absolute; only `http(s)` ones.
pub(crate) fn resolve(base: &Url, src: &str) -> Option<Url> {
    let u = base.join(src.trim()).ok()?;
    matches!(u.scheme(), "http" | "https").then_some(u)
}

/// The page's title, language and pictures.
pub(crate) fn outline(html: &str, base: &Url) -> Outline {
    let Some(doc) = parse(html) else {
        return Outline {
            title: String::new(),
            lang: Locale::Lv,
            images: Vec::new(),
        };
    };
    let (main, _) = main_of(&doc);
    let mut title = String::new();
    if let Some(t) = first(&doc, "title") {
        text_of(&t, &mut title);
    }
    if title.trim().is_empty() {
        if let Some(h1) = first(&main, "h1") {
            text_of(&h1, &mut title);
        }
    }
    let lang = first(&doc, "html")
        .and_then(|h| attr(&h, "lang"))
        .filter(|l| l.to_ascii_lowercase().starts_with("en"))
        .map(|_| Locale::En)
        .unwrap_or(Locale::Lv);
    let mut images = Vec::new();
    images_in(&main, base, &mut images);
    Outline {
        title: squeezed(&title).chars().take(255).collect(),
        lang,
        images,
    }
}

/// Brackets would end a Markdown link's text early.
fn link_text(s: &str) -> String {
    squeezed(&s.replace(['[', ']'], ""))
}

/// The page's text as Markdown. A picture whose address is in `local`
/// points at the stored copy; any other becomes a link to the original.
pub(crate) fn markdown(html: &str, base: &Url, local: &HashMap<String, String>) -> String {
    let Some(doc) = parse(html) else {
        return String::new();
    };
    let (main, whole_body) = main_of(&doc);
    let mut dropped: Vec<&str> = DROPPED.to_vec();
    if whole_body {
        dropped.extend_from_slice(FRAME);
    }
    let local = Arc::new(local.clone());
    let base = base.clone();
    let converter = HtmlToMarkdown::builder()
        .skip_tags(dropped)
        .add_handler(
            vec!["img"],
            move |_: &dyn Handlers, e: Element| -> Option<HandlerResult> {
                let value = |wanted: &str| {
                    e.attrs
                        .iter()
                        .find(|a| &*a.name.local == wanted)
                        .map(|a| a.value.to_string())
                };
                let url = resolve(&base, &value("src")?)?;
                let alt = link_text(&value("alt").unwrap_or_default());
                let md = match local.get(url.as_str()) {
                    Some(path) => format!("![{alt}]({path})"),
                    None => {
                        let text = if alt.is_empty() {
                            url.path_segments()
                                .and_then(|mut s| s.next_back())
                                .map(link_text)
                                .filter(|s| !s.is_empty())
                                .unwrap_or_else(|| url.to_string())
                        } else {
                            alt
                        };
                        format!("[{text}](<{url}>)")
                    }
                };
                Some(md.into())
            },
        )
        .build();
    converter.tree_to_markdown(&main).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::{markdown, outline};
    use atbalsts_domain::Locale;
    use reqwest::Url;
    use std::collections::HashMap;

    const PAGE: &str = r#"<!doctype html><html lang="lv"><head><title>Printera iestatīšana | KISC</title>
        <script>alert(1)</script></head><body><header><nav><a href="/">Sākums</a></nav></header>
        <main><h1>Printera iestatīšana</h1><p>Atveriet <strong>Iestatījumus</strong>.</p>
        <img src="/att/printeris.png" alt="Printera logs"><img src="https://cdn.example/x.jpg">
        <form><input name="q"></form><ul><li>Viens</li><li>Divi</li></ul></main>
        <footer>© KISC</footer></body></html>"#;

    #[test]
    fn the_main_text_of_a_page_becomes_markdown_with_its_pictures() {
        let base = Url::parse("https://kisc.example/palidziba/printeris").unwrap();
        let o = outline(PAGE, &base);
        assert_eq!(o.title, "Printera iestatīšana | KISC");
        assert_eq!(o.lang, Locale::Lv);
        assert_eq!(
            o.images.iter().map(Url::as_str).collect::<Vec<_>>(),
            [
                "https://kisc.example/att/printeris.png",
                "https://cdn.example/x.jpg"
            ]
        );
        let mut local = HashMap::new();
        local.insert(
            "https://kisc.example/att/printeris.png".to_owned(),
            "/kb/files/7".to_owned(),
        );
        let md = markdown(PAGE, &base, &local);
        assert!(md.starts_with("# Printera iestatīšana"), "{md}");
        assert!(md.contains("Atveriet **Iestatījumus**."), "{md}");
        assert!(md.contains("![Printera logs](/kb/files/7)"), "{md}");
        assert!(md.contains("[x.jpg](<https://cdn.example/x.jpg>)"), "{md}");
        assert!(md.contains("Viens") && md.contains("Divi"), "{md}");
        for gone in ["alert", "Sākums", "© KISC", "input"] {
            assert!(!md.contains(gone), "{gone} in {md}");
        }
    }

    #[test]
    fn pages_in_older_latvian_encodings_are_read_right() {
        // "Ātrā palīdzība" in windows-1257.
        let bytes = b"<html><head><meta charset=\"windows-1257\"></head><body><p>\xc2tr\xe2 pal\xeedz\xeeba</p></body></html>";
        assert!(super::decode(bytes, None).contains("Ātrā palīdzība"));
        assert!(super::decode("Ātrā".as_bytes(), Some("utf-8")).contains("Ātrā"));
        assert_eq!(super::decode(b"\xc2tr\xe2", Some("windows-1257")), "Ātrā");
    }

    #[test]
    fn without_main_or_article_the_body_is_taken_without_its_frame() {
        let base = Url::parse("https://example.lv/").unwrap();
        let html = "<html lang=en-GB><body><header>Logo</header><h1>VPN</h1><p>Connect.</p><footer>Contacts</footer></body></html>";
        let o = outline(html, &base);
        assert_eq!((o.title.as_str(), o.lang), ("VPN", Locale::En));
        let md = markdown(html, &base, &HashMap::new());
        assert_eq!(md, "# VPN\n\nConnect.");
    }
}
