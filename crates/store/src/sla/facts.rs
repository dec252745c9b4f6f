//! What measuring clocks reads of a set of tickets, a few queries for the
//! whole set: the facts a policy looks at, the clocks already stored, the
//! status history with the statuses that pause, and the first public staff
//! reply. The refresh of one ticket reads a set of one; a re-time batch
//! reads hundreds in the same number of statements.

use super::clocks::{from_row, TicketClock, COLUMNS};
use crate::{Result, Sql};
use atbalsts_domain::sla::timeline::{FirstResponse, StatusPeriod};
use atbalsts_domain::StatusCategory;
use jiff::Timestamp;
use sqlx::{Any, Row, Transaction};
use std::collections::HashMap;

/// One ticket as its clocks see it.
pub(super) struct TicketFacts {
    pub id: i64,
    pub desk_id: i64,
    pub ticket_type: String,
    pub priority: String,
    pub service: Option<String>,
    pub institution_id: Option<i64>,
    pub request_type_id: Option<i64>,
    pub created_at: i64,
    pub first_response: FirstResponse,
    /// `tickets.sla_due_at` as stored.
    pub stored_due: i64,
}

/// Everything measuring needs of a set of tickets, by ticket id.
pub(super) struct Facts {
    pub tickets: Vec<TicketFacts>,
    pub clocks: HashMap<i64, Vec<TicketClock>>,
    pub statuses: HashMap<i64, Vec<StatusPeriod>>,
    pub first_replies: HashMap<i64, i64>,
}

impl Facts {
    pub async fn load(tx: &mut Transaction<'static, Any>, ids: &[i64]) -> Result<Self> {
        Ok(Self {
            tickets: tickets(tx, ids).await?,
            clocks: clocks(tx, ids).await?,
            statuses: statuses(tx, ids).await?,
            first_replies: first_replies(tx, ids).await?,
        })
    }
}

async fn tickets(tx: &mut Transaction<'static, Any>, ids: &[i64]) -> Result<Vec<TicketFacts>> {
    let mut sql = Sql::new(
        "SELECT t.id, t.desk_id, tt.code, t.priority, rt.service, t.institution_id, t.request_type_id, \
         t.created_at, d.sla_first_response, t.sla_due_at \
         FROM tickets t JOIN ticket_types tt ON tt.id = t.ticket_type_id JOIN desks d ON d.id = t.desk_id \
         LEFT JOIN request_types rt ON rt.id = t.request_type_id WHERE t.id IN (",
    );
    sql.bind_list(ids).push(") ORDER BY t.id");
    let rows = sql.fetch_all(&mut **tx).await?;
    rows.iter()
        .map(|r| {
            Ok(TicketFacts {
                id: r.try_get(0)?,
                desk_id: r.try_get(1)?,
                ticket_type: r.try_get(2)?,
                priority: r.try_get(3)?,
                service: r.try_get::<Option<String>, _>(4)?.filter(|s| !s.is_empty()),
                institution_id: r.try_get(5)?,
                request_type_id: r.try_get(6)?,
                created_at: r.try_get(7)?,
                first_response: FirstResponse::parse(&r.try_get::<String, _>(8)?),
                stored_due: r.try_get(9)?,
            })
        })
        .collect()
}

async fn clocks(
    tx: &mut Transaction<'static, Any>,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<TicketClock>>> {
    let mut sql = Sql::new(&format!(
        "SELECT {COLUMNS} FROM ticket_sla WHERE ticket_id IN ("
    ));
    sql.bind_list(ids).push(")");
    let mut out: HashMap<i64, Vec<TicketClock>> = HashMap::new();
    for r in sql.fetch_all(&mut **tx).await? {
        let clock = from_row(&r)?;
        out.entry(clock.ticket_id).or_default().push(clock);
    }
    Ok(out)
}

/// Each ticket's status periods in order, with whether each pauses the clock.
async fn statuses(
    tx: &mut Transaction<'static, Any>,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<StatusPeriod>>> {
    let mut sql = Sql::new(
        "SELECT h.ticket_id, h.entered_at, h.status_category, COALESCE(s.pauses_sla, 0) \
         FROM ticket_status_history h JOIN tickets t ON t.id = h.ticket_id \
         JOIN ticket_types tt ON tt.id = t.ticket_type_id \
         LEFT JOIN workflow_statuses s ON s.workflow_id = tt.workflow_id AND s.code = h.status \
         WHERE h.ticket_id IN (",
    );
    sql.bind_list(ids)
        .push(") ORDER BY h.ticket_id, h.entered_at, h.id");
    let mut out: HashMap<i64, Vec<StatusPeriod>> = HashMap::new();
    for r in sql.fetch_all(&mut **tx).await? {
        let category: String = r.try_get(2)?;
        out.entry(r.try_get(0)?).or_default().push(StatusPeriod {
            at: ts(r.try_get(1)?),
            category: StatusCategory::parse(&category).unwrap_or(StatusCategory::Open),
            // Waiting (on the customer, a third party) always stops the
            // clock; `pauses_sla` marks further statuses that do.
            pauses: category == "waiting" || r.try_get::<i64, _>(3)? != 0,
        });
    }
    Ok(out)
}

/// When staff of each ticket's desk first replied in public.
async fn first_replies(
    tx: &mut Transaction<'static, Any>,
    ids: &[i64],
) -> Result<HashMap<i64, i64>> {
    let mut sql = Sql::new(
        "SELECT c.ticket_id, MIN(c.created_at) FROM comments c JOIN users u ON u.id = c.author_id \
         JOIN tickets t ON t.id = c.ticket_id \
         WHERE c.is_public = 1 AND (u.is_system_admin = 1 OR EXISTS (SELECT 1 FROM desk_roles r \
         WHERE r.desk_id = t.desk_id AND r.user_id = c.author_id AND r.role <> 'customer')) \
         AND c.ticket_id IN (",
    );
    sql.bind_list(ids).push(") GROUP BY c.ticket_id");
    let mut out = HashMap::new();
    for r in sql.fetch_all(&mut **tx).await? {
        out.insert(r.try_get(0)?, r.try_get(1)?);
    }
    Ok(out)
}

pub(super) fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH)
}
