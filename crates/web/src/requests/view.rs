//! The request page a customer sees: the public conversation with its
//! files, the form answers, the status history in customer words, a reply
//! box, and *Problem solved* / *Reopen* where they apply. No internal notes
//! (the store leaves them out for non-staff) and no audit table.

use super::status::CustomerStatuses;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::request::{reopen_target, solved_target, WaitingOn};
use atbalsts_store::tickets::{self, customer, Ticket};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{context, Value};

pub(crate) use crate::customer_pages::RequestEcho as Echo;
pub(crate) use crate::ticket_keys::load;

pub(crate) async fn page(state: &AppState, ctx: &Ctx, ticket: &Ticket) -> AppResult<Response> {
    render(state, ctx, ticket, StatusCode::OK, Echo::default()).await
}

pub(crate) async fn render(
    state: &AppState,
    ctx: &Ctx,
    ticket: &Ticket,
    status: StatusCode,
    echo: Echo,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let db = &state.db;
    let (
        (workflow, _),
        names,
        comments,
        attachments,
        periods,
        answers,
        by_desk,
        may_reopen,
        approvals,
        may_decide,
        expected_answer,
        survey,
    ) = tokio::try_join!(
        async {
            Ok::<_, AppError>(atbalsts_store::workflows::workflow(db, ticket.workflow_id).await?)
        },
        CustomerStatuses::load(state, [ticket.workflow_id], ctx.locale),
        async { Ok(tickets::comments_of(db, viewer, ticket).await?) },
        async { Ok(tickets::attachments_of(db, viewer, ticket).await?) },
        async { Ok(tickets::status_history_of(db, ticket.id).await?) },
        crate::ticket_answers::answers_of(state, ticket, ctx.locale),
        async { Ok(customer::last_public_by_desk(db, std::slice::from_ref(ticket)).await?) },
        async { Ok(customer::may_reopen(db, ticket).await?) },
        async { Ok(tickets::approvals::approvals_of(db, ticket.id).await?) },
        // The head of an institution may be asked to approve a request.
        async { Ok(tickets::approvals::may_decide(db, viewer, ticket).await?) },
        expected_answer_by(state, ticket),
        super::satisfaction::form_for(state, ctx, ticket),
    )?;
    let may_act = customer::may_act(viewer, ticket);
    let done = ticket.status_category.is_done();
    let can_confirm = may_act && solved_target(&workflow, &ticket.status).is_some();
    let can_reopen = may_act && may_reopen && reopen_target(&workflow, &ticket.status).is_some();
    let comments: Vec<Value> = comments
        .iter()
        .filter(|c| c.is_public)
        .map(|c| {
            context! {
                author => c.author_name,
                from_desk => c.author_id != ticket.requester_id,
                body => c.body,
                created_at => c.created_at,
                attachments => c.attachments,
            }
        })
        .collect();
    let history: Vec<Value> = periods
        .iter()
        .map(|p| {
            context! {
                status => names.get(ticket.workflow_id, &p.status),
                category => p.status_category,
                at => p.entered_at,
            }
        })
        .collect();
    state.templates.render_status(
        ctx,
        status,
        "requests/view.html",
        context! {
            key => ticket.key,
            summary => ticket.summary,
            description => ticket.description,
            status_label => names.get(ticket.workflow_id, &ticket.status),
            status_category => ticket.status_category,
            waiting => WaitingOn::of(ticket.status_category, by_desk.contains(&ticket.id)).code(),
            created_at => ticket.created_at,
            updated_at => ticket.updated_at,
            requester => (ticket.requester_id != viewer.user_id).then(|| ticket.requester_name.clone()),
            answers => answers,
            files => attachments.into_iter().filter(|a| a.comment_id.is_none()).collect::<Vec<_>>(),
            comments => comments,
            history => history,
            can_confirm => can_confirm,
            can_reopen => can_reopen,
            reopen_passed => may_act && done && !can_reopen,
            closed => done,
            approvals => approvals,
            may_decide => may_decide,
            expected_answer => expected_answer,
            survey => echo.survey.clone().or(survey),
            form => echo,
        },
    )
}

/// "Expected answer by": the running SLA clock's due instant, where the
/// desk shows it to customers (see `crate::sla_clocks`).
async fn expected_answer_by(state: &AppState, ticket: &Ticket) -> AppResult<Option<i64>> {
    let db = &state.db;
    if !atbalsts_store::sla::due::shown_to_customer(db, ticket.desk_id).await? {
        return Ok(None);
    }
    let clocks = atbalsts_store::sla::clocks::for_ticket(db, ticket.id).await?;
    Ok(crate::sla_clocks::expected_answer_by(&clocks))
}
