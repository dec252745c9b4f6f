//! Full-text search for Atbalsts, on top of Tantivy: one search over
//! knowledge articles, tickets and request types, scoped to what the
//! viewer may see.
//!
//! - [`SearchService`] keeps an index in a folder of its own per running
//!   instance. It rebuilds it from the database when it is missing or
//!   outdated, and keeps it current from the database's change log
//!   (`atbalsts_store::search_log`), which every change to a ticket, article
//!   or request type writes in its own transaction. The index is derived:
//!   delete its folder and it comes back.
//! - [`SearchService::search`] takes a [`SearchQuery`] (words, filters, page)
//!   and a [`Scope`] (who asks) and answers [`SearchResults`]: [`Hit`]s with
//!   HTML fragments, the matches in `<b>`; with a locale, each hit's title
//!   and fragment are in that language when the entity has text in it, else
//!   in the other one, named in [`Hit::other_language`].
//!
//! # Analysis
//!
//! Two analysers, registered on an index by [`register_analysers`] and named
//! by [`LV`] and [`EN`] in a schema's `TextFieldIndexing::set_tokenizer`:
//!
//! - `lv`: split on non-alphanumerics → drop tokens over 40 bytes →
//!   lowercase → [`LatvianFilter`] (diacritics folded, then the light
//!   Latvian stemmer of [`latvian`]). `dators`, `datorā` and `datoru` all
//!   index as `dator`; `ekrans` finds `ekrāns`.
//! - `en`: split → drop tokens over 40 bytes → lowercase → ASCII folding →
//!   Snowball English stemmer.
//!
//! Queries go through the same analyser as the field they search, so a
//! `QueryParser` built on the index needs nothing more. Keep positions in
//! the index (`IndexRecordOption::WithFreqsAndPositions`) for phrase queries.

mod document;
mod error;
mod filter;
mod index;
mod indexer;
mod kind;
pub mod latvian;
mod query;
mod results;
mod schema;
mod scope;
pub mod source;

pub use document::{plain_text, Document, Text};
pub use error::SearchError;
pub use filter::{LatvianFilter, LatvianTokenStream, LatvianTokenizer};
pub use index::{Mark, SearchIndex};
pub use indexer::{SearchService, KEEP_LOG, OVERLAP};
pub use kind::Kind;
pub use query::{SearchQuery, DEFAULT_PER_PAGE, MAX_OFFSET, MAX_PER_PAGE};
pub use results::{escape_html, Hit, SearchResults, FRAGMENT_CHARS};
pub use schema::{Fields, SCHEMA_VERSION};
pub use scope::{Scope, REQUEST_TYPE_INTERNAL, REQUEST_TYPE_PUBLIC, TICKET_STAFF};

pub type Result<T, E = SearchError> = std::result::Result<T, E>;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, TokenStream,
};
use tantivy::Index;

/// Name of the Latvian analyser.
pub const LV: &str = "lv";
/// Name of the English analyser.
pub const EN: &str = "en";

/// Longest token kept, in UTF-8 bytes (tantivy's `RemoveLongFilter` counts
/// bytes; Latvian letters with diacritics take two).
pub const MAX_TOKEN_BYTES: usize = 40;

/// Registers the [`LV`] and [`EN`] analysers on `index`, replacing any of
/// the same name.
pub fn register_analysers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(LV, latvian_analyser());
    tokenizers.register(EN, english_analyser());
}

/// The analyser registered under `name`, or `None` for an unknown name.
pub fn analyser(name: &str) -> Option<TextAnalyzer> {
    match name {
        LV => Some(latvian_analyser()),
        EN => Some(english_analyser()),
        _ => None,
    }
}

/// The terms `text` becomes under the analyser `name`, in order; empty for
/// an unknown name. For tests and for highlighting matched words.
pub fn analyse(name: &str, text: &str) -> Vec<String> {
    let Some(mut analyser) = analyser(name) else {
        return Vec::new();
    };
    let mut stream = analyser.token_stream(text);
    let mut terms = Vec::new();
    while stream.advance() {
        terms.push(stream.token().text.clone());
    }
    terms
}

fn latvian_analyser() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES + 1))
        .filter(LowerCaser)
        .filter(LatvianFilter)
        .build()
}

fn english_analyser() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES + 1))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latvian_analyser_folds_and_stems_every_word() {
        assert_eq!(
            analyse(LV, "Mans DATORĀ nedarbojas ekrāns"),
            ["man", "dator", "nedarb", "ekran"]
        );
    }

    #[test]
    fn english_analyser_stems_and_folds() {
        assert_eq!(
            analyse(EN, "The Printers are printing café"),
            ["the", "printer", "are", "print", "cafe"]
        );
    }

    #[test]
    fn tokens_over_forty_bytes_are_dropped() {
        let forty = "a".repeat(MAX_TOKEN_BYTES);
        let long = "a".repeat(MAX_TOKEN_BYTES + 1);
        assert_eq!(
            analyse(EN, &format!("{forty} {long} ok")),
            [forty, "ok".into()]
        );
    }

    #[test]
    fn unknown_analyser_gives_no_terms() {
        assert!(analyse("de", "Drucker").is_empty());
        assert!(analyser("de").is_none());
    }
}
