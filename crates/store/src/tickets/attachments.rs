use super::visibility::push_visible;
use super::Ticket;
use crate::{Db, Result, Sql};
use atbalsts_domain::Viewer;
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

/// A file already written to the blob store, about to be attached.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    /// The Content-ID of a mail part, which the mail's HTML refers to.
    pub content_id: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    pub id: i64,
    pub ticket_id: i64,
    pub comment_id: Option<i64>,
    pub filename: String,
    pub content_type: String,
    pub size_bytes: i64,
    #[serde(skip)]
    pub sha256: String,
    pub created_at: i64,
    pub content_id: Option<String>,
}

pub(crate) async fn insert<'e, E: Executor<'e, Database = Any>>(
    ex: E,
    ticket_id: i64,
    comment_id: Option<i64>,
    uploaded_by: i64,
    f: &NewAttachment,
    now: i64,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO attachments (ticket_id, comment_id, filename, content_type, size_bytes, sha256, uploaded_by, created_at, content_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(ticket_id)
    .bind(comment_id)
    .bind(&f.filename)
    .bind(&f.content_type)
    .bind(f.size_bytes)
    .bind(&f.sha256)
    .bind(uploaded_by)
    .bind(now)
    .bind(f.content_id.as_deref())
    .fetch_one(ex)
    .await?;
    Ok(row.try_get(0)?)
}

const COLUMNS: &str =
    "a.id, a.ticket_id, a.comment_id, a.filename, a.content_type, a.size_bytes, a.sha256, a.created_at, a.content_id";

fn attachment(r: &AnyRow) -> Result<Attachment> {
    Ok(Attachment {
        id: r.try_get(0)?,
        ticket_id: r.try_get(1)?,
        comment_id: r.try_get(2)?,
        filename: r.try_get(3)?,
        content_type: r.try_get(4)?,
        size_bytes: r.try_get(5)?,
        sha256: r.try_get(6)?,
        created_at: r.try_get(7)?,
        content_id: r.try_get(8)?,
    })
}

/// Non-staff viewers do not see files of internal notes.
fn push_comment_visible(sql: &mut Sql, viewer: &Viewer) {
    let staff = viewer.staff_desks();
    sql.push(" AND (a.comment_id IS NULL OR c.is_public = 1");
    if viewer.is_system_admin {
        sql.push(" OR 1 = 1");
    } else if !staff.is_empty() {
        sql.push(" OR t.desk_id IN (").bind_list(&staff).push(")");
    }
    sql.push(")");
}

/// One attachment, if the viewer may see its ticket (and its comment).
pub async fn attachment_for(db: &Db, viewer: &Viewer, id: i64) -> Result<Option<Attachment>> {
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} FROM attachments a JOIN tickets t ON t.id = a.ticket_id \
         LEFT JOIN comments c ON c.id = a.comment_id WHERE a.id = "
    ));
    sql.bind(id).push(" AND ");
    push_visible(&mut sql, viewer, db.backend());
    push_comment_visible(&mut sql, viewer);
    sql.fetch_optional(db.read())
        .await?
        .as_ref()
        .map(attachment)
        .transpose()
}

/// The attachments of a ticket the viewer may see.
pub async fn attachments_of(db: &Db, viewer: &Viewer, ticket: &Ticket) -> Result<Vec<Attachment>> {
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} FROM attachments a JOIN tickets t ON t.id = a.ticket_id \
         LEFT JOIN comments c ON c.id = a.comment_id WHERE a.ticket_id = "
    ));
    sql.bind(ticket.id).push(" AND ");
    push_visible(&mut sql, viewer, db.backend());
    push_comment_visible(&mut sql, viewer);
    sql.push(" ORDER BY a.id");
    sql.fetch_all(db.read())
        .await?
        .iter()
        .map(attachment)
        .collect()
}
