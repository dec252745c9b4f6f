//! Changes to a ticket that its requester hears about: a public reply and a
//! status change queue a notification in the same transaction (not for the
//! requester's own actions). The pages and the API both come through here.

use crate::{AppResult, AppState};
use atbalsts_domain::{Locale, Viewer};
use atbalsts_store::tickets::{self, NewAttachment, Ticket};
use atbalsts_store::users;

/// The requester's language, for their notifications.
async fn requester_locale(state: &AppState, ticket: &Ticket) -> AppResult<Locale> {
    Ok(users::user_by_id(&state.db, ticket.requester_id)
        .await?
        .and_then(|u| u.locale)
        .unwrap_or_default())
}

pub(crate) async fn comment(
    state: &AppState,
    viewer: &Viewer,
    ticket: &Ticket,
    body: &str,
    is_public: bool,
    files: &[NewAttachment],
) -> AppResult<i64> {
    let notify = is_public && viewer.user_id != ticket.requester_id;
    let locale = requester_locale(state, ticket).await?;
    // The author's name is needed only for the requester's notification.
    let author_name = if notify {
        users::user_by_id(&state.db, viewer.user_id)
            .await?
            .map(|u| u.display_name)
            .unwrap_or_default()
    } else {
        String::new()
    };
    // The requester answered: the assignee (or the team) hears of it.
    let agents = if is_public && viewer.user_id == ticket.requester_id {
        atbalsts_store::notifications::agents_for(
            &state.db,
            ticket.team_id,
            ticket.assignee_id,
            "customer-replied",
            viewer.user_id,
        )
        .await?
    } else {
        Vec::new()
    };
    let compose = |_| {
        let mut out = Vec::new();
        if notify {
            out.push(
                state
                    .composer
                    .public_reply(ticket, locale, &author_name, body),
            );
        }
        for a in &agents {
            out.push(state.composer.for_agent(
                "customer-replied",
                a,
                ticket.id,
                &ticket.key,
                &ticket.summary,
                body,
            ));
        }
        out
    };
    Ok(tickets::add_comment_notifying(
        &state.db, viewer, ticket, body, is_public, files, None, compose,
    )
    .await?)
}

pub(crate) async fn transition(
    state: &AppState,
    viewer: &Viewer,
    ticket: &Ticket,
    to: &str,
    version: Option<i64>,
) -> AppResult<()> {
    let notify = viewer.user_id != ticket.requester_id;
    let locale = requester_locale(state, ticket).await?;
    Ok(
        tickets::transition_notifying(&state.db, viewer, ticket, to, version, |status| {
            if notify {
                vec![state
                    .composer
                    .status_changed(ticket, locale, &status.labels)]
            } else {
                Vec::new()
            }
        })
        .await?,
    )
}

/// Triage by staff; a newly assigned agent hears of it (unless they did it
/// themselves or switched it off).
pub(crate) async fn triage(
    state: &AppState,
    viewer: &Viewer,
    ticket: &Ticket,
    triage: &tickets::Triage,
    version: Option<i64>,
) -> AppResult<()> {
    let assignee = match triage.assignee_id {
        Some(a) if a != viewer.user_id && Some(a) != ticket.assignee_id => {
            atbalsts_store::notifications::agents_for(
                &state.db,
                None,
                Some(a),
                "assigned-to-you",
                viewer.user_id,
            )
            .await?
        }
        _ => Vec::new(),
    };
    Ok(
        tickets::triage(&state.db, viewer, ticket, triage, version, |newly| {
            assignee
                .iter()
                .filter(|a| Some(a.user_id) == newly)
                .map(|a| {
                    state.composer.for_agent(
                        "assigned-to-you",
                        a,
                        ticket.id,
                        &ticket.key,
                        &ticket.summary,
                        &ticket.description,
                    )
                })
                .collect()
        })
        .await?,
    )
}
