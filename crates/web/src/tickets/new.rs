use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::ticket::parse_long_text;
use atbalsts_domain::{Channel, FieldErrors, Priority, Summary};
use atbalsts_store::tickets::{create_ticket, NewTicket};
use atbalsts_store::{desks, workflows};
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use minijinja::context;
use serde::{Deserialize, Serialize};

#[derive(Deserialize, Serialize, Default, Clone)]
pub struct NewForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    ticket_type: String,
    #[serde(default)]
    requester: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    priority: String,
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
}

/// Ticket types of every desk the person may file on, as `desk_id:type_id`.
async fn type_choices(state: &AppState, ctx: &Ctx) -> AppResult<Vec<Choice>> {
    let mut out = Vec::new();
    for desk in desks::list_desks(&state.db).await? {
        for t in workflows::ticket_types_of(&state.db, desk.id).await? {
            out.push(Choice {
                value: format!("{}:{}", desk.id, t.id),
                label: format!("{} — {}", desk.key_prefix, t.labels.get(ctx.locale)),
            });
        }
    }
    Ok(out)
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    status: StatusCode,
    form: NewForm,
    errors: FieldErrors,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    state.templates.render_status(
        ctx,
        status,
        "tickets/new.html",
        context! {
            types => type_choices(state, ctx).await?,
            channels => Channel::ALL.iter().map(|c| c.code()).collect::<Vec<_>>(),
            priorities => Priority::ALL.iter().map(|p| p.code()).collect::<Vec<_>>(),
            staff => viewer.is_staff_anywhere(),
            form => form,
            errors => errors,
        },
    )
}

pub async fn page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let form = NewForm {
        priority: "medium".into(),
        channel: "phone".into(),
        ..Default::default()
    };
    show(&state, &ctx, StatusCode::OK, form, FieldErrors::default()).await
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<NewForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&form.csrf)?;
    let viewer = ctx.viewer()?;
    let mut errors = FieldErrors::default();
    let ids = form
        .ticket_type
        .split_once(':')
        .and_then(|(d, t)| Some((d.parse::<i64>().ok()?, t.parse::<i64>().ok()?)));
    if ids.is_none() {
        errors.push("ticket_type", "error-required");
    }
    let summary = errors.check(Summary::parse(&form.summary), "summary");
    let description = errors.check(parse_long_text(&form.description, false), "description");
    let staff = ids.map(|(d, _)| viewer.is_staff_on(d)).unwrap_or(false);
    let (channel, priority) = if staff {
        (
            errors.check(Channel::parse(&form.channel), "channel"),
            errors.check(Priority::parse(&form.priority), "priority"),
        )
    } else {
        (Some(Channel::Portal), Some(Priority::Medium))
    };
    let mut requester_id = Some(viewer.user_id);
    if staff && !form.requester.trim().is_empty() {
        requester_id =
            super::requester_by_email(&state.db, &form.requester, "requester", &mut errors).await?;
    }
    if let (
        true,
        Some((desk_id, type_id)),
        Some(summary),
        Some(description),
        Some(channel),
        Some(priority),
        Some(requester_id),
    ) = (
        errors.is_empty(),
        ids,
        summary,
        description,
        channel,
        priority,
        requester_id,
    ) {
        let new = NewTicket::new(
            desk_id,
            type_id,
            summary,
            description,
            requester_id,
            channel,
            priority,
        );
        match create_ticket(&state.db, viewer, &new).await {
            Ok(key) => {
                return Ok((
                    StatusCode::SEE_OTHER,
                    [(LOCATION, format!("/tickets/{key}"))],
                )
                    .into_response())
            }
            Err(e) => match AppError::from(e) {
                AppError::Invalid(errs) => errors.0.extend(errs.0),
                AppError::Forbidden => errors.push("ticket_type", "error-forbidden"),
                other => return Err(other),
            },
        }
    }
    show(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, form, errors).await
}
