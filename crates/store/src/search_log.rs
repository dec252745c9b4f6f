//! The search change log (`search_changes`): one row per change to
//! something the full-text index holds, written in the transaction of the
//! change. Every running instance keeps its own index current from it
//! (`atbalsts-search`), so the database stays the one source of truth and
//! nobody runs a reindex by hand.
//!
//! Readers go by id, but on PostgreSQL a transaction that took a lower id
//! may commit after a higher id was already read; [`since`] therefore also
//! returns the rows of a recent time window again. Applying a change twice
//! is harmless: the index reloads the entity from the database.

use crate::{Db, Result};
use sqlx::{Any, Executor, Row};

/// The kinds of entity the index holds.
pub const TICKET: &str = "ticket";
pub const ARTICLE: &str = "article";
pub const REQUEST_TYPE: &str = "request_type";

/// One row of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: i64,
    /// [`TICKET`], [`ARTICLE`] or [`REQUEST_TYPE`].
    pub kind: String,
    pub entity_id: i64,
    pub changed_at: i64,
}

/// Notes that the entity `kind`/`entity_id` changed (or was created or
/// deleted). Call it with the transaction of the change, so the note exists
/// exactly when the change does.
pub async fn note<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    kind: &str,
    entity_id: i64,
) -> Result<()> {
    debug_assert!([TICKET, ARTICLE, REQUEST_TYPE].contains(&kind), "{kind}");
    sqlx::query("INSERT INTO search_changes (kind, entity_id, changed_at) VALUES ($1, $2, $3)")
        .bind(kind)
        .bind(entity_id)
        .bind(crate::now_ms())
        .execute(ex)
        .await?;
    Ok(())
}

/// Notes every request type of a group: its name and whether it is
/// offered at all belong to each of them in the index.
pub(crate) async fn note_request_types_of_group<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    group_id: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO search_changes (kind, entity_id, changed_at) \
         SELECT $1, id, $2 FROM request_types WHERE group_id = $3",
    )
    .bind(REQUEST_TYPE)
    .bind(crate::now_ms())
    .bind(group_id)
    .execute(ex)
    .await?;
    Ok(())
}

/// Notes every request type of a desk (after a catalogue import).
pub(crate) async fn note_request_types_of_desk<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    desk_id: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO search_changes (kind, entity_id, changed_at) \
         SELECT $1, id, $2 FROM request_types WHERE desk_id = $3",
    )
    .bind(REQUEST_TYPE)
    .bind(crate::now_ms())
    .bind(desk_id)
    .execute(ex)
    .await?;
    Ok(())
}

/// The changes with an id above `after_id`, and also those noted at or
/// after `overlap_since_ms` whatever their id, in id order, at most `limit`.
pub async fn since(
    db: &Db,
    after_id: i64,
    overlap_since_ms: i64,
    limit: i64,
) -> Result<Vec<Change>> {
    let rows = sqlx::query(
        "SELECT id, kind, entity_id, changed_at FROM search_changes \
         WHERE id > $1 OR changed_at >= $2 ORDER BY id LIMIT $3",
    )
    .bind(after_id)
    .bind(overlap_since_ms)
    .bind(limit)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Change {
                id: r.try_get(0)?,
                kind: r.try_get(1)?,
                entity_id: r.try_get(2)?,
                changed_at: r.try_get(3)?,
            })
        })
        .collect()
}

/// The id of the newest change, if any.
pub async fn latest_id(db: &Db) -> Result<Option<i64>> {
    extreme(db, "MAX").await
}

/// The id of the oldest change still kept, if any.
pub async fn oldest_id(db: &Db) -> Result<Option<i64>> {
    extreme(db, "MIN").await
}

async fn extreme(db: &Db, function: &str) -> Result<Option<i64>> {
    let row = sqlx::query(&format!("SELECT {function}(id) FROM search_changes"))
        .fetch_one(db.read())
        .await?;
    Ok(row.try_get::<Option<i64>, _>(0)?)
}

/// Deletes the changes noted before `older_than_ms`, except the newest one:
/// it stays as the mark that tells an instance which was away for longer
/// that it missed changes (the oldest kept id is then beyond the one after
/// its last applied id, and it rebuilds its index). Returns how many rows
/// went.
pub async fn prune(db: &Db, older_than_ms: i64) -> Result<u64> {
    let done = sqlx::query(
        "DELETE FROM search_changes WHERE changed_at < $1 \
         AND id < (SELECT MAX(id) FROM search_changes)",
    )
    .bind(older_than_ms)
    .execute(db.write())
    .await?;
    Ok(done.rows_affected())
}
