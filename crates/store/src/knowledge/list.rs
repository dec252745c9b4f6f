//! Lists of articles: the editors' list with filters, and the portal's
//! shelves of published articles by category.

use super::categories::{categories_of, KbCategory};
use super::visibility::push_visible;
use super::{summary, summary_select, ArticleStatus, ArticleSummary, Cursor, Page};
use crate::{Db, Result};
use atbalsts_domain::knowledge::normalise_tag;
use atbalsts_domain::{Locale, Viewer};
use serde::Serialize;

/// Which articles to list. Text search is the search engine's job.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    pub desk_id: Option<i64>,
    pub status: Option<ArticleStatus>,
    pub category_id: Option<i64>,
    pub tag: Option<String>,
    pub service: Option<String>,
    pub owner_id: Option<i64>,
    pub after: Option<Cursor>,
    pub limit: i64,
}

/// Articles the viewer may read, most recently updated first, one page at
/// a time (keyset pagination on `updated_at`, `id`).
pub async fn list(
    db: &Db,
    viewer: Option<&Viewer>,
    filter: &ArticleFilter,
) -> Result<Page<ArticleSummary>> {
    let limit = filter.limit.clamp(1, 200);
    let mut sql = summary_select();
    sql.push("WHERE ");
    push_visible(&mut sql, viewer);
    if let Some(desk) = filter.desk_id {
        sql.push(" AND a.desk_id = ").bind(desk);
    }
    if let Some(status) = filter.status {
        sql.push(" AND a.status = ").bind(status.code());
    }
    if let Some(category) = filter.category_id {
        sql.push(" AND a.category_id = ").bind(category);
    }
    if let Some(owner) = filter.owner_id {
        sql.push(" AND a.owner_id = ").bind(owner);
    }
    if let Some(tag) = filter.tag.as_deref().and_then(normalise_tag) {
        sql.push(" AND a.id IN (SELECT article_id FROM kb_article_tags WHERE tag = ")
            .bind(tag)
            .push(")");
    }
    if let Some(service) = filter
        .service
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        sql.push(" AND a.id IN (SELECT article_id FROM kb_article_services WHERE service = ")
            .bind(service)
            .push(")");
    }
    if let Some(c) = filter.after {
        sql.push(" AND (a.updated_at < ").bind(c.primary);
        sql.push(" OR (a.updated_at = ").bind(c.primary);
        sql.push(" AND a.id < ").bind(c.secondary).push("))");
    }
    sql.push(" ORDER BY a.updated_at DESC, a.id DESC LIMIT ")
        .bind(limit + 1);
    let rows = sql.fetch_all(db.read()).await?;
    let mut items = rows.iter().map(summary).collect::<Result<Vec<_>>>()?;
    let next = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        items.last().map(|a| Cursor {
            primary: a.updated_at,
            secondary: a.id,
        })
    } else {
        None
    };
    Ok(Page { items, next })
}

/// One category of the portal's knowledge page and its articles; the
/// articles of no category come last, with `category` empty.
#[derive(Debug, Clone, Serialize)]
pub struct Shelf {
    pub category: Option<KbCategory>,
    pub articles: Vec<ArticleSummary>,
}

/// The desk's published articles the viewer may read (`None`: a visitor
/// who is not signed in sees the public ones), by category in the desk's
/// order and by title in `locale` within each. Empty categories are left out.
pub async fn public_by_category(
    db: &Db,
    viewer: Option<&Viewer>,
    desk_id: i64,
    locale: Locale,
) -> Result<Vec<Shelf>> {
    let mut sql = summary_select();
    sql.push("WHERE a.desk_id = ")
        .bind(desk_id)
        .push(" AND a.status = 'published' AND ");
    push_visible(&mut sql, viewer);
    let mut articles = sql
        .fetch_all(db.read())
        .await?
        .iter()
        .map(summary)
        .collect::<Result<Vec<_>>>()?;
    articles.sort_by_cached_key(|a| (a.titles.get(locale).to_lowercase(), a.id));
    let mut shelves: Vec<Shelf> = categories_of(db, desk_id)
        .await?
        .into_iter()
        .map(|c| Shelf {
            category: Some(c),
            articles: Vec::new(),
        })
        .chain(std::iter::once(Shelf {
            category: None,
            articles: Vec::new(),
        }))
        .collect();
    for a in articles {
        let shelf = shelves
            .iter()
            .position(|s| s.category.as_ref().map(|c| c.id) == a.category_id)
            .unwrap_or(shelves.len() - 1);
        shelves[shelf].articles.push(a);
    }
    shelves.retain(|s| !s.articles.is_empty());
    Ok(shelves)
}
