use super::record_change;
use crate::notifications::{self, NewNotification};
use crate::{now_ms, users, Db, Result, StoreError};
use atbalsts_domain::custom_field::FieldValue;
use atbalsts_domain::{Channel, Email, Priority, StatusCategory, Summary, TicketKey, Viewer};
use sqlx::Row;

/// Who files a ticket: a signed-in person, or someone who gave only an
/// address (they become a contact, and the requester, in the same transaction).
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Person(&'a Viewer),
    Anonymous(&'a Contact),
}

#[derive(Debug, Clone)]
pub struct Contact {
    pub email: Email,
    pub display_name: String,
    pub phone: Option<String>,
}

/// What the notifications of a new ticket are composed from.
#[derive(Debug, Clone)]
pub struct Created {
    pub id: i64,
    pub desk_id: i64,
    pub key: TicketKey,
    pub requester_email: String,
    pub requester_locale: Option<String>,
    /// People copied on the request, who hear what the requester hears.
    pub participants: Vec<notifications::Recipient>,
    /// People asked to approve it before work starts, with their links.
    pub approvers: Vec<super::approvals::Asked>,
    /// The members of the team it landed with (after routing) who want the
    /// new-in-queue notice; never whoever filed it. Every way in tells
    /// them once, from here.
    pub queue: Vec<notifications::Recipient>,
}

#[derive(Debug, Clone)]
pub struct NewTicket {
    pub desk_id: i64,
    pub ticket_type_id: i64,
    pub summary: Summary,
    pub description: String,
    pub requester_id: i64,
    /// Defaults to the requester's institution and sub-unit when `None`.
    pub institution_id: Option<i64>,
    pub sub_unit_id: Option<i64>,
    pub channel: Channel,
    pub priority: Priority,
    pub team_id: Option<i64>,
    pub assignee_id: Option<i64>,
    /// The portal request type it was filed with; its default team applies.
    pub request_type_id: Option<i64>,
    /// Custom field values, already checked against their kinds.
    pub fields: Vec<(i64, FieldValue)>,
    /// Files already in the blob store, attached to the ticket itself.
    pub attachments: Vec<super::NewAttachment>,
    /// The Message-ID of the email the ticket comes from: recorded in the
    /// same transaction (a second delivery of the mail makes no second
    /// ticket), and the root of the ticket's mail thread.
    pub mail_message_id: Option<String>,
    /// People copied on the request (the Cc of an email): participants.
    pub participants: Vec<Contact>,
    /// The cleaned HTML version of the mail the ticket came from.
    pub description_html: Option<String>,
    /// The closed ticket this one follows up (a reply by mail to it).
    pub follow_up_of: Option<i64>,
    /// False while nobody the desk trusts vouches for the institution: no
    /// approval request goes out until staff confirm it.
    pub institution_confirmed: bool,
    /// Filed by someone not signed in: the ticket takes no institution
    /// from the requester's account, only the one typed.
    pub filed_without_sign_in: bool,
}

impl NewTicket {
    /// A ticket with no team, assignee or institution override (the requester's is used).
    pub fn new(
        desk_id: i64,
        ticket_type_id: i64,
        summary: Summary,
        description: String,
        requester_id: i64,
        channel: Channel,
        priority: Priority,
    ) -> Self {
        Self {
            desk_id,
            ticket_type_id,
            summary,
            description,
            requester_id,
            institution_id: None,
            sub_unit_id: None,
            channel,
            priority,
            team_id: None,
            assignee_id: None,
            request_type_id: None,
            fields: Vec::new(),
            attachments: Vec::new(),
            mail_message_id: None,
            participants: Vec::new(),
            follow_up_of: None,
            description_html: None,
            institution_confirmed: true,
            filed_without_sign_in: false,
        }
    }
}

/// Creates a ticket and returns its key, telling nobody: for demo data
/// and test worlds. Every way in a person uses (portal, agent page, API,
/// mail) files through `atbalsts_mail::intake`, which checks the request
/// and queues its notices with [`create_ticket_notifying`].
///
/// The key number comes from bumping the desk's counter inside the same
/// transaction, so concurrent creates never share a number and a rolled
/// back create leaves no gap. Only staff of the desk may file for someone
/// else, or set team and assignee.
pub async fn create_ticket(db: &Db, viewer: &Viewer, new: &NewTicket) -> Result<TicketKey> {
    create_ticket_notifying(db, Actor::Person(viewer), new, |_| Vec::new())
        .await
        .map(|c| c.key)
}

/// Creates a ticket and, in the same transaction, the notifications that
/// `compose` makes for it: both exist, or neither.
pub async fn create_ticket_notifying(
    db: &Db,
    actor: Actor<'_>,
    new: &NewTicket,
    compose: impl FnOnce(&Created) -> Vec<NewNotification>,
) -> Result<Created> {
    let staff = matches!(actor, Actor::Person(v) if v.is_staff_on(new.desk_id));
    let own = match actor {
        Actor::Person(v) => new.requester_id == v.user_id,
        Actor::Anonymous(_) => true,
    };
    if !staff && (!own || new.team_id.is_some() || new.assignee_id.is_some()) {
        return Err(StoreError::Forbidden);
    }
    let now = now_ms();
    // What is only read is read before the transaction on a read
    // connection, so the writer (on SQLite the one write connection) is
    // held for the writes alone.
    let mut read = db.read().acquire().await?;
    let setting = setting_of(&mut read, new).await?;
    let who = match actor {
        Actor::Person(v) => {
            let requester = requester_of(&mut read, new.requester_id).await?;
            let place = place_of(&mut read, new, &requester).await?;
            Who::Known {
                by: v.user_id,
                requester,
                place,
            }
        }
        Actor::Anonymous(c) => Who::Contact(c),
    };
    let rules = crate::routing::active_rules(&mut read, new.desk_id).await?;
    drop(read);
    let sla = crate::sla::prepare(db, new.desk_id).await?;

    let mut tx = db.write().begin().await?;
    let (requester_id, created_by, requester, place) = match who {
        Who::Known {
            by,
            requester,
            place,
        } => (new.requester_id, by, requester, place),
        Who::Contact(c) => {
            let id =
                users::contact_for(&mut tx, &c.email, &c.display_name, c.phone.as_deref()).await?;
            let requester = requester_of(&mut tx, id).await?;
            let place = place_of(&mut tx, new, &requester).await?;
            (id, id, requester, place)
        }
    };
    let Setting {
        mut team_id,
        approval,
        service,
        status_code,
        category,
    } = setting;
    let Place {
        institution_id,
        sub_unit_id,
    } = place;

    // The desk's routing rules may send it elsewhere; staff who chose a
    // team or assignee themselves are not overruled.
    let facts = atbalsts_domain::routing::Facts {
        request_type_id: new.request_type_id,
        institution_id,
        sub_unit_id,
        service,
        category_id: None,
        channel: new.channel.code().to_owned(),
        summary: new.summary.as_str().to_owned(),
        description: new.description.clone(),
    };
    let routed = atbalsts_domain::routing::first_match(&rules, &facts).cloned();
    let mut assignee_id = new.assignee_id;
    let mut priority = new.priority.code().to_owned();
    let mut category_id = None;
    if let Some(rule) = &routed {
        let a = &rule.actions;
        if new.team_id.is_none() {
            team_id = a.team_id.or(team_id);
        }
        if new.assignee_id.is_none() && new.team_id.is_none() {
            assignee_id = a.assignee_id;
        }
        if let Some(p) = &a.priority {
            priority = p.clone();
        }
        category_id = a.category_id;
    }

    // Take the number last, so the desk row stays locked for as short a time as possible.
    let desk = sqlx::query("UPDATE desks SET last_number = last_number + 1 WHERE id = $1 RETURNING last_number, key_prefix")
        .bind(new.desk_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    let number: i64 = desk.try_get(0)?;
    let key = TicketKey {
        prefix: desk.try_get(1)?,
        number,
    };

    let id: i64 = sqlx::query(
        "INSERT INTO tickets (desk_id, number, ticket_type_id, status, status_category, summary, description, \
         requester_id, institution_id, sub_unit_id, channel, priority, team_id, assignee_id, created_by, \
         created_at, updated_at, request_type_id, description_html, category_id, institution_confirmed, \
         filed_without_sign_in) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18, $19, $20, $21) \
         RETURNING id",
    )
    .bind(new.desk_id)
    .bind(number)
    .bind(new.ticket_type_id)
    .bind(&status_code)
    .bind(&category)
    .bind(new.summary.as_str())
    .bind(&new.description)
    .bind(requester_id)
    .bind(institution_id)
    .bind(sub_unit_id)
    .bind(new.channel.code())
    .bind(&priority)
    .bind(team_id)
    .bind(assignee_id)
    .bind(created_by)
    .bind(now)
    .bind(new.request_type_id)
    .bind(new.description_html.as_deref())
    .bind(category_id)
    .bind(new.institution_confirmed as i64)
    .bind(new.filed_without_sign_in as i64)
    .fetch_one(&mut *tx)
    .await?
    .try_get(0)?;

    for (field_id, value) in &new.fields {
        let (text, int) = match value {
            FieldValue::Text(t) => (Some(t.clone()), None),
            FieldValue::Integer(i) => (None, Some(*i)),
        };
        sqlx::query(
            "INSERT INTO ticket_field_values (ticket_id, field_id, value_text, value_int) \
             SELECT $1, f.id, $2, $3 FROM custom_fields f WHERE f.id = $4 AND f.desk_id = $5",
        )
        .bind(id)
        .bind(text)
        .bind(int)
        .bind(*field_id)
        .bind(new.desk_id)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(message_id) = &new.mail_message_id {
        super::record_mail_message(&mut tx, message_id, id, now).await?;
    }
    for file in &new.attachments {
        super::attachments::insert(&mut *tx, id, None, created_by, file, now).await?;
    }
    super::open_status_period(&mut *tx, id, &status_code, &category, now, created_by).await?;
    record_change(
        &mut tx,
        id,
        created_by,
        now,
        "created",
        None,
        Some(&key.to_string()),
    )
    .await?;
    let mut participants = Vec::new();
    for c in &new.participants {
        let added = super::participants::add_in(
            &mut tx,
            id,
            requester_id,
            &c.email,
            &c.display_name,
            super::participants::Role::Participant,
            created_by,
        )
        .await?;
        if let Some(user_id) = added {
            let locale = sqlx::query("SELECT locale FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
            participants.push(notifications::Recipient {
                user_id,
                email: c.email.as_str().to_owned(),
                locale,
            });
        }
    }
    if let Some(rule) = &routed {
        record_change(
            &mut tx,
            id,
            created_by,
            now,
            "routed_by",
            None,
            Some(&rule.name),
        )
        .await?;
    }
    if let Some(earlier) = new.follow_up_of {
        let number: i64 = sqlx::query("SELECT number FROM tickets WHERE id = $1 AND desk_id = $2")
            .bind(earlier)
            .bind(new.desk_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?
            .try_get(0)?;
        sqlx::query(
            "INSERT INTO ticket_links (from_ticket, to_ticket, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(earlier)
        .bind(atbalsts_domain::link::LinkKind::RelatesTo.code())
        .bind(created_by)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let earlier_key = format!("{}-{number}", key.prefix);
        record_change(
            &mut tx,
            id,
            created_by,
            now,
            "follow_up_of",
            None,
            Some(&earlier_key),
        )
        .await?;
    }
    // An institution nobody vouches for asks no approver yet: staff confirm it first.
    let approvers = match &approval {
        Some(named) if status_code == super::approvals::AWAITING && new.institution_confirmed => {
            super::approvals::ask_in(&mut tx, id, requester_id, institution_id, named, now).await?
        }
        _ => Vec::new(),
    };
    let queue = match team_id {
        Some(team) => queue_of(&mut tx, team, created_by).await?,
        None => Vec::new(),
    };
    let created = Created {
        id,
        desk_id: new.desk_id,
        key,
        requester_email: requester.email,
        requester_locale: requester.locale,
        participants,
        approvers,
        queue,
    };
    let clocks = crate::sla::refresh::NewTicketFacts {
        ticket_id: id,
        ticket_type_id: new.ticket_type_id,
        priority: &priority,
        service: facts.service.as_deref(),
        institution_id,
        request_type_id: new.request_type_id,
        created_at: now,
        status: &status_code,
        category: StatusCategory::parse(&category).unwrap_or(StatusCategory::New),
    };
    crate::sla::refresh::refresh_created(&mut tx, &sla, &clocks).await?;
    for n in compose(&created) {
        notifications::queue(&mut tx, &n).await?;
    }
    tx.commit().await?;
    Ok(created)
}

/// The team's members who want to hear of a new request in its queue.
async fn queue_of(
    conn: &mut sqlx::AnyConnection,
    team_id: i64,
    filed_by: i64,
) -> Result<Vec<notifications::Recipient>> {
    let rows = sqlx::query(
        "SELECT u.id, u.email, u.locale FROM team_members m JOIN users u ON u.id = m.user_id \
         WHERE m.team_id = $1 AND u.active = 1 AND u.id <> $2 AND NOT EXISTS (SELECT 1 FROM \
         notification_preferences p WHERE p.user_id = u.id AND p.kind = 'new-in-queue' AND p.enabled = 0) \
         ORDER BY u.id",
    )
    .bind(team_id)
    .bind(filed_by)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(notifications::Recipient {
                user_id: r.try_get(0)?,
                email: r.try_get(1)?,
                locale: r.try_get(2)?,
            })
        })
        .collect()
}

/// What the desk's configuration says of a new ticket: its request type's
/// team, approval and service, and the status it starts in.
struct Setting {
    team_id: Option<i64>,
    approval: Option<String>,
    service: Option<String>,
    status_code: String,
    category: String,
}

async fn setting_of(conn: &mut sqlx::AnyConnection, new: &NewTicket) -> Result<Setting> {
    let mut team_id = new.team_id;
    // A request type may need approval before work starts, from named
    // people or the heads of the requester's institution.
    let mut approval: Option<String> = None;
    let mut service: Option<String> = None;
    if let Some(rt) = new.request_type_id {
        let row = sqlx::query(
            "SELECT team_id, needs_approval, approvers, service FROM request_types WHERE id = $1 AND desk_id = $2 AND ticket_type_id = $3",
        )
        .bind(rt)
        .bind(new.desk_id)
        .bind(new.ticket_type_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::invalid("request_type", "error-choice-unknown"))?;
        team_id = team_id.or(row.try_get(0)?);
        if row.try_get::<i64, _>(1)? != 0 {
            approval = Some(row.try_get(2)?);
        }
        service = Some(row.try_get::<String, _>(3)?).filter(|s| !s.is_empty());
    }
    if let Some(team) = team_id {
        let ok = sqlx::query("SELECT 1 FROM teams WHERE id = $1 AND desk_id = $2")
            .bind(team)
            .bind(new.desk_id)
            .fetch_optional(&mut *conn)
            .await?;
        if ok.is_none() {
            return Err(StoreError::invalid("team", "error-team-unknown"));
        }
    }
    // The workflow's first status, or its approval status when needed.
    let status = sqlx::query(
        "SELECT s.code, s.category FROM ticket_types tt JOIN workflow_statuses s ON s.workflow_id = tt.workflow_id \
         WHERE tt.id = $1 AND tt.desk_id = $2 \
         ORDER BY CASE WHEN $3 = 1 AND s.code = $4 THEN 0 ELSE 1 END, s.position LIMIT 1",
    )
    .bind(new.ticket_type_id)
    .bind(new.desk_id)
    .bind(approval.is_some() as i64)
    .bind(super::approvals::AWAITING)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::invalid("ticket_type", "error-ticket-type-unknown"))?;
    Ok(Setting {
        team_id,
        approval,
        service,
        status_code: status.try_get(0)?,
        category: status.try_get(1)?,
    })
}

/// Who files: a person whose requester is read before the transaction, or
/// a contact made (or found) inside it.
enum Who<'a> {
    Known {
        by: i64,
        requester: Requester,
        place: Place,
    },
    Contact(&'a Contact),
}

/// The requester's place and how to write to them.
struct Requester {
    institution_id: Option<i64>,
    sub_unit_id: Option<i64>,
    email: String,
    locale: Option<String>,
}

async fn requester_of(conn: &mut sqlx::AnyConnection, id: i64) -> Result<Requester> {
    let row = sqlx::query(
        "SELECT institution_id, sub_unit_id, email, locale FROM users WHERE id = $1 AND active = 1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| StoreError::invalid("requester", "error-requester-unknown"))?;
    Ok(Requester {
        institution_id: row.try_get(0)?,
        sub_unit_id: row.try_get(1)?,
        email: row.try_get(2)?,
        locale: row.try_get(3)?,
    })
}

/// The institution and sub-unit the ticket is for.
struct Place {
    institution_id: Option<i64>,
    sub_unit_id: Option<i64>,
}

/// The institution and sub-unit given, or else the requester's; a sub-unit
/// must belong to the institution.
async fn place_of(
    conn: &mut sqlx::AnyConnection,
    new: &NewTicket,
    requester: &Requester,
) -> Result<Place> {
    let (institution_id, sub_unit_id) = match new.institution_id {
        Some(i) => (Some(i), new.sub_unit_id),
        None if new.filed_without_sign_in => (None, None),
        None => (
            requester.institution_id,
            new.sub_unit_id.or(requester.sub_unit_id),
        ),
    };
    if let Some(sub_unit) = sub_unit_id {
        let belongs = sqlx::query("SELECT 1 FROM sub_units WHERE id = $1 AND institution_id = $2")
            .bind(sub_unit)
            .bind(institution_id)
            .fetch_optional(conn)
            .await?;
        if belongs.is_none() {
            return Err(StoreError::invalid("sub_unit", "error-sub-unit-mismatch"));
        }
    }
    Ok(Place {
        institution_id,
        sub_unit_id,
    })
}
