//! Business calendars of a desk: hours per weekday and special dates.

use crate::{Db, Result};
use atbalsts_domain::sla::{Calendar, CalendarSpec, DayKind, Holidays, Interval, SpecialDay};
use sqlx::Row;

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
