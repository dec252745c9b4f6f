//! The desk's SLA policies: the ordered list, a form to add or change one,
//! the "when would it be due?" preview, and the desk's SLA settings (what
//! counts as the first response, what customers see, which statuses pause
//! the clock).

use super::policy_form::{checked, PolicyForm};
use super::{retime_line, this_year};
use crate::admin::admin_desk;
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::sla::input::{self, PolicyAction};
use atbalsts_domain::sla::Goal;
use atbalsts_domain::{FieldErrors, Priority};
use atbalsts_store::desks::{self, Desk};
use atbalsts_store::sla::settings::{self, DeskSla, FirstResponse};
use atbalsts_store::sla::{calendars, policies};
use atbalsts_store::{catalogue, institutions, workflows};
use axum::extract::{Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::{context, Value};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    edit: Option<i64>,
    /// A creation time in Riga (`2026-12-04T16:30`) to preview due times for.
    #[serde(default)]
    preview_at: Option<String>,
    #[serde(default)]
    saved: Option<String>,
}

/// Everything the page shows besides the forms' own values.
pub(crate) struct PageParts {
    pub status: StatusCode,
    pub form: PolicyForm,
    pub errors: FieldErrors,
    pub notice: Option<String>,
    pub preview: Option<Value>,
    pub preview_at: String,
}

impl PageParts {
    pub fn new(form: PolicyForm) -> Self {
        Self {
            status: StatusCode::OK,
            form,
            errors: FieldErrors::default(),
            notice: None,
            preview: None,
            preview_at: String::new(),
        }
    }
}

fn name<'a>(ctx: &Ctx, lv: &'a str, en: &'a str) -> &'a str {
    if ctx.locale.code() == "en" && !en.is_empty() {
        en
    } else {
        lv
    }
}

pub(crate) async fn render(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    parts: PageParts,
) -> AppResult<Response> {
    let db = &state.db;
    let cals = calendars::list(db, desk.id).await?;
    let list: Vec<Value> = policies::list_for_desk(db, desk.id)
        .await?
        .iter()
        .map(|p| {
            let goals: Vec<Value> = Goal::ALL
                .iter()
                .filter_map(|g| p.goals.iter().find(|t| t.goal == *g))
                .map(|t| context! { goal => t.goal.code(), text => state.i18n.duration(ctx.locale, t.target_secs) })
                .collect();
            context! {
                id => p.id, code => p.code, name => name(ctx, &p.name_lv, &p.name_en), active => p.active,
                calendar => cals.iter().find(|c| c.id == p.calendar_id).map(|c| name(ctx, &c.name_lv, &c.name_en)),
                goals => goals,
            }
        })
        .collect();
    let calendar_choices: Vec<Value> = cals
        .iter()
        .map(|c| context! { id => c.id.to_string(), name => name(ctx, &c.name_lv, &c.name_en) })
        .collect();
    let ticket_types: Vec<Value> = workflows::ticket_types_of(db, desk.id)
        .await?
        .into_iter()
        .map(|t| context! { code => t.code, name => t.labels.get(ctx.locale).to_owned() })
        .collect();
    let types = catalogue::request_types_of(db, desk.id).await?;
    let mut services: Vec<String> = types
        .iter()
        .map(|t| t.service.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    services.sort();
    services.dedup();
    let request_types: Vec<Value> = types
        .iter()
        .map(|t| context! { id => t.id, name => t.labels.get(ctx.locale).to_owned() })
        .collect();
    let institution_choices: Vec<Value> = institutions::directory(db)
        .await?
        .into_iter()
        .map(|(i, _)| context! { id => i.id, name => i.name })
        .collect();
    let teams: Vec<Value> = desks::teams_of(db, desk.id)
        .await?
        .into_iter()
        .map(|t| context! { id => t.id.to_string(), name => t.name })
        .collect();
    let desk_sla = settings::of_desk(db, desk.id).await?;
    let statuses: Vec<Value> = settings::statuses(db, desk.id)
        .await?
        .into_iter()
        .map(|s| {
            context! {
                value => format!("{}:{}", s.workflow_id, s.code),
                id => format!("pause-{}-{}", s.workflow_id, s.code),
                workflow => s.workflow_code, name => s.labels.get(ctx.locale).to_owned(),
                category => s.category, pauses => s.pauses,
            }
        })
        .collect();
    state.templates.render_status(
        ctx,
        parts.status,
        "admin/sla/policies.html",
        context! {
            desk => desk,
            policies => list,
            form => parts.form,
            errors => parts.errors,
            notice => parts.notice,
            preview => parts.preview,
            preview_at => parts.preview_at,
            calendars => calendar_choices,
            ticket_types => ticket_types,
            priorities => Priority::ALL.iter().map(|p| p.code()).collect::<Vec<_>>(),
            services => services,
            request_types => request_types,
            institutions => institution_choices,
            teams => teams,
            settings => desk_sla,
            statuses => statuses,
            year => this_year(),
            retime => retime_line(state, ctx, desk.id).await?,
        },
    )
}

/// Due times of a saved policy's goals for a ticket created at `raw` (Riga).
async fn preview(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    policy: &policies::StoredPolicy,
    raw: &str,
) -> AppResult<Result<Value, FieldErrors>> {
    let refuse = |code| {
        Ok(Err(FieldErrors::from(atbalsts_domain::FieldError::new(
            "preview_at",
            code,
        ))))
    };
    let Ok(iso) = atbalsts_domain::form::parse_date_time(raw) else {
        return refuse("error-date-time-format");
    };
    let Ok(local) = iso.parse::<jiff::civil::DateTime>() else {
        return refuse("error-date-time-format");
    };
    let riga =
        jiff::tz::TimeZone::get("Europe/Riga").map_err(|e| AppError::Internal(e.to_string()))?;
    let Ok(start) = riga.to_ambiguous_timestamp(local).compatible() else {
        return refuse("error-date-time-format");
    };
    let cal = calendars::of_desk(&state.db, desk.id, policy.calendar_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut goals = Vec::new();
    for g in Goal::ALL {
        let Some(t) = policy.goals.iter().find(|t| t.goal == g) else {
            continue;
        };
        let due = match cal.calendar.add(start, t.target_secs) {
            Ok(due) => due,
            Err(_) => return refuse("error-sla-date-out-of-range"),
        };
        goals.push(context! {
            goal => g.code(),
            target => state.i18n.duration(ctx.locale, t.target_secs),
            due => atbalsts_i18n::format_datetime(ctx.locale, due.as_millisecond()),
            due_iso => due.to_string(),
        });
    }
    Ok(Ok(context! {
        created => atbalsts_i18n::format_datetime(ctx.locale, start.as_millisecond()),
        calendar => name(ctx, &cal.name_lv, &cal.name_en),
        goals => goals,
    }))
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let editing = match q.edit {
        Some(id) => Some(
            policies::of_desk(&state.db, desk.id, id)
                .await?
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let form = editing
        .as_ref()
        .map(PolicyForm::from_stored)
        .unwrap_or_else(PolicyForm::new_policy);
    let mut parts = PageParts::new(form);
    parts.notice = super::Saved { saved: q.saved }
        .message_key()
        .map(|key| state.i18n.t(ctx.locale, key));
    if let (Some(p), Some(raw)) = (&editing, q.preview_at.as_deref()) {
        parts.preview_at = raw.trim().to_owned();
        match preview(&state, &ctx, &desk, p, raw).await? {
            Ok(v) => parts.preview = Some(v),
            Err(errors) => {
                parts.status = StatusCode::UNPROCESSABLE_ENTITY;
                parts.errors = errors;
            }
        }
    }
    render(&state, &ctx, &desk, parts).await
}

fn back(desk: &Desk, what: &str, edit: Option<i64>) -> Response {
    let edit = edit.map(|id| format!("&edit={id}")).unwrap_or_default();
    (
        StatusCode::SEE_OTHER,
        [(
            LOCATION,
            format!("/admin/sla/{}/policies?saved={what}{edit}", desk.key_prefix),
        )],
    )
        .into_response()
}

/// Saves a policy (`action=save`), moves one (`up`/`down`, `id`), or saves
/// the desk's settings (`settings`).
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<input::PolicyForm>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&posted.csrf)?;
    // Only the hidden `id` can be wrong here: a damaged or forged form.
    let action = posted
        .form
        .action()
        .map_err(|_| AppError::BadRequest("error-form-malformed"))?;
    match action {
        PolicyAction::Move { id, up } => {
            policies::move_policy(&state.db, desk.id, id, if up { -1 } else { 1 }).await?;
            Ok(back(&desk, "moved", None))
        }
        PolicyAction::Settings(s) => {
            let first_response =
                FirstResponse::parse(&s.first_response).map_err(AppError::BadRequest)?;
            let desk_sla = DeskSla {
                first_response,
                show_customer: s.show_customer,
            };
            settings::save(&state.db, desk.id, desk_sla, &s.pausing).await?;
            Ok(back(&desk, "settings", None))
        }
        PolicyAction::Save(id) => {
            if let Some(id) = id {
                policies::of_desk(&state.db, desk.id, id)
                    .await?
                    .ok_or(AppError::NotFound)?;
            }
            let result = match checked(&posted.form) {
                Ok((p, active)) => policies::save(&state.db, desk.id, id, &p, active)
                    .await
                    .map_err(AppError::from),
                Err(errors) => Err(AppError::Invalid(errors)),
            };
            match result {
                Ok(saved) => Ok(back(&desk, "policy", Some(saved))),
                Err(AppError::Invalid(errors)) => {
                    let mut parts = PageParts::new(PolicyForm::from_posted(id, &posted.form));
                    parts.status = StatusCode::UNPROCESSABLE_ENTITY;
                    parts.errors = errors;
                    render(&state, &ctx, &desk, parts).await
                }
                Err(e) => Err(e),
            }
        }
    }
}
