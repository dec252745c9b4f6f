//! The keyboard shortcuts page.

use crate::{AppResult, AppState, Ctx};
use axum::extract::State;
use axum::response::Response;

/// The keyboard shortcuts `agent.js` offers staff.
pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    state
        .templates
        .render(&ctx, "shortcuts.html", minijinja::context! {})
}
