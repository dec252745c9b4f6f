//! The index schema. Latvian text goes into the `*_lv` fields (analyser
//! [`LV`]), English into the `*_en` fields ([`EN`]); text of unknown language
//! (tickets) into both. Filters work on raw `STRING` and integer fields;
//! what a result shows is stored apart from what is searched.

use crate::{EN, LV};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

/// Bumped whenever the schema or what goes into it changes: an index of
/// another version is rebuilt from the database when the service opens.
pub const SCHEMA_VERSION: u32 = 2;

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Unique per document: `ticket:42`, `article:7`, `request_type:3`.
    pub doc: Field,
    pub kind: Field,
    pub entity_id: Field,
    pub desk_id: Field,
    /// `-1` for none.
    pub institution_id: Field,
    pub visibility: Field,
    pub status: Field,
    pub title_lv: Field,
    pub body_lv: Field,
    pub title_en: Field,
    pub body_en: Field,
    /// Ticket key (`KISC-12`), article id or request type code; shown and
    /// searched (an agent types a key).
    pub key: Field,
    /// Shown in results: the title and the text fragments are cut from,
    /// per language, so a page shows a hit in its own language.
    pub shown_title_lv: Field,
    pub shown_title_en: Field,
    pub shown_text_lv: Field,
    pub shown_text_en: Field,
    pub updated_at: Field,
}

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text = |analyser: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(analyser)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
        };
        let fields = Fields {
            doc: b.add_text_field("doc", STRING | STORED),
            kind: b.add_text_field("kind", STRING | STORED),
            entity_id: b.add_i64_field("entity_id", STORED),
            desk_id: b.add_i64_field("desk_id", INDEXED | FAST | STORED),
            institution_id: b.add_i64_field("institution_id", INDEXED | FAST),
            visibility: b.add_text_field("visibility", STRING),
            status: b.add_text_field("status", STRING | STORED),
            title_lv: b.add_text_field("title_lv", text(LV)),
            body_lv: b.add_text_field("body_lv", text(LV)),
            title_en: b.add_text_field("title_en", text(EN)),
            body_en: b.add_text_field("body_en", text(EN)),
            key: b.add_text_field("key", text(LV) | STORED),
            shown_title_lv: b.add_text_field("shown_title_lv", STORED),
            shown_title_en: b.add_text_field("shown_title_en", STORED),
            shown_text_lv: b.add_text_field("shown_text_lv", STORED),
            shown_text_en: b.add_text_field("shown_text_en", STORED),
            updated_at: b.add_i64_field("updated_at", FAST | STORED),
        };
        (b.build(), fields)
    }
}
