//! The columns a raw ticket list export may have, chosen by the reader and
//! kept in the URL (`col=key&col=summary…`): codes parsed once, unknown
//! codes dropped, the catalogue's order kept whatever order they came in.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketColumn {
    Key,
    Summary,
    TicketType,
    RequestType,
    Service,
    Status,
    StatusCategory,
    Priority,
    Channel,
    Team,
    Assignee,
    Requester,
    Institution,
    SubUnit,
    Created,
    FirstResponse,
    Resolved,
    Closed,
    SlaDue,
    SlaBreached,
}

impl TicketColumn {
    pub const ALL: [TicketColumn; 20] = [
        TicketColumn::Key,
        TicketColumn::Summary,
        TicketColumn::TicketType,
        TicketColumn::RequestType,
        TicketColumn::Service,
        TicketColumn::Status,
        TicketColumn::StatusCategory,
        TicketColumn::Priority,
        TicketColumn::Channel,
        TicketColumn::Team,
        TicketColumn::Assignee,
        TicketColumn::Requester,
        TicketColumn::Institution,
        TicketColumn::SubUnit,
        TicketColumn::Created,
        TicketColumn::FirstResponse,
        TicketColumn::Resolved,
        TicketColumn::Closed,
        TicketColumn::SlaDue,
        TicketColumn::SlaBreached,
    ];

    /// What a list has when the reader has chosen nothing.
    pub const DEFAULT: [TicketColumn; 8] = [
        TicketColumn::Key,
        TicketColumn::Summary,
        TicketColumn::RequestType,
        TicketColumn::Status,
        TicketColumn::Priority,
        TicketColumn::Team,
        TicketColumn::Assignee,
        TicketColumn::Created,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TicketColumn::Key => "key",
            TicketColumn::Summary => "summary",
            TicketColumn::TicketType => "ticket_type",
            TicketColumn::RequestType => "request_type",
            TicketColumn::Service => "service",
            TicketColumn::Status => "status",
            TicketColumn::StatusCategory => "status_category",
            TicketColumn::Priority => "priority",
            TicketColumn::Channel => "channel",
            TicketColumn::Team => "team",
            TicketColumn::Assignee => "assignee",
            TicketColumn::Requester => "requester",
            TicketColumn::Institution => "institution",
            TicketColumn::SubUnit => "sub_unit",
            TicketColumn::Created => "created",
            TicketColumn::FirstResponse => "first_response",
            TicketColumn::Resolved => "resolved",
            TicketColumn::Closed => "closed",
            TicketColumn::SlaDue => "sla_due",
            TicketColumn::SlaBreached => "sla_breached",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Whether its values are instants (written as dates and times).
    pub fn is_instant(self) -> bool {
        matches!(
            self,
            TicketColumn::Created
                | TicketColumn::FirstResponse
                | TicketColumn::Resolved
                | TicketColumn::Closed
                | TicketColumn::SlaDue
        )
    }

    /// The chosen columns of `codes` in the catalogue's order, each once;
    /// none known is the default set.
    pub fn chosen<S: AsRef<str>>(codes: &[S]) -> Vec<TicketColumn> {
        let picked: Vec<TicketColumn> = codes
            .iter()
            .filter_map(|c| Self::parse(c.as_ref()))
            .collect();
        if picked.is_empty() {
            return Self::DEFAULT.to_vec();
        }
        Self::ALL
            .into_iter()
            .filter(|c| picked.contains(c))
            .collect()
    }

    /// `col=key&col=summary…` for a URL.
    pub fn query(columns: &[TicketColumn]) -> String {
        columns
            .iter()
            .map(|c| format!("col={}", c.code()))
            .collect::<Vec<_>>()
            .join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::TicketColumn;

    #[test]
    fn chosen_columns_keep_the_catalogue_order_once_and_drop_unknown_codes() {
        let cols = TicketColumn::chosen(&["created", "key", "nope", "key"]);
        assert_eq!(cols, vec![TicketColumn::Key, TicketColumn::Created]);
        assert_eq!(TicketColumn::query(&cols), "col=key&col=created");
        let none: [&str; 1] = ["nope"];
        assert_eq!(TicketColumn::chosen(&none), TicketColumn::DEFAULT.to_vec());
    }
}
