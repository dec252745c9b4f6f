//! The reply box under the conversation: public reply or (staff)
//! internal note, macros, and "Reply and resolve" when the workflow
//! allows resolving from here.

use super::Scope;
use crate::AppResult;
use atbalsts_domain::StatusCategory;
use atbalsts_store::macros::Macro;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Reply {
    pub staff: bool,
    pub macros: Vec<Macro>,
    /// The key prefix, for the link to the desk's macros.
    pub desk_prefix: String,
    /// The workflow has a resolved status next, and the viewer is staff.
    pub can_resolve: bool,
}

impl Reply {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        let db = &s.state.db;
        if !s.staff {
            return Ok(Self {
                staff: false,
                macros: Vec::new(),
                desk_prefix: String::new(),
                can_resolve: false,
            });
        }
        let (macros, (workflow, _)) = tokio::try_join!(
            atbalsts_store::macros::usable(db, s.viewer, s.ticket.desk_id),
            atbalsts_store::workflows::workflow(db, s.ticket.workflow_id),
        )?;
        Ok(Self {
            staff: true,
            macros,
            desk_prefix: s
                .ticket
                .key
                .rsplit_once('-')
                .map(|(p, _)| p.to_owned())
                .unwrap_or_default(),
            can_resolve: workflow
                .next_statuses(&s.ticket.status)
                .iter()
                .any(|st| st.category == StatusCategory::Resolved),
        })
    }
}
