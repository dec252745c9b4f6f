//! Knowledge articles linked to the ticket (from the knowledge module).

use super::Scope;
use crate::AppResult;
use minijinja::Value;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Knowledge {
    /// As `knowledge::from_ticket::section` gives it.
    pub section: Value,
}

impl Knowledge {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        Ok(Self {
            section: crate::knowledge::from_ticket::section(
                s.state,
                s.viewer,
                s.ticket,
                s.ctx.locale,
            )
            .await?,
        })
    }
}
