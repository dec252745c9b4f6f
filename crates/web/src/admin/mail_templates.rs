//! A desk's own wording of its notifications: per kind and language, a
//! subject and a plain-text body with `{placeholders}`, edited with a
//! preview filled with sample values. The HTML alternative of every message
//! is made from the same text, so one wording serves both.

use super::admin_desk;
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::mail_template::input::{MailWording, MailWordingForm, WordingAction};
use atbalsts_domain::mail_template::{self, MailKind, KINDS};
use atbalsts_domain::{FieldErrors, Locale};
use atbalsts_store::desks::{self, ClosedReply, Desk};
use atbalsts_store::mail_templates;
use axum::extract::{Path, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct Row {
    code: &'static str,
    for_staff: bool,
    /// Per language: whether the desk has its own wording.
    own: Vec<(&'static str, bool)>,
}

/// Every kind, and which of them the desk has reworded; the desk's mail
/// settings.
pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let own = mail_templates::of_desk(&state.db, desk.id).await?;
    let rows: Vec<Row> = KINDS
        .iter()
        .map(|k| Row {
            code: k.code,
            for_staff: k.for_staff,
            own: Locale::ALL
                .iter()
                .map(|l| {
                    let has = own.iter().any(|t| t.kind == k.code && t.locale == l.code());
                    (l.code(), has)
                })
                .collect(),
        })
        .collect();
    let closed_reply = desks::closed_reply(&state.db, desk.id).await?.code();
    state.templates.render(
        &ctx,
        "admin/mail-templates.html",
        context! { desk => desk, rows => rows, closed_reply => closed_reply },
    )
}

/// The desk's mail settings as posted.
#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    /// A `ClosedReply` code, chosen from a select.
    #[serde(default)]
    closed_reply: String,
}

/// Saves what a reply by mail to a closed ticket does.
pub async fn save_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(form): HtmlForm<SettingsForm>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&form.csrf)?;
    let value = ClosedReply::parse(form.closed_reply.trim())
        .ok_or(AppError::BadRequest("error-form-malformed"))?;
    desks::set_closed_reply(&state.db, desk.id, value).await?;
    tracing::info!(desk = %desk.key_prefix, closed_reply = value.code(), "desk mail setting saved");
    Ok(back(&desk))
}

fn back(desk: &Desk) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            LOCATION,
            format!("/admin/mail/{}/templates", desk.key_prefix),
        )],
    )
        .into_response()
}

fn parse(kind: &str, locale: &str) -> AppResult<(&'static MailKind, Locale)> {
    let kind = mail_template::kind(kind).ok_or(AppError::NotFound)?;
    let locale = Locale::parse(locale).ok_or(AppError::NotFound)?;
    Ok((kind, locale))
}

/// What the editor shows: the wording being edited, its preview, errors.
struct Editor<'a> {
    desk: &'a Desk,
    kind: &'static MailKind,
    locale: Locale,
    subject: String,
    body: String,
    own: bool,
    errors: FieldErrors,
}

fn render(state: &AppState, ctx: &Ctx, status: StatusCode, e: Editor<'_>) -> AppResult<Response> {
    let (preview_subject, preview_body) = state.composer.preview(e.locale, &e.subject, &e.body);
    // The HTML part as the recipient sees it: our own escaped markup.
    let document = atbalsts_mail::outbound::html_of(&preview_body, e.locale.code());
    let preview_html = document
        .split_once("<body>")
        .and_then(|(_, rest)| rest.split_once("</body>"))
        .map(|(inner, _)| inner.to_owned())
        .unwrap_or_default();
    state.templates.render_status(
        ctx,
        status,
        "admin/mail-template.html",
        context! {
            desk => e.desk,
            kind => e.kind.code,
            placeholders => e.kind.placeholders,
            language => e.locale.code(),
            subject => e.subject,
            body => e.body,
            own => e.own,
            preview_subject => preview_subject,
            preview_body => preview_body,
            preview_html => preview_html,
            errors => e.errors.0,
        },
    )
}

/// The editor of one kind in one language, with the current wording.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, kind, locale)): Path<(String, String, String)>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let (kind, locale) = parse(&kind, &locale)?;
    let own = mail_templates::of_desk(&state.db, desk.id)
        .await?
        .into_iter()
        .find(|t| t.kind == kind.code && t.locale == locale.code());
    let (subject, body) = match &own {
        Some(t) => (t.subject.clone(), t.body.clone()),
        None => state.composer.default_wording(kind, locale),
    };
    render(
        &state,
        &ctx,
        StatusCode::OK,
        Editor {
            desk: &desk,
            kind,
            locale,
            subject,
            body,
            own: own.is_some(),
            errors: FieldErrors::default(),
        },
    )
}

/// Previews, saves, or goes back to the catalogue's wording.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, kind, locale)): Path<(String, String, String)>,
    HtmlForm(posted): HtmlForm<WithCsrf<MailWordingForm>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let (kind, locale) = parse(&kind, &locale)?;
    ctx.check_csrf(&posted.csrf)?;
    let viewer = ctx.viewer()?;
    let form = posted.form;
    let (subject, body) = form.typed();
    let own = mail_templates::of_desk(&state.db, desk.id)
        .await?
        .iter()
        .any(|t| t.kind == kind.code && t.locale == locale.code());
    let editor = |errors: FieldErrors, subject: String, body: String| Editor {
        desk: &desk,
        kind,
        locale,
        subject,
        body,
        own,
        errors,
    };
    match form.action() {
        WordingAction::Reset => {
            mail_templates::reset(&state.db, desk.id, kind.code, locale).await?;
            tracing::info!(desk = %desk.key_prefix, kind = kind.code, locale = locale.code(), "mail wording reset");
            Ok(back(&desk))
        }
        WordingAction::Save => {
            let saved = match MailWording::parse(kind, &form) {
                Ok(w) => mail_templates::save(
                    &state.db,
                    desk.id,
                    kind,
                    locale,
                    &w.subject,
                    &w.body,
                    viewer.user_id,
                )
                .await
                .map_err(AppError::from),
                Err(errors) => Err(AppError::Invalid(errors)),
            };
            match saved {
                Ok(()) => {
                    tracing::info!(desk = %desk.key_prefix, kind = kind.code, locale = locale.code(), "mail wording saved");
                    Ok(back(&desk))
                }
                Err(AppError::Invalid(errors)) => render(
                    &state,
                    &ctx,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    editor(errors, subject, body),
                ),
                Err(e) => Err(e),
            }
        }
        WordingAction::Preview => {
            // A preview also says what is wrong, without saving anything.
            let errors = MailWording::parse(kind, &form).err().unwrap_or_default();
            render(&state, &ctx, StatusCode::OK, editor(errors, subject, body))
        }
    }
}
