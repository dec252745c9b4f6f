use crate::Result;
use sqlx::any::AnyPoolOptions;
use sqlx::AnyPool;
use sqlx::Executor;
use std::path::Path;
use std::sync::Once;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, Clone)]
pub struct DbOptions {
    /// Connections for reads (SQLite) or for everything (PostgreSQL).
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for DbOptions {
    fn default() -> Self {
        Self {
            max_connections: 16,
            acquire_timeout: Duration::from_secs(30),
        }
    }
}

/// The database: a pool for reads and a pool for writes.
///
/// On PostgreSQL both are the same pool. On SQLite the write pool has a
/// single connection, so writers queue in the pool instead of fighting for
/// the file lock: concurrent clients never see "database is locked", while
/// readers run in parallel beside the writer thanks to WAL mode.
#[derive(Clone, Debug)]
pub struct Db {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
    /// Checked business calendars by id, reused while their version holds.
    pub(crate) sla_calendars: crate::sla::calendars::Cache,
    /// Each desk's SLA setup, reused while its `sla_version` holds.
    pub(crate) sla_desks: crate::sla::refresh::DeskCache,
}

static DRIVERS: Once = Once::new();

impl Db {
    /// Connects to `url`: `sqlite://path/to/file.db` (created if missing) or
    /// `postgres://user@host/db`.
    pub async fn connect(url: &str, options: &DbOptions) -> Result<Self> {
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = AnyPoolOptions::new()
                .max_connections(options.max_connections)
                .min_connections(1)
                .acquire_timeout(options.acquire_timeout)
                .after_connect(|conn, _| {
                    Box::pin(async move {
                        // Our SQL is written with the main table first and its
                        // lookups joined after it; weighing every order of a
                        // ticket list's eight tables took PostgreSQL 58 ms of
                        // planning for a 3 ms query at a million tickets.
                        conn.execute("SET join_collapse_limit = 1").await?;
                        Ok(())
                    })
                })
                .connect(url)
                .await?;
            Ok(Self {
                read: pool.clone(),
                write: pool,
                backend: Backend::Postgres,
                sla_calendars: Default::default(),
                sla_desks: Default::default(),
            })
        } else if url.starts_with("sqlite:") {
            let url = if url.contains('?') {
                url.to_owned()
            } else {
                format!("{url}?mode=rwc")
            };
            let pool = |max: u32, min: u32| {
                AnyPoolOptions::new()
                    .max_connections(max)
                    .min_connections(min)
                    .acquire_timeout(options.acquire_timeout)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // WAL lets readers work beside the writer; NORMAL sync is
                            // durable against process crashes (only power loss may
                            // lose the last commits); busy_timeout covers checkpoints.
                            // A 32 MiB page cache (SQLite's default is 2 MiB) keeps the
                            // indexes a batch updates in memory once a desk has a
                            // million tickets; reads map the file instead of copying
                            // it. Both grow only as used: an idle server stays small.
                            conn.execute(sqlx::raw_sql(
                                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; \
                                 PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; \
                                 PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456;",
                            ))
                            .await?;
                            Ok(())
                        })
                    })
            };
            // The writer connects first so that WAL mode is set before readers open.
            let write = pool(1, 1).connect(&url).await?;
            let read = pool(options.max_connections.max(2), 1)
                .connect(&url)
                .await?;
            Ok(Self {
                read,
                write,
                backend: Backend::Sqlite,
                sla_calendars: Default::default(),
                sla_desks: Default::default(),
            })
        } else {
            Err(crate::StoreError::Migration(format!(
                "unsupported database URL (use sqlite:// or postgres://): {url}"
            )))
        }
    }

    /// The URL of an SQLite database file inside `data_dir`.
    pub fn sqlite_url_in(data_dir: &Path) -> String {
        format!("sqlite://{}", data_dir.join("atbalsts.db").display())
    }

    pub fn read(&self) -> &AnyPool {
        &self.read
    }

    pub fn write(&self) -> &AnyPool {
        &self.write
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Answers when the database takes a query (for `/readyz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}
