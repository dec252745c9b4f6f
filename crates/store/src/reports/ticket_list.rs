//! The raw ticket list of a report filter with the reader's chosen
//! columns: the tickets created in the range, oldest first, read along
//! `tickets (desk_id, created_at)` as a stream of rows, so an export of a
//! million tickets never holds them all. Only the chosen columns are
//! selected (and joined); codes (status, channel, priority, types) come
//! back as codes, for the reader's language to name.

use super::scope::{joins_with, push_filter};
use crate::{Db, Result, Sql};
use atbalsts_domain::reports::periods::riga_midnight;
use atbalsts_domain::reports::{ReportFilter, TicketColumn};
use futures::{Stream, StreamExt};
use sqlx::Row;

/// One value of a listed ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListValue {
    Text(String),
    /// A number, an instant (ms) or an id, as the column says.
    Int(i64),
    Null,
}

/// A listed ticket: its number, then one value per chosen column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedTicket {
    pub number: i64,
    pub values: Vec<ListValue>,
}

/// The SQL of one column's value and whether it is text.
fn expression(c: TicketColumn) -> (&'static str, bool) {
    match c {
        TicketColumn::Key => ("t.number", false),
        TicketColumn::Summary => ("t.summary", true),
        TicketColumn::TicketType => ("tt.code", true),
        TicketColumn::RequestType => ("t.request_type_id", false),
        TicketColumn::Service => ("rt.service", true),
        TicketColumn::Status => ("t.status", true),
        TicketColumn::StatusCategory => ("t.status_category", true),
        TicketColumn::Priority => ("t.priority", true),
        TicketColumn::Channel => ("t.channel", true),
        TicketColumn::Team => ("tm.name", true),
        TicketColumn::Assignee => ("ua.display_name", true),
        TicketColumn::Requester => ("ur.display_name", true),
        TicketColumn::Institution => ("i.name", true),
        TicketColumn::SubUnit => ("su.name", true),
        TicketColumn::Created => ("t.created_at", false),
        TicketColumn::FirstResponse => (
            "(SELECT s.stopped_at FROM ticket_sla s \
              WHERE s.ticket_id = t.id AND s.goal = 'first_response')",
            false,
        ),
        TicketColumn::Resolved => ("t.resolved_at", false),
        // Only the ticket in the WHERE, so both databases read the
        // ticket's few history rows along `(ticket_id, id)` rather than
        // every closure along `(status_category, entered_at)`.
        TicketColumn::Closed => (
            "(SELECT MAX(CASE WHEN h.status_category = 'closed' THEN h.entered_at END) \
              FROM ticket_status_history h WHERE h.ticket_id = t.id)",
            false,
        ),
        // Tickets without a running clock hold a far-future sentinel.
        TicketColumn::SlaDue => (
            "CASE WHEN t.sla_due_at < 9000000000000000 THEN t.sla_due_at END",
            false,
        ),
        TicketColumn::SlaBreached => (
            "CAST(CASE WHEN EXISTS (SELECT 1 FROM ticket_sla s \
              WHERE s.ticket_id = t.id AND s.breached_at IS NOT NULL) THEN 1 ELSE 0 END AS BIGINT)",
            false,
        ),
    }
}

/// The query of a ticket list: built once, read as a stream.
pub struct TicketList {
    sql: Sql,
    text: Vec<bool>,
}

impl TicketList {
    /// The tickets of `desk_id` created in the filter's days (Riga), with
    /// the filter's ticket facts, `columns` in that order.
    pub fn new(desk_id: i64, filter: &ReportFilter, columns: &[TicketColumn]) -> Self {
        let start = riga_midnight(filter.from);
        let end = riga_midnight(filter.to.tomorrow().unwrap_or(filter.to));
        let mut select = String::from("SELECT t.number");
        let mut text = Vec::with_capacity(columns.len());
        for c in columns {
            let (expr, is_text) = expression(*c);
            select.push_str(", ");
            select.push_str(expr);
            text.push(is_text);
        }
        // Only the tables the chosen columns and the filter read.
        let mut always = Vec::new();
        for (column, alias) in [
            (TicketColumn::TicketType, "tt"),
            (TicketColumn::Service, "rt"),
            (TicketColumn::Team, "tm"),
            (TicketColumn::Institution, "i"),
            (TicketColumn::SubUnit, "su"),
        ] {
            if columns.contains(&column) {
                always.push(alias);
            }
        }
        let mut joins = joins_with(filter, &always);
        if columns.contains(&TicketColumn::Assignee) {
            joins.push_str(" LEFT JOIN users ua ON ua.id = t.assignee_id ");
        }
        if columns.contains(&TicketColumn::Requester) {
            joins.push_str(" LEFT JOIN users ur ON ur.id = t.requester_id ");
        }
        let mut sql = Sql::new(&format!(
            "{select} FROM tickets t {joins} WHERE t.desk_id = "
        ));
        sql.bind(desk_id)
            .push(" AND t.created_at >= ")
            .bind(start)
            .push(" AND t.created_at < ")
            .bind(end);
        push_filter(&mut sql, filter);
        // Along the index: SQLite keeps the rowid in it, so no sort.
        sql.push(" ORDER BY t.created_at, t.id");
        sql.planned_each_time();
        Self { sql, text }
    }

    pub fn sql(&self) -> &str {
        self.sql.text()
    }

    /// The listed tickets as the database hands them over.
    pub fn rows<'a>(&'a self, db: &'a Db) -> impl Stream<Item = Result<ListedTicket>> + Send + 'a {
        self.sql.query().fetch(db.read()).map(move |r| {
            let r = r?;
            let mut values = Vec::with_capacity(self.text.len());
            for (i, is_text) in self.text.iter().enumerate() {
                let v = if *is_text {
                    r.try_get::<Option<String>, _>(i + 1)?
                        .map_or(ListValue::Null, ListValue::Text)
                } else {
                    r.try_get::<Option<i64>, _>(i + 1)?
                        .map_or(ListValue::Null, ListValue::Int)
                };
                values.push(v);
            }
            Ok(ListedTicket {
                number: r.try_get(0)?,
                values,
            })
        })
    }
}
