//! Who asked: the requester, their institution (and whether staff still
//! have to confirm it), a mailbox that bounces, their other open tickets.

use super::Scope;
use crate::AppResult;
use atbalsts_domain::StatusCategory;
use atbalsts_store::tickets::{approvals::InstitutionClaim, list_tickets, TicketFilter};
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Other {
    pub key: String,
    pub summary: String,
}

#[derive(Serialize)]
pub(crate) struct Requester {
    pub name: String,
    pub email: String,
    pub institution: Option<String>,
    pub sub_unit: Option<String>,
    pub claim: InstitutionClaim,
    /// Why mail to them fails, when it does.
    pub email_failing: Option<String>,
    /// Up to ten, this ticket left out.
    pub others: Vec<Other>,
}

impl Requester {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        let db = &s.state.db;
        let t = s.ticket;
        let filter = TicketFilter {
            requester_id: Some(t.requester_id),
            categories: vec![
                StatusCategory::New,
                StatusCategory::Open,
                StatusCategory::Waiting,
            ],
            limit: 11,
            ..Default::default()
        };
        let (claim, email_failing, others) = tokio::try_join!(
            atbalsts_store::tickets::approvals::institution_claim(db, t.id),
            atbalsts_store::mail::failing(db, &t.requester_email),
            list_tickets(db, s.viewer, &filter),
        )?;
        Ok(Self {
            name: t.requester_name.clone(),
            email: t.requester_email.clone(),
            institution: t.institution_name.clone(),
            sub_unit: t.sub_unit_name.clone(),
            claim,
            email_failing,
            others: others
                .items
                .into_iter()
                .filter(|o| o.id != t.id)
                .take(10)
                .map(|o| Other {
                    key: o.key,
                    summary: o.summary,
                })
                .collect(),
        })
    }
}
