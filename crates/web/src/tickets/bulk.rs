//! Bulk edit from the staff list: the selected tickets get a new status,
//! team, assignee, category or priority. Each ticket changes through the same calls
//! as its own page (so the workflow, the root-cause rule and notifications
//! hold alike) and keeps one history entry per change; tickets that refuse
//! are listed with the reason, the others are changed.

use super::view::load;
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::ticket_list::input::{BulkEdit, BulkEditForm};
use atbalsts_store::tickets::ticket_by_id;
use axum::extract::State;
use axum::response::Response;
use minijinja::context;
use serde::Serialize;

#[derive(Serialize)]
struct Outcome {
    key: String,
    error: Option<&'static str>,
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    HtmlForm(posted): HtmlForm<WithCsrf<BulkEditForm>>,
) -> AppResult<Response> {
    ctx.check_csrf(&posted.csrf)?;
    let viewer = ctx.viewer()?;
    if !viewer.is_staff_anywhere() {
        return Err(AppError::NotFound);
    }
    // Every value is a choice of the list's selects: a wrong one is a
    // damaged or forged form, not a mistake to show next to a field.
    let edit =
        BulkEdit::parse(&posted.form).map_err(|_| AppError::BadRequest("error-form-malformed"))?;
    let mut outcomes = Vec::new();
    for key in &edit.keys {
        let result = async {
            let mut ticket = load(&state, viewer, key).await?;
            if let Some(status) = edit.status.as_deref().filter(|s| *s != ticket.status) {
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
            if edit.changes_triage() {
                let mut t = crate::ticket_events::current_triage(&ticket);
                t.team_id = edit.team.applied(t.team_id);
                t.assignee_id = edit.assignee.applied(t.assignee_id);
                t.category_id = edit.category.applied(t.category_id);
                if let Some((p, reason)) = &edit.priority {
                    t.priority = Some(*p);
                    t.reason = reason.clone();
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
            key: key.clone(),
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
