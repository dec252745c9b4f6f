//! Files written by form uploads, recorded so that those of forms never
//! accepted can be deleted. A record is only a candidate for deletion:
//! whether the blob is still wanted is decided when cleaning, by looking for
//! an attachment, article file or quarantined message that names it (the
//! same bytes may have come in by mail, or in another accepted form).

use crate::blobs::BlobStore;
use crate::{Db, Result};
use sqlx::Row;

/// The durable job that deletes expired held uploads.
pub const CLEAN_JOB: &str = "uploads.clean_held";

/// Records a file a form is about to write (before writing, so that a
/// cleaner running meanwhile sees a fresh record and keeps the blob).
pub async fn record(
    db: &Db,
    sha256: &str,
    size_bytes: i64,
    address: Option<&str>,
    at_ms: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO held_uploads (sha256, size_bytes, address, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(sha256)
    .bind(size_bytes)
    .bind(address)
    .bind(at_ms)
    .execute(db.write())
    .await?;
    Ok(())
}

/// Whether an attachment, an article file or a quarantined message names the blob.
pub async fn referenced(db: &Db, sha256: &str) -> Result<bool> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM attachments WHERE sha256 = $1) \
              + (SELECT COUNT(*) FROM kb_article_files WHERE sha256 = $1) \
              + (SELECT COUNT(*) FROM mail_quarantine WHERE sha256 = $1)",
    )
    .bind(sha256)
    .fetch_one(db.write())
    .await?;
    Ok(row.try_get::<i64, _>(0)? > 0)
}

/// Blobs whose every upload record is older than `before_ms`, oldest first.
async fn expired(db: &Db, before_ms: i64, limit: i64) -> Result<Vec<String>> {
    let rows = sqlx::query(
        "SELECT sha256 FROM held_uploads GROUP BY sha256 HAVING MAX(created_at) < $1 \
         ORDER BY MAX(created_at) LIMIT $2",
    )
    .bind(before_ms)
    .bind(limit)
    .fetch_all(db.write())
    .await?;
    Ok(rows
        .iter()
        .map(|r| r.try_get(0))
        .collect::<sqlx::Result<_>>()?)
}

/// Drops the records of `sha256` older than `before_ms`; true when no
/// newer one remains (no form is holding the same bytes right now).
async fn forget(db: &Db, sha256: &str, before_ms: i64) -> Result<bool> {
    sqlx::query("DELETE FROM held_uploads WHERE sha256 = $1 AND created_at < $2")
        .bind(sha256)
        .bind(before_ms)
        .execute(db.write())
        .await?;
    let left = sqlx::query("SELECT COUNT(*) FROM held_uploads WHERE sha256 = $1")
        .bind(sha256)
        .fetch_one(db.write())
        .await?;
    Ok(left.try_get::<i64, _>(0)? == 0)
}

/// What one cleaning did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Cleaned {
    /// Blobs deleted: uploaded by forms that were never accepted.
    pub deleted: usize,
    /// Blobs kept because something names them; their records are dropped.
    pub kept: usize,
}

/// Deletes the blobs of uploads recorded before `before_ms` that nothing
/// names, and drops the records of those something does. Works through at
/// most `batches` batches of 500, so one run is bounded.
pub async fn clean(db: &Db, blobs: &BlobStore, before_ms: i64, batches: usize) -> Result<Cleaned> {
    let mut done = Cleaned::default();
    for _ in 0..batches {
        let shas = expired(db, before_ms, 500).await?;
        if shas.is_empty() {
            break;
        }
        for sha in &shas {
            // Records first, then references: an upload of the same bytes
            // arriving meanwhile records itself before it writes, and keeps
            // the blob.
            let unheld = forget(db, sha, before_ms).await?;
            if unheld && !referenced(db, sha).await? {
                blobs.delete(sha)?;
                done.deleted += 1;
            } else {
                done.kept += 1;
            }
        }
    }
    Ok(done)
}
