//! What readers do with published articles (views, helpful / not helpful
//! votes, deflections) and the searches that found nothing.

use super::articles::summary_for;
use super::{ArticleStatus, Deflection, SearchScope};
use crate::{now_ms, Db, Result, StoreError};
use atbalsts_domain::knowledge::normalise_query;
use atbalsts_domain::Viewer;

/// The published article if the viewer may read it; else `NotFound`.
async fn readable(db: &Db, viewer: Option<&Viewer>, article_id: i64) -> Result<()> {
    summary_for(db.read(), viewer, article_id)
        .await?
        .filter(|a| a.status == ArticleStatus::Published)
        .map(|_| ())
        .ok_or(StoreError::NotFound)
}

async fn insert(
    db: &Db,
    article_id: i64,
    kind: &str,
    detail: Option<&str>,
    viewer: Option<&Viewer>,
    request_type_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO kb_events (article_id, kind, detail, user_id, request_type_id, at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(article_id)
    .bind(kind)
    .bind(detail)
    .bind(viewer.map(|v| v.user_id))
    .bind(request_type_id)
    .bind(now_ms())
    .execute(db.write())
    .await?;
    Ok(())
}

/// Someone (`None`: not signed in) opened the article.
pub async fn record_view(db: &Db, viewer: Option<&Viewer>, article_id: i64) -> Result<()> {
    readable(db, viewer, article_id).await?;
    insert(db, article_id, "view", None, viewer, None).await
}

/// A helpful / not helpful vote, counted once per person or browser: a new
/// vote replaces the earlier one of the same signed-in person (whatever
/// browser) or, not signed in, of the same browser. `browser` is a keyed
/// hash of the browser's anonymous cookie (the cookie itself is not stored).
pub async fn vote(
    db: &Db,
    viewer: Option<&Viewer>,
    browser: &str,
    article_id: i64,
    helpful: bool,
) -> Result<()> {
    readable(db, viewer, article_id).await?;
    let kind = if helpful { "helpful" } else { "not_helpful" };
    let voter = match viewer {
        Some(v) => format!("u:{}", v.user_id),
        None => format!("a:{browser}"),
    };
    // Two votes racing from one browser: the loser of the unique key tries
    // once more and replaces the winner's.
    for attempt in 0..2 {
        match replace_vote(db, viewer, &voter, article_id, kind).await {
            Err(e) if attempt == 0 && e.is_unique_violation() => continue,
            other => return other,
        }
    }
    Ok(())
}

async fn replace_vote(
    db: &Db,
    viewer: Option<&Viewer>,
    voter: &str,
    article_id: i64,
    kind: &str,
) -> Result<()> {
    let mut tx = db.write().begin().await?;
    sqlx::query("DELETE FROM kb_events WHERE article_id = $1 AND voter = $2")
        .bind(article_id)
        .bind(voter)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO kb_events (article_id, kind, user_id, voter, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(article_id)
    .bind(kind)
    .bind(viewer.map(|v| v.user_id))
    .bind(voter)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A suggested article kept a customer from filing a request of
/// `request_type_id` (the form they were filling in, when known).
pub async fn record_deflection(
    db: &Db,
    viewer: Option<&Viewer>,
    article_id: i64,
    request_type_id: Option<i64>,
    how: Deflection,
) -> Result<()> {
    readable(db, viewer, article_id).await?;
    insert(
        db,
        article_id,
        "deflection",
        Some(how.code()),
        viewer,
        request_type_id,
    )
    .await
}

/// A search on `desk_id` found nothing. Blank queries are not recorded.
pub async fn record_search_miss(
    db: &Db,
    desk_id: i64,
    query: &str,
    scope: SearchScope,
) -> Result<()> {
    let Some(query) = normalise_query(query) else {
        return Ok(());
    };
    sqlx::query("INSERT INTO kb_search_misses (desk_id, query, scope, at) VALUES ($1, $2, $3, $4)")
        .bind(desk_id)
        .bind(query)
        .bind(scope.code())
        .bind(now_ms())
        .execute(db.write())
        .await?;
    Ok(())
}
