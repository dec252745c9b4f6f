//! The version history of an article's texts: every saved state of each
//! language, a readable comparison of two versions, and restoring one.

use super::articles::{summary_for, texts_of};
use super::{ArticleStatus, ArticleText};
use crate::{now_ms, search_log, Db, Result, StoreError};
use atbalsts_domain::knowledge::{diff_lines, is_editor, DiffLine};
use atbalsts_domain::{Locale, Viewer};
use serde::Serialize;
use sqlx::{Any, Row, Transaction};

/// One saved state of one language version.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    pub version: i64,
    pub locale: Locale,
    pub title: String,
    /// This save removed the language version.
    pub removed: bool,
    pub author_id: i64,
    pub author_name: String,
    pub created_at: i64,
}

/// What changed in one language between two versions.
#[derive(Debug, Clone, Serialize)]
pub struct TextDiff {
    pub locale: Locale,
    pub from_version: i64,
    pub to_version: i64,
    /// `None` where the language version did not exist.
    pub old_title: Option<String>,
    pub new_title: Option<String>,
    pub lines: Vec<DiffLine>,
}

/// Makes the article's texts `new` (they were `old`) at `version`: a
/// version row for each language that changed or went away. Answers
/// whether anything changed.
pub(crate) async fn write_texts(
    tx: &mut Transaction<'static, Any>,
    article_id: i64,
    version: i64,
    old: &[ArticleText],
    new: &[ArticleText],
    author_id: i64,
    now: i64,
) -> Result<bool> {
    let mut changed = false;
    for locale in Locale::ALL {
        let before = old.iter().find(|t| t.locale == locale);
        let after = new.iter().find(|t| t.locale == locale);
        let (title, body, removed) = match (before, after) {
            (None, None) => continue,
            (Some(b), Some(a)) if b.title == a.title && b.body_md == a.body_md => continue,
            (_, Some(a)) => {
                sqlx::query(
                    "INSERT INTO kb_article_texts (article_id, locale, title, body_md) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (article_id, locale) DO UPDATE SET title = excluded.title, body_md = excluded.body_md",
                )
                .bind(article_id)
                .bind(locale.code())
                .bind(&a.title)
                .bind(&a.body_md)
                .execute(&mut **tx)
                .await?;
                (a.title.as_str(), a.body_md.as_str(), false)
            }
            (Some(_), None) => {
                sqlx::query("DELETE FROM kb_article_texts WHERE article_id = $1 AND locale = $2")
                    .bind(article_id)
                    .bind(locale.code())
                    .execute(&mut **tx)
                    .await?;
                ("", "", true)
            }
        };
        sqlx::query(
            "INSERT INTO kb_article_versions (article_id, version, locale, title, body_md, removed, author_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(article_id)
        .bind(version)
        .bind(locale.code())
        .bind(title)
        .bind(body)
        .bind(removed as i64)
        .bind(author_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        changed = true;
    }
    Ok(changed)
}

/// The saved states of the article's texts, newest first (Latvian before
/// English within a version). Staff of the article's desk who may read it.
pub async fn versions(db: &Db, viewer: &Viewer, article_id: i64) -> Result<Vec<Version>> {
    readable_history(db, viewer, article_id).await?;
    let rows = sqlx::query(
        "SELECT v.version, v.locale, v.title, v.removed, v.author_id, u.display_name, v.created_at \
         FROM kb_article_versions v JOIN users u ON u.id = v.author_id \
         WHERE v.article_id = $1 ORDER BY v.version DESC, v.locale DESC",
    )
    .bind(article_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            let code: String = r.try_get(1)?;
            Ok(Version {
                version: r.try_get(0)?,
                locale: Locale::parse(&code)
                    .ok_or_else(|| StoreError::Corrupt(format!("article locale {code}")))?,
                title: r.try_get(2)?,
                removed: r.try_get::<i64, _>(3)? != 0,
                author_id: r.try_get(4)?,
                author_name: r.try_get(5)?,
                created_at: r.try_get(6)?,
            })
        })
        .collect()
}

/// How the `locale` text changed from `from_version` to `to_version`
/// (either order; each version shows the text as it stood then).
pub async fn diff(
    db: &Db,
    viewer: &Viewer,
    article_id: i64,
    from_version: i64,
    to_version: i64,
    locale: Locale,
) -> Result<TextDiff> {
    let current = readable_history(db, viewer, article_id).await?;
    for v in [from_version, to_version] {
        if !(1..=current).contains(&v) {
            return Err(StoreError::invalid("version", "error-kb-version-unknown"));
        }
    }
    let old = text_at(db, article_id, locale, from_version).await?;
    let new = text_at(db, article_id, locale, to_version).await?;
    let body = |t: &Option<ArticleText>| t.as_ref().map(|t| t.body_md.clone()).unwrap_or_default();
    Ok(TextDiff {
        locale,
        from_version,
        to_version,
        lines: diff_lines(&body(&old), &body(&new)),
        old_title: old.map(|t| t.title),
        new_title: new.map(|t| t.title),
    })
}

/// Makes the texts what they were at `version`, as a new version (the
/// history keeps everything in between). Settings, tags and status stay.
/// Knowledge editors and desk administrators of the desk. Answers the
/// article's version afterwards.
pub async fn restore(
    db: &Db,
    viewer: &Viewer,
    article_id: i64,
    version: i64,
    expected_version: i64,
) -> Result<i64> {
    let a = summary_for(db.read(), Some(viewer), article_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if !is_editor(viewer, a.desk_id) {
        return Err(StoreError::Forbidden);
    }
    if a.version != expected_version {
        return Err(StoreError::Conflict("error-kb-article-changed"));
    }
    if a.status == ArticleStatus::Archived {
        return Err(StoreError::Conflict("error-kb-archived"));
    }
    if !(1..=a.version).contains(&version) {
        return Err(StoreError::invalid("version", "error-kb-version-unknown"));
    }
    let mut restored = Vec::new();
    for locale in Locale::ALL {
        restored.extend(text_at(db, article_id, locale, version).await?);
    }
    if restored.is_empty() {
        return Err(StoreError::invalid("version", "error-kb-version-unknown"));
    }
    let now = now_ms();
    let mut tx = db.write().begin().await?;
    let updated = sqlx::query(
        "UPDATE kb_articles SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
    )
    .bind(now)
    .bind(article_id)
    .bind(expected_version)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(StoreError::Conflict("error-kb-article-changed"));
    }
    let current = texts_of(&mut *tx, article_id).await?;
    let next = expected_version + 1;
    if !write_texts(
        &mut tx,
        article_id,
        next,
        &current,
        &restored,
        viewer.user_id,
        now,
    )
    .await?
    {
        // The texts are already those of `version`: nothing to record.
        tx.rollback().await?;
        return Ok(expected_version);
    }
    search_log::note(&mut *tx, search_log::ARTICLE, article_id).await?;
    tx.commit().await?;
    Ok(next)
}

/// The text of `locale` as it stood at `version`.
async fn text_at(
    db: &Db,
    article_id: i64,
    locale: Locale,
    version: i64,
) -> Result<Option<ArticleText>> {
    let row = sqlx::query(
        "SELECT title, body_md, removed FROM kb_article_versions \
         WHERE article_id = $1 AND locale = $2 AND version <= $3 ORDER BY version DESC LIMIT 1",
    )
    .bind(article_id)
    .bind(locale.code())
    .bind(version)
    .fetch_optional(db.read())
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    if r.try_get::<i64, _>(2)? != 0 {
        return Ok(None);
    }
    Ok(Some(ArticleText {
        locale,
        title: r.try_get(0)?,
        body_md: r.try_get(1)?,
    }))
}

/// The history is for the desk's staff: answers the article's current
/// version when `viewer` may read it.
async fn readable_history(db: &Db, viewer: &Viewer, article_id: i64) -> Result<i64> {
    let a = summary_for(db.read(), Some(viewer), article_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if !viewer.is_staff_on(a.desk_id) {
        return Err(StoreError::Forbidden);
    }
    Ok(a.version)
}
