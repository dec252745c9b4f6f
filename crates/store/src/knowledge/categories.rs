//! A desk's article categories, named in Latvian and English, in the order
//! the portal shows them.

use crate::{Db, Labels, Result, StoreError};
use atbalsts_domain::knowledge::is_editor;
use atbalsts_domain::Viewer;
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct KbCategory {
    pub id: i64,
    pub desk_id: i64,
    pub labels: Labels,
    pub position: i64,
}

fn check_labels(labels: &Labels) -> Result<()> {
    if labels.is_empty() {
        return Err(StoreError::invalid("labels", "error-required"));
    }
    if labels.0.values().any(|l| l.chars().count() > 255) {
        return Err(StoreError::invalid("labels", "error-too-long"));
    }
    Ok(())
}

/// A new category at `position`; the desk's knowledge editors and
/// desk administrators.
pub async fn create_category(
    db: &Db,
    viewer: &Viewer,
    desk_id: i64,
    labels: &Labels,
    position: i64,
) -> Result<i64> {
    if !is_editor(viewer, desk_id) {
        return Err(StoreError::Forbidden);
    }
    check_labels(labels)?;
    let row = sqlx::query(
        "INSERT INTO kb_categories (desk_id, labels, position) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(desk_id)
    .bind(labels.to_json())
    .bind(position)
    .fetch_one(db.write())
    .await?;
    Ok(row.try_get(0)?)
}

/// Renames or moves a category of `desk_id`.
pub async fn update_category(
    db: &Db,
    viewer: &Viewer,
    desk_id: i64,
    id: i64,
    labels: &Labels,
    position: i64,
) -> Result<()> {
    if !is_editor(viewer, desk_id) {
        return Err(StoreError::Forbidden);
    }
    check_labels(labels)?;
    let done = sqlx::query(
        "UPDATE kb_categories SET labels = $1, position = $2 WHERE id = $3 AND desk_id = $4",
    )
    .bind(labels.to_json())
    .bind(position)
    .bind(id)
    .bind(desk_id)
    .execute(db.write())
    .await?
    .rows_affected();
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The desk's categories in order; their names are public (the portal
/// shows them to everyone).
pub async fn categories_of(db: &Db, desk_id: i64) -> Result<Vec<KbCategory>> {
    let rows = sqlx::query(
        "SELECT id, desk_id, labels, position FROM kb_categories WHERE desk_id = $1 ORDER BY position, id",
    )
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(KbCategory {
                id: r.try_get(0)?,
                desk_id: r.try_get(1)?,
                labels: Labels::from_json(&r.try_get::<String, _>(2)?),
                position: r.try_get(3)?,
            })
        })
        .collect()
}
