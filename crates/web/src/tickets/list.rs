use super::StatusNames;
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::StatusCategory;
use atbalsts_store::tickets::{list_tickets, Cursor, TicketFilter};
use axum::extract::{Query, State};
use axum::response::Response;
use minijinja::context;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    state: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    after: String,
    /// `mine` (created by me) or `institution` (my institution's, where granted).
    #[serde(default)]
    scope: String,
    /// Staff views: `assigned` (to me), `unassigned` (in my teams), `waiting` (for the customer).
    #[serde(default)]
    view: String,
}

/// The staff views, as (code, label key).
const VIEWS: &[(&str, &str)] = &[
    ("", "view-all"),
    ("assigned", "view-mine"),
    ("unassigned", "view-unassigned"),
    ("waiting", "view-waiting"),
];

/// The filter of a staff view, on top of `base`.
fn view_filter(view: &str, base: &TicketFilter, me: i64, my_teams: &[i64]) -> TicketFilter {
    let mut f = base.clone();
    match view {
        "assigned" => f.assignee_id = Some(me),
        "unassigned" => {
            f.unassigned = true;
            // No team: no ticket (an empty list would mean "any team").
            f.team_ids = if my_teams.is_empty() {
                vec![-1]
            } else {
                my_teams.to_vec()
            };
        }
        "waiting" => f.categories = vec![StatusCategory::Waiting],
        _ => {}
    }
    f
}

#[derive(Serialize)]
struct Row {
    key: String,
    summary: String,
    status: String,
    status_category: StatusCategory,
    priority: String,
    requester: String,
    assignee: Option<String>,
    updated_at: i64,
}

/// The tickets the person may see: open ones by default, or done, or all.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let categories = match q.state.as_str() {
        "done" => vec![StatusCategory::Resolved, StatusCategory::Closed],
        "all" => vec![],
        _ => vec![
            StatusCategory::New,
            StatusCategory::Open,
            StatusCategory::Waiting,
        ],
    };
    let institution_scope = viewer
        .institution_id
        .filter(|_| viewer.sees_institution_tickets);
    let scope = match (q.scope.as_str(), institution_scope) {
        ("institution", Some(_)) => "institution",
        ("mine", _) => "mine",
        _ if !viewer.is_staff_anywhere() => "mine",
        _ => "",
    };
    let base = TicketFilter {
        requester_id: (scope == "mine").then_some(viewer.user_id),
        institution_id: if scope == "institution" {
            institution_scope
        } else {
            None
        },
        categories,
        text: Some(q.q.clone()),
        after: Cursor::decode(&q.after),
        limit: 50,
        ..Default::default()
    };
    let staff = viewer.is_staff_anywhere();
    let my_teams = if staff {
        atbalsts_store::desks::teams_of_user(&state.db, viewer.user_id).await?
    } else {
        Vec::new()
    };
    let view = if staff && VIEWS.iter().any(|(v, _)| *v == q.view) {
        q.view.as_str()
    } else {
        ""
    };
    let filter = view_filter(view, &base, viewer.user_id, &my_teams);
    let page = list_tickets(&state.db, viewer, &filter).await?;
    // Live counts beside the views (of open tickets, whatever the state filter).
    let mut views = Vec::new();
    if staff {
        let open = TicketFilter {
            categories: vec![
                StatusCategory::New,
                StatusCategory::Open,
                StatusCategory::Waiting,
            ],
            ..Default::default()
        };
        for (code, label) in VIEWS {
            let f = view_filter(code, &open, viewer.user_id, &my_teams);
            let count = atbalsts_store::tickets::count_tickets(&state.db, viewer, &f).await?;
            views.push(minijinja::context! { code => code, label => label, count => count });
        }
    }
    let names = StatusNames::load(
        &state.db,
        page.items.iter().map(|t| t.workflow_id),
        ctx.locale,
    )
    .await?;
    let rows: Vec<Row> = page
        .items
        .iter()
        .map(|t| Row {
            key: t.key.clone(),
            summary: t.summary.clone(),
            status: names.get(t.workflow_id, &t.status),
            status_category: t.status_category,
            priority: t.priority.clone(),
            requester: t.requester_name.clone(),
            assignee: t.assignee_name.clone(),
            updated_at: t.updated_at,
        })
        .collect();
    // What bulk edit offers: the statuses of the listed tickets' workflows,
    // the teams and staff of the viewer's desks.
    let (mut bulk_statuses, mut bulk_teams, mut bulk_agents) = (Vec::new(), Vec::new(), Vec::new());
    if staff {
        bulk_statuses = names.codes();
        for desk in viewer.staff_desks() {
            for t in atbalsts_store::desks::teams_of(&state.db, desk).await? {
                bulk_teams.push(context! { id => t.id, name => t.name });
            }
            for (id, name) in atbalsts_store::desks::staff_of(&state.db, desk).await? {
                bulk_agents.push(context! { id => id, name => name });
            }
        }
    }
    let state_filter = if q.state.is_empty() {
        "open".to_owned()
    } else {
        q.state.clone()
    };
    state.templates.render(
        &ctx,
        "tickets/list.html",
        context! {
            rows => rows,
            state_filter => state_filter,
            q => q.q,
            next => page.next.map(|c| c.encode()),
            is_staff => viewer.is_staff_anywhere(),
            scope => scope,
            views => views,
            view => view,
            institution_scope => institution_scope.is_some(),
            bulk_statuses => bulk_statuses,
            bulk_teams => bulk_teams,
            bulk_agents => bulk_agents,
            priorities => atbalsts_domain::Priority::ALL.iter().map(|p| p.code()).collect::<Vec<_>>(),
        },
    )
}
