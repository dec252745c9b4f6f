//! The catalogue overview: groups and request types in order, with
//! adding, reordering, export and import.

use super::admin_desk;
use crate::forms::{hidden_id, HtmlForm, WithCsrf};
use crate::uploads;
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::catalogue::input::{GroupForm, GroupInput, RequestTypeForm, RequestTypeInput};
use atbalsts_domain::{FieldError, FieldErrors, Labels};
use atbalsts_store::catalogue::{self, Movable};
use atbalsts_store::desks::{self, Desk};
use atbalsts_store::workflows;
use axum::extract::{Multipart, Path, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct Choice {
    id: i64,
    label: String,
}

/// What the two forms of the overview hold: empty, or as typed when refused.
#[derive(Default)]
struct Typed {
    request_type: RequestTypeForm,
    group: GroupForm,
}

/// What the overview page shows, with an optional message.
async fn show(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    status: StatusCode,
    errors: FieldErrors,
    notice: Option<String>,
    typed: Typed,
) -> AppResult<Response> {
    let groups = catalogue::groups_of(&state.db, desk.id).await?;
    let types = catalogue::request_types_of(&state.db, desk.id).await?;
    let ticket_types: Vec<Choice> = workflows::ticket_types_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|t| Choice {
            id: t.id,
            label: t.labels.get(ctx.locale).to_owned(),
        })
        .collect();
    let teams: Vec<Choice> = desks::teams_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|t| Choice {
            id: t.id,
            label: t.name,
        })
        .collect();
    let groups: Vec<_> = groups
        .iter()
        .map(|g| {
            context! {
                id => g.id,
                code => g.code,
                title => g.labels.get(ctx.locale),
                labels => g.labels,
                types => types.iter().filter(|t| t.group_id == g.id).map(|t| context! {
                    id => t.id,
                    code => t.code,
                    title => t.labels.get(ctx.locale),
                    fields => t.form.len(),
                    open_to_external => t.open_to_external,
                    needs_approval => t.needs_approval,
                }).collect::<Vec<_>>(),
            }
        })
        .collect();
    state.templates.render_status(
        ctx,
        status,
        "admin/catalogue.html",
        context! {
            desk => desk,
            groups => groups,
            ticket_types => ticket_types,
            teams => teams,
            errors => errors,
            notice => notice,
            nt => typed.request_type,
            ng => typed.group,
        },
    )
}

/// The overview again, with the problems found and the form as typed
/// (HTTP 422).
async fn refuse(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    errors: FieldErrors,
    typed: Typed,
) -> AppResult<Response> {
    show(
        state,
        ctx,
        desk,
        StatusCode::UNPROCESSABLE_ENTITY,
        errors,
        None,
        typed,
    )
    .await
}

fn back(desk: &Desk) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(LOCATION, format!("/admin/catalogue/{}", desk.key_prefix))],
    )
        .into_response()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    show(
        &state,
        &ctx,
        &desk,
        StatusCode::OK,
        FieldErrors::default(),
        None,
        Typed::default(),
    )
    .await
}

/// Keeps the store's field errors for the page, with the form as typed;
/// other failures pass on.
async fn or_show(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    result: Result<i64, atbalsts_store::StoreError>,
    typed: Typed,
) -> AppResult<Response> {
    match result.map_err(AppError::from) {
        Ok(_) => Ok(back(desk)),
        Err(AppError::Invalid(errors)) => refuse(state, ctx, desk, errors, typed).await,
        Err(e) => Err(e),
    }
}

pub async fn save_group(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<GroupForm>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&posted.csrf)?;
    let form = posted.form;
    let result = match GroupInput::parse(&form) {
        Ok(g) => catalogue::save_group(&state.db, desk.id, &g.code, &g.labels, &Labels::default())
            .await
            // The request type form on the page has a `code` of its own.
            .map_err(|e| match e {
                atbalsts_store::StoreError::Invalid(errors) => {
                    atbalsts_store::StoreError::Invalid(FieldErrors(
                        errors
                            .0
                            .into_iter()
                            .map(|e| match e.field.as_str() {
                                "code" => FieldError::new("group_code", e.code),
                                _ => e,
                            })
                            .collect(),
                    ))
                }
                other => other,
            }),
        Err(errors) => Err(atbalsts_store::StoreError::Invalid(errors)),
    };
    let typed = Typed {
        group: form,
        ..Typed::default()
    };
    or_show(&state, &ctx, &desk, result, typed).await
}

pub async fn create_type(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<RequestTypeForm>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&posted.csrf)?;
    let form = posted.form;
    let input = match RequestTypeInput::parse(&form, None) {
        Ok(input) => input,
        Err(errors) => {
            let errors = crate::forms::shown(errors, &["team_id"])?;
            let typed = Typed {
                request_type: form,
                ..Typed::default()
            };
            return refuse(&state, &ctx, &desk, errors, typed).await;
        }
    };
    let code = input.code.clone();
    match catalogue::save_request_type(&state.db, desk.id, &super::request_type_settings(input))
        .await
    {
        Ok(_) => Ok((
            StatusCode::SEE_OTHER,
            [(
                LOCATION,
                format!("/admin/catalogue/{}/types/{code}", desk.key_prefix),
            )],
        )
            .into_response()),
        Err(e) => {
            let typed = Typed {
                request_type: form,
                ..Typed::default()
            };
            or_show(&state, &ctx, &desk, Err(e), typed).await
        }
    }
}

/// The arrows that move a group or a request type in the overview.
#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    /// `group` or `type`.
    #[serde(default)]
    what: String,
    #[serde(default)]
    id: String,
    /// `up` or `down`.
    #[serde(default)]
    by: String,
}

pub async fn move_item(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(form): HtmlForm<MoveForm>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&form.csrf)?;
    let what = match form.what.as_str() {
        "group" => Movable::Group,
        "type" => Movable::RequestType,
        _ => return Err(AppError::BadRequest("error-form-malformed")),
    };
    let id = hidden_id(&form.id)?;
    let by = if form.by == "up" { -1 } else { 1 };
    catalogue::move_item(&state.db, desk.id, what, id, by).await?;
    Ok(back(&desk))
}

/// The desk's catalogue as a JSON file, to version it or move it.
pub async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let file = catalogue::export(&state.db, desk.id).await?;
    let name = format!("{}-catalogue.json", desk.key_prefix.to_lowercase());
    crate::http::json_download(&name, &file)
}

/// Replaces the desk's catalogue with a file's; all or nothing.
pub async fn import(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let form = uploads::parse(&state, uploads::Sender::Page(&ctx), multipart, "file").await?;
    let mut errors = form.errors.clone();
    let Some(file) = form.files.first() else {
        if errors.is_empty() {
            errors.push("file", "error-required");
        }
        return refuse(&state, &ctx, &desk, errors, Typed::default()).await;
    };
    let bytes = state
        .blobs
        .read(&file.sha256)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let outcome = match catalogue::parse(&bytes) {
        Ok(parsed) => catalogue::import(&state.db, desk.id, &parsed).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(count) => {
            tracing::info!(desk = %desk.key_prefix, count, "catalogue imported");
            let notice = state.i18n.t_args(
                ctx.locale,
                "catalogue-imported",
                &[("count", atbalsts_i18n::Arg::Num(count as f64))],
            );
            show(
                &state,
                &ctx,
                &desk,
                StatusCode::OK,
                FieldErrors::default(),
                Some(notice),
                Typed::default(),
            )
            .await
        }
        Err(e) => {
            tracing::info!(desk = %desk.key_prefix, error = %e, "catalogue import refused");
            let message = state.i18n.t_args(
                ctx.locale,
                e.key,
                &[("detail", atbalsts_i18n::Arg::Str(e.detail.clone()))],
            );
            let mut errors = FieldErrors::default();
            errors.push("file", "error-catalogue-refused");
            show(
                &state,
                &ctx,
                &desk,
                StatusCode::UNPROCESSABLE_ENTITY,
                errors,
                Some(message),
                Typed::default(),
            )
            .await
        }
    }
}
