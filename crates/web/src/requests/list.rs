//! *My requests*: the requests a customer filed (or their institution's,
//! where granted), with the columns a customer reads: key, subject, status
//! in words, last update and whose move it is.

use super::status::CustomerStatuses;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::request::WaitingOn;
use atbalsts_domain::StatusCategory;
use atbalsts_store::tickets::customer::last_public_by_desk;
use atbalsts_store::tickets::{list_tickets, Cursor, TicketFilter};
use axum::response::Response;
use minijinja::context;
use serde::Serialize;

/// What the list was asked for: `state` (open, done, all), `scope` (mine,
/// institution), a text to look for and where the page starts.
pub(crate) struct Asked<'a> {
    pub state: &'a str,
    pub scope: &'a str,
    pub text: &'a str,
    pub after: &'a str,
}

#[derive(Serialize)]
struct Row {
    key: String,
    summary: String,
    status: String,
    status_category: StatusCategory,
    updated_at: i64,
    waiting: &'static str,
    /// Someone else's request (institution scope): who filed it.
    requester: Option<String>,
}

pub(crate) async fn page(state: &AppState, ctx: &Ctx, asked: Asked<'_>) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let (state_filter, categories) = match asked.state {
        "done" => (
            "done",
            vec![StatusCategory::Resolved, StatusCategory::Closed],
        ),
        "all" => ("all", vec![]),
        _ => (
            "open",
            vec![
                StatusCategory::New,
                StatusCategory::Open,
                StatusCategory::Waiting,
            ],
        ),
    };
    let institution = viewer
        .institution_id
        .filter(|_| viewer.sees_institution_tickets);
    let scope = match (asked.scope, institution) {
        ("institution", Some(_)) => "institution",
        _ => "mine",
    };
    let filter = TicketFilter {
        requester_id: (scope == "mine").then_some(viewer.user_id),
        institution_id: institution.filter(|_| scope == "institution"),
        categories,
        text: Some(asked.text.to_owned()),
        after: Cursor::decode(asked.after),
        limit: 50,
        ..Default::default()
    };
    let page = list_tickets(&state.db, viewer, &filter).await?;
    let names =
        CustomerStatuses::load(state, page.items.iter().map(|t| t.workflow_id), ctx.locale).await?;
    let by_desk = last_public_by_desk(&state.db, &page.items).await?;
    let rows: Vec<Row> = page
        .items
        .iter()
        .map(|t| Row {
            key: t.key.clone(),
            summary: t.summary.clone(),
            status: names.get(t.workflow_id, &t.status),
            status_category: t.status_category,
            updated_at: t.updated_at,
            waiting: WaitingOn::of(t.status_category, by_desk.contains(&t.id)).code(),
            requester: (t.requester_id != viewer.user_id).then(|| t.requester_name.clone()),
        })
        .collect();
    state.templates.render(
        ctx,
        "requests/list.html",
        context! {
            rows => rows,
            state_filter => state_filter,
            scope => scope,
            institution_scope => institution.is_some(),
            q => asked.text,
            next => page.next.map(|c| format!(
                "/tickets?scope={scope}&state={state_filter}&q={}&after={}",
                crate::context::urlencode(asked.text),
                c.encode()
            )),
        },
    )
}
