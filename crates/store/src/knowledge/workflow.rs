//! The editorial workflow: draft → review → published → archived, and back.

use super::articles::summary_for;
use super::visibility::is_owner_drafting;
use super::ArticleStatus;
use crate::{now_ms, search_log, Db, Result, StoreError};
use atbalsts_domain::knowledge::is_editor;
use atbalsts_domain::Viewer;
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct StatusChange {
    pub from: ArticleStatus,
    pub to: ArticleStatus,
    pub actor_id: i64,
    pub actor_name: String,
    pub at: i64,
}

/// Moves the article to `to` along the workflow (see
/// `ArticleStatus::next`). The desk's knowledge editors and desk
/// administrators make every move; the owner of a draft may submit it for
/// review. Publishing stamps `published_at`. `expected_version` guards
/// against acting on a stale page. Answers the new version.
pub async fn transition(
    db: &Db,
    viewer: &Viewer,
    article_id: i64,
    to: ArticleStatus,
    expected_version: i64,
) -> Result<i64> {
    let a = summary_for(db.read(), Some(viewer), article_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let allowed = is_editor(viewer, a.desk_id)
        || (to == ArticleStatus::Review && is_owner_drafting(viewer, &a));
    if !allowed {
        return Err(StoreError::Forbidden);
    }
    a.status
        .check_transition(to)
        .map_err(|code| StoreError::invalid("status", code))?;
    let now = now_ms();
    let mut tx = db.write().begin().await?;
    let updated = sqlx::query(
        "UPDATE kb_articles SET status = $1, version = version + 1, updated_at = $2, \
         published_at = CASE WHEN $1 = 'published' THEN $2 ELSE published_at END \
         WHERE id = $3 AND status = $4 AND version = $5",
    )
    .bind(to.code())
    .bind(now)
    .bind(article_id)
    .bind(a.status.code())
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(StoreError::Conflict("error-kb-article-changed"));
    }
    sqlx::query(
        "INSERT INTO kb_status_changes (article_id, from_status, to_status, actor_id, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(article_id)
    .bind(a.status.code())
    .bind(to.code())
    .bind(viewer.user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    search_log::note(&mut *tx, search_log::ARTICLE, article_id).await?;
    tx.commit().await?;
    Ok(expected_version + 1)
}

/// Who moved the article through the workflow, oldest first; for staff of
/// its desk who may read it.
pub async fn status_history(
    db: &Db,
    viewer: &Viewer,
    article_id: i64,
) -> Result<Vec<StatusChange>> {
    let a = summary_for(db.read(), Some(viewer), article_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if !viewer.is_staff_on(a.desk_id) {
        return Err(StoreError::Forbidden);
    }
    let rows = sqlx::query(
        "SELECT c.from_status, c.to_status, c.actor_id, u.display_name, c.at FROM kb_status_changes c \
         JOIN users u ON u.id = c.actor_id WHERE c.article_id = $1 ORDER BY c.id",
    )
    .bind(article_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            let status = |i: usize| -> Result<ArticleStatus> {
                let s: String = r.try_get(i)?;
                ArticleStatus::parse(&s)
                    .ok_or_else(|| StoreError::Corrupt(format!("article status {s}")))
            };
            Ok(StatusChange {
                from: status(0)?,
                to: status(1)?,
                actor_id: r.try_get(2)?,
                actor_name: r.try_get(3)?,
                at: r.try_get(4)?,
            })
        })
        .collect()
}
