//! Saved queues: a named filter of the ticket list, kept as its query
//! string, for one person or shared with the staff of a desk.

use crate::{now_ms, Db, Result, StoreError};
use atbalsts_domain::Viewer;
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct Queue {
    pub id: i64,
    pub owner_id: i64,
    pub desk_id: Option<i64>,
    pub name: String,
    pub query: String,
    pub shared: bool,
}

/// The viewer's own queues and those shared on their desks.
pub async fn visible(db: &Db, viewer: &Viewer) -> Result<Vec<Queue>> {
    let desks = viewer.staff_desks();
    let mut sql = crate::Sql::new(
        "SELECT id, owner_id, desk_id, name, query, shared FROM saved_queues WHERE owner_id = ",
    );
    sql.bind(viewer.user_id);
    if !desks.is_empty() {
        sql.push(" OR (shared = 1 AND desk_id IN (")
            .bind_list(&desks)
            .push("))");
    }
    sql.push(" ORDER BY name, id");
    let rows = sql.fetch_all(db.read()).await?;
    rows.iter()
        .map(|r| {
            Ok(Queue {
                id: r.try_get(0)?,
                owner_id: r.try_get(1)?,
                desk_id: r.try_get(2)?,
                name: r.try_get(3)?,
                query: r.try_get(4)?,
                shared: r.try_get::<i64, _>(5)? != 0,
            })
        })
        .collect()
}

/// Saves the list's current filter under a name; sharing needs a desk the
/// viewer works on.
pub async fn save(
    db: &Db,
    viewer: &Viewer,
    name: &str,
    query: &str,
    shared_on: Option<i64>,
) -> Result<i64> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::invalid("queue_name", "error-required"));
    }
    if name.chars().count() > 100 || query.len() > 2000 {
        return Err(StoreError::invalid("queue_name", "error-too-long"));
    }
    if shared_on.is_some_and(|d| !viewer.is_staff_on(d)) || !viewer.is_staff_anywhere() {
        return Err(StoreError::Forbidden);
    }
    let row = sqlx::query(
        "INSERT INTO saved_queues (owner_id, desk_id, name, query, shared, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(viewer.user_id)
    .bind(shared_on)
    .bind(name)
    .bind(query)
    .bind(shared_on.is_some() as i64)
    .bind(now_ms())
    .fetch_one(db.write())
    .await?;
    Ok(row.try_get(0)?)
}

/// Removes a queue its owner no longer wants.
pub async fn delete(db: &Db, viewer: &Viewer, id: i64) -> Result<bool> {
    Ok(
        sqlx::query("DELETE FROM saved_queues WHERE id = $1 AND owner_id = $2")
            .bind(id)
            .bind(viewer.user_id)
            .execute(db.write())
            .await?
            .rows_affected()
            > 0,
    )
}
