//! Links to other tickets, merging into another, and (for a problem) the
//! resolution of its open incidents.

use super::Scope;
use crate::AppResult;
use atbalsts_store::tickets::Link;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Links {
    pub links: Vec<Link>,
    pub kinds: Vec<&'static str>,
    /// Open incidents linked to this problem.
    pub open_incidents: usize,
    /// Merging is offered while the ticket is not done.
    pub may_merge: bool,
}

impl Links {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        let (links, open) = tokio::try_join!(
            async {
                Ok::<_, crate::AppError>(
                    atbalsts_store::tickets::links_of(&s.state.db, s.ticket.id).await?,
                )
            },
            crate::tickets::links::open_incidents(s.state, s.ticket),
        )?;
        Ok(Self {
            links,
            kinds: atbalsts_domain::link::LinkKind::ALL
                .iter()
                .map(|k| k.code())
                .collect(),
            open_incidents: open.len(),
            may_merge: !s.ticket.status_category.is_done(),
        })
    }
}
