//! Approvals asked for the ticket, and the decision form for an approver.

use super::Scope;
use crate::AppResult;
use atbalsts_store::tickets::approvals::{approvals_of, may_decide, Approval};
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Approvals {
    pub approvals: Vec<Approval>,
    pub may_decide: bool,
}

impl Approvals {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        let (approvals, may_decide) = tokio::try_join!(
            approvals_of(&s.state.db, s.ticket.id),
            may_decide(&s.state.db, s.viewer, s.ticket),
        )?;
        Ok(Self {
            approvals,
            may_decide,
        })
    }
}
