//! The macros page of a desk: staff see and use the desk's shared macros
//! and keep their own; desk administrators and team leads change the
//! shared ones.

use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::macros::{MacroChange, MacroForm};
use atbalsts_domain::{FieldErrors, Priority, Role};
use atbalsts_store::desks::Desk;
use atbalsts_store::macros::{self, MacroInput, PLACEHOLDERS};
use axum::extract::{Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::{context, Value};
use serde::Deserialize;

/// The desk, if the person works on it; otherwise 404.
async fn staff_desk(state: &AppState, ctx: &Ctx, prefix: &str) -> AppResult<Desk> {
    let desk = crate::desks::desk(state, prefix).await?;
    if ctx.viewer()?.is_staff_on(desk.id) {
        Ok(desk)
    } else {
        Err(AppError::NotFound)
    }
}

#[derive(Deserialize, Default)]
pub struct EditQuery {
    #[serde(default)]
    edit: Option<i64>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    status: StatusCode,
    form: Value,
    errors: FieldErrors,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let list = macros::usable(&state.db, viewer, desk.id).await?;
    let may_share = viewer.is_system_admin
        || viewer.has_role(desk.id, Role::DeskAdmin)
        || viewer.has_role(desk.id, Role::TeamLead);
    let mut statuses: Vec<(String, String)> = Vec::new();
    for tt in atbalsts_store::workflows::ticket_types_of(&state.db, desk.id).await? {
        let (_, infos) = atbalsts_store::workflows::workflow(&state.db, tt.workflow_id).await?;
        for s in infos {
            if !statuses.iter().any(|(c, _)| *c == s.code) {
                statuses.push((s.code.clone(), s.labels.get(ctx.locale).to_owned()));
            }
        }
    }
    let statuses: Vec<Value> = statuses
        .into_iter()
        .map(|(code, label)| context! { code => code, label => label })
        .collect();
    state.templates.render_status(
        ctx,
        status,
        "admin/macros.html",
        context! {
            desk => desk, macros => list, form => form, errors => errors.0,
            may_share => may_share, statuses => statuses,
            placeholders => PLACEHOLDERS,
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
    let desk = staff_desk(&state, &ctx, &prefix).await?;
    let form = match q.edit {
        Some(id) => {
            let m = macros::by_id(&state.db, ctx.viewer()?, id)
                .await?
                .filter(|m| m.desk_id == desk.id)
                .ok_or(AppError::NotFound)?;
            context! { id => m.id, shared => m.owner_id.is_none(), ..Value::from_serialize(&m) }
        }
        None => context! { is_public => true },
    };
    render(
        &state,
        &ctx,
        &desk,
        StatusCode::OK,
        form,
        FieldErrors::default(),
    )
    .await
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<MacroForm>>,
) -> AppResult<Response> {
    let desk = staff_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&posted.csrf)?;
    let viewer = ctx.viewer()?;
    let form = posted.form;
    let back = (
        StatusCode::SEE_OTHER,
        [(LOCATION, format!("/macros/{}", desk.key_prefix))],
    );
    let outcome = match MacroChange::parse(&form, PLACEHOLDERS) {
        Ok(MacroChange::Delete(id)) => {
            macros::delete(&state.db, viewer, id).await?;
            return Ok(back.into_response());
        }
        Ok(MacroChange::Save(draft)) => {
            let input = MacroInput {
                name: draft.name,
                body_lv: draft.body_lv,
                body_en: draft.body_en,
                is_public: draft.is_public,
                set_status: draft.set_status,
                set_priority: draft.set_priority.map(|p| p.code().to_owned()),
                shared: draft.shared,
            };
            macros::save(&state.db, viewer, desk.id, draft.id, &input)
                .await
                .map_err(AppError::from)
        }
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match outcome {
        Ok(_) => Ok(back.into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = crate::forms::shown(errors, &["id"])?;
            // The form again as typed.
            let form = context! {
                id => form.id.trim().parse::<i64>().ok(),
                name => form.macro_name,
                body_lv => atbalsts_domain::posted::text(&form.macro_body_lv),
                body_en => atbalsts_domain::posted::text(&form.macro_body_en),
                is_public => form.visibility.trim() != "internal",
                set_status => form.set_status.trim(),
                set_priority => form.macro_priority.trim(),
                shared => atbalsts_domain::posted::ticked(&form.shared),
            };
            render(
                &state,
                &ctx,
                &desk,
                StatusCode::UNPROCESSABLE_ENTITY,
                form,
                errors,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
