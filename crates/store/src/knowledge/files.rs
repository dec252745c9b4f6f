//! Files of an article (instructions as PDF or DOC, screenshots). The
//! caller writes the bytes to the `BlobStore` first and passes their hash;
//! readers of the article may fetch them.

use super::articles::summary_for;
use super::visibility::{may_edit, push_visible};
use crate::{now_ms, Db, Result, Sql, StoreError};
use atbalsts_domain::knowledge::file_content_type;
use atbalsts_domain::Viewer;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

/// A file already written to the blob store, about to be attached. Its
/// content type follows from the name.
#[derive(Debug, Clone)]
pub struct NewArticleFile {
    pub filename: String,
    pub size_bytes: i64,
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleFile {
    pub id: i64,
    pub article_id: i64,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    #[serde(skip)]
    pub sha256: String,
    pub created_at: i64,
}

const SELECT: &str =
    "SELECT f.id, f.article_id, f.filename, f.content_type, f.size_bytes, f.sha256, f.created_at \
    FROM kb_article_files f JOIN kb_articles a ON a.id = f.article_id ";

fn file(r: &AnyRow) -> Result<ArticleFile> {
    Ok(ArticleFile {
        id: r.try_get(0)?,
        article_id: r.try_get(1)?,
        filename: r.try_get(2)?,
        content_type: r.try_get(3)?,
        size_bytes: r.try_get(4)?,
        sha256: r.try_get(5)?,
        created_at: r.try_get(6)?,
    })
}

/// Attaches a file already in the blob store. Only documents and pictures
/// are taken, and their content type is the one their extension names.
pub async fn add_file(
    db: &Db,
    viewer: &Viewer,
    article_id: i64,
    f: &NewArticleFile,
) -> Result<i64> {
    let a = summary_for(db.read(), Some(viewer), article_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if !may_edit(viewer, &a) {
        return Err(StoreError::Forbidden);
    }
    let content_type =
        file_content_type(&f.filename).map_err(|code| StoreError::invalid("file", code))?;
    let filename: String = f
        .filename
        .chars()
        .filter(|c| !c.is_control())
        .take(255)
        .collect();
    let row = sqlx::query(
        "INSERT INTO kb_article_files (article_id, filename, content_type, size_bytes, sha256, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(article_id)
    .bind(filename)
    .bind(content_type)
    .bind(f.size_bytes)
    .bind(&f.sha256)
    .bind(viewer.user_id)
    .bind(now_ms())
    .fetch_one(db.write())
    .await?;
    Ok(row.try_get(0)?)
}

/// The files of an article the viewer may read, in the order they came.
pub async fn files_of(
    db: &Db,
    viewer: Option<&Viewer>,
    article_id: i64,
) -> Result<Vec<ArticleFile>> {
    let mut sql = Sql::new(SELECT);
    sql.push("WHERE f.article_id = ")
        .bind(article_id)
        .push(" AND ");
    push_visible(&mut sql, viewer);
    sql.push(" ORDER BY f.id");
    sql.fetch_all(db.read()).await?.iter().map(file).collect()
}

/// One file, if the viewer may read its article.
pub async fn file_for(
    db: &Db,
    viewer: Option<&Viewer>,
    file_id: i64,
) -> Result<Option<ArticleFile>> {
    let mut sql = Sql::new(SELECT);
    sql.push("WHERE f.id = ").bind(file_id).push(" AND ");
    push_visible(&mut sql, viewer);
    sql.fetch_optional(db.read())
        .await?
        .as_ref()
        .map(file)
        .transpose()
}

/// Removes a file from its article (the blob stays: other rows may share it).
pub async fn remove_file(db: &Db, viewer: &Viewer, file_id: i64) -> Result<()> {
    let f = file_for(db, Some(viewer), file_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let a = summary_for(db.read(), Some(viewer), f.article_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    if !may_edit(viewer, &a) {
        return Err(StoreError::Forbidden);
    }
    sqlx::query("DELETE FROM kb_article_files WHERE id = $1")
        .bind(file_id)
        .execute(db.write())
        .await?;
    Ok(())
}
