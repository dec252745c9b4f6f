//! [`SearchService`]: each running instance's own index, rebuilt from the
//! database when missing or outdated and kept current from the change log
//! (`atbalsts_store::search_log`), so several instances on one PostgreSQL
//! database all find what any of them wrote, with no search server and no
//! manual reindex.

use crate::index::SearchIndex;
use crate::source::{self, Select};
use crate::{Kind, Result, Scope, SearchQuery, SearchResults};
use atbalsts_store::{now_ms, search_log, Db};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::{watch, Mutex};

/// Changes noted this recently are read again on every catch-up: on
/// PostgreSQL a transaction holding a lower id may commit after a higher id
/// was read. Also absorbs small clock differences between instances.
pub const OVERLAP: Duration = Duration::from_secs(30);
/// Change-log rows read at once, and entities loaded per query.
const BATCH: i64 = 500;
/// Change-log rows older than this are pruned; an instance away for longer
/// rebuilds its index.
pub const KEEP_LOG: Duration = Duration::from_secs(24 * 3600);
/// How often an instance prunes the change log.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// Full-text search over tickets, articles and request types. Cheap to
/// clone; one per process and index folder.
#[derive(Clone)]
pub struct SearchService {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    dir: PathBuf,
    index: RwLock<Arc<SearchIndex>>,
    /// Serialises catch-ups and rebuilds.
    progress: Mutex<Progress>,
}

/// How far this instance has read the change log.
#[derive(Default)]
struct Progress {
    /// The highest change id applied.
    last_id: i64,
    /// Ids at or below `last_id` applied within the overlap window, with
    /// their time: the overlap re-reads them, and they need no new work.
    seen: BTreeMap<i64, i64>,
}

impl SearchService {
    /// Opens the index in `dir` (created if missing), rebuilding it from
    /// the database first when it is missing, unreadable, of another
    /// schema version, or behind a pruned change log. The folder belongs
    /// to this instance alone.
    pub async fn open(db: Db, dir: PathBuf) -> Result<Self> {
        let open_dir = dir.clone();
        let (index, mark) =
            tokio::task::spawn_blocking(move || SearchIndex::open_in(&open_dir)).await??;
        let service = Self {
            inner: Arc::new(Inner {
                db,
                dir,
                index: RwLock::new(Arc::new(index)),
                progress: Mutex::new(Progress::default()),
            }),
        };
        let mut progress = service.inner.progress.lock().await;
        match mark {
            Some(mark) if !service.missed_changes(mark.last_change_id).await? => {
                progress.last_id = mark.last_change_id;
            }
            _ => service.rebuild_locked(&mut progress).await?,
        }
        drop(progress);
        Ok(service)
    }

    fn index(&self) -> Arc<SearchIndex> {
        self.inner
            .index
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// One page of what `query` finds that `scope` may see.
    pub async fn search(&self, query: &SearchQuery, scope: &Scope) -> Result<SearchResults> {
        let index = self.index();
        let (query, scope) = (query.clone(), scope.clone());
        tokio::task::spawn_blocking(move || index.search(&query, &scope)).await?
    }

    /// Documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.index().num_docs()
    }

    /// Whether the change log no longer holds every change after
    /// `last_id` (pruned while this index was away), or the index is ahead
    /// of the log (it belongs to another database).
    async fn missed_changes(&self, last_id: i64) -> Result<bool> {
        let db = &self.inner.db;
        let latest = search_log::latest_id(db).await?.unwrap_or(0);
        let oldest = search_log::oldest_id(db).await?;
        Ok(latest < last_id || oldest.is_some_and(|oldest| oldest > last_id + 1))
    }

    /// Rebuilds the whole index from the database.
    pub async fn rebuild(&self) -> Result<()> {
        let mut progress = self.inner.progress.lock().await;
        self.rebuild_locked(&mut progress).await
    }

    async fn rebuild_locked(&self, progress: &mut Progress) -> Result<()> {
        let index = self.index();
        let result = self.refill(&index, progress).await;
        if result.is_err() {
            // Nothing of a failed rebuild may reach a later commit.
            if let Err(error) = index.rollback() {
                tracing::warn!(%error, "search index rollback failed");
            }
        }
        result
    }

    async fn refill(&self, index: &Arc<SearchIndex>, progress: &mut Progress) -> Result<()> {
        let started = Instant::now();
        let db = &self.inner.db;
        // Read before the data: whatever changes later is in the log after it.
        let mark = search_log::latest_id(db).await?.unwrap_or(0);
        index.clear()?;
        let mut count = 0;
        for kind in Kind::ALL {
            let mut after = 0;
            loop {
                let loaded = source::load(
                    db,
                    kind,
                    Select::After {
                        after,
                        limit: BATCH,
                    },
                )
                .await?;
                let Some(last) = loaded.iter().map(|(id, _)| *id).max() else {
                    break;
                };
                after = last;
                let docs: Vec<_> = loaded.into_iter().filter_map(|(_, d)| d).collect();
                count += docs.len();
                let index = index.clone();
                tokio::task::spawn_blocking(move || index.add(&docs)).await??;
            }
        }
        let committing = index.clone();
        tokio::task::spawn_blocking(move || committing.commit(mark)).await??;
        progress.last_id = mark;
        progress.seen.clear();
        tracing::info!(
            documents = count,
            seconds = started.elapsed().as_secs_f64(),
            "search index rebuilt"
        );
        Ok(())
    }

    /// Applies the changes noted since the last catch-up; returns how many
    /// entities were indexed again. Rebuilds instead when the index folder
    /// has gone or the log was pruned past this index.
    pub async fn catch_up(&self) -> Result<usize> {
        let mut progress = self.inner.progress.lock().await;
        if !self.inner.dir.join("meta.json").exists() {
            tracing::warn!(dir = %self.inner.dir.display(), "search index folder gone; rebuilding");
            self.reopen().await?;
            self.rebuild_locked(&mut progress).await?;
            return Ok(0);
        }
        if self.missed_changes(progress.last_id).await? {
            tracing::warn!(
                last_id = progress.last_id,
                "search change log pruned past this index; rebuilding"
            );
            self.rebuild_locked(&mut progress).await?;
            return Ok(0);
        }
        let now = now_ms();
        let window_start = now - OVERLAP.as_millis() as i64;
        progress.seen.retain(|_, at| *at >= window_start);
        let mut after = progress.last_id;
        let mut overlap = window_start;
        let mut indexed = 0;
        loop {
            let changes = search_log::since(&self.inner.db, after, overlap, BATCH).await?;
            let Some(last) = changes.last().map(|c| c.id) else {
                break;
            };
            let mut todo: BTreeMap<Kind, BTreeSet<i64>> = BTreeMap::new();
            let mut applied = Vec::new();
            for c in &changes {
                let new = c.id > progress.last_id || !progress.seen.contains_key(&c.id);
                if !new {
                    continue;
                }
                match Kind::parse(&c.kind) {
                    Some(kind) => {
                        todo.entry(kind).or_default().insert(c.entity_id);
                    }
                    None => tracing::warn!(kind = c.kind, "unknown kind in the search change log"),
                }
                if c.changed_at >= window_start {
                    applied.push((c.id, c.changed_at));
                }
            }
            let last_id = progress.last_id.max(last);
            if !todo.is_empty() {
                indexed += self.apply(todo, last_id).await?;
            }
            progress.last_id = last_id;
            progress.seen.extend(applied);
            if (changes.len() as i64) < BATCH {
                break;
            }
            // Later pages: only what lies beyond; the window was all read.
            after = last;
            overlap = i64::MAX;
        }
        Ok(indexed)
    }

    /// Loads the entities again from the database and replaces them in the
    /// index, then commits up to `last_id`.
    async fn apply(&self, todo: BTreeMap<Kind, BTreeSet<i64>>, last_id: i64) -> Result<usize> {
        let mut loaded = Vec::new();
        for (kind, ids) in todo {
            let ids: Vec<i64> = ids.into_iter().collect();
            for chunk in ids.chunks(BATCH as usize) {
                let docs = source::load(&self.inner.db, kind, Select::Ids(chunk)).await?;
                loaded.extend(docs.into_iter().map(|(id, doc)| (kind, id, doc)));
            }
        }
        let count = loaded.len();
        let index = self.index();
        tokio::task::spawn_blocking(move || {
            let written = loaded
                .iter()
                .try_for_each(|(kind, id, doc)| index.replace(*kind, *id, doc.as_ref()))
                .and_then(|()| index.commit(last_id));
            if written.is_err() {
                let _ = index.rollback();
            }
            written
        })
        .await??;
        Ok(count)
    }

    /// Opens a fresh index in the folder, dropping the current writer first
    /// (its lock file lives in the folder).
    async fn reopen(&self) -> Result<()> {
        self.index().close();
        let dir = self.inner.dir.clone();
        let (index, _) = tokio::task::spawn_blocking(move || SearchIndex::open_in(&dir)).await??;
        *self.inner.index.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(index);
        Ok(())
    }

    /// Keeps the index current until `stop` turns true (or its sender is
    /// dropped): a catch-up every `every`, and now and then a prune of the
    /// change log. Errors are logged and tried again on the next round.
    pub async fn run(self, mut stop: watch::Receiver<bool>, every: Duration) {
        let mut pruned: Option<Instant> = None;
        loop {
            if *stop.borrow() {
                break;
            }
            if let Err(error) = self.catch_up().await {
                tracing::warn!(%error, "search index catch-up failed");
            }
            if pruned.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
                let before = now_ms() - KEEP_LOG.as_millis() as i64;
                match search_log::prune(&self.inner.db, before).await {
                    Ok(rows) => {
                        pruned = Some(Instant::now());
                        tracing::debug!(rows, "search change log pruned");
                    }
                    Err(error) => tracing::warn!(%error, "search change log prune failed"),
                }
            }
            tokio::select! {
                changed = stop.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
                _ = tokio::time::sleep(every) => {}
            }
        }
    }
}
