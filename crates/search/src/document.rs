//! [`Document`]: one entity as the index holds it, built from the database
//! by [`source`](crate::source) or directly (tests, tools).

use crate::schema::Fields;
use crate::Kind;
use tantivy::TantivyDocument;

/// Longest text kept for fragments, in bytes; a longer body is still
/// searched whole, but fragments come from its beginning.
const MAX_SNIPPET_SOURCE: usize = 32 * 1024;

/// Title and body in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub title: String,
    pub body: String,
}

impl Text {
    pub fn new(title: impl Into<String>, body: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            body: body.into(),
        }
    }

    fn is_empty(&self) -> bool {
        self.title.trim().is_empty() && self.body.trim().is_empty()
    }
}

/// An entity as indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: Kind,
    pub id: i64,
    pub desk_id: i64,
    pub institution_id: Option<i64>,
    /// Articles: `public`, `agents`, `desk`, `institution`; tickets:
    /// `staff`; request types: `public` or `internal`.
    pub visibility: String,
    /// The ticket's status code, the article's status (`published` is
    /// shown to readers), `active` for request types.
    pub status: String,
    /// Ticket key, article id or request type code.
    pub key: String,
    pub lv: Text,
    pub en: Text,
    pub updated_at: i64,
}

impl Document {
    /// The id of the document in the index.
    pub fn doc_id(&self) -> String {
        self.kind.doc_id(self.id)
    }

    /// The text fragments are cut from in one language, cut to
    /// [`MAX_SNIPPET_SOURCE`].
    fn shown_text(text: &Text) -> String {
        let mut text = text.body.trim().to_owned();
        if text.len() > MAX_SNIPPET_SOURCE {
            let mut end = MAX_SNIPPET_SOURCE;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
        }
        text
    }

    pub(crate) fn to_tantivy(&self, f: &Fields) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(f.doc, self.doc_id());
        d.add_text(f.kind, self.kind.code());
        d.add_i64(f.entity_id, self.id);
        d.add_i64(f.desk_id, self.desk_id);
        d.add_i64(f.institution_id, self.institution_id.unwrap_or(-1));
        d.add_text(f.visibility, &self.visibility);
        d.add_text(f.status, &self.status);
        if !self.lv.is_empty() {
            d.add_text(f.title_lv, &self.lv.title);
            d.add_text(f.body_lv, &self.lv.body);
        }
        if !self.en.is_empty() {
            d.add_text(f.title_en, &self.en.title);
            d.add_text(f.body_en, &self.en.body);
        }
        d.add_text(f.key, &self.key);
        for (text, title, body) in [
            (&self.lv, f.shown_title_lv, f.shown_text_lv),
            (&self.en, f.shown_title_en, f.shown_text_en),
        ] {
            if !text.is_empty() {
                d.add_text(title, text.title.trim());
                d.add_text(body, Self::shown_text(text));
            }
        }
        d.add_i64(f.updated_at, self.updated_at);
        d
    }
}

/// Markdown as plain text for the index and for fragments: link targets,
/// image addresses and the marks of emphasis, headings, quotes and code go;
/// the words stay.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.lines() {
        let line = line.trim_start();
        let line = line.trim_start_matches(['#', '>']).trim_start();
        let line = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .or_else(|| line.strip_prefix("+ "))
            .unwrap_or(line);
        if line.starts_with("```") || line.starts_with("~~~") {
            out.push('\n');
            continue;
        }
        strip_inline(line, &mut out);
        out.push('\n');
    }
    out.trim().to_owned()
}

/// Drops `(url)` after `]`, the `!` of images, and the marks `*`, `` ` ``,
/// `[` and `]`. Underscores stay: they may belong to a word (`snake_case`),
/// and the analysers split on them anyway.
fn strip_inline(line: &str, out: &mut String) {
    let mut chars = line.chars().peekable();
    let mut after_bracket = false;
    while let Some(c) = chars.next() {
        match c {
            '(' if after_bracket => {
                let mut depth = 1;
                for c in chars.by_ref() {
                    match c {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            '!' if chars.peek() == Some(&'[') => {}
            '*' | '`' | '[' | ']' => {}
            _ => out.push(c),
        }
        after_bracket = c == ']';
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_its_words() {
        let md = "# Printera **iestatīšana**\n\n- Atver [vadības paneli](https://x.lv/a_(b)) un `Ierīces`\n![attēls](img.png)\n```\nkods\n```";
        assert_eq!(
            plain_text(md),
            "Printera iestatīšana\n\nAtver vadības paneli un Ierīces\nattēls\n\nkods"
        );
    }

    #[test]
    fn underscores_stay() {
        assert_eq!(plain_text("mape_2026"), "mape_2026");
    }
}
