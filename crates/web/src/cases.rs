//! The quick-entry page of one-stop-centre service cases
//! (`/cases/{DESK}`): front-desk staff record a finished consultation in
//! one form (the service and channel they used last preselected), and see
//! and correct their own entries of the Latvian day below it.

use crate::dates::{riga_day_of, riga_time};
use crate::flash::{self, Flash};
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::service_case::{CaseChannel, CaseOutcome, ServiceCaseForm, ServiceCaseInput};
use atbalsts_domain::FieldErrors;
use atbalsts_store::desks::Desk;
use atbalsts_store::service_cases::{self, ServiceCase};
use atbalsts_store::{catalogue, institutions, now_ms, StoreError};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use minijinja::context;

pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/cases", get(first_desk))
        .route("/cases/{desk}", get(page).post(record))
        .route("/cases/{desk}/{id}", get(edit_page).post(correct))
}

/// The desk, if the person works on it; anyone else finds no such page.
async fn staff_desk(state: &AppState, ctx: &Ctx, prefix: &str) -> AppResult<Desk> {
    let desk = crate::desks::desk(state, prefix).await?;
    if ctx.viewer()?.is_staff_on(desk.id) {
        Ok(desk)
    } else {
        Err(AppError::NotFound)
    }
}

/// The header's link: the quick-entry page of the first desk the person
/// works on.
async fn first_desk(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let desk = atbalsts_store::desks::list_desks(&state.db)
        .await?
        .into_iter()
        .find(|d| viewer.is_staff_on(d.id))
        .ok_or(AppError::NotFound)?;
    Ok(crate::http::see_other(format!(
        "/cases/{}",
        desk.key_prefix
    )))
}

/// A form filled with a saved case, for its correction.
fn form_of(c: &ServiceCase) -> ServiceCaseForm {
    ServiceCaseForm {
        case_service: c.service.clone(),
        case_channel: c.channel.code().to_owned(),
        case_minutes: c.minutes.to_string(),
        case_outcome: c.outcome.code().to_owned(),
        case_reason: c.reason.clone().unwrap_or_default(),
        case_institution: c.institution_id.to_string(),
        case_note: c.note.clone().unwrap_or_default(),
    }
}

/// The empty form, with the service and channel the person used last.
async fn fresh_form(state: &AppState, ctx: &Ctx, desk: &Desk) -> AppResult<ServiceCaseForm> {
    let last = service_cases::last_used(&state.db, ctx.viewer()?, desk.id).await?;
    let (service, channel) = match last {
        Some((s, c)) => (s, c),
        None => (String::new(), CaseChannel::InPerson),
    };
    Ok(ServiceCaseForm {
        case_service: service,
        case_channel: channel.code().to_owned(),
        case_outcome: CaseOutcome::Consulted.code().to_owned(),
        ..ServiceCaseForm::default()
    })
}

/// The page: the form (new, or the correction of `editing`) and the day's
/// own entries.
async fn render(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    status: StatusCode,
    form: &ServiceCaseForm,
    editing: Option<&ServiceCase>,
    errors: FieldErrors,
) -> AppResult<Response> {
    let viewer = ctx.viewer()?;
    let (from, to) = riga_day_of(now_ms());
    let today = service_cases::own_between(&state.db, viewer, desk.id, from, to).await?;
    let entries: Vec<_> = today
        .iter()
        .map(
            |c| context! { time => riga_time(c.created_at), ..minijinja::Value::from_serialize(c) },
        )
        .collect();
    let total: i64 = today.iter().map(|c| c.minutes).sum();
    let mut services: Vec<String> = catalogue::request_types_of(&state.db, desk.id)
        .await?
        .into_iter()
        .map(|rt| rt.service.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    services.sort();
    services.dedup();
    let institutions = institutions::list_institutions(&state.db).await?;
    state.templates.render_status(
        ctx,
        status,
        "cases/page.html",
        context! {
            desk => desk, form => form, errors => errors.0,
            editing => editing.map(|c| context! { id => c.id, key => c.ticket_key.clone() }),
            entries => entries, total_minutes => total,
            services => services, institutions => institutions,
            channels => CaseChannel::ALL.iter().map(|c| c.code()).collect::<Vec<_>>(),
            outcomes => CaseOutcome::ALL.iter().map(|c| c.code()).collect::<Vec<_>>(),
            min_minutes => ServiceCaseInput::MIN_MINUTES,
            max_minutes => ServiceCaseInput::MAX_MINUTES,
        },
    )
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
) -> AppResult<Response> {
    let desk = staff_desk(&state, &ctx, &prefix).await?;
    let form = fresh_form(&state, &ctx, &desk).await?;
    render(
        &state,
        &ctx,
        &desk,
        StatusCode::OK,
        &form,
        None,
        FieldErrors::default(),
    )
    .await
}

/// Field errors to show again with the form as typed; anything else is
/// the error page.
fn refusal<T>(result: Result<T, StoreError>) -> AppResult<Result<T, FieldErrors>> {
    match result {
        Ok(v) => Ok(Ok(v)),
        Err(StoreError::Invalid(errors)) => Ok(Err(errors)),
        Err(e) => Err(e.into()),
    }
}

async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<ServiceCaseForm>>,
) -> AppResult<Response> {
    let desk = staff_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&posted.csrf)?;
    let viewer = ctx.viewer()?;
    let saved = match ServiceCaseInput::parse(&posted.form) {
        Ok(input) => refusal(service_cases::record(&state.db, viewer, desk.id, &input).await)?,
        Err(errors) => Err(errors),
    };
    match saved {
        Ok(_) => Ok(flash::redirect(
            &format!("/cases/{}", desk.key_prefix),
            Flash::CaseRecorded,
        )),
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&state, &ctx, &desk, status, &posted.form, None, errors).await
        }
    }
}

/// The person's own case of today, or 404.
async fn editable(state: &AppState, ctx: &Ctx, desk: &Desk, id: i64) -> AppResult<ServiceCase> {
    let (from, to) = riga_day_of(now_ms());
    service_cases::own_editable(&state.db, ctx.viewer()?, id, from, to)
        .await?
        .filter(|c| c.desk_id == desk.id)
        .ok_or(AppError::NotFound)
}

async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let desk = staff_desk(&state, &ctx, &prefix).await?;
    let case = editable(&state, &ctx, &desk, id).await?;
    let form = form_of(&case);
    let (ok, none) = (StatusCode::OK, FieldErrors::default());
    render(&state, &ctx, &desk, ok, &form, Some(&case), none).await
}

async fn correct(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
    HtmlForm(posted): HtmlForm<WithCsrf<ServiceCaseForm>>,
) -> AppResult<Response> {
    let desk = staff_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&posted.csrf)?;
    let case = editable(&state, &ctx, &desk, id).await?;
    let (from, to) = riga_day_of(now_ms());
    let viewer = ctx.viewer()?;
    let saved = match ServiceCaseInput::parse(&posted.form) {
        Ok(input) => {
            refusal(service_cases::correct(&state.db, viewer, case.id, from, to, &input).await)?
        }
        Err(errors) => Err(errors),
    };
    match saved {
        Ok(()) => Ok(flash::redirect(
            &format!("/cases/{}", desk.key_prefix),
            Flash::CaseCorrected,
        )),
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(
                &state,
                &ctx,
                &desk,
                status,
                &posted.form,
                Some(&case),
                errors,
            )
            .await
        }
    }
}
