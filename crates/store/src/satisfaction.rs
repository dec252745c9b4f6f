//! Customer satisfaction surveys (issue 18). A survey is opened in the
//! transaction that moves a ticket into the resolved category, when the
//! desk asks for that ticket's request type; it keeps the team and the
//! assignee of that moment, so the figures credit who resolved it. The
//! requester answers once per ticket and may change the answer for 7 days
//! after the first one; a survey never answered closes 7 days after it was
//! sent. A low score (1–2) tells the team lead(s) in the answer's
//! transaction.

use crate::notifications::{self, NewNotification, Recipient};
use crate::reports::scope::{joins_with, push_filter, tables};
use crate::{Db, Result, Sql, StoreError};
use atbalsts_domain::reports::ReportFilter;
use atbalsts_domain::satisfaction::{is_low, Answer, SettingsInput};
use atbalsts_domain::Locale;
use serde::Serialize;
use sqlx::{Any, Row, Transaction};

/// How long a survey stays open: after it was sent, and after the first answer.
pub const WINDOW_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// A desk's survey settings. An empty question means the default wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    pub enabled: bool,
    pub question_lv: String,
    pub question_en: String,
    /// Request types that ask; none = all.
    pub request_types: Vec<i64>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            enabled: true,
            question_lv: String::new(),
            question_en: String::new(),
            request_types: Vec::new(),
        }
    }
}

impl Settings {
    /// Whether a ticket of `request_type_id` is asked.
    pub fn asks(&self, request_type_id: Option<i64>) -> bool {
        self.enabled
            && (self.request_types.is_empty()
                || request_type_id.is_some_and(|r| self.request_types.contains(&r)))
    }

    /// The desk's own question in `locale`, if it has one.
    pub fn question(&self, locale: Locale) -> Option<&str> {
        let q = match locale {
            Locale::Lv => &self.question_lv,
            Locale::En => &self.question_en,
        };
        (!q.is_empty()).then_some(q.as_str())
    }
}

async fn settings_on(conn: &mut sqlx::AnyConnection, desk_id: i64) -> Result<Settings> {
    let row = sqlx::query(
        "SELECT enabled, question_lv, question_en FROM csat_settings WHERE desk_id = $1",
    )
    .bind(desk_id)
    .fetch_optional(&mut *conn)
    .await?;
    let mut s = Settings::default();
    if let Some(r) = row {
        s.enabled = r.try_get::<i64, _>(0)? != 0;
        s.question_lv = r.try_get(1)?;
        s.question_en = r.try_get(2)?;
    }
    for r in sqlx::query(
        "SELECT request_type_id FROM csat_request_types WHERE desk_id = $1 ORDER BY request_type_id",
    )
    .bind(desk_id)
    .fetch_all(&mut *conn)
    .await?
    {
        s.request_types.push(r.try_get(0)?);
    }
    Ok(s)
}

pub async fn settings(db: &Db, desk_id: i64) -> Result<Settings> {
    let mut conn = db.read().acquire().await?;
    settings_on(&mut conn, desk_id).await
}

/// Saves a desk's settings; request types of another desk are refused.
pub async fn save_settings(db: &Db, desk_id: i64, input: &SettingsInput) -> Result<()> {
    let mut tx = db.write().begin().await?;
    for id in &input.request_types {
        let ours = sqlx::query("SELECT 1 FROM request_types WHERE id = $1 AND desk_id = $2")
            .bind(*id)
            .bind(desk_id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !ours {
            return Err(StoreError::invalid("request_types", "error-invalid"));
        }
    }
    sqlx::query(
        "INSERT INTO csat_settings (desk_id, enabled, question_lv, question_en) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (desk_id) DO UPDATE SET enabled = excluded.enabled, question_lv = excluded.question_lv, \
         question_en = excluded.question_en",
    )
    .bind(desk_id)
    .bind(input.enabled as i64)
    .bind(&input.question_lv)
    .bind(&input.question_en)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM csat_request_types WHERE desk_id = $1")
        .bind(desk_id)
        .execute(&mut *tx)
        .await?;
    for id in &input.request_types {
        sqlx::query("INSERT INTO csat_request_types (desk_id, request_type_id) VALUES ($1, $2)")
            .bind(desk_id)
            .bind(*id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One ticket's survey and, once given, its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Survey {
    pub ticket_id: i64,
    pub desk_id: i64,
    pub requester_id: i64,
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub sent_at: i64,
    pub score: Option<i64>,
    pub comment: String,
    pub answered_at: Option<i64>,
    pub changed_at: Option<i64>,
}

impl Survey {
    /// Until when it may be answered (or the answer changed).
    pub fn open_until(&self) -> i64 {
        self.answered_at.unwrap_or(self.sent_at) + WINDOW_MS
    }

    pub fn is_open(&self, now: i64) -> bool {
        now < self.open_until()
    }
}

const SURVEY_COLUMNS: &str =
    "ticket_id, desk_id, requester_id, team_id, assignee_id, sent_at, score, \
    comment, answered_at, changed_at";

fn survey(r: &sqlx::any::AnyRow) -> Result<Survey> {
    Ok(Survey {
        ticket_id: r.try_get(0)?,
        desk_id: r.try_get(1)?,
        requester_id: r.try_get(2)?,
        team_id: r.try_get(3)?,
        assignee_id: r.try_get(4)?,
        sent_at: r.try_get(5)?,
        score: r.try_get(6)?,
        comment: r.try_get(7)?,
        answered_at: r.try_get(8)?,
        changed_at: r.try_get(9)?,
    })
}

async fn survey_on(conn: &mut sqlx::AnyConnection, ticket_id: i64) -> Result<Option<Survey>> {
    let row = sqlx::query(&format!(
        "SELECT {SURVEY_COLUMNS} FROM csat_surveys WHERE ticket_id = $1"
    ))
    .bind(ticket_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(survey).transpose()
}

/// The ticket's survey, if one was sent. Callers check who may see it.
pub async fn survey_of(db: &Db, ticket_id: i64) -> Result<Option<Survey>> {
    let mut conn = db.read().acquire().await?;
    survey_on(&mut conn, ticket_id).await
}

/// Whether resolving `ticket` now would ask its requester (and so whether
/// the resolved mail carries the survey link): the desk asks for its
/// request type, and no survey of it has closed already.
pub async fn will_ask(db: &Db, ticket: &crate::tickets::Ticket, now: i64) -> Result<bool> {
    let mut conn = db.read().acquire().await?;
    if !settings_on(&mut conn, ticket.desk_id)
        .await?
        .asks(ticket.request_type_id)
    {
        return Ok(false);
    }
    Ok(survey_on(&mut conn, ticket.id)
        .await?
        .is_none_or(|s| s.is_open(now)))
}

/// Opens the ticket's survey as it is resolved, inside the transaction of
/// the move, when its desk asks for its request type. A ticket resolved
/// again keeps its first survey (one answer per ticket).
/// The migration that made the survey tables.
const CSAT_SCHEMA: i64 = 34;

pub(crate) async fn open(
    tx: &mut Transaction<'static, Any>,
    ticket_id: i64,
    now: i64,
) -> Result<()> {
    // A database not yet at the survey schema (tests seed data at earlier
    // versions to test their upgrade) asks nobody; asked in the
    // transaction, as a failed statement would end it on PostgreSQL.
    let surveys = sqlx::query("SELECT 1 FROM schema_migrations WHERE version = $1")
        .bind(CSAT_SCHEMA)
        .fetch_optional(&mut **tx)
        .await?;
    if surveys.is_none() {
        return Ok(());
    }
    let t = sqlx::query(
        "SELECT desk_id, request_type_id, requester_id, team_id, assignee_id FROM tickets WHERE id = $1",
    )
    .bind(ticket_id)
    .fetch_one(&mut **tx)
    .await?;
    let desk_id: i64 = t.try_get(0)?;
    if !settings_on(tx, desk_id).await?.asks(t.try_get(1)?) {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO csat_surveys (ticket_id, desk_id, requester_id, team_id, assignee_id, sent_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (ticket_id) DO NOTHING",
    )
    .bind(ticket_id)
    .bind(desk_id)
    .bind(t.try_get::<i64, _>(2)?)
    .bind(t.try_get::<Option<i64>, _>(3)?)
    .bind(t.try_get::<Option<i64>, _>(4)?)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records (or changes) the requester's answer as of `now`. Not the
/// requester's survey (or none sent): `NotFound`; closed: a conflict
/// `csat-closed`. When the score is low and was not low before, the
/// notifications `compose` makes for the team lead(s) of the ticket's team
/// are queued in the same transaction.
pub async fn answer(
    db: &Db,
    ticket_id: i64,
    requester_id: i64,
    answer: &Answer,
    now: i64,
    compose: impl FnOnce(&[Recipient]) -> Vec<NewNotification>,
) -> Result<Survey> {
    if !(1..=5).contains(&answer.score) {
        return Err(StoreError::invalid("score", "error-csat-score"));
    }
    let mut tx = db.write().begin().await?;
    let before = survey_on(&mut tx, ticket_id)
        .await?
        .filter(|s| s.requester_id == requester_id)
        .ok_or(StoreError::NotFound)?;
    if !before.is_open(now) {
        return Err(StoreError::Conflict("csat-closed"));
    }
    let changed = sqlx::query(
        "UPDATE csat_surveys SET score = $1, comment = $2, answered_at = COALESCE(answered_at, $3), \
         changed_at = $3 WHERE ticket_id = $4 AND (answered_at IS NULL OR answered_at > $5)",
    )
    .bind(answer.score)
    .bind(&answer.comment)
    .bind(now)
    .bind(ticket_id)
    .bind(now - WINDOW_MS)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(StoreError::Conflict("csat-closed"));
    }
    if is_low(answer.score) && !before.score.is_some_and(is_low) {
        let team: i64 = sqlx::query("SELECT team_id FROM tickets WHERE id = $1")
            .bind(ticket_id)
            .fetch_one(&mut *tx)
            .await?
            .try_get::<Option<i64>, _>(0)?
            .or(before.team_id)
            .unwrap_or_default();
        let teams: Vec<i64> = (team != 0).then_some(team).into_iter().collect();
        let leads = notifications::team_leads(&mut tx, before.desk_id, &teams).await?;
        for n in compose(&leads) {
            notifications::queue(&mut tx, &n).await?;
        }
    }
    let after = survey_on(&mut tx, ticket_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    tx.commit().await?;
    Ok(after)
}

/// Counts of one group of surveys.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    /// Surveys sent.
    pub surveys: i64,
    /// Of them answered.
    pub answers: i64,
    /// Answers with score 1, 2, 3, 4, 5.
    pub distribution: [i64; 5],
}

impl Figures {
    fn add(&mut self, score: Option<i64>, count: i64) {
        self.surveys += count;
        if let Some(s) = score.filter(|s| (1..=5).contains(s)) {
            self.answers += count;
            self.distribution[(s - 1) as usize] += count;
        }
    }

    /// The mean score of the answers, if any.
    pub fn mean(&self) -> Option<f64> {
        let sum: i64 = self
            .distribution
            .iter()
            .enumerate()
            .map(|(i, n)| (i as i64 + 1) * n)
            .sum();
        (self.answers > 0).then(|| sum as f64 / self.answers as f64)
    }

    /// Answers per survey sent, 0..=1, if any were sent.
    pub fn response_rate(&self) -> Option<f64> {
        (self.surveys > 0).then(|| self.answers as f64 / self.surveys as f64)
    }
}

/// One team's or agent's figures; `id` None for surveys without one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub id: Option<i64>,
    pub name: Option<String>,
    pub figures: Figures,
}

/// A desk's survey figures for surveys sent in `[from_ms, to_ms)`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub total: Figures,
    pub teams: Vec<Group>,
    pub agents: Vec<Group>,
    /// Per service of the ticket's request type (`name` None without one).
    pub services: Vec<Group>,
}

fn group_into(groups: &mut Vec<Group>, id: Option<i64>, name: Option<String>) -> &mut Figures {
    let at = match groups.iter().position(|g| g.id == id && g.name == name) {
        Some(i) => i,
        None => {
            groups.push(Group {
                id,
                name,
                figures: Figures::default(),
            });
            groups.len() - 1
        }
    };
    &mut groups[at].figures
}

/// Per team and per agent: surveys sent, answers, the distribution of
/// scores, the mean and the response rate (read off `Figures`). One
/// grouped scan along `csat_surveys_desk_sent`.
pub async fn summary(db: &Db, desk_id: i64, from_ms: i64, to_ms: i64) -> Result<Summary> {
    summary_filtered(db, desk_id, from_ms, to_ms, None).await
}

/// As [`summary`], of the surveys whose tickets match a report filter
/// (team, service, institution, ticket and request type, channel,
/// priority: the ticket's facts now, as every report narrows them).
pub async fn summary_filtered(
    db: &Db,
    desk_id: i64,
    from_ms: i64,
    to_ms: i64,
    filter: Option<&ReportFilter>,
) -> Result<Summary> {
    let joins = filter.map_or_else(|| tables(&["rt"]), |f| joins_with(f, &["rt"]));
    let mut sql = Sql::new(&format!(
        "SELECT s.team_id, st.name, s.assignee_id, u.display_name, rt.service, s.score, COUNT(*) \
         FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id {joins} \
         LEFT JOIN teams st ON st.id = s.team_id LEFT JOIN users u ON u.id = s.assignee_id \
         WHERE s.desk_id = "
    ));
    sql.bind(desk_id)
        .push(" AND s.sent_at >= ")
        .bind(from_ms)
        .push(" AND s.sent_at < ")
        .bind(to_ms);
    if let Some(f) = filter {
        push_filter(&mut sql, f);
    }
    sql.push(" GROUP BY s.team_id, st.name, s.assignee_id, u.display_name, rt.service, s.score");
    let mut out = Summary::default();
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        let score: Option<i64> = r.try_get(5)?;
        let count: i64 = r.try_get(6)?;
        out.total.add(score, count);
        group_into(&mut out.teams, r.try_get(0)?, r.try_get(1)?).add(score, count);
        group_into(&mut out.agents, r.try_get(2)?, r.try_get(3)?).add(score, count);
        group_into(&mut out.services, None, r.try_get(4)?).add(score, count);
    }
    out.teams.sort_by(|a, b| a.name.cmp(&b.name));
    out.agents.sort_by(|a, b| a.name.cmp(&b.name));
    out.services.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// An answer with a comment, as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SurveyComment {
    pub score: i64,
    /// The customer's text, as typed: pages escape it.
    pub comment: String,
    pub ticket_key: String,
    pub team: Option<String>,
    pub answered_at: i64,
}

/// The newest `limit` comments of the surveys [`summary_filtered`] counts,
/// and how many there are in all.
pub async fn comments(
    db: &Db,
    desk_id: i64,
    from_ms: i64,
    to_ms: i64,
    filter: Option<&ReportFilter>,
    limit: i64,
) -> Result<(Vec<SurveyComment>, i64)> {
    let joins = filter.map_or_else(|| tables(&[]), |f| joins_with(f, &[]));
    let scope = |select: &str| {
        let mut sql = Sql::new(&format!(
            "SELECT {select} FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id {joins} \
             JOIN desks d ON d.id = t.desk_id LEFT JOIN teams st ON st.id = s.team_id \
             WHERE s.desk_id = "
        ));
        sql.bind(desk_id)
            .push(" AND s.sent_at >= ")
            .bind(from_ms)
            .push(" AND s.sent_at < ")
            .bind(to_ms)
            .push(" AND s.answered_at IS NOT NULL AND s.comment <> ''");
        if let Some(f) = filter {
            push_filter(&mut sql, f);
        }
        sql
    };
    let total: i64 = scope("COUNT(*)")
        .planned_each_time()
        .fetch_one(db.read())
        .await?
        .try_get(0)?;
    let mut sql = scope("s.score, s.comment, d.key_prefix, t.number, st.name, s.answered_at");
    sql.push(" ORDER BY s.answered_at DESC, s.ticket_id DESC LIMIT ")
        .bind(limit);
    let mut out = Vec::new();
    for r in sql.planned_each_time().fetch_all(db.read()).await? {
        out.push(SurveyComment {
            score: r.try_get::<Option<i64>, _>(0)?.unwrap_or_default(),
            comment: r.try_get(1)?,
            ticket_key: format!("{}-{}", r.try_get::<String, _>(2)?, r.try_get::<i64, _>(3)?),
            team: r.try_get(4)?,
            answered_at: r.try_get::<Option<i64>, _>(5)?.unwrap_or_default(),
        });
    }
    Ok((out, total))
}
