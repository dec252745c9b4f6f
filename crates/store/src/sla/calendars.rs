//! Business calendars of a desk: hours per weekday and special dates.

use crate::{Db, Result};
use atbalsts_domain::sla::{Calendar, CalendarSpec, DayKind, Holidays, Interval, SpecialDay};
use sqlx::Row;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Calendars already loaded and checked, by id (see [`cached`]).
pub(crate) type Cache = Arc<Mutex<HashMap<i64, Arc<StoredCalendar>>>>;

/// A calendar as stored, with its checked value.
#[derive(Debug, Clone)]
pub struct StoredCalendar {
    pub id: i64,
    pub desk_id: i64,
    pub code: String,
    pub name_lv: String,
    pub name_en: String,
    pub version: i64,
    pub calendar: Calendar,
}

/// Loads a calendar with its hours and special days.
pub async fn get(db: &Db, id: i64) -> Result<Option<StoredCalendar>> {
    let Some(row) = sqlx::query(
        "SELECT id, desk_id, code, name_lv, name_en, time_zone, always_open, holidays, \
         shorten_before_holiday, version FROM sla_calendars WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.read())
    .await?
    else {
        return Ok(None);
    };
    let mut week: [Vec<Interval>; 7] = Default::default();
    for r in sqlx::query(
        "SELECT weekday, start_sec, end_sec FROM sla_calendar_hours WHERE calendar_id = $1 \
         ORDER BY weekday, start_sec",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?
    {
        let weekday: i64 = r.try_get(0)?;
        let (start, end): (i64, i64) = (r.try_get(1)?, r.try_get(2)?);
        if let Some(day) = week.get_mut((weekday - 1) as usize) {
            day.push(Interval {
                start: start as u32,
                end: end as u32,
            });
        }
    }
    let mut days = Vec::new();
    for r in sqlx::query(
        "SELECT day, kind, name_lv, name_en FROM sla_calendar_days WHERE calendar_id = $1 ORDER BY day",
    )
    .bind(id)
    .fetch_all(db.read())
    .await?
    {
        let day: String = r.try_get(0)?;
        let kind: String = r.try_get(1)?;
        if let (Ok(date), Some(kind)) = (day.parse(), DayKind::parse(&kind)) {
            days.push(SpecialDay {
                date,
                kind,
                name_lv: r.try_get(2)?,
                name_en: r.try_get(3)?,
            });
        }
    }
    let holidays: String = row.try_get(7)?;
    let spec = CalendarSpec {
        time_zone: row.try_get(5)?,
        always_open: row.try_get::<i64, _>(6)? != 0,
        week,
        holidays: if holidays == "lv" {
            Holidays::Latvia
        } else {
            Holidays::None
        },
        shorten_before_holiday: row.try_get::<i64, _>(8)? != 0,
        days,
    };
    let calendar = Calendar::new(spec).map_err(crate::StoreError::Invalid)?;
    Ok(Some(StoredCalendar {
        id: row.try_get(0)?,
        desk_id: row.try_get(1)?,
        code: row.try_get(2)?,
        name_lv: row.try_get(3)?,
        name_en: row.try_get(4)?,
        version: row.try_get(9)?,
        calendar,
    }))
}

/// A calendar from the cache while its version holds (one small query),
/// else loaded again. Every instance sees an edit at once: the version is
/// read from the database each time.
pub async fn cached(db: &Db, id: i64) -> Result<Option<Arc<StoredCalendar>>> {
    let Some(row) = sqlx::query("SELECT version FROM sla_calendars WHERE id = $1")
        .bind(id)
        .fetch_optional(db.read())
        .await?
    else {
        return Ok(None);
    };
    let version: i64 = row.try_get(0)?;
    if let Some(hit) = db
        .sla_calendars
        .lock()
        .expect("calendar cache")
        .get(&id)
        .filter(|c| c.version == version)
    {
        return Ok(Some(hit.clone()));
    }
    let Some(loaded) = get(db, id).await? else {
        return Ok(None);
    };
    let loaded = Arc::new(loaded);
    db.sla_calendars
        .lock()
        .expect("calendar cache")
        .insert(id, loaded.clone());
    Ok(Some(loaded))
}

/// Creates a calendar of a desk from a checked spec; returns its id.
pub async fn create(
    db: &Db,
    desk_id: i64,
    code: &str,
    name_lv: &str,
    name_en: &str,
    calendar: &Calendar,
) -> Result<i64> {
    let spec = calendar.spec();
    let mut tx = db.write().begin().await?;
    let row = sqlx::query(
        "INSERT INTO sla_calendars (desk_id, code, name_lv, name_en, time_zone, always_open, holidays, \
         shorten_before_holiday, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(desk_id)
    .bind(code)
    .bind(name_lv)
    .bind(name_en)
    .bind(&spec.time_zone)
    .bind(i64::from(spec.always_open))
    .bind(match spec.holidays {
        Holidays::Latvia => "lv",
        Holidays::None => "",
    })
    .bind(i64::from(spec.shorten_before_holiday))
    .bind(crate::now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    for (i, day) in spec.week.iter().enumerate() {
        for iv in day {
            sqlx::query(
                "INSERT INTO sla_calendar_hours (calendar_id, weekday, start_sec, end_sec) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(i as i64 + 1)
            .bind(i64::from(iv.start))
            .bind(i64::from(iv.end))
            .execute(&mut *tx)
            .await?;
        }
    }
    for d in &spec.days {
        sqlx::query(
            "INSERT INTO sla_calendar_days (calendar_id, day, kind, name_lv, name_en) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(d.date.to_string())
        .bind(d.kind.code())
        .bind(&d.name_lv)
        .bind(&d.name_en)
        .execute(&mut *tx)
        .await?;
    }
    super::refresh::bump_version(&mut tx, desk_id).await?;
    tx.commit().await?;
    Ok(id)
}

/// A calendar in a desk's list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CalendarSummary {
    pub id: i64,
    pub code: String,
    pub name_lv: String,
    pub name_en: String,
    pub time_zone: String,
    pub always_open: bool,
    pub version: i64,
}

/// The desk's calendars by code.
pub async fn list(db: &Db, desk_id: i64) -> Result<Vec<CalendarSummary>> {
    let rows = sqlx::query(
        "SELECT id, code, name_lv, name_en, time_zone, always_open, version FROM sla_calendars \
         WHERE desk_id = $1 ORDER BY code",
    )
    .bind(desk_id)
    .fetch_all(db.read())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(CalendarSummary {
                id: r.try_get(0)?,
                code: r.try_get(1)?,
                name_lv: r.try_get(2)?,
                name_en: r.try_get(3)?,
                time_zone: r.try_get(4)?,
                always_open: r.try_get::<i64, _>(5)? != 0,
                version: r.try_get(6)?,
            })
        })
        .collect()
}

/// A calendar of this desk; `None` for another desk's (the pages answer 404).
pub async fn of_desk(db: &Db, desk_id: i64, id: i64) -> Result<Option<StoredCalendar>> {
    Ok(get(db, id).await?.filter(|c| c.desk_id == desk_id))
}

/// What an administrator saves: code, names and a checked calendar.
#[derive(Debug, Clone)]
pub struct CalendarInput {
    pub code: String,
    pub name_lv: String,
    pub name_en: String,
    pub calendar: Calendar,
}

/// Creates (`id` = None) or changes a calendar of a desk. A change keeps the
/// calendar's special days unless `replace_days`, bumps its version and
/// starts a re-time run of the desk's open tickets in the same transaction.
/// Returns the calendar's id.
pub async fn save(
    db: &Db,
    desk_id: i64,
    id: Option<i64>,
    input: &CalendarInput,
    replace_days: bool,
) -> Result<i64> {
    let mut tx = db.write().begin().await?;
    let id = save_in(&mut tx, desk_id, id, input, replace_days).await?;
    if id.1 {
        super::retime_runs::start(&mut tx, desk_id, &format!("calendar:{}", input.code)).await?;
    }
    tx.commit().await?;
    Ok(id.0)
}

/// The work of [`save`] inside a transaction; also returns whether an
/// existing calendar changed (so open tickets need re-timing).
pub(crate) async fn save_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    desk_id: i64,
    id: Option<i64>,
    input: &CalendarInput,
    replace_days: bool,
) -> Result<(i64, bool)> {
    let spec = input.calendar.spec();
    let holidays = match spec.holidays {
        Holidays::Latvia => "lv",
        Holidays::None => "",
    };
    let taken = sqlx::query("SELECT id FROM sla_calendars WHERE desk_id = $1 AND code = $2")
        .bind(desk_id)
        .bind(&input.code)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get::<i64, _>(0))
        .transpose()?;
    if taken.is_some() && taken != id {
        return Err(crate::StoreError::invalid("code", "error-sla-code-taken"));
    }
    let (id, changed) = match id {
        None => {
            let row = sqlx::query(
                "INSERT INTO sla_calendars (desk_id, code, name_lv, name_en, time_zone, always_open, \
                 holidays, shorten_before_holiday, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 RETURNING id",
            )
            .bind(desk_id)
            .bind(&input.code)
            .bind(&input.name_lv)
            .bind(&input.name_en)
            .bind(&spec.time_zone)
            .bind(i64::from(spec.always_open))
            .bind(holidays)
            .bind(i64::from(spec.shorten_before_holiday))
            .bind(crate::now_ms())
            .fetch_one(&mut **tx)
            .await?;
            (row.try_get(0)?, false)
        }
        Some(id) => {
            let done = sqlx::query(
                "UPDATE sla_calendars SET code = $1, name_lv = $2, name_en = $3, time_zone = $4, \
                 always_open = $5, holidays = $6, shorten_before_holiday = $7, version = version + 1, \
                 updated_at = $8 WHERE id = $9 AND desk_id = $10",
            )
            .bind(&input.code)
            .bind(&input.name_lv)
            .bind(&input.name_en)
            .bind(&spec.time_zone)
            .bind(i64::from(spec.always_open))
            .bind(holidays)
            .bind(i64::from(spec.shorten_before_holiday))
            .bind(crate::now_ms())
            .bind(id)
            .bind(desk_id)
            .execute(&mut **tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(crate::StoreError::NotFound);
            }
            sqlx::query("DELETE FROM sla_calendar_hours WHERE calendar_id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
            (id, true)
        }
    };
    for (i, day) in spec.week.iter().enumerate() {
        for iv in day {
            sqlx::query(
                "INSERT INTO sla_calendar_hours (calendar_id, weekday, start_sec, end_sec) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(i as i64 + 1)
            .bind(i64::from(iv.start))
            .bind(i64::from(iv.end))
            .execute(&mut **tx)
            .await?;
        }
    }
    if !changed || replace_days {
        sqlx::query("DELETE FROM sla_calendar_days WHERE calendar_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        for d in &spec.days {
            insert_day(tx, id, d).await?;
        }
    }
    Ok((id, changed))
}

async fn insert_day(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    calendar_id: i64,
    d: &SpecialDay,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sla_calendar_days (calendar_id, day, kind, name_lv, name_en) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(calendar_id)
    .bind(d.date.to_string())
    .bind(d.kind.code())
    .bind(&d.name_lv)
    .bind(&d.name_en)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets one special day of a calendar (replacing one on the same date), or
/// removes the date's entry when `day.kind` is `None`; bumps the version and
/// starts a re-time run. The date is checked with the whole calendar.
pub async fn set_day(
    db: &Db,
    desk_id: i64,
    calendar_id: i64,
    date: jiff::civil::Date,
    day: Option<SpecialDay>,
) -> Result<()> {
    let Some(stored) = of_desk(db, desk_id, calendar_id).await? else {
        return Err(crate::StoreError::NotFound);
    };
    if let Some(d) = &day {
        let mut spec = stored.calendar.spec().clone();
        spec.days.retain(|x| x.date != date);
        spec.days.push(d.clone());
        // Only the date can be wrong here; name it as the form does.
        Calendar::new(spec)
            .map_err(|_| crate::StoreError::invalid("day", "error-sla-date-out-of-range"))?;
    }
    let mut tx = db.write().begin().await?;
    sqlx::query("DELETE FROM sla_calendar_days WHERE calendar_id = $1 AND day = $2")
        .bind(calendar_id)
        .bind(date.to_string())
        .execute(&mut *tx)
        .await?;
    if let Some(d) = &day {
        insert_day(&mut tx, calendar_id, d).await?;
    }
    sqlx::query("UPDATE sla_calendars SET version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(crate::now_ms())
        .bind(calendar_id)
        .execute(&mut *tx)
        .await?;
    super::retime_runs::start(&mut tx, desk_id, &format!("calendar:{}", stored.code)).await?;
    tx.commit().await?;
    Ok(())
}
