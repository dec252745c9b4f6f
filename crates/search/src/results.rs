//! What a search answers: [`SearchResults`] of [`Hit`]s with highlighted
//! fragments.

use crate::schema::Fields;
use crate::Kind;
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
    pub title: String,
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
) -> Option<Hit> {
    let text = |field| {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let int = |field| doc.get_first(field).and_then(|v| v.as_i64());
    Some(Hit {
        kind: Kind::parse(&text(f.kind))?,
        id: int(f.entity_id)?,
        doc: text(f.doc),
        desk_id: int(f.desk_id)?,
        key: text(f.key),
        title: text(f.title),
        status: text(f.status),
        fragment_html: fragments.html(&text(f.snippet_source)),
        score,
        updated_at: int(f.updated_at).unwrap_or(0),
    })
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
}
