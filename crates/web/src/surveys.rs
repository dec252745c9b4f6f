//! What the satisfaction survey's pages share (issue 18): the signed link
//! in the resolved mail — an HMAC of the ticket and its requester with the
//! server secret (`csrf::sign`), so a link names one ticket and one person,
//! cannot be made up or moved to another ticket, and needs no stored token —
//! and the form as the link page and the request page show it.

use crate::{csrf, AppResult, AppState};
use atbalsts_domain::{FieldError, Locale};
use atbalsts_mail::compose::SurveyInvite;
use atbalsts_store::satisfaction::{self, Survey};
use atbalsts_store::tickets::Ticket;
use serde::Serialize;

fn token(secret: &[u8], ticket: &Ticket) -> String {
    csrf::sign(
        secret,
        "csat",
        &format!("{}:{}", ticket.id, ticket.requester_id),
    )
}

/// The link to `ticket`'s survey for its requester.
pub(crate) fn link(state: &AppState, ticket: &Ticket) -> String {
    format!(
        "{}/satisfaction/{}/{}",
        state.config.public_url.trim_end_matches('/'),
        ticket.key,
        token(&state.secret, ticket)
    )
}

/// Whether `given` is the link token of `ticket` (and so of its requester).
pub(crate) fn is_token_of(state: &AppState, ticket: &Ticket, given: &str) -> bool {
    csrf::matches(&token(&state.secret, ticket), given)
}

/// The survey link the resolved mail carries, when resolving `ticket` asks.
pub(crate) async fn invite(state: &AppState, ticket: &Ticket) -> AppResult<Option<SurveyInvite>> {
    if !satisfaction::will_ask(&state.db, ticket, atbalsts_store::now_ms()).await? {
        return Ok(None);
    }
    Ok(Some(SurveyInvite {
        requester_id: ticket.requester_id,
        link: link(state, ticket),
        settings: satisfaction::settings(&state.db, ticket.desk_id).await?,
    }))
}

/// The survey form as a page shows it: the question, the answer given (or
/// what was typed into a refused form) and until when it may change.
#[derive(Debug, Clone, Serialize, Default)]
pub struct SurveyForm {
    pub action: String,
    pub question: String,
    pub score: String,
    pub comment: String,
    pub errors: Vec<FieldError>,
    pub answered: bool,
    pub answered_at: Option<i64>,
    pub open: bool,
    pub open_until: i64,
}

impl SurveyForm {
    /// The form for `survey`, posting to `action`.
    pub(crate) async fn of(
        state: &AppState,
        locale: Locale,
        survey: &Survey,
        action: String,
    ) -> AppResult<Self> {
        let settings = satisfaction::settings(&state.db, survey.desk_id).await?;
        let question = settings
            .question(locale)
            .map(str::to_owned)
            .unwrap_or_else(|| state.i18n.t(locale, "csat-question"));
        Ok(Self {
            action,
            question,
            score: survey.score.map(|s| s.to_string()).unwrap_or_default(),
            comment: survey.comment.clone(),
            errors: Vec::new(),
            answered: survey.score.is_some(),
            answered_at: survey.answered_at,
            open: survey.is_open(atbalsts_store::now_ms()),
            open_until: survey.open_until(),
        })
    }

    /// The same form again with what was typed and why it was refused.
    pub(crate) fn refused(
        mut self,
        form: &atbalsts_domain::satisfaction::AnswerForm,
        errors: Vec<FieldError>,
    ) -> Self {
        self.score = form.score.clone();
        self.comment = form.comment.clone();
        self.errors = errors;
        self
    }
}
