//! Who works on the ticket: "Assign to me" in one click, or anyone of the
//! desk's staff.

use super::Scope;
use crate::AppResult;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Agent {
    pub id: i64,
    pub name: String,
}

#[derive(Serialize)]
pub(crate) struct Assignee {
    pub name: Option<String>,
    pub id: Option<i64>,
    /// The viewer is the assignee already.
    pub mine: bool,
    pub agents: Vec<Agent>,
}

impl Assignee {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        let agents = atbalsts_store::desks::staff_of(&s.state.db, s.ticket.desk_id).await?;
        Ok(Self {
            name: s.ticket.assignee_name.clone(),
            id: s.ticket.assignee_id,
            mine: s.ticket.assignee_id == Some(s.viewer.user_id),
            agents: agents
                .into_iter()
                .map(|(id, name)| Agent { id, name })
                .collect(),
        })
    }
}
