//! The desk's knowledge reports (rows; the web layer writes CSV) and the
//! stale articles whose review date has come.

use super::visibility::push_visible;
use super::{summary, summary_select, titles, ArticleStatus, ArticleSummary};
use crate::{Db, Labels, Result, Sql, StoreError};
use atbalsts_domain::Viewer;
use serde::Serialize;
use sqlx::Row;

/// What readers and agents did with one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleStats {
    pub id: i64,
    pub status: ArticleStatus,
    pub titles: Labels,
    pub views: i64,
    pub helpful: i64,
    pub not_helpful: i64,
    pub deflections: i64,
    /// Distinct tickets linked to the article (either kind).
    pub linked_tickets: i64,
}

/// A query that found nothing, how often, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchMissCount {
    pub query: String,
    pub total: i64,
    pub portal: i64,
    pub agent: i64,
    pub last_at: i64,
}

/// Requests not filed thanks to articles, by the request type the customer
/// was about to file (`None`: suggested outside a request form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestTypeDeflections {
    pub request_type_id: Option<i64>,
    pub labels: Labels,
    pub deflections: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct KnowledgeReport {
    /// Most viewed first.
    pub articles: Vec<ArticleStats>,
    /// The most deflections first.
    pub deflections_by_request_type: Vec<RequestTypeDeflections>,
    /// The most frequent first, at most `TOP_SEARCH_MISSES`.
    pub search_misses: Vec<SearchMissCount>,
    /// Articles (not archived) whose review date has come.
    pub stale: i64,
}

pub const TOP_SEARCH_MISSES: i64 = 50;

/// The desk's knowledge report, counting what happened from `since` (all
/// time when `None`); `now` decides what is stale. For the desk's staff;
/// each sees the articles they may read.
pub async fn report(
    db: &Db,
    viewer: &Viewer,
    desk_id: i64,
    since: Option<i64>,
    now: i64,
) -> Result<KnowledgeReport> {
    if !viewer.is_staff_on(desk_id) {
        return Err(StoreError::Forbidden);
    }
    let since = since.unwrap_or(i64::MIN);
    let mut sql = Sql::new(
        "SELECT a.id, a.status, tl.title AS title_lv, te.title AS title_en, \
         COUNT(CASE WHEN e.kind = 'view' THEN 1 END) AS views, \
         COUNT(CASE WHEN e.kind = 'helpful' THEN 1 END) AS helpful, \
         COUNT(CASE WHEN e.kind = 'not_helpful' THEN 1 END) AS not_helpful, \
         COUNT(CASE WHEN e.kind = 'deflection' THEN 1 END) AS deflections, \
         (SELECT COUNT(DISTINCT l.ticket_id) FROM kb_ticket_links l WHERE l.article_id = a.id AND l.created_at >= ",
    );
    sql.bind(since).push(
        ") AS linked_tickets FROM kb_articles a \
         LEFT JOIN kb_article_texts tl ON tl.article_id = a.id AND tl.locale = 'lv' \
         LEFT JOIN kb_article_texts te ON te.article_id = a.id AND te.locale = 'en' \
         LEFT JOIN kb_events e ON e.article_id = a.id AND e.at >= ",
    );
    sql.bind(since)
        .push(" WHERE a.desk_id = ")
        .bind(desk_id)
        .push(" AND ");
    push_visible(&mut sql, Some(viewer));
    sql.push(" GROUP BY a.id, a.status, tl.title, te.title ORDER BY views DESC, a.id");
    let articles = sql
        .fetch_all(db.read())
        .await?
        .iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            Ok(ArticleStats {
                id: r.try_get("id")?,
                status: ArticleStatus::parse(&status)
                    .ok_or_else(|| StoreError::Corrupt(format!("article status {status}")))?,
                titles: titles(r)?,
                views: r.try_get("views")?,
                helpful: r.try_get("helpful")?,
                not_helpful: r.try_get("not_helpful")?,
                deflections: r.try_get("deflections")?,
                linked_tickets: r.try_get("linked_tickets")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let search_misses = sqlx::query(
        "SELECT query, COUNT(*) AS total, COUNT(CASE WHEN scope = 'portal' THEN 1 END) AS portal, \
         COUNT(CASE WHEN scope = 'agent' THEN 1 END) AS agent, MAX(at) AS last_at \
         FROM kb_search_misses WHERE desk_id = $1 AND at >= $2 \
         GROUP BY query ORDER BY total DESC, last_at DESC, query LIMIT $3",
    )
    .bind(desk_id)
    .bind(since)
    .bind(TOP_SEARCH_MISSES)
    .fetch_all(db.read())
    .await?
    .iter()
    .map(|r| {
        Ok(SearchMissCount {
            query: r.try_get(0)?,
            total: r.try_get(1)?,
            portal: r.try_get(2)?,
            agent: r.try_get(3)?,
            last_at: r.try_get(4)?,
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let deflections_by_request_type = sqlx::query(
        "SELECT e.request_type_id, rt.labels, COUNT(*) AS n FROM kb_events e \
         JOIN kb_articles a ON a.id = e.article_id LEFT JOIN request_types rt ON rt.id = e.request_type_id \
         WHERE a.desk_id = $1 AND e.kind = 'deflection' AND e.at >= $2 \
         GROUP BY e.request_type_id, rt.labels ORDER BY n DESC, COALESCE(e.request_type_id, 0)",
    )
    .bind(desk_id)
    .bind(since)
    .fetch_all(db.read())
    .await?
    .iter()
    .map(|r| {
        Ok(RequestTypeDeflections {
            request_type_id: r.try_get(0)?,
            labels: r
                .try_get::<Option<String>, _>(1)?
                .map(|l| Labels::from_json(&l))
                .unwrap_or_default(),
            deflections: r.try_get(2)?,
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let stale: i64 = sqlx::query(
        "SELECT COUNT(*) FROM kb_articles WHERE desk_id = $1 AND status <> 'archived' AND review_at <= $2",
    )
    .bind(desk_id)
    .bind(now)
    .fetch_one(db.read())
    .await?
    .try_get(0)?;
    Ok(KnowledgeReport {
        articles,
        deflections_by_request_type,
        search_misses,
        stale,
    })
}

/// One owner's articles due for review.
#[derive(Debug, Clone, Serialize)]
pub struct OwnerStale {
    pub owner_id: i64,
    pub owner_name: String,
    /// Longest overdue first.
    pub articles: Vec<ArticleSummary>,
}

/// The desk's articles (not archived) whose review date has come by `now`,
/// grouped by owner in name order. For the desk's staff.
pub async fn stale(db: &Db, viewer: &Viewer, desk_id: i64, now: i64) -> Result<Vec<OwnerStale>> {
    if !viewer.is_staff_on(desk_id) {
        return Err(StoreError::Forbidden);
    }
    let mut sql = summary_select();
    sql.push("WHERE a.desk_id = ")
        .bind(desk_id)
        .push(" AND a.status <> 'archived' AND a.review_at <= ")
        .bind(now)
        .push(" AND ");
    push_visible(&mut sql, Some(viewer));
    sql.push(" ORDER BY ou.display_name, a.owner_id, a.review_at, a.id");
    let mut owners: Vec<OwnerStale> = Vec::new();
    for r in sql.fetch_all(db.read()).await? {
        let a = summary(&r)?;
        match owners.last_mut() {
            Some(o) if o.owner_id == a.owner_id => o.articles.push(a),
            _ => owners.push(OwnerStale {
                owner_id: a.owner_id,
                owner_name: a.owner_name.clone(),
                articles: vec![a],
            }),
        }
    }
    Ok(owners)
}

/// The articles of `owner_id` (on any desk) whose review date has come by
/// `now`, longest overdue first, as far as the viewer may read them.
pub async fn stale_for_owner(
    db: &Db,
    viewer: &Viewer,
    owner_id: i64,
    now: i64,
) -> Result<Vec<ArticleSummary>> {
    let mut sql = summary_select();
    sql.push("WHERE a.owner_id = ")
        .bind(owner_id)
        .push(" AND a.status <> 'archived' AND a.review_at <= ")
        .bind(now)
        .push(" AND ");
    push_visible(&mut sql, Some(viewer));
    sql.push(" ORDER BY a.review_at, a.id");
    sql.fetch_all(db.read())
        .await?
        .iter()
        .map(summary)
        .collect()
}
