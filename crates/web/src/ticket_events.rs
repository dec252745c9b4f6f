//! Changes to a ticket that people hear about: comments, status changes and
//! assignment queue their notifications in the same transaction (who hears
//! what is decided in `atbalsts_mail::notices`). The pages and the API both
//! come through here, as do approval decisions.

use crate::{AppResult, AppState};
use atbalsts_domain::Viewer;
use atbalsts_mail::notices::Notices;
use atbalsts_store::notifications::{NewNotification, Recipient};
use atbalsts_store::tickets::approvals::{self, Decider, Decision};
use atbalsts_store::tickets::{self, NewAttachment, Ticket, Triage};

pub(crate) async fn comment(
    state: &AppState,
    viewer: &Viewer,
    ticket: &Ticket,
    body: &str,
    is_public: bool,
    files: &[NewAttachment],
) -> AppResult<i64> {
    let notices = Notices::for_comment(&state.db, viewer, ticket, is_public).await?;
    Ok(tickets::add_comment_notifying(
        &state.db,
        viewer,
        ticket,
        body,
        is_public,
        files,
        None,
        |_| notices.comment(&state.composer, ticket, body),
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
    let notices = Notices::for_transition(&state.db, viewer.user_id, ticket)
        .await?
        .with_survey(crate::surveys::invite(state, ticket).await?);
    Ok(
        tickets::transition_notifying(&state.db, viewer, ticket, to, version, |status| {
            notices.transition(&state.composer, ticket, status)
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
    let told = to_tell(state, viewer, ticket, triage.assignee_id).await?;
    Ok(
        tickets::triage(&state.db, viewer, ticket, triage, version, |newly| {
            assigned_notices(state, ticket, &told, newly)
        })
        .await?,
    )
}

/// The agent about to be given the ticket, when they are to hear of it:
/// not when they take it themselves or already have it.
async fn to_tell(
    state: &AppState,
    viewer: &Viewer,
    ticket: &Ticket,
    assignee_id: Option<i64>,
) -> AppResult<Vec<Recipient>> {
    Ok(match assignee_id {
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
    })
}

/// "Assigned to you" for whichever of `told` the store says was newly given the ticket.
fn assigned_notices(
    state: &AppState,
    ticket: &Ticket,
    told: &[Recipient],
    newly: Option<i64>,
) -> Vec<NewNotification> {
    told.iter()
        .filter(|a| Some(a.user_id) == newly)
        .map(|a| {
            state
                .composer
                .for_agent("assigned-to-you", a, ticket.into(), &ticket.description)
        })
        .collect()
}

/// Gives the ticket to someone (or nobody) and changes nothing else; the
/// newly assigned agent hears of it as after triage.
pub(crate) async fn assign(
    state: &AppState,
    viewer: &Viewer,
    ticket: &Ticket,
    assignee_id: Option<i64>,
    version: Option<i64>,
) -> AppResult<()> {
    let told = to_tell(state, viewer, ticket, assignee_id).await?;
    Ok(
        tickets::assign(&state.db, viewer, ticket, assignee_id, version, |newly| {
            assigned_notices(state, ticket, &told, newly)
        })
        .await?,
    )
}

/// A public reply and the move to resolved in one step: both or neither.
pub(crate) async fn reply_and_resolve(
    state: &AppState,
    viewer: &Viewer,
    ticket: &Ticket,
    body: &str,
    files: &[NewAttachment],
    version: Option<i64>,
) -> AppResult<()> {
    let (reply, status) = tokio::try_join!(
        Notices::for_comment(&state.db, viewer, ticket, true),
        Notices::for_transition(&state.db, viewer.user_id, ticket),
    )?;
    let status = status.with_survey(crate::surveys::invite(state, ticket).await?);
    Ok(tickets::reply_and_resolve(
        &state.db,
        viewer,
        ticket,
        body,
        files,
        version,
        |_| reply.comment(&state.composer, ticket, body),
        |s| status.transition(&state.composer, ticket, s),
    )
    .await?)
}

/// The ticket's triage as it stands, for changing one part of it.
pub(crate) fn current_triage(ticket: &Ticket) -> Triage {
    Triage {
        impact: ticket.impact,
        urgency: ticket.urgency,
        priority: ticket.priority_reason.as_ref().map(|_| ticket.priority),
        reason: ticket.priority_reason.clone().unwrap_or_default(),
        team_id: ticket.team_id,
        assignee_id: ticket.assignee_id,
        category_id: ticket.category_id,
        root_cause_id: ticket.root_cause_id,
    }
}

/// Records the decision with its notifications; the approver is whoever
/// the link was sent to, or the signed-in person.
pub(crate) async fn decide_approval(
    state: &AppState,
    decider: Decider<'_>,
    approver_id: i64,
    ticket: &Ticket,
    decision: Decision,
    comment: &str,
) -> AppResult<()> {
    let notices = Notices::for_explained_move(&state.db, approver_id, ticket).await?;
    let reason = (decision == Decision::Reject).then_some(comment.trim());
    approvals::decide(
        &state.db,
        decider,
        ticket,
        decision,
        comment,
        |status, _| notices.explained_move(&state.composer, ticket, status, reason),
    )
    .await?;
    tracing::info!(ticket = %ticket.key, ?decision, approver = approver_id, "approval decided");
    Ok(())
}

/// The requester's satisfaction answer (from the mail's link, the request
/// page or the API); a low score tells the team lead(s) in the same
/// transaction.
pub(crate) async fn answer_survey(
    state: &AppState,
    ticket: &Ticket,
    requester_id: i64,
    answer: &atbalsts_domain::satisfaction::Answer,
) -> AppResult<atbalsts_store::satisfaction::Survey> {
    Ok(atbalsts_store::satisfaction::answer(
        &state.db,
        ticket.id,
        requester_id,
        answer,
        atbalsts_store::now_ms(),
        |leads| {
            leads
                .iter()
                .map(|l| {
                    state
                        .composer
                        .satisfaction_low(ticket.into(), l, answer.score, &answer.comment)
                })
                .collect()
        },
    )
    .await?)
}
