use super::panels::{Panels, Scope};
use crate::ticket_keys::OnTicket;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::FieldErrors;
use atbalsts_store::tickets::Ticket;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{context, Value};
use serde::Serialize;

/// What a re-rendered ticket page keeps from a rejected form.
#[derive(Default, Serialize)]
pub(crate) struct FormEcho {
    pub body: String,
    pub visibility: String,
    pub held_files: Vec<crate::uploads::HeldFile>,
    pub errors: FieldErrors,
    pub notice: Option<&'static str>,
    /// A rejected triage: its errors and the reason typed.
    pub triage_errors: FieldErrors,
    pub priority_reason: String,
    /// A refused participant: the address typed and why.
    pub participant_email: Option<String>,
    pub participant_errors: Vec<atbalsts_domain::FieldError>,
    /// A refused approval decision: the comment typed and why.
    pub approval_comment: String,
    pub approval_errors: Vec<atbalsts_domain::FieldError>,
    /// After a conflict: changes made since the page was opened (ms).
    pub changed_since: Option<i64>,
    /// A refused merge: the target typed and why.
    pub merge_target: String,
    pub merge_errors: Vec<atbalsts_domain::FieldError>,
    /// A refused article link: the number typed and why.
    pub kb_article: String,
    pub kb_errors: Vec<atbalsts_domain::FieldError>,
}

pub(crate) use crate::ticket_keys::load;

/// Renders the ticket page, optionally with a rejected form's values: the
/// panels (see `panels`) and what the rejected form kept.
pub(crate) async fn render(
    state: &AppState,
    ctx: &Ctx,
    ticket: &Ticket,
    status: StatusCode,
    echo: FormEcho,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let scope = Scope {
        state,
        ctx,
        viewer,
        ticket,
        staff: viewer.is_staff_on(ticket.desk_id),
    };
    let panels = Panels::load(&scope).await?;
    let recent_changes = echo.changed_since.map(|since| panels.history.since(since));
    state.templates.render_status(
        ctx,
        status,
        "tickets/view.html",
        context! {
            ticket => ticket,
            staff => scope.staff,
            seen_at => atbalsts_store::now_ms(),
            recent_changes => recent_changes,
            form => echo,
            ..Value::from_serialize(&panels)
        },
    )
}

/// The formatted version of a mail as stored: it was cleaned once, when
/// the mail came in (`atbalsts_richtext::clean_mail`), and is not parsed
/// again here; only its inline-image tokens are pointed at the stored
/// attachments they came as.
pub(crate) fn formatted(
    html: Option<&str>,
    files: &[atbalsts_store::tickets::Attachment],
) -> Option<String> {
    Some(atbalsts_richtext::inline_images(html?, |sha| {
        files
            .iter()
            .find(|a| a.content_id.is_some() && a.sha256 == sha)
            .map(|a| format!("/attachments/{}", a.id))
    }))
}

/// `/tickets/{key}`: the agent's page for staff of the desk; anyone else
/// (a requester, an approver) gets the customer's request page.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    axum::Extension(customer): axum::Extension<crate::customer_pages::CustomerPages>,
) -> AppResult<Response> {
    let on = OnTicket::read(&state, &ctx, &key).await?;
    if !on.is_staff() {
        return (customer.view)(&state, &ctx, &on.ticket).await;
    }
    render(
        &state,
        &ctx,
        &on.ticket,
        StatusCode::OK,
        FormEcho::default(),
    )
    .await
}
