//! [`SearchIndex`]: the tantivy index with its one writer and its reader.
//! Blocking; [`SearchService`](crate::SearchService) calls it off the async
//! executor.

use crate::document::Document;
use crate::query::{unscored, words, SearchQuery};
use crate::results::{hit, Fragments, SearchResults, FRAGMENT_CHARS};
use crate::schema::{Fields, SCHEMA_VERSION};
use crate::{register_analysers, Kind, Result, Scope};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Mutex;
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::Directory as _;
use tantivy::directory::MmapDirectory;
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query};
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, Index, IndexReader, IndexWriter, Order, ReloadPolicy, TantivyDocument, Term,
};

/// Memory the writer buffers before it writes a segment; one thread.
const WRITER_MEMORY: usize = 20_000_000;

/// What a commit records besides the documents, in tantivy's commit
/// payload: kept in the same atomic commit, so the index and the position
/// in the change log never disagree after a crash (a separate file could
/// be written before or after the commit it describes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub schema_version: u32,
    /// The last change-log id applied.
    pub last_change_id: i64,
}

pub struct SearchIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    /// The writer while changes are being made: created for a batch and
    /// dropped after its commit, so an idle instance holds none of its
    /// memory. The folder stays claimed by `claim` all along.
    writer: Mutex<Option<IndexWriter>>,
    /// Held for as long as the index is open: two instances never write
    /// one folder. `None` once [`SearchIndex::close`]d.
    claim: Mutex<Option<tantivy::directory::DirectoryLock>>,
}

/// The lock that keeps the folder to one instance (tantivy's own writer
/// lock is only held while a writer exists).
fn instance_lock() -> tantivy::directory::Lock {
    tantivy::directory::Lock {
        filepath: std::path::PathBuf::from(".atbalsts-instance.lock"),
        is_blocking: false,
    }
}

impl SearchIndex {
    /// A new, empty index in memory (tests, tools).
    pub fn in_ram() -> Result<Self> {
        let (schema, fields) = Fields::schema();
        Self::with(Index::create_in_ram(schema), fields)
    }

    /// Opens the index in `dir` with the mark of its last commit, or, when
    /// the folder is missing, empty, unreadable or of another schema
    /// version, creates an empty one there (mark `None`). A folder that
    /// holds other things than an index is refused rather than emptied.
    pub fn open_in(dir: &Path) -> Result<(Self, Option<Mark>)> {
        std::fs::create_dir_all(dir)?;
        let (schema, fields) = Fields::schema();
        match Self::open_existing(dir) {
            Ok(Some((index, mark))) if mark.schema_version == SCHEMA_VERSION => {
                if index.schema() == schema {
                    return Ok((Self::with(index, fields)?, Some(mark)));
                }
                tracing::warn!(dir = %dir.display(), "search index schema differs; rebuilding");
            }
            Ok(Some((_, mark))) => {
                tracing::info!(dir = %dir.display(), version = mark.schema_version, "search index of another version; rebuilding");
            }
            Ok(None) => {}
            Err(error) => {
                tracing::warn!(dir = %dir.display(), %error, "search index unreadable; rebuilding");
            }
        }
        empty_folder(dir)?;
        let index = Index::create_in_dir(dir, schema)?;
        Ok((Self::with(index, fields)?, None))
    }

    /// The index in `dir` and its mark; `None` when there is no index or
    /// it has no mark.
    fn open_existing(dir: &Path) -> Result<Option<(Index, Mark)>> {
        let directory = MmapDirectory::open(dir)?;
        if !Index::exists(&directory).map_err(tantivy::TantivyError::from)? {
            return Ok(None);
        }
        let index = Index::open(directory)?;
        let mark = index
            .load_metas()?
            .payload
            .and_then(|p| serde_json::from_str::<Mark>(&p).ok());
        Ok(mark.map(|m| (index, m)))
    }

    fn with(index: Index, fields: Fields) -> Result<Self> {
        register_analysers(&index);
        let claim = index
            .directory()
            .acquire_lock(&instance_lock())
            .map_err(|e| {
                tantivy::TantivyError::LockFailure(
                    e,
                    Some("the folder is used by another instance".into()),
                )
            })?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            index,
            fields,
            reader,
            writer: Mutex::new(None),
            claim: Mutex::new(Some(claim)),
        })
    }

    fn write<T>(&self, f: impl FnOnce(&mut IndexWriter) -> Result<T>) -> Result<T> {
        let open = self
            .claim
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some();
        if !open {
            return Err(tantivy::TantivyError::InvalidArgument(
                "the search index is closed".into(),
            )
            .into());
        }
        let mut guard = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            *guard = Some(self.index.writer_with_num_threads(1, WRITER_MEMORY)?);
        }
        match guard.as_mut() {
            Some(writer) => f(writer),
            None => unreachable!("the writer was just made"),
        }
    }

    /// Replaces the entity `kind`/`id` with `doc` (`None`: removes it).
    /// Seen by searches after the next [`commit`](Self::commit).
    pub fn replace(&self, kind: Kind, id: i64, doc: Option<&Document>) -> Result<()> {
        self.write(|w| {
            w.delete_term(Term::from_field_text(self.fields.doc, &kind.doc_id(id)));
            if let Some(doc) = doc {
                w.add_document(doc.to_tantivy(&self.fields))?;
            }
            Ok(())
        })
    }

    /// Adds documents known not to be in the index (a rebuild).
    pub fn add(&self, docs: &[Document]) -> Result<()> {
        self.write(|w| {
            for doc in docs {
                w.add_document(doc.to_tantivy(&self.fields))?;
            }
            Ok(())
        })
    }

    /// Removes every document (seen after the next commit).
    pub fn clear(&self) -> Result<()> {
        self.write(|w| Ok(w.delete_all_documents().map(|_| ())?))
    }

    /// Drops the changes since the last commit.
    pub fn rollback(&self) -> Result<()> {
        self.write(|w| Ok(w.rollback().map(|_| ())?))
    }

    /// Makes the changes so far visible and durable, with the position in
    /// the change log they reach.
    pub fn commit(&self, last_change_id: i64) -> Result<()> {
        let mark = Mark {
            schema_version: SCHEMA_VERSION,
            last_change_id,
        };
        self.write(|w| {
            let mut commit = w.prepare_commit()?;
            commit.set_payload(&serde_json::to_string(&mark).unwrap_or_default());
            commit.commit()?;
            Ok(())
        })?;
        // Idle until the next batch: the writer (its threads and memory) goes.
        let writer = self.writer.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(w) = writer {
            w.wait_merging_threads()?;
        }
        self.reader.reload()?;
        Ok(())
    }

    /// Stops the writer (uncommitted changes are lost) and releases its lock
    /// on the folder; the index still answers searches but takes no more
    /// changes.
    pub fn close(&self) {
        let writer = self.writer.lock().unwrap_or_else(|e| e.into_inner()).take();
        drop(writer);
        let claim = self.claim.lock().unwrap_or_else(|e| e.into_inner()).take();
        drop(claim);
    }

    /// Documents searchable now.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// One page of what `query` finds within `scope`, best first (newest
    /// first without words).
    pub fn search(&self, query: &SearchQuery, scope: &Scope) -> Result<SearchResults> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let text = words(&self.index, f, &query.text, query.any_word);
        let ranked = text.is_some();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, text.unwrap_or_else(|| Box::new(AllQuery))),
            (Occur::Must, unscored(scope.query(f))),
        ];
        if let Some(filters) = query.filters(f) {
            clauses.push((Occur::Must, filters));
        }
        let tantivy_query = BooleanQuery::new(clauses);
        let (limit, offset) = (query.limit(), query.offset());
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let (found, total): (Vec<(f32, DocAddress)>, usize) = if ranked {
            searcher.search(&tantivy_query, &(top.order_by_score(), Count))?
        } else {
            let (newest, total) = searcher.search(
                &tantivy_query,
                &(
                    top.order_by_fast_field::<i64>("updated_at", Order::Desc),
                    Count,
                ),
            )?;
            (newest.into_iter().map(|(_, a)| (0.0, a)).collect(), total)
        };
        let fragments = if ranked {
            let mut generators = Vec::new();
            for field in [f.body_lv, f.body_en] {
                let mut g = SnippetGenerator::create(&searcher, &tantivy_query, field)?;
                g.set_max_num_chars(FRAGMENT_CHARS);
                generators.push(g);
            }
            Fragments { generators }
        } else {
            Fragments::none()
        };
        let mut hits = Vec::with_capacity(found.len());
        for (score, address) in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            hits.extend(hit(&doc, f, score, &fragments, query.locale));
        }
        Ok(SearchResults {
            hits,
            total,
            page: query.page_number(),
            per_page: limit,
        })
    }
}

/// Empties `dir` for a new index, if it holds nothing but an old one.
fn empty_folder(dir: &Path) -> Result<()> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        entries.push(entry?.path());
    }
    if entries.is_empty() {
        return Ok(());
    }
    let is_index = dir.join("meta.json").exists() || dir.join(".managed.json").exists();
    if !is_index {
        return Err(std::io::Error::other(format!(
            "{} is not empty and holds no search index; refusing to empty it",
            dir.display()
        ))
        .into());
    }
    for path in entries {
        if path.is_dir() {
            std::fs::remove_dir_all(&path)?;
        } else {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Text, REQUEST_TYPE_INTERNAL, REQUEST_TYPE_PUBLIC};

    fn request_type(id: i64, visibility: &str, name: &str) -> Document {
        Document {
            kind: Kind::RequestType,
            id,
            desk_id: 1,
            institution_id: None,
            visibility: visibility.to_owned(),
            status: "active".to_owned(),
            key: format!("rt-{id}"),
            lv: Text::new(name, "Apraksts"),
            en: Text::default(),
            updated_at: id,
        }
    }

    fn keys(index: &SearchIndex, scope: &Scope, text: &str) -> Vec<String> {
        let found = index.search(&SearchQuery::new(text), scope).unwrap();
        found.hits.into_iter().map(|h| h.key).collect()
    }

    #[test]
    fn internal_request_types_are_for_staff_only() {
        let index = SearchIndex::in_ram().unwrap();
        index
            .add(&[
                request_type(1, REQUEST_TYPE_PUBLIC, "Printera kļūme"),
                request_type(2, REQUEST_TYPE_INTERNAL, "Printera nomaiņa"),
            ])
            .unwrap();
        index.commit(0).unwrap();
        assert_eq!(keys(&index, &Scope::anonymous(), "printeris"), ["rt-1"]);
        let staff = Scope {
            staff_desks: vec![7],
            ..Scope::default()
        };
        let mut both = keys(&index, &staff, "printeris");
        both.sort();
        assert_eq!(both, ["rt-1", "rt-2"]);
    }

    #[test]
    fn a_replaced_document_is_found_by_its_new_words_only() {
        let index = SearchIndex::in_ram().unwrap();
        index
            .add(&[request_type(1, REQUEST_TYPE_PUBLIC, "Skeneris")])
            .unwrap();
        index.commit(1).unwrap();
        let new = request_type(1, REQUEST_TYPE_PUBLIC, "Projektors");
        index.replace(Kind::RequestType, 1, Some(&new)).unwrap();
        index.commit(2).unwrap();
        assert!(keys(&index, &Scope::anonymous(), "skeneris").is_empty());
        assert_eq!(keys(&index, &Scope::anonymous(), "projektoru"), ["rt-1"]);
        index.replace(Kind::RequestType, 1, None).unwrap();
        index.commit(3).unwrap();
        assert_eq!(index.num_docs(), 0);
    }
}
