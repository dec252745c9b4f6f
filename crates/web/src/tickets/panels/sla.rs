//! The ticket's SLA clocks: each goal with its due time, the business time
//! left and its state (see `crate::sla_clocks`). Staff only; nothing when
//! the ticket has no clocks.

use super::Scope;
use crate::sla_clocks::ClockView;
use crate::AppResult;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Sla {
    pub clocks: Vec<ClockView>,
}

impl Sla {
    pub(crate) async fn load(s: &Scope<'_>) -> AppResult<Self> {
        let now = atbalsts_store::now_ms();
        let stored = atbalsts_store::sla::clocks::for_ticket(&s.state.db, s.ticket.id).await?;
        let mut clocks = Vec::with_capacity(stored.len());
        for c in &stored {
            clocks.push(ClockView::of(s.state, s.ctx.locale, c, now).await?);
        }
        Ok(Self { clocks })
    }
}
