//! Bulk edit from the staff list: the selected tickets get a new status,
//! team, assignee, category or priority. Each ticket changes through the same calls
//! as its own page (so the workflow, the root-cause rule and notifications
//! hold alike) and keeps one history entry per change; tickets that refuse
//! are listed with the reason, the others are changed.

use super::view::load;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::Priority;
use atbalsts_store::tickets::ticket_by_id;
use axum::extract::State;
use axum::response::Response;
use axum::Form;
use minijinja::context;
use serde::Serialize;

/// At most this many tickets in one bulk edit.
const MAX_TICKETS: usize = 500;

/// "" keeps the value, "none" clears it, anything else is an id.
fn choice(raw: &str) -> Result<Option<Option<i64>>, ()> {
    match raw {
        "" => Ok(None),
        "none" => Ok(Some(None)),
        id => id.parse().map(|i| Some(Some(i))).map_err(|_| ()),
    }
}

#[derive(Serialize)]
struct Outcome {
    key: String,
    error: Option<&'static str>,
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let field = |name: &str| crate::forms::field(&pairs, name);
    ctx.check_csrf(field("_csrf"))?;
    let viewer = ctx.viewer()?;
    if !viewer.is_staff_anywhere() {
        return Err(AppError::NotFound);
    }
    let keys: Vec<&str> = pairs
        .iter()
        .filter(|(k, _)| k == "ticket")
        .map(|(_, v)| v.as_str())
        .take(MAX_TICKETS)
        .collect();
    let bad = || AppError::BadRequest("error-form-malformed");
    let team = choice(field("team")).map_err(|_| bad())?;
    let assignee = choice(field("assignee")).map_err(|_| bad())?;
    let category = choice(field("category")).map_err(|_| bad())?;
    let priority = match field("priority") {
        "" => None,
        p => Some(Priority::parse(p).map_err(|_| bad())?),
    };
    let reason = field("priority_reason");
    let status = field("status");
    let mut outcomes = Vec::new();
    for key in &keys {
        let result = async {
            let mut ticket = load(&state, viewer, key).await?;
            if !status.is_empty() && status != ticket.status {
                crate::ticket_events::transition(
                    &state,
                    viewer,
                    &ticket,
                    status,
                    Some(ticket.version),
                )
                .await?;
                ticket = ticket_by_id(&state.db, ticket.id)
                    .await?
                    .ok_or(AppError::NotFound)?;
            }
            if team.is_some() || assignee.is_some() || priority.is_some() || category.is_some() {
                let mut t = crate::ticket_events::current_triage(&ticket);
                if let Some(team) = team {
                    t.team_id = team;
                }
                if let Some(a) = assignee {
                    t.assignee_id = a;
                }
                if let Some(c) = category {
                    t.category_id = c;
                }
                if let Some(p) = priority {
                    t.priority = Some(p);
                    t.reason = reason.to_owned();
                }
                crate::ticket_events::triage(&state, viewer, &ticket, &t, Some(ticket.version))
                    .await?;
            }
            Ok::<_, AppError>(())
        }
        .await;
        let error = match result {
            Ok(()) => None,
            Err(AppError::Invalid(errors)) => {
                Some(errors.0.first().map(|e| e.code).unwrap_or("error-invalid"))
            }
            Err(AppError::Conflict(code)) => Some(code),
            Err(AppError::NotFound | AppError::Forbidden) => Some("error-not-found"),
            Err(e) => return Err(e),
        };
        outcomes.push(Outcome {
            key: (*key).to_owned(),
            error,
        });
    }
    let changed = outcomes.iter().filter(|o| o.error.is_none()).count();
    tracing::info!(changed, refused = outcomes.len() - changed, "bulk edit");
    state.templates.render(
        &ctx,
        "tickets/bulk-done.html",
        context! {
            changed => changed,
            refused => outcomes.into_iter().filter(|o| o.error.is_some()).collect::<Vec<_>>(),
        },
    )
}
