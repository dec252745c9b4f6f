//! Participants: who else hears of the ticket, and watching it oneself.

use super::Scope;
use crate::AppResult;
use atbalsts_store::tickets::participants::{participants_of, Participant};
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct People {
    pub people: Vec<Participant>,
    /// The viewer is among them.
    pub watching: bool,
}

impl People {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        let people = participants_of(&s.state.db, s.ticket.id).await?;
        Ok(Self {
            watching: people.iter().any(|p| p.user_id == s.viewer.user_id),
            people,
        })
    }
}
