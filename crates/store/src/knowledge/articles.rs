//! Creating, reading and saving articles.

use super::visibility::{may_edit, push_visible};
use super::{
    summary, summary_select, versions, ArticleInput, ArticleStatus, ArticleSummary, ArticleText,
};
use crate::tickets::Ticket;
use crate::{now_ms, search_log, Db, Result, StoreError};
use atbalsts_domain::knowledge::{is_editor, ArticleLinkKind};
use atbalsts_domain::{FieldErrors, Locale, Viewer};
use serde::Serialize;
use sqlx::{Any, Executor, Row, Transaction};

/// An article with its current texts, tags and services.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// Latvian first; only the languages the article has.
    pub texts: Vec<ArticleText>,
    pub tags: Vec<String>,
    pub services: Vec<String>,
}

impl Article {
    /// The text in `locale`, else the other language's.
    pub fn text(&self, locale: Locale) -> Option<&ArticleText> {
        self.texts
            .iter()
            .find(|t| t.locale == locale)
            .or_else(|| self.texts.first())
    }
}

/// The article if `viewer` may read it (`None` for a visitor who is not
/// signed in); `None` both when it does not exist and when it is hidden.
pub async fn article(db: &Db, viewer: Option<&Viewer>, id: i64) -> Result<Option<Article>> {
    let Some(summary) = summary_for(db.read(), viewer, id).await? else {
        return Ok(None);
    };
    let texts = texts_of(db.read(), id).await?;
    let tags = strings(
        db,
        "SELECT tag FROM kb_article_tags WHERE article_id = $1 ORDER BY tag",
        id,
    )
    .await?;
    let services = strings(
        db,
        "SELECT service FROM kb_article_services WHERE article_id = $1 ORDER BY service",
        id,
    )
    .await?;
    Ok(Some(Article {
        summary,
        texts,
        tags,
        services,
    }))
}

/// A new draft on `desk_id`. Any staff member of the desk may draft; only
/// its editors may name someone else as the owner.
pub async fn create(db: &Db, viewer: &Viewer, desk_id: i64, input: &ArticleInput) -> Result<i64> {
    insert(db, viewer, desk_id, input, None).await
}

/// A new draft from a ticket (a resolved incident or problem): it records
/// the ticket as its source and links back to it (`created_from`). The
/// caller has read `ticket` as `viewer`.
pub async fn create_from_ticket(
    db: &Db,
    viewer: &Viewer,
    ticket: &Ticket,
    input: &ArticleInput,
) -> Result<i64> {
    insert(db, viewer, ticket.desk_id, input, Some(ticket.id)).await
}

async fn insert(
    db: &Db,
    viewer: &Viewer,
    desk_id: i64,
    input: &ArticleInput,
    source_ticket: Option<i64>,
) -> Result<i64> {
    if !viewer.is_staff_on(desk_id) {
        return Err(StoreError::Forbidden);
    }
    let owner = input.owner_id.unwrap_or(viewer.user_id);
    if owner != viewer.user_id && !is_editor(viewer, desk_id) {
        return Err(StoreError::Forbidden);
    }
    let review_at = input.review_on.as_deref().map(review_at_ms).transpose()?;
    let now = now_ms();
    let mut tx = db.write().begin().await?;
    check_references(&mut tx, desk_id, input, owner, None).await?;
    let id: i64 = sqlx::query(
        "INSERT INTO kb_articles (desk_id, status, visibility, institution_id, category_id, owner_id, review_at, \
         source_url, source_ticket_id, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) RETURNING id",
    )
    .bind(desk_id)
    .bind(ArticleStatus::Draft.code())
    .bind(input.visibility.code())
    .bind(input.institution_id)
    .bind(input.category_id)
    .bind(owner)
    .bind(review_at)
    .bind(input.source_url.as_deref())
    .bind(source_ticket)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;
    versions::write_texts(&mut tx, id, 1, &[], &input.texts, viewer.user_id, now).await?;
    write_tags_and_services(&mut tx, id, input).await?;
    if let Some(ticket_id) = source_ticket {
        super::links::insert_link(
            &mut *tx,
            id,
            ticket_id,
            ArticleLinkKind::CreatedFrom,
            viewer.user_id,
            now,
        )
        .await?;
    }
    search_log::note(&mut *tx, search_log::ARTICLE, id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves the article as `input` says: a version row for each language
/// whose text changed, a new `version` and `updated_at`. `expected_version`
/// is the version the editor started from; if someone saved since, the
/// save is refused with a conflict instead of overwriting their work. An
/// input without a source URL keeps the one the article has. A published
/// article stays published while editors correct it; for a larger rework
/// they take it back to draft first (`transition`). Answers the new version.
pub async fn save(
    db: &Db,
    viewer: &Viewer,
    article_id: i64,
    expected_version: i64,
    input: &ArticleInput,
) -> Result<i64> {
    let current = article(db, Some(viewer), article_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let a = &current.summary;
    if !may_edit(viewer, a) {
        return Err(StoreError::Forbidden);
    }
    if a.version != expected_version {
        return Err(StoreError::Conflict("error-kb-article-changed"));
    }
    if a.status == ArticleStatus::Archived {
        return Err(StoreError::Conflict("error-kb-archived"));
    }
    let owner = input.owner_id.unwrap_or(a.owner_id);
    if owner != a.owner_id && !is_editor(viewer, a.desk_id) {
        return Err(StoreError::Forbidden);
    }
    let review_at = input.review_on.as_deref().map(review_at_ms).transpose()?;
    let now = now_ms();
    let mut tx = db.write().begin().await?;
    check_references(&mut tx, a.desk_id, input, owner, Some(a.owner_id)).await?;
    let updated = sqlx::query(
        "UPDATE kb_articles SET visibility = $1, institution_id = $2, category_id = $3, owner_id = $4, \
         review_at = $5, source_url = COALESCE($6, source_url), version = version + 1, updated_at = $7 \
         WHERE id = $8 AND version = $9",
    )
    .bind(input.visibility.code())
    .bind(input.institution_id)
    .bind(input.category_id)
    .bind(owner)
    .bind(review_at)
    .bind(input.source_url.as_deref())
    .bind(now)
    .bind(article_id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(StoreError::Conflict("error-kb-article-changed"));
    }
    let version = expected_version + 1;
    versions::write_texts(
        &mut tx,
        article_id,
        version,
        &current.texts,
        &input.texts,
        viewer.user_id,
        now,
    )
    .await?;
    for table in ["kb_article_tags", "kb_article_services"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE article_id = $1"))
            .bind(article_id)
            .execute(&mut *tx)
            .await?;
    }
    write_tags_and_services(&mut tx, article_id, input).await?;
    search_log::note(&mut *tx, search_log::ARTICLE, article_id).await?;
    tx.commit().await?;
    Ok(version)
}

/// The article's summary if `viewer` may read it.
pub(crate) async fn summary_for<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    viewer: Option<&Viewer>,
    id: i64,
) -> Result<Option<ArticleSummary>> {
    let mut sql = summary_select();
    sql.push("WHERE a.id = ").bind(id).push(" AND ");
    push_visible(&mut sql, viewer);
    sql.fetch_optional(ex)
        .await?
        .as_ref()
        .map(summary)
        .transpose()
}

/// The current texts of an article, Latvian first.
pub(crate) async fn texts_of<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    id: i64,
) -> Result<Vec<ArticleText>> {
    let rows =
        sqlx::query("SELECT locale, title, body_md FROM kb_article_texts WHERE article_id = $1")
            .bind(id)
            .fetch_all(ex)
            .await?;
    let mut texts = Vec::with_capacity(rows.len());
    for r in rows {
        let code: String = r.try_get(0)?;
        let locale = Locale::parse(&code)
            .ok_or_else(|| StoreError::Corrupt(format!("article locale {code}")))?;
        texts.push(ArticleText {
            locale,
            title: r.try_get(1)?,
            body_md: r.try_get(2)?,
        });
    }
    texts.sort_by_key(|t| Locale::ALL.iter().position(|l| *l == t.locale));
    Ok(texts)
}

async fn strings(db: &Db, query: &str, id: i64) -> Result<Vec<String>> {
    let rows = sqlx::query(query).bind(id).fetch_all(db.read()).await?;
    rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
}

async fn write_tags_and_services(
    tx: &mut Transaction<'static, Any>,
    id: i64,
    input: &ArticleInput,
) -> Result<()> {
    for tag in &input.tags {
        sqlx::query("INSERT INTO kb_article_tags (article_id, tag) VALUES ($1, $2)")
            .bind(id)
            .bind(tag)
            .execute(&mut **tx)
            .await?;
    }
    for service in &input.services {
        sqlx::query("INSERT INTO kb_article_services (article_id, service) VALUES ($1, $2)")
            .bind(id)
            .bind(service)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// What the form cannot know: the category is the desk's, the institution
/// exists, and a new owner works on the desk.
async fn check_references(
    tx: &mut Transaction<'static, Any>,
    desk_id: i64,
    input: &ArticleInput,
    owner: i64,
    current_owner: Option<i64>,
) -> Result<()> {
    let mut errors = FieldErrors::default();
    if let Some(category) = input.category_id {
        let found = sqlx::query("SELECT 1 FROM kb_categories WHERE id = $1 AND desk_id = $2")
            .bind(category)
            .bind(desk_id)
            .fetch_optional(&mut **tx)
            .await?;
        if found.is_none() {
            errors.push("category", "error-kb-category-unknown");
        }
    }
    if let Some(institution) = input.institution_id {
        let found = sqlx::query("SELECT 1 FROM institutions WHERE id = $1")
            .bind(institution)
            .fetch_optional(&mut **tx)
            .await?;
        if found.is_none() {
            errors.push("institution", "error-kb-institution-unknown");
        }
    }
    if current_owner != Some(owner) {
        let staff = sqlx::query(
            "SELECT 1 FROM users u WHERE u.id = $1 AND u.active = 1 AND (u.is_system_admin = 1 OR EXISTS \
             (SELECT 1 FROM desk_roles r WHERE r.user_id = u.id AND r.desk_id = $2 AND r.role <> 'customer'))",
        )
        .bind(owner)
        .bind(desk_id)
        .fetch_optional(&mut **tx)
        .await?;
        if staff.is_none() {
            errors.push("owner", "error-kb-owner-not-staff");
        }
    }
    errors.into_result()?;
    Ok(())
}

/// A review date is due from the start of that day in Latvia.
fn review_at_ms(iso: &str) -> Result<i64> {
    let invalid = || StoreError::invalid("review_on", "error-date-format");
    let date: jiff::civil::Date = iso.parse().map_err(|_| invalid())?;
    let tz = jiff::tz::TimeZone::get("Europe/Riga").unwrap_or(jiff::tz::TimeZone::UTC);
    let start = date.to_zoned(tz).map_err(|_| invalid())?;
    Ok(start.timestamp().as_millisecond())
}
