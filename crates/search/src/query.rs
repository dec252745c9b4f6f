//! [`SearchQuery`]: what a person asked for, and how it becomes a tantivy
//! query: the words through the `QueryParser` (titles weigh more, every
//! word must match, quoted phrases in order), the filters as exact terms.

use crate::schema::Fields;
use crate::scope::{all, any, int, text};
use crate::Kind;
use atbalsts_domain::Locale;
use tantivy::query::{ConstScoreQuery, EmptyQuery, Query, QueryParser};
use tantivy::Index;

/// Most results on one page.
pub const MAX_PER_PAGE: usize = 100;
/// Results on a page when the query does not say.
pub const DEFAULT_PER_PAGE: usize = 20;
/// Deepest result reachable by paging: nobody reads further, and each page
/// costs the ranking of everything before it.
pub const MAX_OFFSET: usize = 10_000;
/// How much more a word in a title (or a key) counts than one in a body.
const TITLE_BOOST: f32 = 3.0;

/// A search: words and filters, and the page wanted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words, `"quoted phrases"`, and the operators of tantivy's query
    /// language; blank lists everything in scope, newest first.
    pub text: String,
    /// Only these kinds; empty for all.
    pub kinds: Vec<Kind>,
    pub desk_id: Option<i64>,
    /// Ticket status code, article status (`published`, `draft`…) or
    /// `active` for request types.
    pub status: Option<String>,
    /// Only these visibilities; empty for all.
    pub visibility: Vec<String>,
    pub institution_id: Option<i64>,
    /// Find what matches any of the words (ranked by how many and how
    /// rare), instead of every word: for suggestions from a person's own
    /// description of a problem, where most words are in no article.
    pub any_word: bool,
    /// The language of the page: a hit's title and fragment come from its
    /// text in this language when it has one. `None`: the Latvian title and
    /// both languages' texts (tools, the index's own tests).
    pub locale: Option<Locale>,
    /// From 1; 0 counts as 1.
    pub page: usize,
    /// Up to [`MAX_PER_PAGE`]; 0 means [`DEFAULT_PER_PAGE`].
    pub per_page: usize,
}

impl SearchQuery {
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    pub fn kinds(mut self, kinds: &[Kind]) -> Self {
        self.kinds = kinds.to_vec();
        self
    }

    /// Matches any of the words instead of all of them.
    pub fn any_word(mut self) -> Self {
        self.any_word = true;
        self
    }

    /// Shows hits in `locale` (see [`SearchQuery::locale`]).
    pub fn locale(mut self, locale: Locale) -> Self {
        self.locale = Some(locale);
        self
    }

    pub fn page(mut self, page: usize, per_page: usize) -> Self {
        self.page = page;
        self.per_page = per_page;
        self
    }

    /// Results per page, within bounds.
    pub fn limit(&self) -> usize {
        match self.per_page {
            0 => DEFAULT_PER_PAGE,
            n => n.min(MAX_PER_PAGE),
        }
    }

    /// The number of the page, from 1.
    pub fn page_number(&self) -> usize {
        self.page.max(1)
    }

    /// Results skipped before this page.
    pub fn offset(&self) -> usize {
        (self.page_number() - 1)
            .saturating_mul(self.limit())
            .min(MAX_OFFSET)
    }

    /// The filters as one query that matches without scoring (so they do
    /// not change the ranking), or `None` when there are none.
    pub(crate) fn filters(&self, f: &Fields) -> Option<Box<dyn Query>> {
        let mut must: Vec<Box<dyn Query>> = Vec::new();
        if !self.kinds.is_empty() {
            must.push(any(self
                .kinds
                .iter()
                .map(|k| text(f.kind, k.code()))
                .collect()));
        }
        if let Some(desk) = self.desk_id {
            must.push(int(f.desk_id, desk));
        }
        if let Some(status) = &self.status {
            must.push(text(f.status, status));
        }
        if !self.visibility.is_empty() {
            must.push(any(self
                .visibility
                .iter()
                .map(|v| text(f.visibility, v))
                .collect()));
        }
        if let Some(institution) = self.institution_id {
            must.push(int(f.institution_id, institution));
        }
        (!must.is_empty()).then(|| unscored(all(must)))
    }
}

/// `query` matching as it does, adding nothing to the score.
pub(crate) fn unscored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// The words of a search as a query over the titles and bodies of both
/// languages and the key, every word required unless `any_word`; `None`
/// when the text is blank. Text the query
/// language refuses (`"unclosed`, `title:(`, `AND OR`) is searched again
/// as its plain words, so a person always gets an answer.
pub(crate) fn words(
    index: &Index,
    f: &Fields,
    raw: &str,
    any_word: bool,
) -> Option<Box<dyn Query>> {
    if raw.trim().is_empty() {
        return None;
    }
    let mut parser = QueryParser::for_index(
        index,
        vec![f.title_lv, f.body_lv, f.title_en, f.body_en, f.key],
    );
    if !any_word {
        parser.set_conjunction_by_default();
    }
    for field in [f.title_lv, f.title_en, f.key] {
        parser.set_field_boost(field, TITLE_BOOST);
    }
    if let Ok(query) = parser.parse_query(raw) {
        return Some(query);
    }
    let plain = plain_words(raw);
    if plain.is_empty() {
        return Some(Box::new(EmptyQuery));
    }
    match parser.parse_query(&plain) {
        Ok(query) => Some(query),
        Err(error) => {
            tracing::debug!(%error, query = raw, "search words refused twice");
            Some(parser.parse_query_lenient(&plain).0)
        }
    }
}

/// The words of `raw` without the query language: runs of letters and
/// digits, less the operators `AND`, `OR` and `NOT`.
fn plain_words(raw: &str) -> String {
    raw.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "AND" | "OR" | "NOT"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_language_leaves_only_words() {
        assert_eq!(plain_words("\"unclosed"), "unclosed");
        assert_eq!(plain_words("title:( AND OR and"), "title and");
        assert_eq!(plain_words("Datorā -nav- *"), "Datorā nav");
        assert_eq!(plain_words("!!!"), "");
    }

    #[test]
    fn pages_stay_within_bounds() {
        let q = SearchQuery::new("x");
        assert_eq!((q.limit(), q.page_number(), q.offset()), (20, 1, 0));
        let q = SearchQuery::new("x").page(3, 500);
        assert_eq!((q.limit(), q.offset()), (100, 200));
        let q = SearchQuery::new("x").page(usize::MAX / 1000, 100);
        assert_eq!(q.offset(), MAX_OFFSET);
    }
}
