use serde::{Deserialize, Serialize};

/// How a ticket reached the desk; recorded on every ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Portal,
    Email,
    Phone,
    InPerson,
    Api,
    Monitoring,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Portal,
        Channel::Email,
        Channel::Phone,
        Channel::InPerson,
        Channel::Api,
        Channel::Monitoring,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::InPerson => "in_person",
            Channel::Api => "api",
            Channel::Monitoring => "monitoring",
        }
    }

    pub fn parse(s: &str) -> Result<Self, &'static str> {
        Self::ALL
            .into_iter()
            .find(|c| c.code() == s)
            .ok_or("error-channel-unknown")
    }
}
