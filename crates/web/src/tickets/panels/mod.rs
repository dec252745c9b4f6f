//! The agent's ticket page, built from panels. Each panel is a typed
//! loader (a struct with `load`) and a partial in
//! `templates/tickets/panels/`; a new feature adds a panel here and an
//! `include` in `tickets/view.html`. Panels only staff see are `None` for
//! anyone else.

pub(crate) mod approvals;
pub(crate) mod assignee;
pub(crate) mod conversation;
pub(crate) mod details;
pub(crate) mod history;
pub(crate) mod knowledge;
pub(crate) mod links;
pub(crate) mod people;
pub(crate) mod reply;
pub(crate) mod requester;
pub(crate) mod satisfaction;
pub(crate) mod sla;
pub(crate) mod status;
pub(crate) mod triage;

use super::StatusNames;
use crate::{AppResult, AppState, Ctx};
use atbalsts_store::tickets::Ticket;
use serde::Serialize;

/// What a panel loader is given.
pub(crate) struct Scope<'a> {
    pub state: &'a AppState,
    pub ctx: &'a Ctx,
    pub viewer: &'a atbalsts_domain::Viewer,
    pub ticket: &'a Ticket,
    pub staff: bool,
}

/// Every panel of the page, loaded together (each read on its own pooled
/// connection).
#[derive(Serialize)]
pub(crate) struct Panels {
    pub conversation: conversation::Conversation,
    pub reply: reply::Reply,
    pub details: details::Details,
    pub history: history::History,
    pub approvals: approvals::Approvals,
    pub status: Option<status::Status>,
    pub assignee: Option<assignee::Assignee>,
    pub triage: Option<triage::Triage>,
    pub requester: Option<requester::Requester>,
    pub links: Option<links::Links>,
    pub people: Option<people::People>,
    pub knowledge: Option<knowledge::Knowledge>,
    pub sla: Option<sla::Sla>,
    pub satisfaction: Option<satisfaction::Satisfaction>,
}

/// Loads a staff-only panel, or nothing for anyone else.
async fn for_staff<T, F>(staff: bool, load: F) -> AppResult<Option<T>>
where
    F: std::future::Future<Output = AppResult<T>>,
{
    match staff {
        true => load.await.map(Some),
        false => Ok(None),
    }
}

impl Panels {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        let names = StatusNames::load(&s.state.db, [s.ticket.workflow_id], s.ctx.locale).await?;
        let names = &names;
        let staff = s.staff;
        let (
            conversation,
            reply,
            details,
            history,
            approvals,
            status,
            assignee,
            triage,
            requester,
            links,
            people,
            knowledge,
            sla,
            satisfaction,
        ) = tokio::try_join!(
            conversation::Conversation::load(s),
            reply::Reply::load(s),
            details::Details::load(s, names),
            history::History::load(s, names),
            approvals::Approvals::load(s),
            for_staff(staff, status::Status::load(s, names)),
            for_staff(staff, assignee::Assignee::load(s)),
            for_staff(staff, triage::Triage::load(s)),
            for_staff(staff, requester::Requester::load(s)),
            for_staff(staff, links::Links::load(s)),
            for_staff(staff, people::People::load(s)),
            for_staff(staff, knowledge::Knowledge::load(s)),
            for_staff(staff, sla::Sla::load(s)),
            for_staff(staff, satisfaction::Satisfaction::load(s)),
        )?;
        Ok(Self {
            conversation,
            reply,
            details,
            history,
            approvals,
            status,
            assignee,
            triage,
            requester,
            links,
            people,
            knowledge,
            sla,
            satisfaction,
        })
    }
}

/// A code and its name in the page's language, for a `<select>`.
#[derive(Serialize)]
pub(crate) struct Choice {
    pub code: String,
    pub label: String,
}
