//! A request type's form: shown, re-drawn for dependent fields without a
//! script, checked on the server, and turned into a ticket with its
//! confirmation notification queued in the same transaction.

use super::{desk, fields, may_file};
use crate::uploads::{self, HeldFile};
use crate::{csrf, AppError, AppResult, AppState, Ctx};
use atbalsts_domain::custom_field::FieldValue;
use atbalsts_domain::form::{self, Answer, FormInput, Input, Institutions};
use atbalsts_domain::{Channel, Email, FieldErrors, Locale, Priority, Summary};
use atbalsts_mail::compose::About;
use atbalsts_store::catalogue::{self, RequestType};
use atbalsts_store::desks::Desk;
use atbalsts_store::tickets::{create_ticket_notifying, Actor, Contact, NewTicket};
use atbalsts_store::{custom_fields, institutions};
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
    let fields = form::for_viewer(&rt.form, ctx.user().is_some());
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

/// Fills the requester and institution fields from the signed-in account.
fn prefill(ctx: &Ctx, l: &Loaded) -> FormInput {
    let mut input = FormInput::default();
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
    let parsed = uploads::parse(&state, multipart, files_field).await?;
    ctx.check_csrf(parsed.get("_csrf"))?;
    let input = FormInput::from_pairs(parsed.pairs().filter(|(k, _)| !k.starts_with('_')));
    let mut echo = Echo {
        input,
        files: parsed.files.clone(),
        errors: parsed.errors.clone(),
        notice: None,
    };
    if !parsed.get("_refresh").is_empty() {
        // "Update the form" without a script: redraw with the fields that
        // the choices so far reveal, and no errors yet.
        echo.errors = FieldErrors::default();
        return show(&state, &ctx, &l, StatusCode::OK, echo).await;
    }
    let directory = institutions::directory(&state.db).await?;
    let choices = Institutions(
        directory
            .iter()
            .map(|(i, subs)| (i.id, subs.iter().map(|s| s.id).collect()))
            .collect(),
    );
    let signed_in = ctx.user().is_some();
    let answers = match form::validate(
        &l.fields,
        &echo.input,
        &choices,
        signed_in,
        echo.files.len(),
    ) {
        Ok(a) if echo.errors.is_empty() => a,
        Ok(_) => return show(&state, &ctx, &l, StatusCode::UNPROCESSABLE_ENTITY, echo).await,
        Err(errors) => {
            echo.errors.0.extend(errors.0);
            return show(&state, &ctx, &l, StatusCode::UNPROCESSABLE_ENTITY, echo).await;
        }
    };

    let contact = if signed_in {
        None
    } else {
        let email = answers.requester_email.as_deref().unwrap_or("");
        if !state.anonymous_limiter.allow(peer.ip(), email) {
            tracing::info!(address = %peer.ip(), "anonymous submission rate-limited");
            echo.notice = Some("error-rate-limited");
            return show(&state, &ctx, &l, StatusCode::TOO_MANY_REQUESTS, echo).await;
        }
        Some(Contact {
            email: Email::parse(email).map_err(|_| AppError::BadRequest("error-email-format"))?,
            display_name: answers.requester_name.clone().unwrap_or_default(),
            phone: answers.requester_phone.clone(),
        })
    };

    let title_lv = l.rt.labels.get(Locale::Lv);
    let summary_text = answers
        .summary
        .clone()
        .unwrap_or_else(|| title_lv.to_owned());
    let summary =
        Summary::parse(&summary_text).map_err(|_| AppError::BadRequest("error-invalid"))?;
    let description = answers.description.clone().unwrap_or_default();
    let desk_fields = custom_fields::of_desk(&state.db, l.desk.id).await?;
    let values = answers
        .values
        .iter()
        .filter_map(|(code, answer)| {
            let field = desk_fields.iter().find(|f| &f.code == code)?;
            let value = match answer {
                Answer::Text(t) => FieldValue::Text(t.clone()),
                Answer::Integer(i) => FieldValue::Integer(*i),
            };
            Some((field.id, value))
        })
        .collect();
    let mut requester_id = ctx.user().map(|u| u.id).unwrap_or(0);
    let mut channel = Channel::Portal;
    // Staff register requests for customers who phoned, wrote or came in.
    let on_behalf = echo.input.get("on_behalf_email").to_owned();
    if staff_of(&ctx, &l) && !on_behalf.is_empty() {
        let mut errors = FieldErrors::default();
        let email = errors.check(Email::parse(&on_behalf), "on_behalf_email");
        let picked = errors.check(
            Channel::parse(echo.input.get("on_behalf_channel")),
            "on_behalf_channel",
        );
        let (Some(email), Some(picked)) = (email, picked) else {
            echo.errors = errors;
            return show(&state, &ctx, &l, StatusCode::UNPROCESSABLE_ENTITY, echo).await;
        };
        let name = answers
            .requester_name
            .clone()
            .unwrap_or_else(|| email.as_str().to_owned());
        requester_id = atbalsts_store::users::contact(
            &state.db,
            &email,
            &name,
            answers.requester_phone.as_deref(),
        )
        .await?;
        channel = picked;
    }
    let mut new = NewTicket::new(
        l.desk.id,
        l.rt.ticket_type_id,
        summary,
        description.clone(),
        requester_id,
        channel,
        Priority::Medium,
    );
    new.request_type_id = Some(l.rt.id);
    new.fields = values;
    new.attachments = echo.files.iter().map(HeldFile::to_attachment).collect();
    if let Some((institution, sub_unit)) = answers.institution {
        new.institution_id = Some(institution);
        new.sub_unit_id = sub_unit;
    }
    let actor = match (&contact, ctx.viewer()) {
        (Some(c), _) => Actor::Anonymous(c),
        (None, Ok(v)) => Actor::Person(v),
        (None, Err(e)) => return Err(e),
    };
    // The request type's team hears of the new request in its queue.
    let agents = atbalsts_store::notifications::agents_for(
        &state.db,
        l.rt.team_id,
        None,
        "new-in-queue",
        ctx.user().map(|u| u.id).unwrap_or(requester_id),
    )
    .await?;
    let created = create_ticket_notifying(&state.db, actor, &new, |created| {
        let key = created.key.to_string();
        let about = About {
            id: created.id,
            desk_id: created.desk_id,
            key: &key,
            summary: &summary_text,
        };
        let mut out =
            state
                .composer
                .request_received(created, &summary_text, &description, ctx.locale);
        for a in &agents {
            out.push(
                state
                    .composer
                    .for_agent("new-in-queue", a, about, &description),
            );
        }
        // Work waits for approval: each approver gets a link to decide.
        let requester_name = answers
            .requester_name
            .clone()
            .or_else(|| ctx.user().map(|u| u.display_name.clone()))
            .unwrap_or_else(|| created.requester_email.clone());
        for asked in &created.approvers {
            out.push(state.composer.approval_requested(
                about,
                asked,
                &requester_name,
                &description,
            ));
        }
        out
    })
    .await?;
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
    state.templates.render(
        &ctx,
        "portal/sent.html",
        context! { key => key, desk => desk },
    )
}
