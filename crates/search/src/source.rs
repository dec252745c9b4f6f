//! What the index holds, read from the database with plain SQL: the one
//! source of truth. A requested entity that is not found (deleted, a
//! retired request type) comes back as `None` and leaves the index.

use crate::document::{plain_text, Document, Text};
use crate::scope::{REQUEST_TYPE_PUBLIC, TICKET_STAFF};
use crate::{Kind, Result};
use atbalsts_store::{Db, Labels, Sql};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::BTreeMap;

/// Which entities of a kind to load.
#[derive(Debug, Clone, Copy)]
pub enum Select<'a> {
    /// These ids (a catch-up).
    Ids(&'a [i64]),
    /// The next `limit` ids after `after`, in order (a rebuild).
    After { after: i64, limit: i64 },
}

/// What loading gave: each entity looked at, with its document or `None`
/// when it is not (or no longer) to be found.
pub type Loaded = Vec<(i64, Option<Document>)>;

/// Loads the entities of `kind` chosen by `select`. With [`Select::Ids`],
/// every id asked for is in the answer.
pub async fn load(db: &Db, kind: Kind, select: Select<'_>) -> Result<Loaded> {
    let mut found = match kind {
        Kind::Ticket => tickets(db, select).await?,
        Kind::Article => articles(db, select).await?,
        Kind::RequestType => request_types(db, select).await?,
    };
    if let Select::Ids(ids) = select {
        for id in ids {
            if !found.iter().any(|(f, _)| f == id) {
                found.push((*id, None));
            }
        }
    }
    Ok(found)
}

/// `WHERE <column> IN (...)` or `WHERE <column> > $n ORDER BY ... LIMIT $m`.
fn select_sql(sql: &mut Sql, column: &str, select: Select<'_>) {
    match select {
        Select::Ids(ids) => {
            sql.push(&format!(" WHERE {column} IN ("))
                .bind_list(ids)
                .push(&format!(") ORDER BY {column}"));
        }
        Select::After { after, limit } => {
            sql.push(&format!(" WHERE {column} > "))
                .bind(after)
                .push(&format!(" ORDER BY {column} LIMIT "))
                .bind(limit);
        }
    }
}

/// Texts of many entities, by id, in row order, from `sql` whose first
/// column is the entity id.
async fn grouped<T>(
    db: &Db,
    sql: &Sql,
    mut each: impl FnMut(&AnyRow) -> Result<T>,
) -> Result<BTreeMap<i64, Vec<T>>> {
    let mut map: BTreeMap<i64, Vec<T>> = BTreeMap::new();
    for row in sql.fetch_all(db.read()).await? {
        let id: i64 = row.try_get(0)?;
        map.entry(id).or_default().push(each(&row)?);
    }
    Ok(map)
}

/// Tickets: the summary is the title; description and public replies the
/// body. Their language is not known, so the text goes into both.
async fn tickets(db: &Db, select: Select<'_>) -> Result<Loaded> {
    let mut sql = Sql::new(
        "SELECT t.id, t.desk_id, t.institution_id, t.status, t.summary, t.description, \
         t.updated_at, d.key_prefix, t.number FROM tickets t JOIN desks d ON d.id = t.desk_id",
    );
    select_sql(&mut sql, "t.id", select);
    let rows = sql.fetch_all(db.read()).await?;
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
    let mut replies = BTreeMap::new();
    if !ids.is_empty() {
        let mut sql = Sql::new("SELECT ticket_id, body FROM comments");
        sql.push(" WHERE is_public = 1 AND ticket_id IN (")
            .bind_list(&ids)
            .push(") ORDER BY ticket_id, id");
        replies = grouped(db, &sql, |r| Ok(r.try_get::<String, _>(1)?)).await?;
    }
    let mut loaded = Vec::with_capacity(rows.len());
    for r in rows {
        let id: i64 = r.try_get(0)?;
        let summary: String = r.try_get(4)?;
        let mut body: String = r.try_get(5)?;
        for reply in replies.remove(&id).unwrap_or_default() {
            body.push_str("\n\n");
            body.push_str(&reply);
        }
        let prefix: String = r.try_get(7)?;
        let number: i64 = r.try_get(8)?;
        let text = Text::new(summary, body);
        loaded.push((
            id,
            Some(Document {
                kind: Kind::Ticket,
                id,
                desk_id: r.try_get(1)?,
                institution_id: r.try_get(2)?,
                visibility: TICKET_STAFF.to_owned(),
                status: r.try_get(3)?,
                key: format!("{prefix}-{number}"),
                lv: text.clone(),
                en: text,
                updated_at: r.try_get(6)?,
            }),
        ));
    }
    Ok(loaded)
}

/// Knowledge articles in every status (the scope decides who finds
/// drafts); each language version into the fields of its language.
async fn articles(db: &Db, select: Select<'_>) -> Result<Loaded> {
    let mut sql = Sql::new(
        "SELECT a.id, a.desk_id, a.status, a.visibility, a.institution_id, a.updated_at \
         FROM kb_articles a",
    );
    select_sql(&mut sql, "a.id", select);
    let rows = sql.fetch_all(db.read()).await?;
    let ids: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
    let mut texts = BTreeMap::new();
    if !ids.is_empty() {
        let mut sql = Sql::new("SELECT article_id, locale, title, body_md FROM kb_article_texts");
        sql.push(" WHERE article_id IN (")
            .bind_list(&ids)
            .push(") ORDER BY article_id, locale");
        texts = grouped(db, &sql, |r| {
            Ok((
                r.try_get::<String, _>(1)?,
                Text::new(
                    r.try_get::<String, _>(2)?,
                    plain_text(&r.try_get::<String, _>(3)?),
                ),
            ))
        })
        .await?;
    }
    let mut loaded = Vec::with_capacity(rows.len());
    for r in rows {
        let id: i64 = r.try_get(0)?;
        let (mut lv, mut en) = (Text::default(), Text::default());
        for (locale, text) in texts.remove(&id).unwrap_or_default() {
            match locale.as_str() {
                "lv" => lv = text,
                "en" => en = text,
                _ => {}
            }
        }
        loaded.push((
            id,
            Some(Document {
                kind: Kind::Article,
                id,
                desk_id: r.try_get(1)?,
                institution_id: r.try_get(4)?,
                visibility: r.try_get(3)?,
                status: r.try_get(2)?,
                key: id.to_string(),
                lv,
                en,
                updated_at: r.try_get(5)?,
            }),
        ));
    }
    Ok(loaded)
}

/// Request types the portal offers (active, in an active group): name as
/// title, description and the group's name as body, per language. A
/// retired one is not found.
async fn request_types(db: &Db, select: Select<'_>) -> Result<Loaded> {
    let mut sql = Sql::new(
        "SELECT rt.id, rt.desk_id, rt.code, rt.labels, rt.descriptions, g.labels, \
         rt.active * g.active FROM request_types rt JOIN request_type_groups g ON g.id = rt.group_id",
    );
    select_sql(&mut sql, "rt.id", select);
    let rows = sql.fetch_all(db.read()).await?;
    let mut loaded = Vec::with_capacity(rows.len());
    for r in rows {
        let id: i64 = r.try_get(0)?;
        if r.try_get::<i64, _>(6)? == 0 {
            loaded.push((id, None));
            continue;
        }
        let labels = Labels::from_json(&r.try_get::<String, _>(3)?);
        let descriptions = Labels::from_json(&r.try_get::<String, _>(4)?);
        let group = Labels::from_json(&r.try_get::<String, _>(5)?);
        let text = |locale: &str| {
            let get = |l: &Labels| l.0.get(locale).cloned().unwrap_or_default();
            let (title, description, group) = (get(&labels), get(&descriptions), get(&group));
            if title.trim().is_empty() && description.trim().is_empty() {
                return Text::default();
            }
            let body = [description, group]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n");
            Text::new(title, body)
        };
        loaded.push((
            id,
            Some(Document {
                kind: Kind::RequestType,
                id,
                desk_id: r.try_get(1)?,
                institution_id: None,
                visibility: REQUEST_TYPE_PUBLIC.to_owned(),
                status: "active".to_owned(),
                key: r.try_get(2)?,
                lv: text("lv"),
                en: text("en"),
                updated_at: 0,
            }),
        ));
    }
    Ok(loaded)
}
