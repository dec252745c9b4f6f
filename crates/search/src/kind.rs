//! What the index holds: tickets, knowledge articles and request types.

use atbalsts_store::search_log;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Ticket,
    Article,
    RequestType,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Ticket, Kind::Article, Kind::RequestType];

    /// The code used in the index and in the change log.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Ticket => search_log::TICKET,
            Kind::Article => search_log::ARTICLE,
            Kind::RequestType => search_log::REQUEST_TYPE,
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The document id of an entity in the index, e.g. `ticket:42`.
    pub fn doc_id(self, entity_id: i64) -> String {
        format!("{}:{entity_id}", self.code())
    }
}
