//! Service levels a desk administrator configures: business calendars with
//! their year view, SLA policies with a due-time preview, the desk's SLA
//! settings, and export/import of all of it. Every save starts a re-time run
//! of the desk's open tickets; the pages show the latest run's progress.

mod calendar_form;
mod calendars;
mod file;
mod policies;
mod policy_form;
mod year;

use crate::{AppResult, AppState, Ctx};
use atbalsts_store::sla::retime_runs;
use axum::routing::{get, post};
use axum::Router;
use minijinja::{context, Value};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/admin/sla/{desk}/calendars",
            get(calendars::list).post(calendars::create),
        )
        .route(
            "/admin/sla/{desk}/calendars/{id}",
            get(calendars::edit).post(calendars::update),
        )
        .route(
            "/admin/sla/{desk}/calendars/{id}/{year}",
            get(year::page).post(year::submit),
        )
        .route(
            "/admin/sla/{desk}/policies",
            get(policies::page).post(policies::submit),
        )
        .route("/admin/sla/{desk}/export", get(file::export))
        .route("/admin/sla/{desk}/import", post(file::import))
}

/// `?saved=…` after a save: which confirmation the page shows. Only the
/// codes listed here are shown, so a link can only make a page say one of
/// these sentences.
#[derive(Debug, Default, Deserialize)]
pub struct Saved {
    #[serde(default)]
    saved: Option<String>,
}

impl Saved {
    fn message_key(&self) -> Option<&'static str> {
        match self.saved.as_deref()? {
            "calendar" => Some("sla-saved-calendar"),
            "day" => Some("sla-saved-day"),
            "policy" => Some("sla-saved-policy"),
            "moved" => Some("sla-saved-moved"),
            "settings" => Some("sla-saved-settings"),
            _ => None,
        }
    }
}

/// The latest re-time run of the desk as the pages show it.
async fn retime_line(state: &AppState, ctx: &Ctx, desk_id: i64) -> AppResult<Option<Value>> {
    let Some(run) = retime_runs::latest(&state.db, desk_id).await? else {
        return Ok(None);
    };
    let number = |n: i64| atbalsts_i18n::format_number(ctx.locale, n);
    Ok(Some(context! {
        running => run.finished_at.is_none(),
        done => number(run.done),
        total => number(run.total),
        percent => if run.total > 0 { run.done * 100 / run.total } else { 100 },
        finished_at => run.finished_at,
    }))
}

/// The current year in Riga, for links to a calendar's year view.
fn this_year() -> i16 {
    let tz = jiff::tz::TimeZone::get("Europe/Riga").unwrap_or(jiff::tz::TimeZone::UTC);
    jiff::Timestamp::now().to_zoned(tz).year()
}
