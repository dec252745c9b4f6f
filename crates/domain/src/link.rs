//! Links between tickets (ITIL): an incident caused by a problem, a problem
//! fixed by a change, duplicates, related tickets, parents and children.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// From an incident to the problem behind it.
    CausedBy,
    /// From a problem to the change that fixes it.
    FixedBy,
    DuplicateOf,
    RelatesTo,
    /// From a child to its parent.
    ChildOf,
}

impl LinkKind {
    pub const ALL: [LinkKind; 5] = [
        LinkKind::CausedBy,
        LinkKind::FixedBy,
        LinkKind::DuplicateOf,
        LinkKind::RelatesTo,
        LinkKind::ChildOf,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LinkKind::CausedBy => "caused_by",
            LinkKind::FixedBy => "fixed_by",
            LinkKind::DuplicateOf => "duplicate_of",
            LinkKind::RelatesTo => "relates_to",
            LinkKind::ChildOf => "child_of",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == s)
            .ok_or("error-link-kind")
    }

    /// The ticket types (codes) the two ends must have, where it matters.
    pub fn types(self) -> Option<(&'static str, &'static str)> {
        match self {
            LinkKind::CausedBy => Some(("incident", "problem")),
            LinkKind::FixedBy => Some(("problem", "change")),
            _ => None,
        }
    }

    /// Checks a link from a ticket of type `from` to one of type `to`.
    pub fn check(self, from: &str, to: &str, same: bool) -> Result<(), &'static str> {
        if same {
            return Err("error-link-self");
        }
        match self.types() {
            Some((f, t)) if f != from || t != to => Err("error-link-types"),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LinkKind;

    #[test]
    fn itil_links_join_the_right_ticket_types() {
        assert!(LinkKind::CausedBy
            .check("incident", "problem", false)
            .is_ok());
        assert_eq!(
            LinkKind::CausedBy.check("problem", "incident", false),
            Err("error-link-types")
        );
        assert!(LinkKind::FixedBy.check("problem", "change", false).is_ok());
        assert!(LinkKind::RelatesTo
            .check("incident", "service_request", false)
            .is_ok());
        assert_eq!(
            LinkKind::RelatesTo.check("incident", "incident", true),
            Err("error-link-self")
        );
        assert_eq!(LinkKind::parse("blocks"), Err("error-link-kind"));
    }
}
