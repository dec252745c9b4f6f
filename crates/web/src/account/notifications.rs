//! A staff member's own notification switches.

use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::notification_settings::{NotificationSettings, NotificationSettingsForm};
use atbalsts_store::notifications::{self, AGENT_KINDS};
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;

fn staff(ctx: &Ctx) -> AppResult<i64> {
    let v = ctx.viewer()?;
    if v.is_staff_anywhere() {
        Ok(v.user_id)
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = staff(&ctx)?;
    let prefs: Vec<_> = notifications::preferences(&state.db, user)
        .await?
        .into_iter()
        .map(|(kind, on)| context! { kind => kind, on => on })
        .collect();
    state.templates.render(
        &ctx,
        "account/notifications.html",
        context! { prefs => prefs },
    )
}

pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    HtmlForm(posted): HtmlForm<WithCsrf<NotificationSettingsForm>>,
) -> AppResult<Response> {
    let user = staff(&ctx)?;
    ctx.check_csrf(&posted.csrf)?;
    // The page offers only the kinds there are: another is a forged form.
    let settings = NotificationSettings::parse(&posted.form, AGENT_KINDS)
        .map_err(|_| AppError::BadRequest("error-form-malformed"))?;
    for (kind, on) in settings.0 {
        notifications::set_preference(&state.db, user, kind, on).await?;
    }
    Ok((
        StatusCode::SEE_OTHER,
        [(LOCATION, "/account/notifications")],
    )
        .into_response())
}
