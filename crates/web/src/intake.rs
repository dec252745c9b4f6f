//! How the web's ways in (the portal form, the agent's new-ticket page and
//! the API) file a ticket: each translates its input into a
//! `TicketRequest`, then `check` loads the desk's rules and applies the one
//! domain check for the caller, and `file` turns the checked request into
//! the ticket with its notices — the team's new-in-queue notice and the
//! approval requests — in one transaction.

use crate::{AppError, AppResult, AppState};
use atbalsts_domain::intake::{self, Caller, CheckedTicket, Requester, TicketRequest};
use atbalsts_domain::{Channel, FieldErrors, Viewer};
use atbalsts_mail::compose::About;
use atbalsts_store::catalogue::RequestType;
use atbalsts_store::notifications::NewNotification;
use atbalsts_store::tickets::{create_ticket_notifying, Actor, Contact, Created, NewAttachment};
use atbalsts_store::users;

/// Where a ticket is filed.
#[derive(Clone, Copy)]
pub(crate) struct Target<'a> {
    pub desk_id: i64,
    pub ticket_type_id: i64,
    pub request_type: Option<&'a RequestType>,
    /// The channel of the way in, unless staff name another.
    pub channel: Channel,
}

/// Who `viewer` is on the desk, for the check.
pub(crate) async fn caller(
    state: &AppState,
    viewer: Option<&Viewer>,
    desk_id: i64,
) -> AppResult<Caller> {
    Ok(match viewer {
        None => Caller::Anonymous,
        Some(v) if v.is_staff_on(desk_id) => Caller::Staff,
        Some(v) => {
            let confirmed = users::user_by_id(&state.db, v.user_id)
                .await?
                .is_some_and(|u| u.institution_confirmed);
            Caller::Customer {
                institution: v.institution_id,
                confirmed,
            }
        }
    })
}

/// The one check, with the desk's rules loaded for this caller.
pub(crate) async fn check(
    state: &AppState,
    target: Target<'_>,
    viewer: Option<&Viewer>,
    request: &TicketRequest,
) -> AppResult<Result<CheckedTicket, FieldErrors>> {
    let rules = atbalsts_store::tickets::intake::rules(
        &state.db,
        target.desk_id,
        target.request_type,
        viewer.is_some(),
        target.channel,
    )
    .await?;
    let caller = caller(state, viewer, target.desk_id).await?;
    Ok(intake::check(request, &rules, &caller))
}

/// Files a checked request as `viewer` (or as the contact it names when
/// nobody is signed in); `notices` adds what this way in sends besides.
pub(crate) async fn file(
    state: &AppState,
    target: Target<'_>,
    viewer: Option<&Viewer>,
    checked: &CheckedTicket,
    attachments: Vec<NewAttachment>,
    notices: impl FnOnce(&Created) -> Vec<NewNotification>,
) -> AppResult<Created> {
    let db = &state.db;
    let contact = match &checked.requester {
        Requester::Contact { email, name, phone } => Some(Contact {
            email: email.clone(),
            display_name: name.clone(),
            phone: phone.clone(),
        }),
        Requester::Caller => None,
    };
    let (actor, requester_id) = match (viewer, &contact) {
        (None, Some(c)) => (Actor::Anonymous(c), 0),
        // Staff file for someone who phoned or wrote: an unknown address
        // becomes a contact, a known one is found — the same work either way.
        (Some(v), Some(c)) => (
            Actor::Person(v),
            users::contact(db, &c.email, &c.display_name, c.phone.as_deref()).await?,
        ),
        (Some(v), None) => (Actor::Person(v), v.user_id),
        (None, None) => return Err(AppError::Unauthorized),
    };
    let mut new = atbalsts_store::tickets::intake::new_ticket(
        db,
        target.desk_id,
        target.ticket_type_id,
        target.request_type.map(|rt| rt.id),
        checked,
        requester_id,
    )
    .await?;
    new.attachments = attachments;
    let signed_in_name = match (viewer, &checked.requester_name) {
        (Some(v), None) => users::user_by_id(db, v.user_id)
            .await?
            .map(|u| u.display_name),
        _ => None,
    };
    let summary = checked.summary.as_str();
    let description = checked.description.as_str();
    let created = create_ticket_notifying(db, actor, &new, |created| {
        let key = created.key.to_string();
        let about = About {
            id: created.id,
            desk_id: created.desk_id,
            key: &key,
            summary,
        };
        let mut out = notices(created);
        // The team it landed with hears of it in its queue.
        for a in &created.queue {
            out.push(
                state
                    .composer
                    .for_agent("new-in-queue", a, about, description),
            );
        }
        // Work waits for approval: each approver gets a link to decide.
        let requester_name = checked
            .requester_name
            .clone()
            .or(signed_in_name)
            .or_else(|| contact.as_ref().map(|c| c.display_name.clone()))
            .unwrap_or_else(|| created.requester_email.clone());
        for asked in &created.approvers {
            out.push(
                state
                    .composer
                    .approval_requested(about, asked, &requester_name, description),
            );
        }
        out
    })
    .await?;
    Ok(created)
}
