//! The ticket's status and where its workflow lets it go next.

use super::{Choice, Scope};
use crate::tickets::StatusNames;
use crate::AppResult;
use atbalsts_domain::StatusCategory;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Status {
    pub label: String,
    pub category: StatusCategory,
    pub next: Vec<Choice>,
}

impl Status {
    pub(crate) async fn load(s: &Scope<'_>, names: &StatusNames) -> AppResult<Self> {
        let t = s.ticket;
        let (workflow, _) = atbalsts_store::workflows::workflow(&s.state.db, t.workflow_id).await?;
        Ok(Self {
            label: names.get(t.workflow_id, &t.status),
            category: t.status_category,
            next: workflow
                .next_statuses(&t.status)
                .into_iter()
                .map(|st| Choice {
                    code: st.code.clone(),
                    label: names.get(t.workflow_id, &st.code),
                })
                .collect(),
        })
    }
}
