//! Knowledge articles linked to the ticket (`tickets::articles`).

use super::Scope;
use crate::AppResult;
use minijinja::Value;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Knowledge {
    /// As `tickets::articles::section` gives it.
    pub section: Value,
}

impl Knowledge {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        Ok(Self {
            section: crate::tickets::articles::section(s.state, s.viewer, s.ticket, s.ctx.locale)
                .await?,
        })
    }
}
