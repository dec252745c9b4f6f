//! Deciding on a request that waits for approval: through the single-use
//! link in the approver's mail (no sign-in needed), or from the ticket page
//! by an approver or the desk's staff. The decision itself — and what it
//! does to the ticket — is `atbalsts_store::tickets::approvals::decide`.

use crate::customer_pages::{CustomerPages, RequestEcho};
use crate::flash::{self, Flash};
use crate::ticket_keys::OnTicket;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::FieldErrors;
use atbalsts_store::tickets::approvals::{self, Decider, Decision};
use atbalsts_store::tickets::{ticket_by_id, Ticket};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use axum::Form;
use minijinja::context;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct DecisionForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    comment: String,
}

fn parse_decision(s: &str) -> AppResult<Decision> {
    match s {
        "approve" => Ok(Decision::Approve),
        "reject" => Ok(Decision::Reject),
        _ => Err(AppError::BadRequest("error-form-malformed")),
    }
}

/// The ticket behind a valid link, or the page saying it is used up.
async fn by_link(
    state: &AppState,
    ctx: &Ctx,
    token: &str,
) -> AppResult<Result<(Ticket, i64), Response>> {
    let found = match approvals::by_token(&state.db, token).await? {
        Some((ticket_id, approver)) => ticket_by_id(&state.db, ticket_id)
            .await?
            .map(|t| (t, approver)),
        None => None,
    };
    match found {
        Some(f) => Ok(Ok(f)),
        None => Ok(Err(state.templates.render_status(
            ctx,
            StatusCode::NOT_FOUND,
            "approvals/used.html",
            context! {},
        )?)),
    }
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    token: &str,
    ticket: &Ticket,
    comment: &str,
    errors: FieldErrors,
) -> AppResult<Response> {
    let fields = crate::ticket_answers::answers_of(state, ticket, ctx.locale).await?;
    state.templates.render_status(
        ctx,
        status,
        "approvals/decide.html",
        context! {
            token => token,
            ticket => ticket,
            fields => fields,
            comment => comment,
            errors => errors.0,
        },
    )
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let (ticket, _) = match by_link(&state, &ctx, &token).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    show(
        &state,
        &ctx,
        StatusCode::OK,
        &token,
        &ticket,
        "",
        FieldErrors::default(),
    )
    .await
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let (ticket, approver) = match by_link(&state, &ctx, &token).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let decision = parse_decision(&form.decision)?;
    match crate::ticket_events::decide_approval(
        &state,
        Decider::Link(&token),
        approver,
        &ticket,
        decision,
        &form.comment,
    )
    .await
    {
        Ok(()) => state.templates.render(
            &ctx,
            "approvals/done.html",
            context! { ticket => ticket, approved => decision == Decision::Approve },
        ),
        Err(AppError::Invalid(errors)) => {
            show(
                &state,
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                &token,
                &ticket,
                &form.comment,
                errors,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

/// From the ticket page: an approver signed in, or staff on their behalf.
/// A refused decision comes back on the page it was made on: the agent's
/// for staff, the request page for an approver who is not.
pub async fn from_ticket(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Extension(customer): Extension<CustomerPages>,
    Form(form): Form<DecisionForm>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf).await?;
    if !approvals::may_decide(&state.db, viewer, &ticket).await? {
        return Err(AppError::NotFound);
    }
    let decision = parse_decision(&form.decision)?;
    match crate::ticket_events::decide_approval(
        &state,
        Decider::Person(viewer),
        viewer.user_id,
        &ticket,
        decision,
        &form.comment,
    )
    .await
    {
        Ok(()) => Ok(flash::redirect(
            &format!("/tickets/{}", ticket.key),
            Flash::Decided,
        )),
        Err(AppError::Invalid(errors)) if !viewer.is_staff_on(ticket.desk_id) => {
            let echo = RequestEcho {
                approval_comment: form.comment,
                approval_errors: errors.0,
                ..Default::default()
            };
            (customer.refused)(
                &state,
                &ctx,
                &ticket,
                StatusCode::UNPROCESSABLE_ENTITY,
                echo,
            )
            .await
        }
        Err(AppError::Invalid(errors)) => {
            let echo = super::view::FormEcho {
                approval_comment: form.comment,
                approval_errors: errors.0,
                ..Default::default()
            };
            super::view::render(
                &state,
                &ctx,
                &ticket,
                StatusCode::UNPROCESSABLE_ENTITY,
                echo,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
