//! The requester's satisfaction answer (issue 18): score in words and
//! number, comment, when. Staff only; nothing when no survey was sent.

use super::Scope;
use crate::AppResult;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Satisfaction {
    pub survey: Option<atbalsts_store::satisfaction::Survey>,
}

impl Satisfaction {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        Ok(Self {
            survey: atbalsts_store::satisfaction::survey_of(&s.state.db, s.ticket.id).await?,
        })
    }
}
