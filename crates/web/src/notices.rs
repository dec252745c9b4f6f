//! A staff member's in-app SLA notices (`/notices`): the warnings and
//! breaches the SLA timers also send by mail, newest first, and *Mark all
//! read*. The header's "Notices (N)" counts the unread ones (`Ctx`).

use crate::flash::{self, Flash};
use crate::forms::HtmlForm;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::Viewer;
use atbalsts_store::now_ms;
use atbalsts_store::sla::notices;
use axum::extract::State;
use axum::response::Response;
use axum::routing::{get, post};
use minijinja::context;
use serde::Deserialize;

/// The most notices the page lists.
const LIMIT: i64 = 200;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/notices", get(page))
        .route("/notices/read", post(mark_all_read))
}

/// The signed-in staff member; a customer finds no such page.
fn staff(ctx: &Ctx) -> AppResult<&Viewer> {
    let v = ctx.viewer()?;
    if v.is_staff_anywhere() {
        Ok(v)
    } else {
        Err(AppError::NotFound)
    }
}

async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let viewer = staff(&ctx)?;
    let list = notices::for_user(&state.db, viewer, LIMIT).await?;
    let unread = list.iter().any(|n| n.read_at.is_none());
    state.templates.render(
        &ctx,
        "notices.html",
        context! { notices => list, unread => unread },
    )
}

/// Nothing but the page's CSRF token.
#[derive(Deserialize)]
struct MarkRead {
    #[serde(rename = "_csrf", default)]
    csrf: String,
}

async fn mark_all_read(
    State(state): State<AppState>,
    ctx: Ctx,
    HtmlForm(form): HtmlForm<MarkRead>,
) -> AppResult<Response> {
    let viewer = staff(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    notices::mark_all_read(&state.db, viewer.user_id, now_ms()).await?;
    Ok(flash::redirect("/notices", Flash::NoticesRead))
}
