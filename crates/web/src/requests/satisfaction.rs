//! The satisfaction survey on the customer's request page (issue 18): the
//! requester of a resolved request answers (or changes the answer) signed
//! in, with the same form the mail's link opens. Anyone else — another
//! customer, a colleague who sees the institution's requests — gets 404.

use super::view::{render, Echo};
use crate::flash::{self, Flash};
use crate::forms::{HtmlForm, WithCsrf};
use crate::surveys::SurveyForm;
use crate::ticket_keys::OnTicket;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::satisfaction::{Answer, AnswerForm};
use atbalsts_store::satisfaction::{self, Survey};
use atbalsts_store::tickets::Ticket;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

/// The form on the request page: for the requester, once a survey was sent.
pub(super) async fn form_for(
    state: &AppState,
    ctx: &Ctx,
    ticket: &Ticket,
) -> AppResult<Option<SurveyForm>> {
    let viewer = ctx.viewer()?;
    if viewer.user_id != ticket.requester_id {
        return Ok(None);
    }
    match satisfaction::survey_of(&state.db, ticket.id).await? {
        Some(s) if s.requester_id == viewer.user_id => Ok(Some(
            SurveyForm::of(state, ctx.locale, &s, action(ticket)).await?,
        )),
        _ => Ok(None),
    }
}

fn action(ticket: &Ticket) -> String {
    format!("/tickets/{}/satisfaction", ticket.key)
}

async fn own_survey(state: &AppState, viewer_id: i64, ticket: &Ticket) -> AppResult<Survey> {
    if viewer_id != ticket.requester_id {
        return Err(AppError::NotFound);
    }
    satisfaction::survey_of(&state.db, ticket.id)
        .await?
        .filter(|s| s.requester_id == viewer_id)
        .ok_or(AppError::NotFound)
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<AnswerForm>>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &posted.csrf).await?;
    let survey = own_survey(&state, viewer.user_id, &ticket).await?;
    let form = SurveyForm::of(&state, ctx.locale, &survey, action(&ticket)).await?;
    let refused = |status, errors: atbalsts_domain::FieldErrors, notice| {
        let echo = Echo {
            survey: Some(form.clone().refused(&posted.form, errors.0)),
            notice,
            ..Default::default()
        };
        render(&state, &ctx, &ticket, status, echo)
    };
    let answer = match Answer::parse(&posted.form) {
        Ok(a) => a,
        Err(errors) => return refused(StatusCode::UNPROCESSABLE_ENTITY, errors, None).await,
    };
    match crate::ticket_events::answer_survey(&state, &ticket, viewer.user_id, &answer).await {
        Ok(_) => Ok(flash::redirect(
            &format!("/tickets/{}#satisfaction", ticket.key),
            Flash::SurveyAnswered,
        )),
        Err(AppError::Invalid(errors)) => {
            refused(StatusCode::UNPROCESSABLE_ENTITY, errors, None).await
        }
        Err(AppError::Conflict(code)) => {
            refused(StatusCode::CONFLICT, Default::default(), Some(code)).await
        }
        Err(e) => Err(e),
    }
}
