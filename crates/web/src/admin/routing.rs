//! The desk's routing rules in the browser: an ordered list, a form to add
//! or change a rule, and a try-out of the rule being edited against an
//! existing ticket before it is saved.

use super::admin_desk;
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::routing::input::{RoutingRuleForm, RuleChange, RuleDraft};
use atbalsts_domain::routing::{Actions, Conditions, Rule};
use atbalsts_domain::{Channel, FieldErrors, Priority};
use atbalsts_store::desks::Desk;
use atbalsts_store::{catalogue, categories, desks, institutions, routing, tickets};
use axum::extract::{Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::{context, Value};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct EditQuery {
    #[serde(default)]
    edit: Option<i64>,
}

/// The rule as the form holds it (also when refused or tried), with the
/// key it was last tried on.
fn form_value(
    id: Option<i64>,
    name: &str,
    active: bool,
    c: &Conditions,
    a: &Actions,
    try_key: &str,
) -> Value {
    context! {
        id => id, name => name, active => active, try_key => try_key,
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
        Some(r) => form_value(Some(r.id), &r.name, r.active, &r.conditions, &r.actions, ""),
        None => form_value(
            None,
            "",
            true,
            &Conditions::default(),
            &Actions::default(),
            "",
        ),
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

/// The fields of the rule form a person does not type: the rule's hidden
/// id, the buttons' action and the choices of its selects.
const NOT_TYPED: &[&str] = &[
    "id",
    "request_types",
    "institutions",
    "sub_units",
    "categories",
    "team",
    "assignee",
    "category",
];

/// Saves, tries, moves or deletes a rule.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<RoutingRuleForm>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&posted.csrf)?;
    let back = || {
        Ok((
            StatusCode::SEE_OTHER,
            [(LOCATION, format!("/admin/routing/{}", desk.key_prefix))],
        )
            .into_response())
    };
    let typed = posted.form;
    let shown = |d: &RuleDraft| {
        form_value(
            d.id,
            &d.name,
            d.active,
            &d.conditions,
            &d.actions,
            typed.try_key.trim(),
        )
    };
    let (state_ref, ctx_ref, desk_ref, typed_ref, shown_ref) =
        (&state, &ctx, &desk, &typed, &shown);
    let refuse = move |errors: FieldErrors| async move {
        let errors = crate::forms::shown(errors, NOT_TYPED)?;
        render(
            state_ref,
            ctx_ref,
            desk_ref,
            StatusCode::UNPROCESSABLE_ENTITY,
            shown_ref(&typed_ref.draft()),
            errors,
            None,
        )
        .await
    };
    let change = match RuleChange::parse(&typed) {
        Ok(change) => change,
        Err(errors) => return refuse(errors).await,
    };
    match change {
        RuleChange::Delete(id) => {
            routing::delete_rule(&state.db, desk.id, id).await?;
            back()
        }
        RuleChange::Move { id, up } => {
            routing::move_rule(&state.db, desk.id, id, up).await?;
            back()
        }
        RuleChange::Try(rule, key) => {
            // Try the rule being edited on an existing ticket, saving nothing.
            let viewer = ctx.viewer()?;
            let ticket = tickets::ticket_for(&state.db, viewer, &key)
                .await?
                .filter(|t| t.desk_id == desk.id);
            let Some(ticket) = ticket else {
                return refuse(
                    atbalsts_domain::FieldError::new("try_key", "error-link-target").into(),
                )
                .await;
            };
            let facts = routing::facts_of(&state.db, &ticket).await?;
            let saved = routing::rules_of(&state.db, desk.id).await?;
            let now_first =
                atbalsts_domain::routing::first_match(&saved, &facts).map(|r| r.name.clone());
            let tried = context! {
                key => ticket.key,
                matches => rule.conditions.matches(&facts),
                now_first => now_first,
            };
            render(
                &state,
                &ctx,
                &desk,
                StatusCode::OK,
                shown(&rule),
                FieldErrors::default(),
                Some(tried),
            )
            .await
        }
        RuleChange::Save(rule) => {
            match routing::save_rule(
                &state.db,
                desk.id,
                rule.id,
                &rule.name,
                rule.active,
                &rule.conditions,
                &rule.actions,
            )
            .await
            .map_err(AppError::from)
            {
                Ok(saved) => {
                    tracing::info!(desk = %desk.key_prefix, rule = saved, "routing rule saved");
                    back()
                }
                Err(AppError::Invalid(errors)) => refuse(errors).await,
                Err(e) => Err(e),
            }
        }
    }
}
