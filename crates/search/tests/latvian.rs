//! What a person searching in Latvian (or English) can find: the word list
//! in `latvian_words.txt` run through the "lv" analyser, and real tantivy
//! indexes queried through the `QueryParser`.

use atbalsts_search::{analyse, register_analysers, EN, LV};
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED,
};
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

const WORDS: &str = include_str!("latvian_words.txt");

/// The single term a word becomes under the "lv" analyser.
fn lv_term(word: &str) -> String {
    let terms = analyse(LV, word);
    assert_eq!(terms.len(), 1, "{word:?} gave {terms:?}");
    terms.into_iter().next().unwrap_or_default()
}

/// A non-comment line of the word list: its number and its words.
type Line = (usize, Vec<&'static str>);

/// The lines before (groups) and after (distinct pairs) `# distinct`.
fn word_list() -> (Vec<Line>, Vec<Line>) {
    let mut groups = Vec::new();
    let mut distinct = Vec::new();
    let mut in_distinct = false;
    for (index, line) in WORDS.lines().enumerate() {
        let line = line.trim();
        if line == "# distinct" {
            in_distinct = true;
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words = line.split_whitespace().collect();
        if in_distinct {
            distinct.push((index + 1, words));
        } else {
            groups.push((index + 1, words));
        }
    }
    (groups, distinct)
}

#[test]
fn the_word_list_is_big_enough() {
    let (groups, distinct) = word_list();
    let forms: usize = groups.iter().map(|(_, words)| words.len()).sum();
    assert!(groups.len() >= 60, "{} groups", groups.len());
    assert!(forms >= 600, "{forms} forms");
    assert!(distinct.len() >= 30, "{} distinct pairs", distinct.len());
    assert!(groups.iter().all(|(_, words)| words.len() >= 2));
    assert!(distinct.iter().all(|(_, words)| words.len() == 2));
}

#[test]
fn every_inflected_form_finds_the_others_of_its_word() {
    let (groups, _) = word_list();
    let mut failures = Vec::new();
    for (line, words) in &groups {
        let terms: Vec<String> = words.iter().map(|word| lv_term(word)).collect();
        if terms.iter().any(|term| *term != terms[0]) {
            let shown: Vec<String> = words
                .iter()
                .zip(&terms)
                .map(|(word, term)| format!("{word}→{term}"))
                .collect();
            failures.push(format!("line {line}: {}", shown.join(" ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} groups split:\n{}",
        failures.len(),
        groups.len(),
        failures.join("\n")
    );
}

#[test]
fn different_words_stay_apart() {
    let (_, distinct) = word_list();
    let mut failures = Vec::new();
    for (line, pair) in &distinct {
        let (a, b) = (lv_term(pair[0]), lv_term(pair[1]));
        if a == b {
            failures.push(format!(
                "line {line}: {} and {} both → {a}",
                pair[0], pair[1]
            ));
        }
    }
    assert!(failures.is_empty(), "collisions:\n{}", failures.join("\n"));
}

#[test]
fn a_search_for_dators_finds_datora_and_datoru() {
    assert_eq!(lv_term("dators"), lv_term("datorā"));
    assert_eq!(lv_term("dators"), lv_term("datoru"));
    assert_eq!(lv_term("pieteikums"), lv_term("pieteikumu"));
    assert_eq!(lv_term("printeris"), lv_term("printerim"));
    assert_eq!(lv_term("ekrans"), lv_term("ekrāns"));
}

/// The example tickets: each text goes into the field of its language.
const TICKETS: &[(&str, &str)] = &[
    (LV, "Mans datorā nedarbojas ekrāns"),
    (LV, "Printerim beidzies toneris"),
    (LV, "Jūsu pieteikumu saņēmām"),
    (EN, "The printers are printing"),
];

/// An index in RAM with one text field per analyser ("lv", "en"), both
/// keeping positions, holding [`TICKETS`] as documents 1 to 4.
struct TicketIndex {
    index: Index,
    lv: Field,
    en: Field,
    number: Field,
}

impl TicketIndex {
    fn new() -> tantivy::Result<Self> {
        let mut schema = Schema::builder();
        let mut text_field = |analyser: &str| {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(analyser)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            schema.add_text_field(
                analyser,
                TextOptions::default().set_indexing_options(indexing),
            )
        };
        let (lv, en) = (text_field(LV), text_field(EN));
        let number = schema.add_u64_field("number", STORED);
        let index = Index::create_in_ram(schema.build());
        register_analysers(&index);
        let mut writer: IndexWriter = index.writer(15_000_000)?;
        for (n, (language, text)) in (1u64..).zip(TICKETS) {
            let field = if *language == LV { lv } else { en };
            writer.add_document(doc!(field => *text, number => n))?;
        }
        writer.commit()?;
        Ok(Self {
            index,
            lv,
            en,
            number,
        })
    }

    /// Numbers of the documents whose `field` matches `query`, ascending.
    fn search(&self, field: Field, query: &str) -> tantivy::Result<Vec<u64>> {
        let parser = QueryParser::for_index(&self.index, vec![field]);
        let query = parser
            .parse_query(query)
            .map_err(|error| tantivy::TantivyError::InvalidArgument(error.to_string()))?;
        let searcher = self.index.reader()?.searcher();
        let mut found = Vec::new();
        for (_, address) in searcher.search(&query, &TopDocs::with_limit(10).order_by_score())? {
            let document: TantivyDocument = searcher.doc(address)?;
            found.extend(document.get_first(self.number).and_then(|v| v.as_u64()));
        }
        found.sort_unstable();
        Ok(found)
    }

    fn lv(&self, query: &str) -> tantivy::Result<Vec<u64>> {
        self.search(self.lv, query)
    }

    fn en(&self, query: &str) -> tantivy::Result<Vec<u64>> {
        self.search(self.en, query)
    }
}

const NONE: [u64; 0] = [];

#[test]
fn a_latvian_search_finds_other_forms_and_spellings_without_diacritics() -> tantivy::Result<()> {
    let index = TicketIndex::new()?;
    assert_eq!(index.lv("dators")?, [1]);
    assert_eq!(index.lv("datoru")?, [1]);
    assert_eq!(index.lv("ekrans")?, [1]);
    assert_eq!(index.lv("EKRĀNU")?, [1]);
    assert_eq!(index.lv("printeris")?, [2]);
    assert_eq!(index.lv("pieteikums")?, [3]);
    assert_eq!(index.lv("pieteikumi")?, [3]);
    assert_eq!(index.lv("lapsa")?, NONE);
    Ok(())
}

#[test]
fn an_english_search_for_printer_finds_printers() -> tantivy::Result<()> {
    let index = TicketIndex::new()?;
    assert_eq!(index.en("printer")?, [4]);
    assert_eq!(index.en("print")?, [4]);
    assert_eq!(index.en("dators")?, NONE);
    Ok(())
}

#[test]
fn a_quoted_phrase_must_match_in_order() -> tantivy::Result<()> {
    let index = TicketIndex::new()?;
    assert_eq!(index.lv("\"nedarbojas ekrāns\"")?, [1]);
    assert_eq!(index.lv("\"nedarbojas ekrans\"")?, [1]);
    assert_eq!(index.lv("\"ekrāns nedarbojas\"")?, NONE);
    Ok(())
}

#[test]
fn highlighting_terms_come_from_analyse() {
    assert_eq!(
        analyse(LV, "Jūsu pieteikumu saņēmām"),
        ["jus", "pieteikum", "sanem"]
    );
    assert_eq!(analyse(EN, "The printers"), ["the", "printer"]);
}
