//! A desk's own wording of its notifications (see
//! `atbalsts_domain::mail_template`): one subject and body per kind and
//! language. The outbox applies it when a notification is queued.

use crate::{now_ms, Db, Result, StoreError};
use atbalsts_domain::mail_template::{self, MailKind};
use atbalsts_domain::Locale;
use serde::Serialize;
use sqlx::{Any, Row};

#[derive(Debug, Clone, Serialize)]
pub struct Template {
    pub kind: String,
    pub locale: String,
    pub subject: String,
    pub body: String,
    pub updated_at: i64,
}

/// The desk's wording for `kind` in `locale`, if it has its own.
pub(crate) async fn find_in(
    tx: &mut sqlx::Transaction<'static, Any>,
    desk_id: i64,
    kind: &str,
    locale: &str,
) -> Result<Option<(String, String)>> {
    let row = sqlx::query(
        "SELECT subject, body FROM mail_templates WHERE desk_id = $1 AND kind = $2 AND locale = $3",
    )
    .bind(desk_id)
    .bind(kind)
    .bind(locale)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose()
}

/// Every wording the desk has of its own.
pub async fn of_desk(db: &Db, desk_id: i64) -> Result<Vec<Template>> {
    let rows = sqlx::query(
        "SELECT kind, locale, subject, body, updated_at FROM mail_templates WHERE desk_id = $1 ORDER BY kind, locale",
    )
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Template {
                kind: r.try_get(0)?,
                locale: r.try_get(1)?,
                subject: r.try_get(2)?,
                body: r.try_get(3)?,
                updated_at: r.try_get(4)?,
            })
        })
        .collect()
}

/// Saves the desk's wording after checking it (`mail_template::check`).
pub async fn save(
    db: &Db,
    desk_id: i64,
    kind: &MailKind,
    locale: Locale,
    subject: &str,
    body: &str,
    by: i64,
) -> Result<()> {
    mail_template::check(kind, subject, body).map_err(StoreError::Invalid)?;
    let body = body.replace("\r\n", "\n");
    sqlx::query(
        "INSERT INTO mail_templates (desk_id, kind, locale, subject, body, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (desk_id, kind, locale) DO UPDATE SET \
         subject = excluded.subject, body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
    )
    .bind(desk_id)
    .bind(kind.code)
    .bind(locale.code())
    .bind(subject.trim())
    .bind(body.trim_end())
    .bind(by)
    .bind(now_ms())
    .execute(db.write())
    .await?;
    Ok(())
}

/// Goes back to the catalogue's wording.
pub async fn reset(db: &Db, desk_id: i64, kind: &str, locale: Locale) -> Result<bool> {
    Ok(
        sqlx::query("DELETE FROM mail_templates WHERE desk_id = $1 AND kind = $2 AND locale = $3")
            .bind(desk_id)
            .bind(kind)
            .bind(locale.code())
            .execute(db.write())
            .await?
            .rows_affected()
            > 0,
    )
}
