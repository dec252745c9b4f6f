//! Open data: a desk's monthly aggregate for the national open-data portal
//! — tickets per Riga month, service, channel and institution kind, with
//! medians — that holds no personal data and no figure describing fewer
//! than [`MIN_TICKETS`] tickets (such a figure is suppressed and marked, so
//! nobody can be picked out of a small group).

use serde::Serialize;

/// The smallest group a published figure may describe.
pub const MIN_TICKETS: i64 = 5;

/// What kind of institution a ticket came from: the only fact about the
/// customer the open data carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionKind {
    Museum,
    Library,
    School,
    SocialCare,
    CultureCentre,
    Archive,
    Municipality,
    StateAuthority,
    Other,
}

impl InstitutionKind {
    pub const ALL: [InstitutionKind; 9] = [
        InstitutionKind::Museum,
        InstitutionKind::Library,
        InstitutionKind::School,
        InstitutionKind::SocialCare,
        InstitutionKind::CultureCentre,
        InstitutionKind::Archive,
        InstitutionKind::Municipality,
        InstitutionKind::StateAuthority,
        InstitutionKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            InstitutionKind::Museum => "museum",
            InstitutionKind::Library => "library",
            InstitutionKind::School => "school",
            InstitutionKind::SocialCare => "social_care",
            InstitutionKind::CultureCentre => "culture_centre",
            InstitutionKind::Archive => "archive",
            InstitutionKind::Municipality => "municipality",
            InstitutionKind::StateAuthority => "state_authority",
            InstitutionKind::Other => "other",
        }
    }

    /// A stored code; an unknown or empty one (and a ticket without an
    /// institution) is `Other`.
    pub fn parse(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or(InstitutionKind::Other)
    }
}

/// A published figure: the value, or suppressed because it describes fewer
/// than [`MIN_TICKETS`] tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Value(i64),
    Suppressed,
    /// Nothing to measure (no ticket resolved yet): not a secret, just empty.
    None,
}

impl Figure {
    /// A count of tickets.
    pub fn count(n: i64) -> Self {
        if n == 0 {
            Figure::Value(0)
        } else if n < MIN_TICKETS {
            Figure::Suppressed
        } else {
            Figure::Value(n)
        }
    }

    /// A median of `samples` tickets' values.
    pub fn median(value: Option<i64>, samples: usize) -> Self {
        match value {
            None => Figure::None,
            Some(_) if (samples as i64) < MIN_TICKETS => Figure::Suppressed,
            Some(v) => Figure::Value(v),
        }
    }

    pub fn value(self) -> Option<i64> {
        match self {
            Figure::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_suppressed(self) -> bool {
        self == Figure::Suppressed
    }
}

/// A field of the published file, as the data dictionary describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Field {
    pub name: &'static str,
    /// `text`, `integer`, `date`.
    pub kind: &'static str,
    /// The unit of a number, empty for none.
    pub unit: &'static str,
}

/// The published fields, in file order. Their meanings are in the
/// catalogue under `open-data-field-{name}`.
pub const FIELDS: [Field; 9] = [
    Field {
        name: "month",
        kind: "text",
        unit: "",
    },
    Field {
        name: "service",
        kind: "text",
        unit: "",
    },
    Field {
        name: "channel",
        kind: "text",
        unit: "",
    },
    Field {
        name: "institution_kind",
        kind: "text",
        unit: "",
    },
    Field {
        name: "tickets_created",
        kind: "integer",
        unit: "tickets",
    },
    Field {
        name: "tickets_resolved",
        kind: "integer",
        unit: "tickets",
    },
    Field {
        name: "median_first_response_minutes",
        kind: "integer",
        unit: "minutes",
    },
    Field {
        name: "median_resolution_minutes",
        kind: "integer",
        unit: "minutes",
    },
    Field {
        name: "suppressed",
        kind: "text",
        unit: "",
    },
];

#[cfg(test)]
mod tests {
    use super::{Figure, InstitutionKind};

    #[test]
    fn figures_about_fewer_than_five_tickets_are_suppressed() {
        assert_eq!(Figure::count(0), Figure::Value(0));
        assert_eq!(Figure::count(4), Figure::Suppressed);
        assert_eq!(Figure::count(5), Figure::Value(5));
        assert_eq!(Figure::median(Some(30), 4), Figure::Suppressed);
        assert_eq!(Figure::median(Some(30), 5), Figure::Value(30));
        assert_eq!(Figure::median(None, 0), Figure::None);
    }

    #[test]
    fn unknown_institution_kinds_are_other() {
        assert_eq!(InstitutionKind::parse("library"), InstitutionKind::Library);
        assert_eq!(InstitutionKind::parse(""), InstitutionKind::Other);
        assert_eq!(InstitutionKind::parse("zoo"), InstitutionKind::Other);
    }
}
