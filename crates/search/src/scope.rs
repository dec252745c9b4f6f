//! [`Scope`]: what a searching person may find, turned into a filter that
//! is part of every search (authorisation in the query, not after it).

use crate::schema::Fields;
use crate::Kind;
use atbalsts_domain::knowledge::{self, ArticleStatus, Visibility};
use atbalsts_domain::Viewer;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Visibility of a request type on the portal's catalogue.
pub const REQUEST_TYPE_PUBLIC: &str = "public";
/// Visibility of a request type only staff find (none are indexed so yet:
/// a retired type leaves the index).
pub const REQUEST_TYPE_INTERNAL: &str = "internal";
/// Visibility of every ticket: staff of its desk.
pub const TICKET_STAFF: &str = "staff";

/// Who is searching.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Nobody signed in: public articles and request types only, whatever
    /// the other fields say.
    pub anonymous: bool,
    /// Desks the person works on: their tickets, and articles for agents,
    /// for the desk or for any institution of it.
    pub staff_desks: Vec<i64>,
    /// The person's (confirmed) institution: its articles.
    pub institution_id: Option<i64>,
    /// Desks whose articles the person edits: in every status.
    pub editor_desks: Vec<i64>,
}

impl Scope {
    /// Somebody not signed in (the portal).
    pub fn anonymous() -> Self {
        Self {
            anonymous: true,
            ..Self::default()
        }
    }

    /// A signed-in person: staff desks from their roles, editor desks as
    /// the knowledge base has them (`knowledge::editor_desks`). Desks are
    /// those of the person's roles: a system administrator without roles
    /// finds what a customer finds unless the caller lists every desk. The
    /// institution is taken as it stands on the viewer; pass `None` instead
    /// while a desk has not yet confirmed an institution chosen at sign-up.
    pub fn of(viewer: &Viewer) -> Self {
        Self {
            anonymous: false,
            staff_desks: viewer.staff_desks(),
            institution_id: viewer.institution_id,
            editor_desks: knowledge::editor_desks(viewer),
        }
    }

    /// The documents this scope may find, as a query of alternatives, each
    /// a conjunction of exact terms.
    pub(crate) fn query(&self, f: &Fields) -> Box<dyn Query> {
        let (staff, institution, editor): (&[i64], _, &[i64]) = if self.anonymous {
            (&[], None, &[])
        } else {
            (&self.staff_desks, self.institution_id, &self.editor_desks)
        };
        let kind = |k: Kind| text(f.kind, k.code());
        let published = || text(f.status, ArticleStatus::Published.code());
        let visibility = |v: Visibility| text(f.visibility, v.code());
        let mut allowed: Vec<Box<dyn Query>> = vec![
            all(vec![
                kind(Kind::Article),
                published(),
                visibility(Visibility::Public),
            ]),
            all(vec![
                kind(Kind::RequestType),
                text(f.visibility, REQUEST_TYPE_PUBLIC),
            ]),
        ];
        if !staff.is_empty() {
            allowed.push(all(vec![
                kind(Kind::Article),
                published(),
                visibility(Visibility::Agents),
            ]));
            allowed.push(all(vec![
                kind(Kind::Article),
                published(),
                any(vec![
                    visibility(Visibility::Desk),
                    visibility(Visibility::Institution),
                ]),
                desks(f.desk_id, staff),
            ]));
            allowed.push(all(vec![kind(Kind::Ticket), desks(f.desk_id, staff)]));
            allowed.push(all(vec![
                kind(Kind::RequestType),
                text(f.visibility, REQUEST_TYPE_INTERNAL),
            ]));
        }
        if let Some(institution) = institution {
            allowed.push(all(vec![
                kind(Kind::Article),
                published(),
                visibility(Visibility::Institution),
                int(f.institution_id, institution),
            ]));
        }
        if !editor.is_empty() {
            allowed.push(all(vec![kind(Kind::Article), desks(f.desk_id, editor)]));
        }
        any(allowed)
    }
}

pub(crate) fn text(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

pub(crate) fn int(field: Field, value: i64) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_i64(field, value),
        IndexRecordOption::Basic,
    ))
}

fn desks(field: Field, ids: &[i64]) -> Box<dyn Query> {
    any(ids.iter().map(|id| int(field, *id)).collect())
}

pub(crate) fn all(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Must, q)).collect(),
    ))
}

pub(crate) fn any(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}
