//! Tickets whose priority an agent chose over the matrix's.

use crate::{Db, Result, StoreError};
use atbalsts_domain::triage::Level;
use atbalsts_domain::Viewer;
use serde::Serialize;
use sqlx::Row;

/// A ticket whose priority an agent chose over the matrix's.
#[derive(Debug, Clone, Serialize)]
pub struct PriorityOverride {
    pub key: String,
    pub summary: String,
    pub created_at: i64,
    pub impact: Option<String>,
    pub urgency: Option<String>,
    /// What the desk's matrix gives for the ticket's impact and urgency now.
    pub computed: Option<&'static str>,
    pub priority: String,
    pub reason: String,
    /// Who set the priority or the reason last, and when (from the history).
    pub by: Option<String>,
    pub at: Option<i64>,
}

/// The desk's overridden tickets created in `[from, to)` (Unix ms), newest
/// first. Only those who read the desk's reports may ask.
pub async fn priority_overrides(
    db: &Db,
    viewer: &Viewer,
    desk_id: i64,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<Vec<PriorityOverride>> {
    if !viewer.reads_reports_of(desk_id) {
        return Err(StoreError::Forbidden);
    }
    let matrix = crate::tickets::matrix_of(db, desk_id).await?;
    let rows = sqlx::query(
        "SELECT d.key_prefix, t.number, t.summary, t.created_at, t.impact, t.urgency, t.priority, \
         t.priority_reason, u.display_name, c.at \
         FROM tickets t JOIN desks d ON d.id = t.desk_id \
         LEFT JOIN ticket_changes c ON c.id = (SELECT MAX(c2.id) FROM ticket_changes c2 \
           WHERE c2.ticket_id = t.id AND c2.field IN ('priority', 'priority_reason')) \
         LEFT JOIN users u ON u.id = c.actor_id \
         WHERE t.desk_id = $1 AND t.priority_reason IS NOT NULL \
         AND t.created_at >= $2 AND t.created_at < $3 \
         ORDER BY t.created_at DESC, t.id DESC",
    )
    .bind(desk_id)
    .bind(from.unwrap_or(i64::MIN))
    .bind(to.unwrap_or(i64::MAX))
    .fetch_all(db.read())
    .await?;
    rows.iter()
        .map(|r| {
            let impact: Option<String> = r.try_get(4)?;
            let urgency: Option<String> = r.try_get(5)?;
            let level = |l: &Option<String>| l.as_deref().and_then(|l| Level::parse(l).ok());
            Ok(PriorityOverride {
                key: format!("{}-{}", r.try_get::<String, _>(0)?, r.try_get::<i64, _>(1)?),
                summary: r.try_get(2)?,
                created_at: r.try_get(3)?,
                computed: level(&impact)
                    .zip(level(&urgency))
                    .map(|(i, u)| matrix.priority(i, u).code()),
                impact,
                urgency,
                priority: r.try_get(6)?,
                reason: r.try_get(7)?,
                by: r.try_get(8)?,
                at: r.try_get(9)?,
            })
        })
        .collect()
}
