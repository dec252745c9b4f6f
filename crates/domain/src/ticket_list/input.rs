//! The bulk edit of selected tickets and the saving of the list's filter
//! as a named queue, as the staff list posts them, checked.

use crate::posted::{id, list, optional_id};
use crate::{FieldErrors, Priority};
use serde::{Deserialize, Serialize};

/// The bulk edit form as it arrives: the ticket checkboxes repeat.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct BulkEditForm {
    /// Keys of the selected tickets.
    #[serde(deserialize_with = "list")]
    pub ticket: Vec<String>,
    /// A status code; empty keeps each ticket's.
    pub status: String,
    /// For team, assignee and category: empty keeps, `none` clears,
    /// anything else is an id.
    pub team: String,
    pub assignee: String,
    pub category: String,
    pub priority: String,
    pub priority_reason: String,
}

/// What a bulk edit does to one value of every selected ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<T> {
    Keep,
    Clear,
    Set(T),
}

impl<T> Change<T> {
    /// The value after the change, from the value before it.
    pub fn applied(self, before: Option<T>) -> Option<T> {
        match self {
            Change::Keep => before,
            Change::Clear => None,
            Change::Set(v) => Some(v),
        }
    }

    pub fn is_keep(&self) -> bool {
        matches!(self, Change::Keep)
    }
}

fn change(raw: &str) -> Result<Change<i64>, &'static str> {
    match raw.trim() {
        "" => Ok(Change::Keep),
        "none" => Ok(Change::Clear),
        id => optional_id(id).map(|i| i.map_or(Change::Keep, Change::Set)),
    }
}

/// A checked bulk edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkEdit {
    /// As selected, at most `MAX_TICKETS`, each looked up later with the
    /// editor's rights (an unknown one is reported, not fatal).
    pub keys: Vec<String>,
    pub status: Option<String>,
    pub team: Change<i64>,
    pub assignee: Change<i64>,
    pub category: Change<i64>,
    /// With the reason for overriding the matrix.
    pub priority: Option<(Priority, String)>,
}

impl BulkEdit {
    /// At most this many tickets in one bulk edit.
    pub const MAX_TICKETS: usize = 500;

    pub fn parse(form: &BulkEditForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let team = errors.check(change(&form.team), "team");
        let assignee = errors.check(change(&form.assignee), "assignee");
        let category = errors.check(change(&form.category), "category");
        let priority = match form.priority.trim() {
            "" => None,
            p => errors
                .check(
                    Priority::parse(p).map_err(|_| "error-choice-unknown"),
                    "priority",
                )
                .map(|p| (p, form.priority_reason.trim().to_owned())),
        };
        errors.into_result()?;
        Ok(Self {
            keys: form
                .ticket
                .iter()
                .map(|k| k.trim().to_owned())
                .filter(|k| !k.is_empty())
                .take(Self::MAX_TICKETS)
                .collect(),
            status: Some(form.status.trim().to_owned()).filter(|s| !s.is_empty()),
            team: team.expect("checked"),
            assignee: assignee.expect("checked"),
            category: category.expect("checked"),
            priority,
        })
    }

    /// Whether it changes anything the triage form holds.
    pub fn changes_triage(&self) -> bool {
        !(self.team.is_keep()
            && self.assignee.is_keep()
            && self.category.is_keep()
            && self.priority.is_none())
    }
}

/// The saved-queue form of the staff list as it arrives.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct SavedQueueForm {
    /// `save` (the default) or `delete`.
    pub action: String,
    /// The queue deleted.
    pub id: String,
    pub queue_name: String,
    /// The list's query string.
    pub query: String,
    /// A desk id to share the queue with that desk's staff; empty keeps it
    /// one's own.
    pub share_desk: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueChange {
    Save {
        name: String,
        /// The filter, without the list's page position or a CSRF token.
        query: String,
        shared_on: Option<i64>,
    },
    Delete(i64),
}

impl QueueChange {
    pub const MAX_NAME_CHARS: usize = 100;
    pub const MAX_QUERY_BYTES: usize = 2000;

    pub fn parse(form: &SavedQueueForm) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        if form.action == "delete" {
            let id = errors.check(id(&form.id), "id");
            errors.into_result()?;
            return Ok(Self::Delete(id.expect("checked")));
        }
        let name = form.queue_name.trim();
        if name.is_empty() {
            errors.push("queue_name", "error-required");
        } else if name.chars().count() > Self::MAX_NAME_CHARS {
            errors.push("queue_name", "error-too-long");
        }
        let query = form
            .query
            .trim()
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("after=") && !p.starts_with("_csrf="))
            .collect::<Vec<_>>()
            .join("&");
        if query.len() > Self::MAX_QUERY_BYTES {
            errors.push("queue_name", "error-too-long");
        }
        let shared_on = errors.check(optional_id(&form.share_desk), "share_desk");
        errors.into_result()?;
        Ok(Self::Save {
            name: name.to_owned(),
            query,
            shared_on: shared_on.expect("checked"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_of_a_bulk_edit_is_reported_at_once() {
        let form = BulkEditForm {
            team: "komanda".into(),
            assignee: "-3".into(),
            priority: "asap".into(),
            ..Default::default()
        };
        let fields: Vec<_> = BulkEdit::parse(&form)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["team", "assignee", "priority"]);
    }

    #[test]
    fn a_valid_bulk_edit_keeps_clears_or_sets_each_value() {
        let form = BulkEditForm {
            ticket: vec!["KISC-1".into(), " ".into(), "KISC-2".into()],
            status: "resolved".into(),
            team: "4".into(),
            assignee: "none".into(),
            priority: "high".into(),
            priority_reason: " VIP ".into(),
            ..Default::default()
        };
        let edit = BulkEdit::parse(&form).unwrap();
        assert_eq!(edit.keys, ["KISC-1", "KISC-2"]);
        assert_eq!(edit.status.as_deref(), Some("resolved"));
        assert_eq!(
            (edit.team, edit.assignee, edit.category),
            (Change::Set(4), Change::Clear, Change::Keep)
        );
        assert_eq!(edit.priority, Some((Priority::High, "VIP".into())));
        assert!(edit.changes_triage());
        assert_eq!(Change::Keep.applied(Some(1)), Some(1));
        assert_eq!(Change::<i64>::Clear.applied(Some(1)), None);
        let many = BulkEditForm {
            ticket: (1..=600).map(|n| format!("KISC-{n}")).collect(),
            ..Default::default()
        };
        let edit = BulkEdit::parse(&many).unwrap();
        assert_eq!(edit.keys.len(), BulkEdit::MAX_TICKETS);
        assert!(!edit.changes_triage());
    }

    #[test]
    fn a_saved_queue_needs_a_name_and_drops_the_page_position() {
        let empty = SavedQueueForm::default();
        let errors = QueueChange::parse(&empty).unwrap_err();
        assert_eq!(
            errors.for_field("queue_name").unwrap().code,
            "error-required"
        );
        let bad = SavedQueueForm {
            queue_name: "x".repeat(101),
            share_desk: "KISC".into(),
            ..Default::default()
        };
        let fields: Vec<_> = QueueChange::parse(&bad)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["queue_name", "share_desk"]);
        let form = SavedQueueForm {
            queue_name: " Mani ".into(),
            query: "status=open&after=40&_csrf=t&team=2".into(),
            share_desk: "1".into(),
            ..Default::default()
        };
        assert_eq!(
            QueueChange::parse(&form),
            Ok(QueueChange::Save {
                name: "Mani".into(),
                query: "status=open&team=2".into(),
                shared_on: Some(1),
            })
        );
        let delete = SavedQueueForm {
            action: "delete".into(),
            id: "3".into(),
            ..Default::default()
        };
        assert_eq!(QueueChange::parse(&delete), Ok(QueueChange::Delete(3)));
    }
}
