//! The knowledge base (SPEC §5): articles in Latvian and English, their
//! editorial workflow and version history, files, links to tickets, what
//! readers did with them, and the desk's reports.
//!
//! Every read takes the viewer (`None` for a visitor who is not signed in)
//! and filters by visibility in the query; an article the viewer may not
//! see answers as not found. Writes check the viewer's roles: knowledge
//! editors and desk administrators of the desk do everything, agents draft
//! articles (from tickets) and link articles to tickets, and anyone who
//! can read a published article may vote on it.

mod articles;
mod categories;
mod feedback;
mod files;
mod links;
mod list;
mod reminders;
mod reports;
mod versions;
mod visibility;
mod workflow;

pub use articles::{article, create, create_from_ticket, save, Article};
pub use categories::{categories_of, create_category, update_category, KbCategory};
pub use feedback::{record_deflection, record_search_miss, record_view, vote};
pub use files::{add_file, file_for, files_of, remove_file, ArticleFile, NewArticleFile};
pub use links::{
    articles_of_ticket, link_to_ticket, tickets_of_article, unlink_from_ticket, LinkedArticle,
    LinkedTicket,
};
pub use list::{list, public_by_category, ArticleFilter, Shelf};
pub use reminders::{owners_to_remind, queue_review_reminder};
pub use reports::{
    report, stale, stale_for_owner, ArticleStats, KnowledgeReport, OwnerStale,
    RequestTypeDeflections, SearchMissCount, TOP_SEARCH_MISSES,
};
pub use versions::{diff, restore, versions, TextDiff, Version};
pub use workflow::{status_history, transition, StatusChange};

pub use crate::tickets::{Cursor, Page};
pub use atbalsts_domain::knowledge::{
    ArticleInput, ArticleLinkKind, ArticleStatus, ArticleText, Deflection, SearchScope, Visibility,
};

use crate::{Labels, Result, Sql, StoreError};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

/// An article without its bodies: what lists, reports and links show.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub desk_id: i64,
    pub status: ArticleStatus,
    pub visibility: Visibility,
    pub institution_id: Option<i64>,
    pub category_id: Option<i64>,
    pub owner_id: i64,
    pub owner_name: String,
    pub review_at: Option<i64>,
    pub source_url: Option<String>,
    pub source_ticket_id: Option<i64>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub published_at: Option<i64>,
    /// The title of each language version the article has (`lv`, `en`).
    pub titles: Labels,
}

/// The columns `summary` reads, from `SUMMARY_FROM`.
pub(crate) const SUMMARY_COLUMNS: &str = "a.id, a.desk_id, a.status, a.visibility, a.institution_id, \
    a.category_id, a.owner_id, ou.display_name AS owner_name, a.review_at, a.source_url, a.source_ticket_id, \
    a.version, a.created_at, a.updated_at, a.published_at, tl.title AS title_lv, te.title AS title_en";

/// Articles `a` with their owner and both titles.
pub(crate) const SUMMARY_FROM: &str = " FROM kb_articles a JOIN users ou ON ou.id = a.owner_id \
    LEFT JOIN kb_article_texts tl ON tl.article_id = a.id AND tl.locale = 'lv' \
    LEFT JOIN kb_article_texts te ON te.article_id = a.id AND te.locale = 'en' ";

/// `SELECT` of the summary columns, ready for a `WHERE`.
pub(crate) fn summary_select() -> Sql {
    Sql::new(&format!("SELECT {SUMMARY_COLUMNS}{SUMMARY_FROM}"))
}

pub(crate) fn summary(r: &AnyRow) -> Result<ArticleSummary> {
    let status: String = r.try_get("status")?;
    let visibility: String = r.try_get("visibility")?;
    Ok(ArticleSummary {
        id: r.try_get("id")?,
        desk_id: r.try_get("desk_id")?,
        status: ArticleStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("article status {status}")))?,
        visibility: Visibility::parse(&visibility)
            .map_err(|_| StoreError::Corrupt(format!("article visibility {visibility}")))?,
        institution_id: r.try_get("institution_id")?,
        category_id: r.try_get("category_id")?,
        owner_id: r.try_get("owner_id")?,
        owner_name: r.try_get("owner_name")?,
        review_at: r.try_get("review_at")?,
        source_url: r.try_get("source_url")?,
        source_ticket_id: r.try_get("source_ticket_id")?,
        version: r.try_get("version")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        published_at: r.try_get("published_at")?,
        titles: titles(r)?,
    })
}

/// The titles of a row with `title_lv` and `title_en` columns.
pub(crate) fn titles(r: &AnyRow) -> Result<Labels> {
    let mut titles = Labels::default();
    for locale in ["lv", "en"] {
        if let Some(t) = r.try_get::<Option<String>, _>(format!("title_{locale}").as_str())? {
            titles.0.insert(locale.to_owned(), t);
        }
    }
    Ok(titles)
}
