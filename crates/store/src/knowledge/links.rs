//! Articles and tickets: the draft made from a ticket (`created_from`) and
//! the articles agents used to solve tickets (`used_to_solve`). Both
//! directions are for staff.

use super::articles::summary_for;
use super::visibility::push_visible;
use super::{summary, ArticleLinkKind, ArticleSummary, SUMMARY_COLUMNS, SUMMARY_FROM};
use crate::tickets::Ticket;
use crate::{now_ms, Db, Result, Sql, StoreError};
use atbalsts_domain::{StatusCategory, Viewer};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

#[derive(Debug, Clone, Serialize)]
pub struct LinkedArticle {
    pub article: ArticleSummary,
    pub kind: ArticleLinkKind,
    pub linked_by: i64,
    pub linked_at: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkedTicket {
    pub ticket_id: i64,
    pub key: String,
    pub summary: String,
    pub status_category: StatusCategory,
    pub kind: ArticleLinkKind,
    pub linked_by: i64,
    pub linked_at: i64,
}

pub(crate) async fn insert_link<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    article_id: i64,
    ticket_id: i64,
    kind: ArticleLinkKind,
    by: i64,
    now: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO kb_ticket_links (article_id, ticket_id, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (article_id, ticket_id, kind) DO NOTHING",
    )
    .bind(article_id)
    .bind(ticket_id)
    .bind(kind.code())
    .bind(by)
    .bind(now)
    .execute(ex)
    .await?
    .rows_affected();
    Ok(done > 0)
}

/// Links an article the viewer may read to a ticket of a desk they work
/// on (the caller has read `ticket` as `viewer`). `false` when the link
/// was already there.
pub async fn link_to_ticket(
    db: &Db,
    viewer: &Viewer,
    article_id: i64,
    ticket: &Ticket,
    kind: ArticleLinkKind,
) -> Result<bool> {
    if !viewer.is_staff_on(ticket.desk_id) {
        return Err(StoreError::Forbidden);
    }
    summary_for(db.read(), Some(viewer), article_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    insert_link(
        db.write(),
        article_id,
        ticket.id,
        kind,
        viewer.user_id,
        now_ms(),
    )
    .await
}

/// Removes a link; `false` when there was none.
pub async fn unlink_from_ticket(
    db: &Db,
    viewer: &Viewer,
    article_id: i64,
    ticket: &Ticket,
    kind: ArticleLinkKind,
) -> Result<bool> {
    if !viewer.is_staff_on(ticket.desk_id) {
        return Err(StoreError::Forbidden);
    }
    let done = sqlx::query(
        "DELETE FROM kb_ticket_links WHERE article_id = $1 AND ticket_id = $2 AND kind = $3",
    )
    .bind(article_id)
    .bind(ticket.id)
    .bind(kind.code())
    .execute(db.write())
    .await?
    .rows_affected();
    Ok(done > 0)
}

/// Limits tickets `t` to the desks the viewer works on.
fn push_staff_tickets(sql: &mut Sql, viewer: &Viewer) -> bool {
    if viewer.is_system_admin {
        sql.push("1 = 1");
        return true;
    }
    let staff = viewer.staff_desks();
    if staff.is_empty() {
        return false;
    }
    sql.push("t.desk_id IN (").bind_list(&staff).push(")");
    true
}

fn link_kind(r: &AnyRow) -> Result<ArticleLinkKind> {
    let code: String = r.try_get("link_kind")?;
    ArticleLinkKind::parse(&code)
        .map_err(|_| StoreError::Corrupt(format!("article link kind {code}")))
}

/// The articles linked to a ticket that the viewer may read, in the order
/// they were linked; empty for anyone who does not work on the ticket's desk.
pub async fn articles_of_ticket(
    db: &Db,
    viewer: &Viewer,
    ticket_id: i64,
) -> Result<Vec<LinkedArticle>> {
    let mut sql = Sql::new(&format!(
        "SELECT {SUMMARY_COLUMNS}, l.kind AS link_kind, l.created_by AS linked_by, l.created_at AS linked_at \
         {SUMMARY_FROM} JOIN kb_ticket_links l ON l.article_id = a.id JOIN tickets t ON t.id = l.ticket_id \
         WHERE l.ticket_id = "
    ));
    sql.bind(ticket_id).push(" AND ");
    if !push_staff_tickets(&mut sql, viewer) {
        return Ok(Vec::new());
    }
    sql.push(" AND ");
    push_visible(&mut sql, Some(viewer));
    sql.push(" ORDER BY l.created_at, a.id, l.kind");
    sql.fetch_all(db.read())
        .await?
        .iter()
        .map(|r| {
            Ok(LinkedArticle {
                article: summary(r)?,
                kind: link_kind(r)?,
                linked_by: r.try_get("linked_by")?,
                linked_at: r.try_get("linked_at")?,
            })
        })
        .collect()
}

/// The tickets of the viewer's desks linked to an article they may read,
/// newest link first. `NotFound` when the article is hidden from them.
pub async fn tickets_of_article(
    db: &Db,
    viewer: &Viewer,
    article_id: i64,
) -> Result<Vec<LinkedTicket>> {
    summary_for(db.read(), Some(viewer), article_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut sql = Sql::new(
        "SELECT t.id, d.key_prefix, t.number, t.summary, t.status_category, l.kind AS link_kind, \
         l.created_by, l.created_at FROM kb_ticket_links l JOIN tickets t ON t.id = l.ticket_id \
         JOIN desks d ON d.id = t.desk_id WHERE l.article_id = ",
    );
    sql.bind(article_id).push(" AND ");
    if !push_staff_tickets(&mut sql, viewer) {
        return Ok(Vec::new());
    }
    sql.push(" ORDER BY l.created_at DESC, t.id DESC");
    sql.fetch_all(db.read())
        .await?
        .iter()
        .map(|r| {
            let prefix: String = r.try_get(1)?;
            let number: i64 = r.try_get(2)?;
            let category: String = r.try_get(4)?;
            Ok(LinkedTicket {
                ticket_id: r.try_get(0)?,
                key: format!("{prefix}-{number}"),
                summary: r.try_get(3)?,
                status_category: StatusCategory::parse(&category)
                    .ok_or_else(|| StoreError::Corrupt(format!("status category {category}")))?,
                kind: link_kind(r)?,
                linked_by: r.try_get(6)?,
                linked_at: r.try_get(7)?,
            })
        })
        .collect()
}
