//! The satisfaction survey page reached by the signed link in the resolved
//! mail (issue 18): no sign-in needed. The link names the ticket and
//! carries the HMAC of it and its requester (`crate::surveys`); a link of
//! another ticket, a tampered one, or one of a ticket without a survey
//! answers 404 with a page that says so; a closed survey (7 days after it
//! was sent, or after the first answer) 410 with the answer given.
//!
//! A link used again shows the answer given and lets the requester change
//! it while the survey is open: the survey is one answer per ticket,
//! changeable for 7 days, and the link is the requester's way back to it.

use crate::forms::{HtmlForm, WithCsrf};
use crate::surveys::SurveyForm;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::satisfaction::{Answer, AnswerForm};
use atbalsts_store::satisfaction::{self, Survey};
use atbalsts_store::tickets::{ticket_by_key, Ticket};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use minijinja::context;

pub fn routes() -> Router<AppState> {
    Router::new().route("/satisfaction/{key}/{token}", get(page).post(submit))
}

/// The ticket and survey behind a valid link, or the page explaining why not.
async fn by_link(
    state: &AppState,
    ctx: &Ctx,
    key: &str,
    token: &str,
) -> AppResult<Result<(Ticket, Survey), Response>> {
    let ticket = match atbalsts_domain::TicketKey::parse(key) {
        Some(k) => ticket_by_key(&state.db, &k).await?,
        None => None,
    };
    let found = match ticket.filter(|t| crate::surveys::is_token_of(state, t, token)) {
        Some(t) => satisfaction::survey_of(&state.db, t.id)
            .await?
            .filter(|s| s.requester_id == t.requester_id)
            .map(|s| (t, s)),
        None => None,
    };
    match found {
        Some(f) => Ok(Ok(f)),
        None => Ok(Err(state.templates.render_status(
            ctx,
            StatusCode::NOT_FOUND,
            "satisfaction/invalid.html",
            context! {},
        )?)),
    }
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    ticket: &Ticket,
    form: SurveyForm,
) -> AppResult<Response> {
    let (name, status) = if form.open {
        ("satisfaction/answer.html", status)
    } else {
        ("satisfaction/closed.html", StatusCode::GONE)
    };
    state.templates.render_status(
        ctx,
        status,
        name,
        context! { key => ticket.key, summary => ticket.summary, survey => form },
    )
}

fn action(key: &str, token: &str) -> String {
    format!("/satisfaction/{key}/{token}")
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((key, token)): Path<(String, String)>,
) -> AppResult<Response> {
    let (ticket, survey) = match by_link(&state, &ctx, &key, &token).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let form = SurveyForm::of(&state, ctx.locale, &survey, action(&ticket.key, &token)).await?;
    show(&state, &ctx, StatusCode::OK, &ticket, form).await
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((key, token)): Path<(String, String)>,
    HtmlForm(posted): HtmlForm<WithCsrf<AnswerForm>>,
) -> AppResult<Response> {
    ctx.check_csrf(&posted.csrf)?;
    let (ticket, survey) = match by_link(&state, &ctx, &key, &token).await? {
        Ok(found) => found,
        Err(page) => return Ok(page),
    };
    let form = SurveyForm::of(&state, ctx.locale, &survey, action(&ticket.key, &token)).await?;
    let refused =
        |errors: atbalsts_domain::FieldErrors| form.clone().refused(&posted.form, errors.0);
    let answer = match Answer::parse(&posted.form) {
        Ok(a) => a,
        Err(errors) => {
            let form = refused(errors);
            return show(
                &state,
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                &ticket,
                form,
            )
            .await;
        }
    };
    match crate::ticket_events::answer_survey(&state, &ticket, survey.requester_id, &answer).await {
        Ok(saved) => {
            let form =
                SurveyForm::of(&state, ctx.locale, &saved, action(&ticket.key, &token)).await?;
            state.templates.render(
                &ctx,
                "satisfaction/thanks.html",
                context! { key => ticket.key, summary => ticket.summary, survey => form },
            )
        }
        Err(AppError::Invalid(errors)) => {
            let form = refused(errors);
            show(
                &state,
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                &ticket,
                form,
            )
            .await
        }
        Err(AppError::Conflict(_)) => {
            let closed = SurveyForm {
                open: false,
                ..form
            };
            show(&state, &ctx, StatusCode::GONE, &ticket, closed).await
        }
        Err(e) => Err(e),
    }
}
