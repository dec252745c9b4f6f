//! What a search answers: [`SearchResults`] of [`Hit`]s with highlighted
//! fragments.

use crate::schema::Fields;
use crate::Kind;
use atbalsts_domain::Locale;
use serde::Serialize;
use tantivy::schema::Value;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::TantivyDocument;

/// Characters in a fragment.
pub const FRAGMENT_CHARS: usize = 200;

/// One thing found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub kind: Kind,
    /// The entity's id (ticket, article or request type).
    pub id: i64,
    /// The document id in the index, e.g. `ticket:42`.
    pub doc: String,
    pub desk_id: i64,
    /// Ticket key (`KISC-12`), article id or request type code.
    pub key: String,
    /// In the language asked for, else in the other one (see
    /// `other_language`).
    pub title: String,
    /// The language of `title` and `fragment_html` when it is not the one
    /// the search asked for: the entity has no text in that language, and
    /// the page says so next to the hit.
    pub other_language: Option<Locale>,
    pub status: String,
    /// A piece of the text around the words found, HTML-escaped, with the
    /// matches in `<b>`; the text's beginning when only the title matched.
    pub fragment_html: String,
    /// Relevance; 0 when listing without words.
    pub score: f32,
    pub updated_at: i64,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// Everything found, on all pages.
    pub total: usize,
    /// From 1.
    pub page: usize,
    pub per_page: usize,
}

impl SearchResults {
    /// Number of pages (0 when nothing was found).
    pub fn pages(&self) -> usize {
        self.total.div_ceil(self.per_page.max(1))
    }
}

/// Cuts fragments from a hit's stored text with the snippet generators of
/// both body fields, keeping the one with more matches.
pub(crate) struct Fragments {
    pub generators: Vec<SnippetGenerator>,
}

impl Fragments {
    pub fn none() -> Self {
        Self {
            generators: Vec::new(),
        }
    }

    fn html(&self, source: &str) -> String {
        let best: Option<Snippet> = self
            .generators
            .iter()
            .map(|g| g.snippet(source))
            .filter(|s| !s.highlighted().is_empty())
            .max_by_key(|s| s.highlighted().len());
        match best {
            Some(snippet) => snippet.to_html(),
            None => beginning(source),
        }
    }
}

/// The first [`FRAGMENT_CHARS`] characters of `text`, escaped, cut at a
/// word, with `…` when something was cut.
fn beginning(text: &str) -> String {
    let text = text.trim();
    let cut = match text.char_indices().nth(FRAGMENT_CHARS) {
        None => return escape_html(text),
        Some((at, _)) => at,
    };
    let head = &text[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    format!("{}…", escape_html(head.trim_end()))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

pub(crate) fn hit(
    doc: &TantivyDocument,
    f: &Fields,
    score: f32,
    fragments: &Fragments,
    locale: Option<Locale>,
) -> Option<Hit> {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let int = |field| doc.get_first(field).and_then(|v| v.as_i64());
    let lv = (text(f.shown_title_lv), text(f.shown_text_lv));
    let en = (text(f.shown_title_en), text(f.shown_text_en));
    let (title, body, other_language) = shown(lv, en, locale);
    Some(Hit {
        kind: Kind::parse(&text(f.kind))?,
        id: int(f.entity_id)?,
        doc: text(f.doc),
        desk_id: int(f.desk_id)?,
        key: text(f.key),
        title,
        other_language,
        status: text(f.status),
        fragment_html: fragments.html(&body),
        score,
        updated_at: int(f.updated_at).unwrap_or(0),
    })
}

/// The title and text a hit shows from its Latvian and English (title,
/// text): those of `locale` when there are any, else the other language's,
/// named. Without a locale: the Latvian title (else the English one) and
/// the texts of both languages, once when they are the same (tickets).
fn shown(
    lv: (String, String),
    en: (String, String),
    locale: Option<Locale>,
) -> (String, String, Option<Locale>) {
    let has = |t: &(String, String)| !t.0.is_empty() || !t.1.is_empty();
    match locale {
        Some(asked) => {
            let (mine, theirs, other) = match asked {
                Locale::Lv => (lv, en, Locale::En),
                Locale::En => (en, lv, Locale::Lv),
            };
            if has(&mine) || !has(&theirs) {
                (mine.0, mine.1, None)
            } else {
                (theirs.0, theirs.1, Some(other))
            }
        }
        None => {
            let title = if lv.0.is_empty() { en.0 } else { lv.0 };
            let mut body = lv.1;
            if !en.1.is_empty() && en.1 != body {
                if !body.is_empty() {
                    body.push_str("\n\n");
                }
                body.push_str(&en.1);
            }
            (title, body, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_begins_with_whole_words_and_escaped() {
        let text = format!("<b>Sveiki</b> & {}", "vārds ".repeat(60));
        let html = beginning(&text);
        assert!(html.starts_with("&lt;b&gt;Sveiki&lt;/b&gt; &amp; vārds"));
        assert!(html.ends_with("vārds…"), "{html}");
        assert_eq!(beginning(" īss "), "īss");
    }

    #[test]
    fn a_hit_shows_the_language_asked_for_else_the_other_named() {
        let pair = |t: &str, b: &str| (t.to_owned(), b.to_owned());
        let both = || {
            (
                pair("Parole", "Aizmirsta parole"),
                pair("Password", "Forgotten password"),
            )
        };
        let (lv, en) = both();
        assert_eq!(
            shown(lv, en, Some(Locale::En)),
            ("Password".into(), "Forgotten password".into(), None)
        );
        let (lv, en) = both();
        assert_eq!(
            shown(lv, en, Some(Locale::Lv)),
            ("Parole".into(), "Aizmirsta parole".into(), None)
        );
        assert_eq!(
            shown(pair("Parole", "Teksts"), pair("", ""), Some(Locale::En)),
            ("Parole".into(), "Teksts".into(), Some(Locale::Lv))
        );
        assert_eq!(
            shown(pair("", ""), pair("Password", "Text"), Some(Locale::Lv)),
            ("Password".into(), "Text".into(), Some(Locale::En))
        );
    }
}
