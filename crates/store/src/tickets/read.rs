use super::visibility::push_visible;
use crate::{Backend, Db, Result, Sql, StoreError};
use atbalsts_domain::custom_field::FieldValue;
use atbalsts_domain::triage::Level;
use atbalsts_domain::{Channel, Priority, StatusCategory, TicketKey, Viewer};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
pub struct Ticket {
    pub id: i64,
    pub key: String,
    pub desk_id: i64,
    pub ticket_type_id: i64,
    pub ticket_type: String,
    pub workflow_id: i64,
    pub status: String,
    pub status_category: StatusCategory,
    pub summary: String,
    pub description: String,
    pub requester_id: i64,
    pub requester_name: String,
    pub requester_email: String,
    pub institution_id: Option<i64>,
    pub institution_name: Option<String>,
    pub sub_unit_id: Option<i64>,
    pub sub_unit_name: Option<String>,
    pub channel: Channel,
    pub priority: Priority,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub created_by: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub resolved_at: Option<i64>,
    pub version: i64,
    pub request_type_id: Option<i64>,
    pub impact: Option<Level>,
    pub urgency: Option<Level>,
    /// Why an agent chose another priority than the matrix's.
    pub priority_reason: Option<String>,
    pub category_id: Option<i64>,
    pub root_cause_id: Option<i64>,
    /// The formatted version of the mail the ticket came from (clean HTML).
    pub description_html: Option<String>,
}

macro_rules! ticket_columns {
    () => {
        "SELECT t.id, d.key_prefix, t.number, t.desk_id, t.ticket_type_id, tt.code AS type_code, \
    tt.workflow_id, t.status, t.status_category, t.summary, t.description, t.requester_id, \
    ru.display_name AS requester_name, ru.email AS requester_email, t.institution_id, i.name AS institution_name, \
    t.sub_unit_id, su.name AS sub_unit_name, t.channel, t.priority, t.team_id, tm.name AS team_name, \
    t.assignee_id, au.display_name AS assignee_name, t.created_by, t.created_at, t.updated_at, t.resolved_at, t.version, t.request_type_id, t.impact, t.urgency, t.priority_reason, t.category_id, t.root_cause_id, t.description_html"
    };
}

macro_rules! ticket_joins {
    () => {
        " \
    FROM tickets t \
    JOIN desks d ON d.id = t.desk_id \
    JOIN ticket_types tt ON tt.id = t.ticket_type_id \
    JOIN users ru ON ru.id = t.requester_id \
    LEFT JOIN institutions i ON i.id = t.institution_id \
    LEFT JOIN sub_units su ON su.id = t.sub_unit_id \
    LEFT JOIN teams tm ON tm.id = t.team_id \
    LEFT JOIN users au ON au.id = t.assignee_id "
    };
}

const SELECT: &str = concat!(ticket_columns!(), ticket_joins!());

/// A ticket's columns with its SLA due key (see [`Sort::Due`]), for the
/// cursor of a page in that order.
fn select_with_due_key() -> String {
    format!(
        "{}, {} AS sla_due_key{}",
        ticket_columns!(),
        crate::sla::due::DUE_KEY,
        ticket_joins!()
    )
}

/// The ticket's columns with one row per custom field value (or one row
/// with none): the ticket and its fields in one query.
const SELECT_WITH_FIELDS: &str = concat!(
    ticket_columns!(),
    ", fvf.code AS field_code, fv.value_text AS field_text, fv.value_int AS field_int",
    ticket_joins!(),
    "LEFT JOIN ticket_field_values fv ON fv.ticket_id = t.id \
    LEFT JOIN custom_fields fvf ON fvf.id = fv.field_id "
);

/// A coded column read into its domain type; a code the domain does not
/// know means the row was written by something else than this store.
pub(crate) fn coded<T>(r: &AnyRow, column: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    let code: String = r.try_get(column)?;
    parse(&code).ok_or_else(|| StoreError::Corrupt(format!("{column} {code}")))
}

/// As [`coded`], for a column that may be empty.
pub(crate) fn coded_opt<T>(
    r: &AnyRow,
    column: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>> {
    let code: Option<String> = r.try_get(column)?;
    code.map(|c| parse(&c).ok_or_else(|| StoreError::Corrupt(format!("{column} {c}"))))
        .transpose()
}

fn ticket(r: &AnyRow) -> Result<Ticket> {
    let prefix: String = r.try_get(1)?;
    let number: i64 = r.try_get(2)?;
    Ok(Ticket {
        id: r.try_get(0)?,
        key: format!("{prefix}-{number}"),
        desk_id: r.try_get("desk_id")?,
        ticket_type_id: r.try_get("ticket_type_id")?,
        ticket_type: r.try_get("type_code")?,
        workflow_id: r.try_get("workflow_id")?,
        status: r.try_get("status")?,
        status_category: coded(r, "status_category", StatusCategory::parse)?,
        summary: r.try_get("summary")?,
        description: r.try_get("description")?,
        description_html: r.try_get("description_html")?,
        requester_id: r.try_get("requester_id")?,
        requester_name: r.try_get("requester_name")?,
        requester_email: r.try_get("requester_email")?,
        institution_id: r.try_get("institution_id")?,
        institution_name: r.try_get("institution_name")?,
        sub_unit_id: r.try_get("sub_unit_id")?,
        sub_unit_name: r.try_get("sub_unit_name")?,
        channel: coded(r, "channel", |c| Channel::parse(c).ok())?,
        priority: coded(r, "priority", |c| Priority::parse(c).ok())?,
        team_id: r.try_get("team_id")?,
        team_name: r.try_get("team_name")?,
        assignee_id: r.try_get("assignee_id")?,
        assignee_name: r.try_get("assignee_name")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        resolved_at: r.try_get("resolved_at")?,
        version: r.try_get("version")?,
        request_type_id: r.try_get("request_type_id")?,
        impact: coded_opt(r, "impact", |c| Level::parse(c).ok())?,
        urgency: coded_opt(r, "urgency", |c| Level::parse(c).ok())?,
        priority_reason: r.try_get("priority_reason")?,
        category_id: r.try_get("category_id")?,
        root_cause_id: r.try_get("root_cause_id")?,
    })
}

/// The ticket with this key, if `viewer` may see it. `None` both when it
/// does not exist and when it is not theirs: callers answer 404 alike.
pub async fn ticket_for(db: &Db, viewer: &Viewer, key: &TicketKey) -> Result<Option<Ticket>> {
    let mut sql = Sql::new(SELECT);
    sql.push("WHERE d.key_prefix = ").bind(key.prefix.as_str());
    sql.push(" AND t.number = ").bind(key.number).push(" AND ");
    push_visible(&mut sql, viewer, db.backend());
    sql.fetch_optional(db.read())
        .await?
        .as_ref()
        .map(ticket)
        .transpose()
}

/// The ticket with this key and its custom field values by code, if
/// `viewer` may see it (as [`ticket_for`]).
pub async fn ticket_with_fields_for(
    db: &Db,
    viewer: &Viewer,
    key: &TicketKey,
) -> Result<Option<(Ticket, BTreeMap<String, FieldValue>)>> {
    let mut sql = Sql::new(SELECT_WITH_FIELDS);
    sql.push("WHERE d.key_prefix = ").bind(key.prefix.as_str());
    sql.push(" AND t.number = ").bind(key.number).push(" AND ");
    push_visible(&mut sql, viewer, db.backend());
    let rows = sql.fetch_all(db.read()).await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let mut fields = BTreeMap::new();
    for r in &rows {
        let code: Option<String> = r.try_get("field_code")?;
        let text: Option<String> = r.try_get("field_text")?;
        let int: Option<i64> = r.try_get("field_int")?;
        let value = match (text, int) {
            (_, Some(i)) => FieldValue::Integer(i),
            (Some(t), None) => FieldValue::Text(t),
            (None, None) => continue,
        };
        if let Some(code) = code {
            fields.insert(code, value);
        }
    }
    Ok(Some((ticket(first)?, fields)))
}

/// A ticket by id, unscoped: for background work that acts for the system.
/// The ticket with this key, whoever asks: for pages reached by a signed
/// link, which check the link themselves.
pub async fn ticket_by_key(db: &Db, key: &TicketKey) -> Result<Option<Ticket>> {
    let mut sql = Sql::new(SELECT);
    sql.push("WHERE d.key_prefix = ").bind(key.prefix.as_str());
    sql.push(" AND t.number = ").bind(key.number);
    sql.fetch_optional(db.read())
        .await?
        .as_ref()
        .map(ticket)
        .transpose()
}

pub async fn ticket_by_id(db: &Db, id: i64) -> Result<Option<Ticket>> {
    let mut sql = Sql::new(SELECT);
    sql.push("WHERE t.id = ").bind(id);
    sql.fetch_optional(db.read())
        .await?
        .as_ref()
        .map(ticket)
        .transpose()
}

/// Where a page of the list ends: the sort key of its last ticket, read
/// according to the filter's [`Sort`] — (updated_at, id) by default,
/// (id, id) in creation order, (desk id, number) in key order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub primary: i64,
    pub secondary: i64,
}

impl Cursor {
    pub fn encode(&self) -> String {
        format!("{}.{}", self.primary, self.secondary)
    }

    pub fn decode(s: &str) -> Option<Self> {
        let (a, b) = s.split_once('.')?;
        Some(Self {
            primary: a.parse().ok()?,
            secondary: b.parse().ok()?,
        })
    }
}

/// The orders a list can be read in, each along an index so that keyset
/// pagination stays as fast on the last page as on the first. (Priority is
/// not among them: no index orders by its rank.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// By last update (`tickets_updated`).
    #[default]
    Updated,
    /// By creation: ids are handed out as tickets are created (primary key).
    Created,
    /// By key: desk, then number (`UNIQUE (desk_id, number)`).
    Key,
    /// "Breaches soonest": by the earliest due instant of the ticket's open
    /// SLA clocks (breached ones first, as their instant has passed);
    /// tickets with no running clock last. Read through the `ticket_sla`
    /// primary key per ticket.
    Due,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Key, Sort::Created, Sort::Updated, Sort::Due];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Updated => "updated",
            Sort::Created => "created",
            Sort::Key => "key",
            Sort::Due => "due",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The columns the order follows, the second breaking ties.
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            Sort::Updated => ("t.updated_at", "t.id"),
            Sort::Created => ("t.id", "t.id"),
            Sort::Key => ("t.desk_id", "t.number"),
            Sort::Due => (crate::sla::due::DUE_KEY, "t.id"),
        }
    }

    fn cursor_of(self, t: &Ticket, number: i64, due_key: i64) -> Cursor {
        let (primary, secondary) = match self {
            Sort::Updated => (t.updated_at, t.id),
            Sort::Created => (t.id, t.id),
            Sort::Key => (t.desk_id, number),
            Sort::Due => (due_key, t.id),
        };
        Cursor { primary, secondary }
    }
}

#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    pub desk_id: Option<i64>,
    pub status: Option<String>,
    pub categories: Vec<StatusCategory>,
    pub requester_id: Option<i64>,
    pub institution_id: Option<i64>,
    pub assignee_id: Option<i64>,
    /// Only tickets nobody is assigned to.
    pub unassigned: bool,
    /// Only tickets of these teams.
    pub team_ids: Vec<i64>,
    pub team_id: Option<i64>,
    pub text: Option<String>,
    /// Ticket type code (`incident`, `problem`, ...).
    pub ticket_type: Option<String>,
    pub priority: Option<Priority>,
    pub sub_unit_id: Option<i64>,
    pub channel: Option<Channel>,
    pub request_type_id: Option<i64>,
    /// The service of the ticket's request type.
    pub service: Option<String>,
    pub category_id: Option<i64>,
    /// Created or updated within `[from, to)`, in milliseconds.
    pub created_from: Option<i64>,
    pub created_to: Option<i64>,
    pub updated_from: Option<i64>,
    pub updated_to: Option<i64>,
    /// Only tickets with an open SLA clock due before this instant (ms):
    /// now for the breached ones, now + N hours for those due within N.
    pub sla_due_before: Option<i64>,
    pub after: Option<Cursor>,
    pub limit: i64,
    /// The order of a list (counts ignore it); newest update first by default.
    pub sort: Sort,
    pub ascending: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    #[serde(skip)]
    pub next: Option<Cursor>,
}

/// Tickets the viewer may see, most recently updated first unless the
/// filter asks for another [`Sort`], one page at a time (keyset pagination:
/// as fast on page 1,000 as on page 1).
pub async fn list_tickets(db: &Db, viewer: &Viewer, filter: &TicketFilter) -> Result<Page<Ticket>> {
    let limit = filter.limit.clamp(1, 200);
    let mut sql = match filter.sort {
        Sort::Due => Sql::new(&select_with_due_key()),
        _ => Sql::new(SELECT),
    };
    sql.push("WHERE ");
    push_filter(&mut sql, viewer, filter, Use::List, db.backend());
    sql.planned_each_time();
    let (first, second) = filter.sort.columns();
    let (op, dir) = if filter.ascending {
        (" > ", " ASC")
    } else {
        (" < ", " DESC")
    };
    if let Some(c) = filter.after {
        sql.push(" AND (").push(first).push(op).bind(c.primary);
        sql.push(" OR (").push(first).push(" = ").bind(c.primary);
        sql.push(" AND ").push(second).push(op).bind(c.secondary);
        sql.push("))");
    }
    sql.push(" ORDER BY ").push(first).push(dir);
    if second != first {
        sql.push(", ").push(second).push(dir);
    }
    sql.push(" LIMIT ").bind(limit + 1);
    let rows = sql.fetch_all(db.read()).await?;
    let mut items = rows.iter().map(ticket).collect::<Result<Vec<_>>>()?;
    let next = if items.len() as i64 > limit {
        items.truncate(limit as usize);
        let last = &rows[limit as usize - 1];
        let number = last.try_get::<i64, _>(2)?;
        let due_key = match filter.sort {
            Sort::Due => last.try_get::<i64, _>("sla_due_key")?,
            _ => 0,
        };
        items
            .last()
            .map(|t| filter.sort.cursor_of(t, number, due_key))
    } else {
        None
    };
    Ok(Page { items, next })
}

/// What the navigation shows a signed-in person: how many requests they
/// filed, and the key prefixes of the desks they administer.
pub async fn navigation_counts(db: &Db, viewer: &Viewer) -> Result<(i64, Vec<String>)> {
    let row = sqlx::query("SELECT COUNT(*) FROM tickets WHERE requester_id = $1")
        .bind(viewer.user_id)
        .fetch_one(db.read())
        .await?;
    let count: i64 = row.try_get(0)?;
    let desks: Vec<i64> = viewer
        .desk_roles
        .iter()
        .filter(|(_, r)| *r == atbalsts_domain::Role::DeskAdmin)
        .map(|(d, _)| *d)
        .collect();
    let mut prefixes = Vec::new();
    if viewer.is_system_admin || !desks.is_empty() {
        for d in crate::desks::list_desks(db).await? {
            if viewer.is_system_admin || desks.contains(&d.id) {
                prefixes.push(d.key_prefix);
            }
        }
    }
    Ok((count, prefixes))
}

/// What a filter is for: a page in `updated_at` order, or a count.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    List,
    Count,
}

/// The tickets `filter` selects among those the viewer may see.
fn push_filter(
    sql: &mut Sql,
    viewer: &Viewer,
    filter: &TicketFilter,
    purpose: Use,
    backend: Backend,
) {
    push_visible(sql, viewer, backend);
    if let Some(d) = filter.desk_id {
        sql.push(" AND t.desk_id = ").bind(d);
    }
    if let Some(s) = &filter.status {
        sql.push(" AND t.status = ").bind(s.as_str());
    }
    if !filter.categories.is_empty() {
        // A page is read newest first along the `updated_at` index, stopping
        // after one page; on SQLite `|| ''` keeps the planner from taking
        // the status-category index instead and sorting every closed ticket
        // of the desk (PostgreSQL weighs both by its statistics, which an
        // expression would hide). A count does best with that index.
        sql.push(if purpose == Use::List && backend == Backend::Sqlite {
            " AND (t.status_category || '') IN ("
        } else {
            " AND t.status_category IN ("
        });
        for (i, c) in filter.categories.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.bind(c.code());
        }
        sql.push(")");
    }
    if let Some(r) = filter.requester_id {
        sql.push(" AND t.requester_id = ").bind(r);
    }
    if let Some(i) = filter.institution_id {
        sql.push(" AND t.institution_id = ").bind(i);
    }
    if let Some(a) = filter.assignee_id {
        sql.push(" AND t.assignee_id = ").bind(a);
    }
    if filter.unassigned {
        sql.push(" AND t.assignee_id IS NULL");
    }
    if !filter.team_ids.is_empty() {
        sql.push(" AND t.team_id IN (")
            .bind_list(&filter.team_ids)
            .push(")");
    }
    if let Some(team) = filter.team_id {
        sql.push(" AND t.team_id = ").bind(team);
    }
    if let Some(tt) = &filter.ticket_type {
        sql.push(" AND t.ticket_type_id IN (SELECT id FROM ticket_types WHERE code = ")
            .bind(tt.as_str())
            .push(")");
    }
    if let Some(p) = filter.priority {
        sql.push(" AND t.priority = ").bind(p.code());
    }
    if let Some(s) = filter.sub_unit_id {
        sql.push(" AND t.sub_unit_id = ").bind(s);
    }
    if let Some(c) = filter.channel {
        sql.push(" AND t.channel = ").bind(c.code());
    }
    if let Some(r) = filter.request_type_id {
        sql.push(" AND t.request_type_id = ").bind(r);
    }
    if let Some(s) = &filter.service {
        sql.push(" AND t.request_type_id IN (SELECT id FROM request_types WHERE service = ")
            .bind(s.as_str())
            .push(")");
    }
    if let Some(c) = filter.category_id {
        sql.push(" AND t.category_id = ").bind(c);
    }
    for (column, bound, op) in [
        ("created_at", filter.created_from, " >= "),
        ("created_at", filter.created_to, " < "),
        ("updated_at", filter.updated_from, " >= "),
        ("updated_at", filter.updated_to, " < "),
    ] {
        if let Some(b) = bound {
            sql.push(" AND t.").push(column).push(op).bind(b);
        }
    }
    if let Some(before) = filter.sla_due_before {
        crate::sla::due::push_due_before(sql, before);
    }
    if let Some(text) = filter
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let pattern = format!(
            "%{}%",
            text.to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        sql.push(" AND (LOWER(t.summary) LIKE ")
            .bind(pattern.clone())
            .push(" ESCAPE '\\'");
        sql.push(" OR LOWER(t.description) LIKE ")
            .bind(pattern)
            .push(" ESCAPE '\\')");
    }
}

/// How many tickets a filter selects (its cursor and limit aside): the
/// live counts beside the queues.
///
/// Counting stops at `up_to`: `None` means more than that. A queue of a
/// hundred thousand closed tickets then costs no more than one of ten
/// thousand, and nobody reads the difference off a list.
pub async fn count_tickets(
    db: &Db,
    viewer: &Viewer,
    filter: &TicketFilter,
    up_to: i64,
) -> Result<Option<i64>> {
    let mut sql = Sql::new("SELECT COUNT(*) FROM (SELECT 1 FROM tickets t WHERE ");
    push_filter(&mut sql, viewer, filter, Use::Count, db.backend());
    sql.planned_each_time();
    sql.push(" LIMIT ").bind(up_to + 1).push(") counted");
    let row = sql.fetch_one(db.read()).await?;
    let n: i64 = row.try_get(0)?;
    Ok((n <= up_to).then_some(n))
}
