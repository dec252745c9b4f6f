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
    tx.commit().await?;
    Ok(id)
}
