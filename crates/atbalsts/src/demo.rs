//! The demo desk: the culture sector's IT support centre KISC from seed 000,
//! with its three departments as teams, institutions with sub-units in
//! different towns, and a person for every role.

mod sla;

use crate::config::Settings;
use crate::serve::{connect, BoxError};
use atbalsts_domain::reports::open_data::InstitutionKind;
use atbalsts_domain::Locale;
use atbalsts_domain::{Channel, Email, Priority, Role, Summary};
use atbalsts_store::catalogue;
use atbalsts_store::tickets::{add_comment, create_ticket, ticket_for, NewTicket};
use atbalsts_store::users::{create_user, grant_role, viewer_by_id, NewUser};
use atbalsts_store::{defaults, desks, institutions, workflows, Db};
use atbalsts_web::passwords as password;

pub const DEMO_PASSWORD: &str = "demo-parole-2026";

pub async fn create_admin(
    settings: &Settings,
    email: &str,
    name: &str,
    password_text: &str,
) -> Result<(), BoxError> {
    password::check_new(password_text)
        .map_err(|_| "the password must be at least 10 characters long")?;
    let db = connect(settings).await?;
    atbalsts_store::migrate(&db, None).await?;
    let email = Email::parse(email).map_err(|_| "not a valid email address")?;
    let mut new = NewUser::new(email, name);
    new.password_hash = Some(password::hash(password_text));
    new.is_system_admin = true;
    let id = create_user(&db, &new).await?;
    println!(
        "created system administrator {} (id {id})",
        new.email.as_str()
    );
    Ok(())
}

struct Person {
    email: &'static str,
    name: &'static str,
    institution: Option<usize>,
    roles: &'static [Role],
    team: Option<usize>,
    admin: bool,
    sees_institution: bool,
}

/// (name, town, address) of a sub-unit.
type SubUnitSeed = (&'static str, &'static str, &'static str);

/// (code, name, email domains, sub-units) of an institution.
const INSTITUTIONS: &[(&str, &str, &[&str], &[SubUnitSeed])] = &[
    (
        "LNB",
        "Latvijas Nacionālā bibliotēka",
        &["lnb.lv"],
        &[
            ("Gaismas pils", "Rīga", "Mūkusalas iela 3"),
            ("Krājuma glabātava", "Silakrogs", "Ropažu novads"),
        ],
    ),
    (
        "LNMM",
        "Latvijas Nacionālais mākslas muzejs",
        &["lnmm.lv"],
        &[
            ("Galvenā ēka", "Rīga", "Jaņa Rozentāla laukums 1"),
            ("Rundāles pils muzejs", "Pilsrundāle", "Rundāles pils"),
        ],
    ),
    (
        "LNVM",
        "Latvijas Nacionālais vēstures muzejs",
        &["lnvm.lv"],
        &[
            ("Ekspozīcija", "Rīga", "Brīvības bulvāris 32"),
            ("Dauderi", "Rīga", "Sarkandaugavas iela 30"),
        ],
    ),
    ("RMM", "Rakstniecības un mūzikas muzejs", &["rmm.lv"], &[]),
    (
        "NKC",
        "Latvijas Nacionālais kultūras centrs",
        &["lnkc.gov.lv"],
        &[],
    ),
];

const TEAMS: &[&str] = &[
    "Infrastruktūras nodaļa",
    "IKT atbalsta nodaļa",
    "Biznesa informācijas sistēmu nodaļa",
];

const PEOPLE: &[Person] = &[
    Person {
        email: "admin@kisc.lv",
        name: "Ilze Administratore",
        institution: None,
        roles: &[Role::DeskAdmin],
        team: None,
        admin: true,
        sees_institution: false,
    },
    Person {
        email: "agents@kisc.lv",
        name: "Andris Kalniņš",
        institution: None,
        roles: &[Role::Agent],
        team: Some(1),
        admin: false,
        sees_institution: false,
    },
    Person {
        email: "infra@kisc.lv",
        name: "Māris Ozols",
        institution: None,
        roles: &[Role::Agent],
        team: Some(0),
        admin: false,
        sees_institution: false,
    },
    Person {
        email: "vaditajs@kisc.lv",
        name: "Laura Liepa",
        institution: None,
        roles: &[Role::TeamLead, Role::Agent],
        team: Some(1),
        admin: false,
        sees_institution: false,
    },
    Person {
        email: "zinasanas@kisc.lv",
        name: "Dace Priede",
        institution: None,
        roles: &[Role::KnowledgeEditor],
        team: None,
        admin: false,
        sees_institution: false,
    },
    Person {
        email: "pakalpojumi@kisc.lv",
        name: "Edgars Bērziņš",
        institution: None,
        roles: &[Role::ServiceOwner],
        team: Some(2),
        admin: false,
        sees_institution: false,
    },
    Person {
        email: "janis.berzins@lnb.lv",
        name: "Jānis Bērziņš",
        institution: Some(0),
        roles: &[Role::Customer],
        team: None,
        admin: false,
        sees_institution: false,
    },
    Person {
        email: "vaditaja@lnb.lv",
        name: "Inese Kļaviņa",
        institution: Some(0),
        roles: &[Role::Customer],
        team: None,
        admin: false,
        sees_institution: true,
    },
    Person {
        email: "anna.ozola@lnmm.lv",
        name: "Anna Ozola",
        institution: Some(1),
        roles: &[Role::Customer],
        team: None,
        admin: false,
        sees_institution: false,
    },
    Person {
        email: "arejais@example.lv",
        name: "Pēteris Ārējais",
        institution: None,
        roles: &[Role::Customer],
        team: None,
        admin: false,
        sees_institution: false,
    },
];

/// Loads the demo desk into an empty database and prints the accounts.
/// The demo desk's request catalogue, built from seed 000 in the format
/// that desk administrators export and import.
const CATALOGUE: &str = include_str!("../demo/catalogue.json");

pub async fn load_if_empty(db: &Db) -> Result<(), BoxError> {
    match desks::desk_by_prefix(db, "KISC").await? {
        None => load(db).await?,
        Some(desk) => {
            // A demo database from before the portal existed gets its
            // catalogue, one from before the knowledge base its articles, and one
            // from before service levels its calendars and policies.
            if catalogue::groups_of(db, desk.id).await?.is_empty() {
                load_catalogue(db, desk.id).await?
            }
            if atbalsts_store::knowledge::categories_of(db, desk.id)
                .await?
                .is_empty()
            {
                load_knowledge(db, desk.id).await?
            }
            if atbalsts_store::sla::calendars::list(db, desk.id)
                .await?
                .is_empty()
            {
                sla::load(db, desk.id).await?
            }
        }
    }
    println!("\nDemo accounts (password for all: {DEMO_PASSWORD}):");
    for p in PEOPLE {
        let roles: Vec<&str> = p.roles.iter().map(|r| r.code()).collect();
        println!(
            "  {:<26} {:<22} {}{}",
            p.email,
            p.name,
            roles.join(", "),
            if p.admin { ", system admin" } else { "" }
        );
    }
    println!();
    Ok(())
}

/// Incident categories and the root-cause classifier problems must name.
async fn load_classifiers(db: &Db, desk: i64) -> Result<(), BoxError> {
    use atbalsts_store::categories::{create, Kind};
    use atbalsts_store::Labels;
    let incident = workflows::ticket_type_by_code(db, desk, "incident")
        .await?
        .ok_or("incident type")?
        .id;
    for (code, lv, en) in [
        ("workstation", "Darbstacija", "Workstation"),
        (
            "printing",
            "Drukāšana un skenēšana",
            "Printing and scanning",
        ),
        ("email", "E-pasts", "Email"),
        ("network", "Tīkls", "Network"),
        (
            "business-system",
            "Biznesa informācijas sistēma",
            "Business information system",
        ),
    ] {
        create(
            db,
            desk,
            Kind::Category,
            Some(incident),
            code,
            &Labels::new(lv, en),
        )
        .await?;
    }
    for (code, lv, en) in [
        ("hardware", "Aparatūras kļūme", "Hardware fault"),
        ("software", "Programmatūras kļūda", "Software defect"),
        (
            "configuration",
            "Konfigurācijas kļūda",
            "Configuration error",
        ),
        ("capacity", "Nepietiekama jauda", "Insufficient capacity"),
        (
            "external",
            "Ārēja pakalpojuma traucējums",
            "External service failure",
        ),
        (
            "user",
            "Lietotāja kļūda vai apmācības trūkums",
            "User error or lack of training",
        ),
    ] {
        create(db, desk, Kind::RootCause, None, code, &Labels::new(lv, en)).await?;
    }
    Ok(())
}

/// The demo desk's knowledge base: categories and a few published articles
/// from seed 000, in the format below.
const KNOWLEDGE: &str = include_str!("../demo/knowledge.json");

#[derive(serde::Deserialize)]
struct DemoKnowledge {
    categories: Vec<atbalsts_store::Labels>,
    articles: Vec<DemoArticle>,
}

#[derive(serde::Deserialize)]
struct DemoArticle {
    /// Index into `categories`.
    category: usize,
    title_lv: String,
    body_lv: String,
    tags: String,
    services: String,
    /// The review date, this many days from loading.
    review_days: i64,
}

/// Written and published by the demo's knowledge editor.
async fn load_knowledge(db: &Db, desk: i64) -> Result<(), BoxError> {
    use atbalsts_domain::knowledge::{ArticleForm, ArticleInput, ArticleStatus};
    use atbalsts_store::knowledge as kb;
    let email = Email::parse("zinasanas@kisc.lv").map_err(|e| e.to_string())?;
    let Some(user) = atbalsts_store::users::user_by_email(db, &email).await? else {
        return Ok(());
    };
    let (_, editor) = viewer_by_id(db, user.id).await?.ok_or("knowledge editor")?;
    let data: DemoKnowledge = serde_json::from_str(KNOWLEDGE)?;
    let mut categories = Vec::new();
    for (i, labels) in data.categories.iter().enumerate() {
        categories.push(kb::create_category(db, &editor, desk, labels, (i as i64 + 1) * 10).await?);
    }
    let riga = jiff::tz::TimeZone::get("Europe/Riga")?;
    let today = jiff::Timestamp::now().to_zoned(riga).date();
    for a in data.articles {
        let review = today.checked_add(jiff::Span::new().days(a.review_days))?;
        let form = ArticleForm {
            title_lv: a.title_lv,
            body_lv: a.body_lv,
            visibility: "public".to_owned(),
            category: categories[a.category].to_string(),
            tags: a.tags,
            services: a.services,
            review_on: review.to_string(),
            ..Default::default()
        };
        let input = ArticleInput::parse(&form).map_err(|e| format!("demo article: {e:?}"))?;
        let id = kb::create(db, &editor, desk, &input).await?;
        let v = kb::transition(db, &editor, id, ArticleStatus::Review, 1).await?;
        kb::transition(db, &editor, id, ArticleStatus::Published, v).await?;
    }
    tracing::info!(count = categories.len(), "demo knowledge base loaded");
    Ok(())
}

async fn load_catalogue(db: &Db, desk: i64) -> Result<(), BoxError> {
    let file = catalogue::parse(CATALOGUE.as_bytes())?;
    let count = catalogue::import(db, desk, &file).await?;
    tracing::info!(count, "demo catalogue loaded");
    Ok(())
}

async fn load(db: &Db) -> Result<(), BoxError> {
    let desk = desks::create_desk(
        db,
        "KISC",
        "Kultūras informācijas sistēmu centrs — IKT atbalsts",
    )
    .await?;
    defaults::install_standard_ticket_types(db, desk).await?;
    let mut teams = Vec::new();
    for t in TEAMS {
        teams.push(desks::create_team(db, desk, t).await?);
    }
    load_catalogue(db, desk).await?;
    load_classifiers(db, desk).await?;
    let mut insts = Vec::new();
    for (code, name, domains, subs) in INSTITUTIONS {
        let id = institutions::create_institution(db, code, name, domains).await?;
        for (sub, town, address) in *subs {
            institutions::create_sub_unit(db, id, sub, town, address).await?;
        }
        insts.push(id);
    }
    let hash = password::hash(DEMO_PASSWORD);
    let mut ids = Vec::new();
    for p in PEOPLE {
        let mut new = NewUser::new(Email::parse(p.email).map_err(|e| e.to_string())?, p.name);
        new.password_hash = Some(hash.clone());
        new.institution_id = p.institution.map(|i| insts[i]);
        new.is_system_admin = p.admin;
        new.sees_institution_tickets = p.sees_institution;
        new.locale = Some(Locale::Lv);
        let id = create_user(db, &new).await?;
        for role in p.roles {
            grant_role(db, desk, id, *role).await?;
        }
        if let Some(team) = p.team {
            desks::add_team_member(db, teams[team], id).await?;
        }
        ids.push(id);
    }
    load_knowledge(db, desk).await?;
    // Before the sample tickets, so they are created with their clocks.
    sla::load(db, desk).await?;
    let incident = workflows::ticket_type_by_code(db, desk, "incident")
        .await?
        .ok_or("incident type")?
        .id;
    let request = workflows::ticket_type_by_code(db, desk, "service_request")
        .await?
        .ok_or("request type")?
        .id;
    let (_, agent) = viewer_by_id(db, ids[1]).await?.ok_or("agent")?;
    let samples = [
        (
            incident,
            6,
            "Neiet printeris 2. stāvā",
            "Printeris HP LaserJet rāda kļūdu 49.4C02, dokumenti netiek izdrukāti.",
            Channel::Portal,
            Priority::High,
        ),
        (
            incident,
            8,
            "Nevar pieslēgties e-pastam",
            "Kopš rīta Outlook prasa paroli un to nepieņem.",
            Channel::Phone,
            Priority::Medium,
        ),
        (
            request,
            7,
            "Jauna darbinieka darbavieta",
            "No 1. decembra strādās jauna bibliotekāre; vajadzīgs dators un konts.",
            Channel::Email,
            Priority::Low,
        ),
    ];
    let mut sample_ids = Vec::new();
    for (ticket_type, requester, summary, description, channel, priority) in samples {
        let mut new = NewTicket::new(
            desk,
            ticket_type,
            Summary::parse(summary).map_err(|e| e.to_string())?,
            description.into(),
            ids[requester],
            channel,
            priority,
        );
        new.team_id = Some(teams[1]);
        let key = create_ticket(db, &agent, &new).await?;
        if let Some(t) = ticket_for(db, &agent, &key).await? {
            sample_ids.push(t.id);
            add_comment(
                db,
                &agent,
                &t,
                "Paldies, pieteikums saņemts. Sazināsimies tuvākajā laikā.",
                true,
                &[],
            )
            .await?;
        }
    }
    // Before the SLA examples' policy, so that history is measured by the
    // desk's own catch-all policy.
    load_history(db, desk, &insts, &ids).await?;
    seed_sla_examples(db, desk, &sample_ids).await?;
    Ok(())
}

/// Generated finished tickets of the last four months.
const HISTORY_TICKETS: usize = 1_500;

/// What kind each demo institution is, for the open data.
const INSTITUTION_KINDS: [InstitutionKind; 5] = [
    InstitutionKind::Library,
    InstitutionKind::Museum,
    InstitutionKind::Museum,
    InstitutionKind::Museum,
    InstitutionKind::CultureCentre,
];

/// Four months of finished work, so the reports show something on first
/// start: generated tickets of the demo's customers, all resolved or
/// closed (the queues keep only the three samples), with their status
/// periods, SLA clocks, surveys and one-stop-centre cases.
async fn load_history(db: &Db, desk: i64, insts: &[i64], people: &[i64]) -> Result<(), BoxError> {
    for (id, kind) in insts.iter().zip(INSTITUTION_KINDS) {
        institutions::set_kind(db, *id, kind).await?;
    }
    let mut places = Vec::new();
    for (p, id) in PEOPLE.iter().zip(people) {
        let Some(inst) = p.institution.filter(|_| p.roles == [Role::Customer]) else {
            continue;
        };
        if let Some(unit) = institutions::sub_units_of(db, insts[inst]).await?.first() {
            places.push((*id, insts[inst], unit.id));
        }
    }
    let plan = crate::seed_tickets::Plan {
        tickets: HISTORY_TICKETS,
        days: 120,
        open_share: Some(0.0),
        places,
        seed: 2026,
        progress: false,
    };
    crate::seed_tickets::seed(db, desk, &plan).await
}

/// SLA clocks on the sample tickets, so that the ticket page, the queue and
/// the request page show one of each kind before the SLA engine has
/// measured anything: the first sample's clocks run, the second's
/// resolution is paused, the third's first response is breached. They use
/// a 24x7 calendar and a policy of their own ("sla-piemeri").
async fn seed_sla_examples(db: &Db, desk: i64, tickets: &[i64]) -> Result<(), BoxError> {
    use atbalsts_domain::sla::{Calendar, CalendarSpec, Clock, ClockState, Goal, GoalTarget};
    use atbalsts_store::sla::{calendars, clocks, policies};
    const HOUR: i64 = 3600;
    let [running, paused, breached] = tickets else {
        return Ok(());
    };
    let calendar =
        Calendar::new(CalendarSpec::always_open()).map_err(|_| "the 24x7 calendar is valid")?;
    let calendar_id = calendars::create(
        db,
        desk,
        "sla-piemeri",
        "Piemēri: visu diennakti",
        "Examples: 24x7",
        &calendar,
    )
    .await?;
    let policy = policies::NewPolicy {
        code: "sla-piemeri".into(),
        name_lv: "SLA piemēri".into(),
        name_en: "SLA examples".into(),
        calendar_id,
        conditions: Default::default(),
        warn_percent: 75,
        breach_priority: None,
        breach_team_id: None,
        goals: vec![
            GoalTarget::check(Goal::FirstResponse, 4 * HOUR).map_err(|e| e.to_string())?,
            GoalTarget::check(Goal::Resolution, 16 * HOUR).map_err(|e| e.to_string())?,
        ],
    };
    let policy_id = policies::create(db, desk, &policy).await?;
    let now = jiff::Timestamp::now();
    let at = |hours: i64| now + jiff::SignedDuration::from_hours(hours);
    let clock = |goal, target_secs, state, due_at, used_secs| Clock {
        goal,
        target_secs,
        state,
        due_at,
        used_secs,
        paused_secs: 0,
        remaining_secs: target_secs - used_secs,
        stopped_at: None,
        breached_at: (state == ClockState::Breached).then_some(due_at).flatten(),
    };
    let examples = [
        (
            *running,
            clock(
                Goal::FirstResponse,
                4 * HOUR,
                ClockState::Running,
                Some(at(2)),
                2 * HOUR,
            ),
        ),
        (
            *running,
            clock(
                Goal::Resolution,
                16 * HOUR,
                ClockState::Running,
                Some(at(14)),
                2 * HOUR,
            ),
        ),
        (
            *paused,
            Clock {
                stopped_at: Some(at(-3)),
                ..clock(
                    Goal::FirstResponse,
                    4 * HOUR,
                    ClockState::Met,
                    Some(at(-1)),
                    HOUR,
                )
            },
        ),
        (
            *paused,
            clock(
                Goal::Resolution,
                16 * HOUR,
                ClockState::Paused,
                None,
                5 * HOUR,
            ),
        ),
        (
            *breached,
            clock(
                Goal::FirstResponse,
                4 * HOUR,
                ClockState::Breached,
                Some(at(-1)),
                5 * HOUR,
            ),
        ),
    ];
    // The demo's policies were saved with re-time runs queued: finish them
    // first, so that the server's worker does not measure the examples over.
    crate::sla_runs::drain_retime(db, desk, std::time::Duration::from_secs(60)).await?;
    let mut tx = db.write().begin().await?;
    for (ticket, c) in &examples {
        clocks::save(&mut tx, *ticket, policy_id, calendar_id, c).await?;
    }
    for ticket in tickets {
        atbalsts_store::sla::due::recompute(&mut tx, *ticket).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use atbalsts_testkit::{db_test, TestDb};
    use sqlx::Row;

    async fn count(t: &TestDb, sql: &str) -> i64 {
        sqlx::query(sql)
            .fetch_one(t.db.read())
            .await
            .unwrap()
            .try_get(0)
            .unwrap()
    }

    #[db_test]
    async fn the_demo_desk_starts_with_months_of_finished_work_for_the_reports(t: TestDb) {
        atbalsts_store::migrate(&t.db, None).await.unwrap();
        crate::demo::load_if_empty(&t.db).await.unwrap();
        let all = count(&t, "SELECT COUNT(*) FROM tickets").await;
        assert_eq!(all, 3 + crate::demo::HISTORY_TICKETS as i64);
        // The queues keep only the three samples.
        let open = count(
            &t,
            "SELECT COUNT(*) FROM tickets WHERE status_category NOT IN ('resolved', 'closed')",
        )
        .await;
        assert_eq!(open, 3);
        // Every ticket's status history is one chain of periods that ends
        // in its status now.
        let broken = count(
            &t,
            "SELECT COUNT(*) FROM tickets t WHERE NOT EXISTS (SELECT 1 FROM ticket_status_history h \
             WHERE h.ticket_id = t.id AND h.left_at IS NULL AND h.status = t.status \
             AND h.status_category = t.status_category)",
        )
        .await;
        assert_eq!(broken, 0, "a ticket whose last period is not its status");
        let gaps = count(
            &t,
            "SELECT COUNT(*) FROM ticket_status_history h WHERE h.left_at IS NOT NULL AND NOT EXISTS \
             (SELECT 1 FROM ticket_status_history n WHERE n.ticket_id = h.ticket_id \
             AND n.entered_at = h.left_at)",
        )
        .await;
        assert_eq!(gaps, 0, "a period followed by nothing");
        let reopened = count(
            &t,
            "SELECT COUNT(DISTINCT h.ticket_id) FROM ticket_status_history h \
             JOIN ticket_status_history n ON n.ticket_id = h.ticket_id AND n.entered_at = h.left_at \
             WHERE h.status_category = 'resolved' AND n.status_category = 'open'",
        )
        .await;
        assert!(reopened > 0, "some tickets were reopened");
        // Goals met and breached, surveys answered, cases recorded, teams changed.
        for (what, sql) in [
            (
                "met goals",
                "SELECT COUNT(*) FROM ticket_sla WHERE state = 'met'",
            ),
            (
                "breached goals",
                "SELECT COUNT(*) FROM ticket_sla WHERE state = 'breached'",
            ),
            (
                "answers",
                "SELECT COUNT(*) FROM csat_surveys WHERE score IS NOT NULL",
            ),
            ("service cases", "SELECT COUNT(*) FROM service_cases"),
            (
                "team changes",
                "SELECT COUNT(*) FROM ticket_changes WHERE field = 'team'",
            ),
            (
                "root causes",
                "SELECT COUNT(*) FROM tickets WHERE root_cause_id IS NOT NULL",
            ),
            (
                "kinds",
                "SELECT COUNT(*) FROM institutions WHERE kind <> ''",
            ),
        ] {
            assert!(count(&t, sql).await > 0, "the demo has {what}");
        }
        // Spread over the last four months, never in the future.
        let now = atbalsts_store::now_ms();
        let oldest = count(&t, "SELECT MIN(created_at) FROM tickets").await;
        assert!(now - oldest > 100 * 24 * 3600 * 1000);
        let latest = count(&t, "SELECT MAX(entered_at) FROM ticket_status_history").await;
        assert!(latest <= now);
    }
}
