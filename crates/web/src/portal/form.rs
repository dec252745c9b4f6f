//! A request type's form: shown, re-drawn for dependent fields without a
//! script, checked on the server, and turned into a ticket with its
//! confirmation notification queued in the same transaction.

use super::{desk, fields, may_file};
use crate::uploads::{self, HeldFile};
use crate::{csrf, AppError, AppResult, AppState, Ctx};
use atbalsts_domain::form::{self, FormInput, Input};
use atbalsts_domain::intake::{Requester, TicketRequest};
use atbalsts_domain::{Channel, FieldErrors, TicketKey, Viewer};
use atbalsts_mail::intake::{self, Filer, NewTicket};
use atbalsts_store::catalogue::{self, RequestType};
use atbalsts_store::desks::Desk;
use atbalsts_store::institutions;
use axum::extract::{ConnectInfo, Multipart, Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::Deserialize;
use std::net::SocketAddr;

struct Loaded {
    desk: Desk,
    rt: RequestType,
    /// The form as this visitor sees it.
    fields: Vec<form::FormField>,
}

async fn load(state: &AppState, ctx: &Ctx, prefix: &str, code: &str) -> AppResult<Loaded> {
    let desk = desk(state, prefix).await?;
    let rt = catalogue::request_type_by_code(&state.db, desk.id, code)
        .await?
        .filter(|rt| may_file(ctx, rt))
        .ok_or(AppError::NotFound)?;
    let fields =
        atbalsts_domain::intake::form_for(&rt.form, ctx.user().is_some(), rt.open_to_external);
    Ok(Loaded { desk, rt, fields })
}

/// What a rejected or re-drawn form brings back.
#[derive(Default)]
struct Echo {
    input: FormInput,
    files: Vec<HeldFile>,
    errors: FieldErrors,
    notice: Option<&'static str>,
}

/// Whether the person works on this desk (and so may file for others).
fn staff_of(ctx: &Ctx, l: &Loaded) -> bool {
    ctx.viewer()
        .map(|v| v.is_staff_on(l.desk.id))
        .unwrap_or(false)
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    l: &Loaded,
    status: StatusCode,
    echo: Echo,
) -> AppResult<Response> {
    let directory = institutions::directory(&state.db).await?;
    let sections = fields::build(
        &l.fields,
        &echo.input,
        &directory,
        &echo.errors,
        ctx.user().is_some(),
        ctx.locale,
    );
    let other_label = state.i18n.t(ctx.locale, "form-other-specify");
    let labels = fields::error_labels(&l.fields, &echo.errors, ctx.locale, &other_label);
    let files_field = l
        .fields
        .iter()
        .find(|f| f.input == Input::Attachments)
        .map(|f| f.code.clone());
    // Articles about the request type, found by its name: shown without a
    // script too; portal.js replaces them with ones for what is typed.
    let related = crate::search::related(state, &l.rt, ctx.locale)
        .await
        .unwrap_or_else(|error| {
            tracing::warn!(%error, "no article suggestions for the form");
            Vec::new()
        });
    state.templates.render_status(
        ctx,
        status,
        "portal/form.html",
        context! {
            desk => &l.desk,
            rt_code => &l.rt.code,
            rt_id => l.rt.id,
            suggestions => related,
            title => l.rt.labels.get(ctx.locale),
            description => l.rt.descriptions.get(ctx.locale),
            sections => sections,
            errors => echo.errors,
            error_labels => labels,
            held_files => echo.files,
            files_field => files_field,
            max_upload_mb => state.config.max_upload_bytes / (1024 * 1024),
            notice => echo.notice,
            other => fields::OTHER,
            on_behalf => staff_of(ctx, l),
            on_behalf_email => echo.input.get("on_behalf_email"),
            on_behalf_channel => echo.input.get("on_behalf_channel"),
            channels => [Channel::Phone, Channel::Email, Channel::InPerson, Channel::Portal].iter().map(|c| c.code()).collect::<Vec<_>>(),
        },
    )
}

/// Fills the summary with the request type's name (for the person to make
/// it say more), and the requester and institution fields from the
/// signed-in account.
fn prefill(ctx: &Ctx, l: &Loaded) -> FormInput {
    let mut input = FormInput::default();
    for f in l.fields.iter().filter(|f| f.input == Input::Summary) {
        input
            .0
            .insert(f.code.clone(), vec![l.rt.labels.get(ctx.locale).to_owned()]);
    }
    let Some(user) = ctx.user() else {
        return input;
    };
    for f in &l.fields {
        let value = match f.input {
            Input::RequesterName => Some(user.display_name.clone()),
            Input::RequesterPhone => user.phone.clone(),
            Input::Institution => user.institution_id.map(|i| i.to_string()),
            _ => None,
        };
        if let Some(v) = value {
            input.0.insert(f.code.clone(), vec![v]);
        }
        if let (Input::Institution, Some(sub)) = (&f.input, user.sub_unit_id) {
            input.0.insert(
                format!("{}{}", f.code, form::SUB_UNIT_SUFFIX),
                vec![sub.to_string()],
            );
        }
    }
    input
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, code)): Path<(String, String)>,
) -> AppResult<Response> {
    let l = load(&state, &ctx, &prefix, &code).await?;
    let echo = Echo {
        input: prefill(&ctx, &l),
        ..Default::default()
    };
    show(&state, &ctx, &l, StatusCode::OK, echo).await
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path((prefix, code)): Path<(String, String)>,
    multipart: Multipart,
) -> AppResult<Response> {
    let l = load(&state, &ctx, &prefix, &code).await?;
    let files_field = l
        .fields
        .iter()
        .find(|f| f.input == Input::Attachments)
        .map(|f| f.code.as_str())
        .unwrap_or("files");
    // Checks the CSRF token before any file is written.
    let parsed =
        uploads::parse(&state, uploads::Sender::Page(&ctx), multipart, files_field).await?;
    let input = FormInput::from_pairs(parsed.pairs().filter(|(k, _)| !k.starts_with('_')));
    let mut echo = Echo {
        input,
        files: parsed.files.clone(),
        errors: parsed.errors.clone(),
        notice: None,
    };
    if parsed.over_quota {
        return show(&state, &ctx, &l, StatusCode::TOO_MANY_REQUESTS, echo).await;
    }
    if !parsed.get("_refresh").is_empty() {
        // "Update the form" without a script: redraw with the fields that
        // the choices so far reveal, and no errors yet.
        echo.errors = FieldErrors::default();
        return show(&state, &ctx, &l, StatusCode::OK, echo).await;
    }
    let signed_in = ctx.user().is_some();
    // Staff register requests for customers who phoned, wrote or came in.
    let on_behalf = |name: &str| Some(echo.input.get(name).to_owned()).filter(|v| !v.is_empty());
    let mut request = TicketRequest {
        answers: echo.input.clone(),
        files: echo.files.len(),
        requester_email: on_behalf("on_behalf_email"),
        ..Default::default()
    };
    if request.requester_email.is_some() {
        request.channel = on_behalf("on_behalf_channel").or(Some(String::new()));
    }
    let viewer = ctx.viewer().ok();
    let new = NewTicket {
        desk_id: l.desk.id,
        ticket_type_id: l.rt.ticket_type_id,
        request_type: Some(&l.rt),
        channel: Channel::Portal,
        filer: viewer.map_or(Filer::Visitor, Filer::Person),
        request,
        attachments: echo.files.iter().map(HeldFile::to_attachment).collect(),
        locale: ctx.locale,
    };
    let checked = match intake::check(&state.db, new).await? {
        Ok(c) if echo.errors.is_empty() => c,
        Ok(_) => return show(&state, &ctx, &l, StatusCode::UNPROCESSABLE_ENTITY, echo).await,
        Err(errors) => {
            // The staff-only claims of this form have their own inputs.
            echo.errors.0.extend(errors.0.into_iter().map(|mut e| {
                match e.field.as_str() {
                    "requester_email" if signed_in => e.field = "on_behalf_email".into(),
                    "channel" => e.field = "on_behalf_channel".into(),
                    _ => {}
                }
                e
            }));
            return show(&state, &ctx, &l, StatusCode::UNPROCESSABLE_ENTITY, echo).await;
        }
    };
    if let (false, Requester::Contact { email, .. }) = (signed_in, &checked.ticket().requester) {
        if !state.anonymous_limiter.allow(peer.ip(), email.as_str()) {
            tracing::info!(address = %peer.ip(), "anonymous submission rate-limited");
            echo.notice = Some("error-rate-limited");
            return show(&state, &ctx, &l, StatusCode::TOO_MANY_REQUESTS, echo).await;
        }
    }
    let created = checked.file(&state.db, &state.composer).await?;
    let key = created.key.to_string();
    let sig = csrf::sign(&state.secret, "sent", &key);
    Ok((
        StatusCode::SEE_OTHER,
        [(
            LOCATION,
            format!("/portal/{}/sent/{key}?s={sig}", l.desk.key_prefix),
        )],
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct SentQuery {
    #[serde(default)]
    s: String,
}

/// "Your request was received": only for whoever sent it (the link is signed).
pub async fn sent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, key)): Path<(String, String)>,
    Query(q): Query<SentQuery>,
) -> AppResult<Response> {
    let desk = desk(&state, &prefix).await?;
    if !csrf::matches(&csrf::sign(&state.secret, "sent", &key), &q.s) {
        return Err(AppError::NotFound);
    }
    let key = TicketKey::parse(&key).ok_or(AppError::NotFound)?;
    // The signed link is what lets its holder see this much of the ticket,
    // signed in or not: read it as the system does.
    let system = Viewer {
        user_id: 0,
        institution_id: None,
        sees_institution_tickets: false,
        is_system_admin: true,
        desk_roles: Vec::new(),
    };
    let ticket = atbalsts_store::tickets::ticket_for(&state.db, &system, &key)
        .await?
        .filter(|t| t.desk_id == desk.id)
        .ok_or(AppError::NotFound)?;
    state.templates.render(
        &ctx,
        "portal/sent.html",
        context! {
            key => ticket.key,
            subject => ticket.summary,
            email => ticket.requester_email,
            desk => desk,
        },
    )
}
