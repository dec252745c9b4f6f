use serde::{Deserialize, Serialize};

/// Roles granted per desk (SPEC §1). The system administrator is a flag on
/// the account, not a desk role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Customer,
    Agent,
    TeamLead,
    KnowledgeEditor,
    ServiceOwner,
    DeskAdmin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Customer,
        Role::Agent,
        Role::TeamLead,
        Role::KnowledgeEditor,
        Role::ServiceOwner,
        Role::DeskAdmin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Agent => "agent",
            Role::TeamLead => "team_lead",
            Role::KnowledgeEditor => "knowledge_editor",
            Role::ServiceOwner => "service_owner",
            Role::DeskAdmin => "desk_admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == s)
    }

    /// Staff see every ticket of the desk and its internal notes.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Customer)
    }
}
