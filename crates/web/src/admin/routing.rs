//! The desk's routing rules in the browser: an ordered list, a form to add
//! or change a rule, and a try-out of the rule being edited against an
//! existing ticket before it is saved.

use super::admin_desk;
use crate::forms::field;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::routing::{split_list, Actions, Conditions, Rule};
use atbalsts_domain::{Channel, FieldErrors, Priority, TicketKey};
use atbalsts_store::desks::Desk;
use atbalsts_store::{catalogue, categories, desks, institutions, routing, tickets};
use axum::extract::{Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use minijinja::{context, Value};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct EditQuery {
    #[serde(default)]
    edit: Option<i64>,
}

/// The rule as the form holds it (also when refused or tried).
fn form_value(id: Option<i64>, name: &str, active: bool, c: &Conditions, a: &Actions) -> Value {
    context! {
        id => id, name => name, active => active,
        request_types => c.request_types, institutions => c.institutions, sub_units => c.sub_units,
        categories => c.categories, channels => c.channels,
        services => c.services.join("\n"), keywords => c.keywords.join("\n"),
        team => a.team_id, assignee => a.assignee_id, priority => a.priority, category => a.category_id,
    }
}

/// What the page shows besides the form.
async fn render(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    status: StatusCode,
    form: Value,
    errors: FieldErrors,
    tried: Option<Value>,
) -> AppResult<Response> {
    let rules = routing::rules_of(&state.db, desk.id).await?;
    let locale = ctx.locale;
    let request_types: Vec<Value> = catalogue::request_types_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|r| context! { id => r.id, name => r.labels.get(locale).to_owned() })
        .collect();
    let mut institutions_list = Vec::new();
    let mut sub_units = Vec::new();
    for (i, subs) in institutions::directory(&state.db).await? {
        for s in subs {
            sub_units.push(context! { id => s.id, name => format!("{} — {}", i.name, s.name) });
        }
        institutions_list.push(context! { id => i.id, name => i.name });
    }
    // Retired categories are offered only where the rule already names them.
    let mut chosen: Vec<i64> = form
        .get_attr("categories")
        .ok()
        .and_then(|v| v.try_iter().ok())
        .map(|ids| ids.filter_map(|v| i64::try_from(v).ok()).collect())
        .unwrap_or_default();
    chosen.extend(
        form.get_attr("category")
            .ok()
            .and_then(|v| i64::try_from(v).ok()),
    );
    let categories: Vec<Value> =
        categories::of_desk(&state.db, desk.id, categories::Kind::Category, None)
            .await?
            .into_iter()
            .filter(|c| !c.retired || chosen.contains(&c.id))
            .map(|c| context! { id => c.id, name => c.labels.get(locale).to_owned() })
            .collect();
    let teams = desks::teams_of(&state.db, desk.id).await?;
    let agents: Vec<Value> = desks::staff_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|(id, name)| context! { id => id, name => name })
        .collect();
    state.templates.render_status(
        ctx,
        status,
        "admin/routing.html",
        context! {
            desk => desk,
            rules => rules,
            form => form,
            errors => errors.0,
            tried => tried,
            request_types => request_types,
            institutions => institutions_list,
            sub_units => sub_units,
            categories => categories,
            teams => teams,
            agents => agents,
            channels => Channel::ALL.iter().map(|c| c.code()).collect::<Vec<_>>(),
            priorities => Priority::ALL.iter().map(|p| p.code()).collect::<Vec<_>>(),
        },
    )
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<EditQuery>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let editing: Option<Rule> = match q.edit {
        Some(id) => Some(
            routing::rules_of(&state.db, desk.id)
                .await?
                .into_iter()
                .find(|r| r.id == id)
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let form = match &editing {
        Some(r) => form_value(Some(r.id), &r.name, r.active, &r.conditions, &r.actions),
        None => form_value(None, "", true, &Conditions::default(), &Actions::default()),
    };
    render(
        &state,
        &ctx,
        &desk,
        StatusCode::OK,
        form,
        FieldErrors::default(),
        None,
    )
    .await
}

/// The ids chosen in a multiple select named `name`.
fn ids(pairs: &[(String, String)], name: &str) -> Vec<i64> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .filter_map(|(_, v)| v.parse().ok())
        .collect()
}

fn one(pairs: &[(String, String)], name: &str) -> Option<i64> {
    field(pairs, name).parse().ok()
}

/// Saves, tries, moves or deletes a rule.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    let back = || {
        Ok((
            StatusCode::SEE_OTHER,
            [(LOCATION, format!("/admin/routing/{}", desk.key_prefix))],
        )
            .into_response())
    };
    let id = one(&pairs, "id");
    match field(&pairs, "action") {
        "delete" => {
            routing::delete_rule(&state.db, desk.id, id.ok_or(AppError::NotFound)?).await?;
            return back();
        }
        "up" | "down" => {
            let up = field(&pairs, "action") == "up";
            routing::move_rule(&state.db, desk.id, id.ok_or(AppError::NotFound)?, up).await?;
            return back();
        }
        _ => {}
    }
    let conditions = Conditions {
        request_types: ids(&pairs, "request_types"),
        institutions: ids(&pairs, "institutions"),
        sub_units: ids(&pairs, "sub_units"),
        services: split_list(field(&pairs, "services")),
        categories: ids(&pairs, "categories"),
        channels: pairs
            .iter()
            .filter(|(k, _)| k == "channels")
            .map(|(_, v)| v.clone())
            .collect(),
        keywords: split_list(field(&pairs, "keywords")),
    };
    let actions = Actions {
        team_id: one(&pairs, "team"),
        assignee_id: one(&pairs, "assignee"),
        priority: Some(field(&pairs, "priority").to_owned()).filter(|p| !p.is_empty()),
        category_id: one(&pairs, "category"),
    };
    let name = field(&pairs, "rule_name");
    let active = !field(&pairs, "active").is_empty();
    let form = form_value(id, name, active, &conditions, &actions);
    if field(&pairs, "action") == "try" {
        // Try the rule being edited on an existing ticket, saving nothing.
        let key = field(&pairs, "try_key");
        let viewer = ctx.viewer()?;
        let ticket = match TicketKey::parse(key) {
            Some(k) => tickets::ticket_for(&state.db, viewer, &k)
                .await?
                .filter(|t| t.desk_id == desk.id),
            None => None,
        };
        let Some(ticket) = ticket else {
            let errors: FieldErrors =
                atbalsts_domain::FieldError::new("try_key", "error-link-target").into();
            return render(
                &state,
                &ctx,
                &desk,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                errors,
                None,
            )
            .await;
        };
        let facts = routing::facts_of(&state.db, &ticket).await?;
        let saved = routing::rules_of(&state.db, desk.id).await?;
        let now_first =
            atbalsts_domain::routing::first_match(&saved, &facts).map(|r| r.name.clone());
        let tried = context! {
            key => ticket.key,
            matches => conditions.matches(&facts),
            now_first => now_first,
        };
        return render(
            &state,
            &ctx,
            &desk,
            StatusCode::OK,
            form,
            FieldErrors::default(),
            Some(tried),
        )
        .await;
    }
    match routing::save_rule(&state.db, desk.id, id, name, active, &conditions, &actions)
        .await
        .map_err(AppError::from)
    {
        Ok(saved) => {
            tracing::info!(desk = %desk.key_prefix, rule = saved, "routing rule saved");
            back()
        }
        Err(AppError::Invalid(errors)) => {
            render(
                &state,
                &ctx,
                &desk,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                errors,
                None,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
