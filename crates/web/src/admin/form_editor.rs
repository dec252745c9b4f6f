//! One request type: its settings and its form, field by field (add,
//! edit, reorder, remove), with a link to preview it as a customer sees it.

use super::admin_desk;
use crate::csrf::CsrfOnly;
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::catalogue::input::{RequestTypeForm, RequestTypeInput};
use atbalsts_domain::form::input::{options_text, FieldChange, FormFieldForm};
use atbalsts_domain::form::Input;
use atbalsts_domain::posted::ticked;
use atbalsts_domain::FieldErrors;
use atbalsts_store::catalogue::{self, RequestType};
use atbalsts_store::desks::{self, Desk};
use atbalsts_store::workflows;
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::{context, Value};

async fn load(
    state: &AppState,
    ctx: &Ctx,
    prefix: &str,
    code: &str,
) -> AppResult<(Desk, RequestType)> {
    let desk = admin_desk(state, ctx, prefix).await?;
    let rt = catalogue::request_type_by_code(&state.db, desk.id, code)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((desk, rt))
}

/// The settings form as the request type holds them.
fn settings_of(rt: &RequestType) -> RequestTypeForm {
    let label =
        |l: &atbalsts_domain::Labels, lang: &str| l.0.get(lang).cloned().unwrap_or_default();
    let checkbox = |on: bool| if on { "1" } else { "" }.to_owned();
    RequestTypeForm {
        code: rt.code.clone(),
        title_lv: label(&rt.labels, "lv"),
        title_en: label(&rt.labels, "en"),
        description_lv: label(&rt.descriptions, "lv"),
        description_en: label(&rt.descriptions, "en"),
        group_id: rt.group_id.to_string(),
        ticket_type_id: rt.ticket_type_id.to_string(),
        team_id: rt.team_id.map(|t| t.to_string()).unwrap_or_default(),
        service: rt.service.clone(),
        open_to_external: checkbox(rt.open_to_external),
        needs_approval: checkbox(rt.needs_approval),
        approvers: rt.approvers.clone(),
    }
}

/// A field's inputs as typed into a refused form, in the shape the
/// template's `field_inputs` reads.
fn typed_field(f: &FormFieldForm) -> Value {
    context! {
        code => f.code,
        kind => f.kind,
        labels => context! { lv => f.label_lv, en => f.label_en },
        help => context! { lv => f.help_lv, en => f.help_en },
        required => ticked(&f.required),
        options => atbalsts_domain::posted::text(&f.options),
        other => ticked(&f.other),
        min => f.min,
        max => f.max,
        show_field => f.show_field,
        show_values => f.show_values,
    }
}

/// What a refused post leaves on the page: the settings or a field's form
/// as typed (`index`: the field saved; `None`: the field being added).
enum Refused {
    Nothing,
    Settings(RequestTypeForm),
    Field(Option<usize>, FormFieldForm),
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    rt: &RequestType,
    status: StatusCode,
    errors: FieldErrors,
    refused: Refused,
) -> AppResult<Response> {
    let (settings, refused_field) = match refused {
        Refused::Settings(typed) => (typed, None),
        Refused::Field(index, typed) => (settings_of(rt), Some((index, typed_field(&typed)))),
        Refused::Nothing => (settings_of(rt), None),
    };
    let fields: Vec<_> = rt
        .form
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (options, other, min, max) = match &f.input {
                Input::Select { options, other } => (options_text(options), *other, None, None),
                Input::Checkboxes { options } => (options_text(options), false, None, None),
                Input::Integer { min, max } => (String::new(), false, *min, *max),
                _ => (String::new(), false, None, None),
            };
            context! {
                index => i,
                code => f.code,
                kind => f.input.kind(),
                required => f.required,
                label => f.labels.get(ctx.locale),
                labels => f.labels,
                help => f.help,
                options => options,
                other => other,
                min => min,
                max => max,
                show_field => f.show_if.as_ref().map(|r| r.field.clone()).unwrap_or_default(),
                show_values => f.show_if.as_ref().map(|r| r.values.join(" ")).unwrap_or_default(),
            }
        })
        .collect();
    let groups: Vec<_> = catalogue::groups_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|g| context! { id => g.id, label => g.labels.get(ctx.locale).to_owned() })
        .collect();
    let ticket_types: Vec<_> = workflows::ticket_types_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|t| context! { id => t.id, label => t.labels.get(ctx.locale).to_owned() })
        .collect();
    let teams: Vec<_> = desks::teams_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|t| context! { id => t.id, label => t.name })
        .collect();
    state.templates.render_status(
        ctx,
        status,
        "admin/request-type.html",
        context! {
            desk => desk,
            rt => rt,
            title => rt.labels.get(ctx.locale),
            fields => fields,
            kinds => Input::KINDS,
            groups => groups,
            ticket_types => ticket_types,
            teams => teams,
            errors => errors,
            s => settings,
            // Which field form the errors belong to: "add", a field's index, or none.
            refused => refused_field.as_ref().map(|(i, _)| match i {
                Some(i) => Value::from(*i),
                None => Value::from("add"),
            }),
            typed => refused_field.map(|(_, f)| f),
        },
    )
}

/// The editor again, with the problems found (HTTP 422).
async fn refuse(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    rt: &RequestType,
    errors: FieldErrors,
    refused: Refused,
) -> AppResult<Response> {
    show(
        state,
        ctx,
        desk,
        rt,
        StatusCode::UNPROCESSABLE_ENTITY,
        errors,
        refused,
    )
    .await
}

fn back(desk: &Desk, rt: &RequestType, anchor: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            LOCATION,
            format!(
                "/admin/catalogue/{}/types/{}{anchor}",
                desk.key_prefix, rt.code
            ),
        )],
    )
        .into_response()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, code)): Path<(String, String)>,
) -> AppResult<Response> {
    let (desk, rt) = load(&state, &ctx, &prefix, &code).await?;
    show(
        &state,
        &ctx,
        &desk,
        &rt,
        StatusCode::OK,
        FieldErrors::default(),
        Refused::Nothing,
    )
    .await
}

pub async fn save_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, code)): Path<(String, String)>,
    HtmlForm(posted): HtmlForm<WithCsrf<RequestTypeForm>>,
) -> AppResult<Response> {
    let (desk, rt) = load(&state, &ctx, &prefix, &code).await?;
    ctx.check_csrf(&posted.csrf)?;
    let form = posted.form;
    let saved = match RequestTypeInput::parse(&form, Some(&rt.code)) {
        Ok(input) => {
            catalogue::save_request_type(&state.db, desk.id, &super::request_type_settings(input))
                .await
                .map_err(AppError::from)
        }
        Err(errors) => Err(AppError::Invalid(crate::forms::shown(
            errors,
            &["team_id"],
        )?)),
    };
    match saved {
        Ok(_) => Ok(back(&desk, &rt, "")),
        Err(AppError::Invalid(errors)) => {
            refuse(&state, &ctx, &desk, &rt, errors, Refused::Settings(form)).await
        }
        Err(e) => Err(e),
    }
}

/// Adds, saves, moves or removes one field of the form.
pub async fn change_field(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, code)): Path<(String, String)>,
    HtmlForm(posted): HtmlForm<WithCsrf<FormFieldForm>>,
) -> AppResult<Response> {
    let (desk, rt) = load(&state, &ctx, &prefix, &code).await?;
    ctx.check_csrf(&posted.csrf)?;
    let typed = posted.form;
    let mut form = rt.form.clone();
    let change = FieldChange::parse(&typed, form.len());
    let errors = match change {
        Ok(change) => {
            change.apply(&mut form);
            match catalogue::save_form(&state.db, rt.id, &form)
                .await
                .map_err(AppError::from)
            {
                Ok(()) => return Ok(back(&desk, &rt, "#fields")),
                Err(AppError::Invalid(e)) => e,
                Err(e) => return Err(e),
            }
        }
        // Which field and what to do are the page's buttons, not typed.
        Err(errors) => crate::forms::shown(errors, &["index", "action"])?,
    };
    let index = typed
        .index
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|_| typed.action == "save");
    refuse(
        &state,
        &ctx,
        &desk,
        &rt,
        errors,
        Refused::Field(index, typed),
    )
    .await
}

pub async fn retire(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, code)): Path<(String, String)>,
    HtmlForm(form): HtmlForm<CsrfOnly>,
) -> AppResult<Response> {
    let (desk, rt) = load(&state, &ctx, &prefix, &code).await?;
    ctx.check_csrf(&form.csrf)?;
    catalogue::retire_request_type(&state.db, desk.id, rt.id).await?;
    Ok((
        StatusCode::SEE_OTHER,
        [(LOCATION, format!("/admin/catalogue/{}", desk.key_prefix))],
    )
        .into_response())
}
