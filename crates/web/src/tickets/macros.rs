//! Macros on the ticket page: insert a canned reply into the comment form
//! to edit it first (works without script: the page comes back with the
//! text in place), or apply it at once — the reply is posted, and the
//! status and priority it names are set, through the same calls as the
//! page's own forms. The text is in the requester's language.

use super::view::{render, FormEcho};
use crate::flash::{self, Flash};
use crate::ticket_keys::OnTicket;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::mail_template::render as fill;
use atbalsts_domain::{Locale, Priority, Viewer};
use atbalsts_store::macros::{self, Macro};
use atbalsts_store::tickets::{ticket_by_id, Ticket};
use atbalsts_store::users;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct MacroForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(rename = "macro", default)]
    macro_id: String,
    /// `insert` (into the comment form) or `apply`.
    #[serde(default)]
    action: String,
}

/// The macro's text for this ticket, in the requester's language.
async fn text_for(
    state: &AppState,
    viewer: &Viewer,
    ticket: &Ticket,
    m: &Macro,
) -> AppResult<String> {
    let locale = users::user_by_id(&state.db, ticket.requester_id)
        .await?
        .and_then(|u| u.locale)
        .unwrap_or_default();
    let body = match locale {
        Locale::En if !m.body_en.trim().is_empty() => &m.body_en,
        _ if !m.body_lv.trim().is_empty() => &m.body_lv,
        _ => &m.body_en,
    };
    let agent = users::user_by_id(&state.db, viewer.user_id)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();
    Ok(fill(
        body,
        &[
            ("requester", &ticket.requester_name),
            ("key", &ticket.key),
            ("summary", &ticket.summary),
            ("agent", &agent),
        ],
    ))
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Form(form): Form<MacroForm>,
) -> AppResult<Response> {
    let OnTicket { viewer, ticket } = OnTicket::form(&state, &ctx, &key, &form.csrf).await?;
    let id: i64 = form.macro_id.parse().map_err(|_| AppError::NotFound)?;
    let m = macros::by_id(&state.db, viewer, id)
        .await?
        .filter(|m| m.desk_id == ticket.desk_id)
        .ok_or(AppError::NotFound)?;
    let text = text_for(&state, viewer, &ticket, &m).await?;
    if form.action == "insert" {
        let echo = FormEcho {
            body: text,
            visibility: if m.is_public { "public" } else { "internal" }.to_owned(),
            ..Default::default()
        };
        return render(&state, &ctx, &ticket, StatusCode::OK, echo).await;
    }
    let outcome = async {
        let mut current = ticket.clone();
        if let Some(status) = m.set_status.as_deref().filter(|s| *s != current.status) {
            crate::ticket_events::transition(
                &state,
                viewer,
                &current,
                status,
                Some(current.version),
            )
            .await?;
            current = ticket_by_id(&state.db, current.id)
                .await?
                .ok_or(AppError::NotFound)?;
        }
        if let Some(p) = m
            .set_priority
            .as_deref()
            .and_then(|p| Priority::parse(p).ok())
        {
            let mut t = crate::ticket_events::current_triage(&current);
            t.priority = Some(p);
            t.reason = m.name.clone();
            crate::ticket_events::triage(&state, viewer, &current, &t, Some(current.version))
                .await?;
        }
        crate::ticket_events::comment(&state, viewer, &current, &text, m.is_public, &[]).await?;
        Ok::<_, AppError>(())
    }
    .await;
    match outcome {
        Ok(()) => {
            tracing::info!(ticket = %ticket.key, r#macro = m.id, "macro applied");
            Ok(flash::redirect(
                &format!("/tickets/{}#conversation", ticket.key),
                Flash::MacroApplied,
            ))
        }
        Err(AppError::Invalid(errors)) => {
            let echo = FormEcho {
                notice: errors.0.first().map(|e| e.code),
                ..Default::default()
            };
            render(
                &state,
                &ctx,
                &ticket,
                StatusCode::UNPROCESSABLE_ENTITY,
                echo,
            )
            .await
        }
        Err(AppError::Conflict(code)) => {
            let echo = FormEcho {
                notice: Some(code),
                ..Default::default()
            };
            render(&state, &ctx, &ticket, StatusCode::CONFLICT, echo).await
        }
        Err(e) => Err(e),
    }
}
