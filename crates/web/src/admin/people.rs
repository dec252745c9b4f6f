//! People who chose their institution at sign-up (their email domain is
//! not declared by any institution) wait here for the desk to confirm it.

use crate::forms::{hidden_id, HtmlForm};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::Role;
use atbalsts_store::{institutions, users};
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;

/// Desk administrators of any desk, and system administrators.
fn may_confirm(ctx: &Ctx) -> AppResult<()> {
    let v = ctx.viewer()?;
    let admin = v.is_system_admin || v.desk_roles.iter().any(|(_, r)| *r == Role::DeskAdmin);
    if admin {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    may_confirm(&ctx)?;
    let waiting = users::awaiting_institution_confirmation(&state.db).await?;
    let directory = institutions::directory(&state.db).await?;
    let rows: Vec<_> = waiting
        .iter()
        .map(|u| {
            let inst = directory
                .iter()
                .find(|(i, _)| Some(i.id) == u.institution_id);
            let sub = inst.and_then(|(_, subs)| subs.iter().find(|s| Some(s.id) == u.sub_unit_id));
            context! {
                id => u.id,
                name => u.display_name,
                email => u.email,
                institution => inst.map(|(i, _)| i.name.clone()),
                sub_unit => sub.map(|s| s.name.clone()),
            }
        })
        .collect();
    state
        .templates
        .render(&ctx, "admin/people.html", context! { rows => rows })
}

/// A decision on one person's institution.
#[derive(Deserialize)]
pub struct DecisionForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    user_id: String,
    /// `confirm`, or `clear` to let them choose again.
    #[serde(default)]
    decision: String,
}

pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    HtmlForm(form): HtmlForm<DecisionForm>,
) -> AppResult<Response> {
    may_confirm(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let user_id = hidden_id(&form.user_id)?;
    let confirm = match form.decision.as_str() {
        "confirm" => true,
        "clear" => false,
        _ => return Err(AppError::BadRequest("error-form-malformed")),
    };
    // Only people waiting for confirmation: anyone else is not found here.
    if !users::decide_institution(&state.db, user_id, confirm).await? {
        return Err(AppError::NotFound);
    }
    Ok((StatusCode::SEE_OTHER, [(LOCATION, "/admin/people")]).into_response())
}
