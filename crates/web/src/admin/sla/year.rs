//! A calendar's year: each month as a table with days off, worked
//! Saturdays and shortened days marked in words, and a form to add or
//! remove the calendar's own special days of that year.

use super::{retime_line, Saved};
use crate::admin::admin_desk;
use crate::forms::{HtmlForm, WithCsrf};
use crate::{AppError, AppResult, AppState, Ctx};
use atbalsts_domain::sla::calendar::{FIRST_YEAR, LAST_YEAR};
use atbalsts_domain::sla::input::{self, DayChange};
use atbalsts_domain::sla::{DayKind, SpecialDay};
use atbalsts_domain::FieldErrors;
use atbalsts_store::desks::Desk;
use atbalsts_store::sla::calendars::{self, StoredCalendar};
use axum::extract::{Path, Query, State};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use minijinja::{context, Value};
use serde::Serialize;
use std::collections::BTreeMap;

/// The day form as typed, kept when refused.
#[derive(Debug, Clone, Default, Serialize)]
struct DayForm {
    day: String,
    kind: String,
    day_name_lv: String,
    day_name_en: String,
}

fn parse_year(raw: &str) -> AppResult<i16> {
    raw.parse::<i16>()
        .ok()
        .filter(|y| (FIRST_YEAR..=LAST_YEAR).contains(y))
        .ok_or(AppError::NotFound)
}

/// One month as weeks of cells (`None` before the 1st and after the last).
fn month(
    cal: &StoredCalendar,
    special: &BTreeMap<Date, &SpecialDay>,
    year: i16,
    m: i8,
) -> Vec<Vec<Option<Value>>> {
    let first = Date::new(year, m, 1).expect("valid month");
    let mut weeks = Vec::new();
    let mut week: Vec<Option<Value>> = vec![None; first.weekday().to_monday_zero_offset() as usize];
    let mut d = first;
    while d.month() == m && d.year() == year {
        let kind = special.get(&d).map(|s| s.kind.code());
        let rest = kind.is_none() && cal.calendar.working_intervals(d).is_empty();
        week.push(Some(
            context! { day => d.day(), date => d.to_string(), kind => kind, rest => rest },
        ));
        if week.len() == 7 {
            weeks.push(std::mem::take(&mut week));
        }
        match d.tomorrow() {
            Ok(n) => d = n,
            Err(_) => break,
        }
    }
    if !week.is_empty() {
        week.resize(7, None);
        weeks.push(week);
    }
    weeks
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    ctx: &Ctx,
    desk: &Desk,
    cal: &StoredCalendar,
    year: i16,
    status: StatusCode,
    form: &DayForm,
    errors: FieldErrors,
    notice: Option<&str>,
) -> AppResult<Response> {
    let days = cal.calendar.special_days(year);
    let by_date: BTreeMap<Date, &SpecialDay> = days.iter().map(|d| (d.date, d)).collect();
    let months: Vec<Value> = (1..=12)
        .map(|m| context! { number => m, weeks => month(cal, &by_date, year, m) })
        .collect();
    let en = ctx.locale.code() == "en";
    let own: Vec<Date> = cal.calendar.spec().days.iter().map(|d| d.date).collect();
    let list: Vec<Value> = days
        .iter()
        .map(|d| {
            let name = if en && !d.name_en.is_empty() { &d.name_en } else { &d.name_lv };
            context! {
                date => d.date.to_string(),
                date_text => format!("{:02}.{:02}.{}.", d.date.day(), d.date.month(), d.date.year()),
                kind => d.kind.code(),
                name => name,
                own => own.contains(&d.date),
            }
        })
        .collect();
    let name = if en && !cal.name_en.is_empty() {
        &cal.name_en
    } else {
        &cal.name_lv
    };
    state.templates.render_status(
        ctx,
        status,
        "admin/sla/year.html",
        context! {
            desk => desk,
            calendar => context! { id => cal.id, name => name, always_open => cal.calendar.spec().always_open },
            year => year,
            prev => (year > FIRST_YEAR).then_some(year - 1),
            next => (year < LAST_YEAR).then_some(year + 1),
            months => months,
            special => list,
            kinds => [DayKind::DayOff, DayKind::WorkingDay, DayKind::ShortDay].map(|k| k.code()),
            form => form,
            errors => errors,
            notice => notice,
            retime => retime_line(state, ctx, desk.id).await?,
        },
    )
}

async fn calendar_of(state: &AppState, desk: &Desk, id: i64) -> AppResult<StoredCalendar> {
    calendars::of_desk(&state.db, desk.id, id)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id, year)): Path<(String, i64, String)>,
    Query(q): Query<Saved>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let year = parse_year(&year)?;
    let cal = calendar_of(&state, &desk, id).await?;
    let form = DayForm {
        kind: DayKind::DayOff.code().into(),
        ..Default::default()
    };
    let notice = q.message_key();
    render(
        &state,
        &ctx,
        &desk,
        &cal,
        year,
        StatusCode::OK,
        &form,
        FieldErrors::default(),
        notice,
    )
    .await
}

/// Adds (`action=add`) or removes (`action=remove`, `date`) a special day.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((prefix, id, year)): Path<(String, i64, String)>,
    HtmlForm(posted): HtmlForm<WithCsrf<input::DayForm>>,
) -> AppResult<Response> {
    let desk = admin_desk(&state, &ctx, &prefix).await?;
    let year = parse_year(&year)?;
    let cal = calendar_of(&state, &desk, id).await?;
    ctx.check_csrf(&posted.csrf)?;
    let back = |y: i16| {
        (
            StatusCode::SEE_OTHER,
            [(
                LOCATION,
                format!(
                    "/admin/sla/{}/calendars/{id}/{y}?saved=day",
                    desk.key_prefix
                ),
            )],
        )
            .into_response()
    };
    let posted = posted.form;
    let form = DayForm {
        day: posted.day.trim().into(),
        kind: posted.day_kind.trim().into(),
        day_name_lv: posted.day_name_lv.trim().into(),
        day_name_en: posted.day_name_en.trim().into(),
    };
    let refused = |errors| {
        render(
            &state,
            &ctx,
            &desk,
            &cal,
            year,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form,
            errors,
            None,
        )
    };
    let day = match posted.parse() {
        Ok(DayChange::Remove(date)) => {
            calendars::set_day(&state.db, desk.id, id, date, None).await?;
            return Ok(back(year));
        }
        Ok(DayChange::Set(day)) => day,
        // The removed day's date is a hidden field: a damaged or forged form.
        Err(errors) => match crate::forms::shown(errors, &["date"]) {
            Ok(errors) => return refused(errors).await,
            Err(e) => return Err(e),
        },
    };
    let day_year = day.date.year();
    match calendars::set_day(&state.db, desk.id, id, day.date, Some(day)).await {
        Ok(()) => Ok(back(day_year)),
        Err(e) => match AppError::from(e) {
            AppError::Invalid(errors) => refused(errors).await,
            other => Err(other),
        },
    }
}
