use crate::{AppResult, AppState, Ctx};
use atbalsts_domain::intake::TicketRequest;
use atbalsts_domain::{Channel, FieldError, FieldErrors, Priority};
use atbalsts_mail::intake::{self, Filer, NewTicket};
use atbalsts_store::StoreError;
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
    let Some((desk_id, type_id)) = form
        .ticket_type
        .split_once(':')
        .and_then(|(d, t)| Some((d.parse::<i64>().ok()?, t.parse::<i64>().ok()?)))
    else {
        let errors = FieldError::new("ticket_type", "error-required").into();
        return show(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, form, errors).await;
    };
    // The page shows priority, channel and requester to staff only; for
    // another desk's staff they are not sent on.
    let staff = viewer.is_staff_on(desk_id);
    let claim = |v: &str| Some(v.trim().to_owned()).filter(|v| staff && !v.is_empty());
    let request = TicketRequest {
        summary: Some(form.summary.clone()),
        description: form.description.clone(),
        priority: claim(&form.priority),
        channel: claim(&form.channel),
        requester_email: claim(&form.requester),
        ..Default::default()
    };
    let new = NewTicket {
        desk_id,
        ticket_type_id: type_id,
        request_type: None,
        channel: Channel::Portal,
        filer: Filer::Person(viewer),
        request,
        attachments: Vec::new(),
        locale: ctx.locale,
    };
    let mut errors = match intake::file(&state.db, &state.composer, new).await {
        Ok(Ok(created)) => {
            return Ok((
                StatusCode::SEE_OTHER,
                [(LOCATION, format!("/tickets/{}", created.key))],
            )
                .into_response())
        }
        Ok(Err(errs)) | Err(StoreError::Invalid(errs)) => errs,
        Err(StoreError::Forbidden) => FieldError::new("ticket_type", "error-forbidden").into(),
        Err(other) => return Err(other.into()),
    };
    for e in &mut errors.0 {
        if e.field == "requester_email" {
            e.field = "requester".into();
        }
    }
    show(&state, &ctx, StatusCode::UNPROCESSABLE_ENTITY, form, errors).await
}
