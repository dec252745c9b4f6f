//! The desk's calendars: the list, a new calendar, and editing one.

use super::calendar_form::{checked, CalendarForm, DAYS};
use super::{retime_line, this_year, Saved};
use crate::admin::admin_desk;
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::sla::input;
use atbalsts_domain::sla::SpecialDay;
use atbalsts_domain::FieldErrors;
use atbalsts_store::desks::Desk;
use atbalsts_store::sla::calendars;
use axum::extract::{Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use minijinja::context;

/// The special days a new calendar with Latvian holidays starts with: the
/// Cabinet's moved working days and the Saeima's one-off holidays decided so
/// far (editable in the year view).
fn decided_days() -> Vec<SpecialDay> {
    atbalsts_domain::sla::latvia::decided_days()
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    status: StatusCode,
    form: &CalendarForm,
    errors: FieldErrors,
    notice: Option<&str>,
) -> AppResult<Response> {
    let list = calendars::list(&state.db, desk.id).await?;
    let list: Vec<_> = list
        .iter()
        .map(|c| {
            context! {
                id => c.id, code => c.code, time_zone => c.time_zone, always_open => c.always_open,
                name => if ctx.locale.code() == "en" && !c.name_en.is_empty() { &c.name_en } else { &c.name_lv },
            }
        })
        .collect();
    state.templates.render_status(
        ctx,
        status,
        "admin/sla/calendars.html",
        context! {
            desk => desk,
            calendars => list,
            form => form,
            days => DAYS,
            errors => errors,
            notice => notice,
            year => this_year(),
            retime => retime_line(state, ctx, desk.id).await?,
        },
    )
}

fn saved(desk: &Desk, id: i64) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(
            LOCATION,
            format!(
                "/admin/sla/{}/calendars/{id}?saved=calendar",
                desk.key_prefix
            ),
        )],
    )
        .into_response()
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    Query(q): Query<Saved>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let form = CalendarForm::new_calendar();
    let notice = q.message_key();
    render(
        &state,
        &ctx,
        &desk,
        StatusCode::OK,
        &form,
        FieldErrors::default(),
        notice,
    )
    .await
}

pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
    Query(q): Query<Saved>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let c = calendars::of_desk(&state.db, desk.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = CalendarForm::from_spec(
        Some(c.id),
        &c.code,
        &c.name_lv,
        &c.name_en,
        c.calendar.spec(),
    );
    let notice = q.message_key();
    render(
        &state,
        &ctx,
        &desk,
        StatusCode::OK,
        &form,
        FieldErrors::default(),
        notice,
    )
    .await
}

/// Saves the form, or shows it again with the problems next to the fields.
async fn save(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    id: Option<i64>,
    days: Vec<SpecialDay>,
    posted: &input::CalendarForm,
) -> AppResult<Response> {
    let form = CalendarForm::from_posted(id, posted);
    let refused = |errors| {
        render(
            state,
            ctx,
            desk,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form,
            errors,
            None,
        )
    };
    let input = match checked(posted, days) {
        Ok(input) => input,
        Err(errors) => return refused(errors).await,
    };
    match calendars::save(&state.db, desk.id, id, &input, false).await {
        Ok(id) => Ok(saved(desk, id)),
        Err(e) => match AppError::from(e) {
            AppError::Invalid(errors) => refused(errors).await,
            other => Err(other),
        },
    }
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(prefix): Path<String>,
    HtmlForm(posted): HtmlForm<WithCsrf<input::CalendarForm>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    ctx.check_csrf(&posted.csrf)?;
    let days = if posted.form.latvian_holidays() {
        decided_days()
    } else {
        Vec::new()
    };
    save(&state, &ctx, &desk, None, days, &posted.form).await
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id)): Path<(String, i64)>,
    HtmlForm(posted): HtmlForm<WithCsrf<input::CalendarForm>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let c = calendars::of_desk(&state.db, desk.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    ctx.check_csrf(&posted.csrf)?;
    save(
        &state,
        &ctx,
        &desk,
        Some(id),
        c.calendar.spec().days.clone(),
        &posted.form,
    )
    .await
}
