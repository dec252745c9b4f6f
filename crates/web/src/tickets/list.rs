use super::ordering::{self, Order};
use super::StatusNames;
use crate::customer_pages::{Asked, CustomerPages};
use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::{Channel, Priority, StatusCategory};
use atbalsts_store::tickets::{list_tickets, Cursor, TicketFilter};
use axum::extract::{Query, RawQuery, State};
use axum::http::header::SET_COOKIE;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;
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
    /// Staff filters; each empty one lets everything through.
    #[serde(default)]
    ticket_type: String,
    #[serde(default)]
    priority: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    assignee: String,
    #[serde(default)]
    institution: String,
    #[serde(default)]
    sub_unit: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    request_type: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    created_from: String,
    #[serde(default)]
    created_to: String,
    #[serde(default)]
    updated_from: String,
    #[serde(default)]
    updated_to: String,
    /// SLA: `breached`, or due within this many hours (see [`DUE_WITHIN_HOURS`]).
    #[serde(default)]
    due: String,
    /// The queue's order (`key`, `created`, `updated`) and direction (`asc`, `desc`).
    #[serde(default)]
    sort: String,
    #[serde(default)]
    dir: String,
    /// `compact` or `comfortable`; remembered once chosen.
    #[serde(default)]
    density: String,
}

/// Midnight UTC of a typed date (`23.11.2026` or `2026-11-23`), in ms;
/// with `next`, of the day after (so "to" includes the day itself).
fn day(raw: &str, next: bool) -> Option<i64> {
    let iso = atbalsts_domain::form::parse_date(raw).ok()?;
    let date: jiff::civil::Date = iso.parse().ok()?;
    let date = if next { date.tomorrow().ok()? } else { date };
    Some(
        date.to_zoned(jiff::tz::TimeZone::UTC)
            .ok()?
            .timestamp()
            .as_millisecond(),
    )
}

impl ListQuery {
    /// The staff filters on top of `base`.
    fn narrow(&self, mut f: TicketFilter) -> TicketFilter {
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let id = |s: &str| s.trim().parse::<i64>().ok();
        f.ticket_type = text(&self.ticket_type);
        // The page offers known codes only; another one in a hand-made
        // address is ignored, as an empty one.
        f.priority = Priority::parse(self.priority.trim()).ok();
        f.team_id = id(&self.team);
        if self.assignee == "none" {
            f.unassigned = true;
        } else if let Some(a) = id(&self.assignee) {
            f.assignee_id = Some(a);
        }
        f.institution_id = f.institution_id.or(id(&self.institution));
        f.sub_unit_id = id(&self.sub_unit);
        f.channel = Channel::parse(self.channel.trim()).ok();
        f.request_type_id = id(&self.request_type);
        f.service = text(&self.service);
        f.category_id = id(&self.category);
        f.created_from = day(&self.created_from, false);
        f.created_to = day(&self.created_to, true);
        f.updated_from = day(&self.updated_from, false);
        f.updated_to = day(&self.updated_to, true);
        f.sla_due_before = due_before(&self.due, atbalsts_store::now_ms());
        f
    }
}

/// The hours the SLA filter offers ("due within N hours").
const DUE_WITHIN_HOURS: [i64; 4] = [1, 4, 8, 24];

/// The instant the SLA filter asks open clocks to be due before: now for
/// the breached ones, now + N hours for those due within N (breached ones
/// included); anything else filters nothing.
fn due_before(due: &str, now_ms: i64) -> Option<i64> {
    match due {
        "breached" => Some(now_ms),
        hours => DUE_WITHIN_HOURS
            .into_iter()
            .find(|h| hours.parse() == Ok(*h))
            .map(|h| now_ms + h * 3_600_000),
    }
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
    priority: Priority,
    requester: String,
    assignee: Option<String>,
    team: Option<String>,
    created_at: i64,
    updated_at: i64,
    due: Option<crate::sla_clocks::DueCell>,
}

/// Live counts beside the views and queues stop here and show "10 000+".
const COUNT_UP_TO: i64 = 10_000;

/// A view's or queue's live count, and whether there are more than shown.
async fn count_up_to(
    state: &AppState,
    viewer: &atbalsts_domain::Viewer,
    filter: &TicketFilter,
) -> AppResult<(i64, bool)> {
    let counted =
        atbalsts_store::tickets::count_tickets(&state.db, viewer, filter, COUNT_UP_TO).await?;
    Ok((counted.unwrap_or(COUNT_UP_TO), counted.is_none()))
}

/// The tickets the person may see: open ones by default, or done, or all.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    Extension(customer): Extension<CustomerPages>,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    if !viewer.is_staff_anywhere() {
        let asked = Asked {
            state: &q.state,
            scope: &q.scope,
            text: &q.q,
            after: &q.after,
        };
        return (customer.list)(&state, &ctx, asked).await;
    }
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
    let order = if staff {
        // "Breached / due within N hours" reads soonest first unless another
        // order is asked for (and so along the due index).
        let sort = if q.sort.is_empty() && !q.due.trim().is_empty() {
            "due"
        } else {
            q.sort.as_str()
        };
        Order::parse(sort, &q.dir)
    } else {
        Order::parse("", "")
    };
    let base = TicketFilter {
        sort: order.sort,
        ascending: order.ascending,
        ..base
    };
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
    let base = if staff { q.narrow(base) } else { base };
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
            let (count, more) = count_up_to(&state, viewer, &f).await?;
            views.push(minijinja::context! { code => code, label => label, count, more });
        }
    }
    // Saved queues, each with its live count of open tickets.
    let mut queues = Vec::new();
    if staff {
        for saved in atbalsts_store::queues::visible(&state.db, viewer).await? {
            let uri: axum::http::Uri = format!("/tickets?{}", saved.query)
                .parse()
                .unwrap_or_else(|_| axum::http::Uri::from_static("/tickets"));
            let Ok(Query(sq)) = Query::<ListQuery>::try_from_uri(&uri) else {
                continue;
            };
            let open = TicketFilter {
                categories: vec![
                    StatusCategory::New,
                    StatusCategory::Open,
                    StatusCategory::Waiting,
                ],
                text: Some(sq.q.clone()),
                ..Default::default()
            };
            let f = view_filter(&sq.view, &sq.narrow(open), viewer.user_id, &my_teams);
            let (count, more) = count_up_to(&state, viewer, &f).await?;
            queues.push(minijinja::context! {
                id => saved.id, name => saved.name, query => saved.query,
                shared => saved.shared, mine => saved.owner_id == viewer.user_id, count, more,
            });
        }
    }
    let names = StatusNames::load(
        &state.db,
        page.items.iter().map(|t| t.workflow_id),
        ctx.locale,
    )
    .await?;
    let now = atbalsts_store::now_ms();
    let clocks = if staff {
        let ids: Vec<i64> = page.items.iter().map(|t| t.id).collect();
        atbalsts_store::sla::due::for_tickets(&state.db, &ids).await?
    } else {
        Vec::new()
    };
    let rows: Vec<Row> = page
        .items
        .iter()
        .map(|t| Row {
            due: crate::sla_clocks::DueCell::of(
                &clocks
                    .iter()
                    .filter(|c| c.ticket_id == t.id)
                    .collect::<Vec<_>>(),
                now,
            ),
            key: t.key.clone(),
            summary: t.summary.clone(),
            status: names.get(t.workflow_id, &t.status),
            status_category: t.status_category,
            priority: t.priority,
            requester: t.requester_name.clone(),
            assignee: t.assignee_name.clone(),
            team: t.team_name.clone(),
            created_at: t.created_at,
            updated_at: t.updated_at,
        })
        .collect();
    // What bulk edit offers: the statuses of the listed tickets' workflows,
    // the teams and staff of the viewer's desks.
    let (mut bulk_statuses, mut bulk_teams, mut bulk_agents) = (Vec::new(), Vec::new(), Vec::new());
    let mut bulk_categories = Vec::new();
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
    // The filter form's choices and what is chosen.
    let mut filters = minijinja::Value::UNDEFINED;
    let mut staff_desk_list = Vec::new();
    if staff {
        let mut institutions = Vec::new();
        let mut sub_units = Vec::new();
        for (i, subs) in atbalsts_store::institutions::directory(&state.db).await? {
            for su in subs {
                sub_units
                    .push(context! { id => su.id, name => format!("{} — {}", i.name, su.name) });
            }
            institutions.push(context! { id => i.id, name => i.name });
        }
        let mut request_types = Vec::new();
        let mut services: Vec<String> = Vec::new();
        let mut categories = Vec::new();
        let mut types: Vec<minijinja::Value> = Vec::new();
        let mut type_codes: Vec<String> = Vec::new();
        for desk in viewer.staff_desks() {
            let prefix = atbalsts_store::desks::list_desks(&state.db)
                .await?
                .into_iter()
                .find(|d| d.id == desk)
                .map(|d| d.key_prefix);
            for rt in atbalsts_store::catalogue::request_types_of(&state.db, desk).await? {
                if !rt.service.is_empty() && !services.contains(&rt.service) {
                    services.push(rt.service.clone());
                }
                request_types
                    .push(context! { id => rt.id, name => rt.labels.get(ctx.locale).to_owned() });
            }
            let desk_categories = atbalsts_store::categories::of_desk(
                &state.db,
                desk,
                atbalsts_store::categories::Kind::Category,
                None,
            )
            .await?;
            for c in &desk_categories {
                categories
                    .push(context! { id => c.id, name => c.labels.get(ctx.locale).to_owned() });
            }
            for tt in atbalsts_store::workflows::ticket_types_of(&state.db, desk).await? {
                // Bulk edit offers the categories in use, by ticket type.
                let offered: Vec<_> = desk_categories
                    .iter()
                    .filter(|c| c.ticket_type_id == Some(tt.id) && !c.retired)
                    .map(|c| context! { id => c.id, name => c.labels.get(ctx.locale).to_owned() })
                    .collect();
                if !offered.is_empty() {
                    bulk_categories.push(context! {
                        name => format!("{} — {}", prefix.as_deref().unwrap_or(""), tt.labels.get(ctx.locale)),
                        categories => offered,
                    });
                }
                if !type_codes.contains(&tt.code) {
                    type_codes.push(tt.code.clone());
                    types.push(context! { code => tt.code.clone(), name => tt.labels.get(ctx.locale).to_owned() });
                }
            }
            if let Some(prefix) = prefix {
                staff_desk_list.push(context! { id => desk, prefix => prefix });
            }
        }
        filters = context! {
            institutions => institutions, sub_units => sub_units, request_types => request_types,
            services => services, categories => categories, types => types,
            channels => atbalsts_domain::Channel::ALL.iter().map(|c| c.code()).collect::<Vec<_>>(),
            chosen => context! {
                ticket_type => q.ticket_type, priority => q.priority, team => q.team, assignee => q.assignee,
                institution => q.institution, sub_unit => q.sub_unit, channel => q.channel,
                request_type => q.request_type, service => q.service, category => q.category,
                created_from => q.created_from, created_to => q.created_to,
                updated_from => q.updated_from, updated_to => q.updated_to, due => q.due,
            },
            due_hours => DUE_WITHIN_HOURS,
        };
    }
    let state_filter = if q.state.is_empty() {
        "open".to_owned()
    } else {
        q.state.clone()
    };
    let raw = raw.as_deref().unwrap_or_default();
    let (compact, remember) = ordering::density(&state, &q.density, &headers);
    let sort_headers: std::collections::BTreeMap<_, _> =
        ordering::headers(raw, order).into_iter().collect();
    let mut response = state.templates.render(
        &ctx,
        "tickets/list.html",
        context! {
            // The queue's many columns may use a wide screen's width.
            wide => staff,
            show_team => rows.iter().any(|r| r.team.is_some()),
            rows => rows,
            sort_headers => sort_headers,
            sort => order.sort.code(),
            dir => if order.ascending { "asc" } else { "desc" },
            compact => compact,
            density_toggle => ordering::density_toggle(raw, compact),
            state_filter => state_filter,
            q => q.q,
            next => page.next.map(|c| c.encode()),
            is_staff => viewer.is_staff_anywhere(),
            scope => scope,
            views => views,
            view => view,
            institution_scope => institution_scope.is_some(),
            bulk_statuses => bulk_statuses,
            queues => queues,
            query_string => raw,
            next_query => ordering::query_without(raw, &[]),
            filters => filters,
            staff_desks => staff_desk_list,
            bulk_teams => bulk_teams,
            bulk_agents => bulk_agents,
            bulk_categories => bulk_categories,
            priorities => atbalsts_domain::Priority::ALL.iter().map(|p| p.code()).collect::<Vec<_>>(),
        },
    )?;
    if let Some(cookie) = remember {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}
