//! `atbalsts seed-tickets`: fills a desk with a large, realistic history for
//! the workspace benchmark (`atbalsts bench --only workspace`): institutions
//! with sub-units and customers, and tickets written straight into the
//! tables in multi-row inserts (a million through the API would take half
//! an hour). Most tickets are closed, as at a desk that has worked for
//! years; some thousands are open across teams, agents and priorities.
//! Run it on a stopped server's database after the demo desk exists.

use crate::config::Settings;
use crate::seed_history;
use crate::serve::{connect, BoxError};
use atbalsts_store::{Backend, Sql};
use clap::Args;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::Row;
use std::time::Instant;

#[derive(Args, Clone)]
pub struct SeedArgs {
    /// Tickets to add.
    #[arg(long, default_value_t = 1_000_000)]
    tickets: usize,
    /// Institutions to spread them over (made when fewer exist).
    #[arg(long, default_value_t = 300)]
    institutions: usize,
    /// The desk's key prefix.
    #[arg(long, default_value = "KISC")]
    desk: String,
    /// The share of tickets left open (0 to 1); by default newer tickets
    /// are more often open and about 4 % are in all.
    #[arg(long)]
    open_share: Option<f64>,
    /// Spread creation over this many days before now (three years by default).
    #[arg(long, default_value_t = 3 * 365)]
    days: i64,
}

/// Rows per INSERT statement, and statements per transaction.
const ROWS: usize = 500;
const STATEMENTS_PER_TX: usize = 20;
const COLUMNS: &str = "desk_id, number, ticket_type_id, status, status_category, summary, description, \
    requester_id, institution_id, sub_unit_id, channel, priority, team_id, assignee_id, created_by, \
    created_at, updated_at, resolved_at, request_type_id, root_cause_id";

const SUMMARIES: &[&str] = &[
    "Neiet printeris",
    "Nevar pieslēgties e-pastam",
    "Jauna darba vieta darbiniekam",
    "Datoram nedarbojas tīkls",
    "Aizmirsta parole",
    "Nepieciešama programmatūras licence",
    "Projektors nerāda attēlu",
    "Lēni strādā krājuma sistēma",
    "Kļūda, saglabājot dokumentu",
    "Jāpievieno koplietojamā mape",
];
const CHANNELS: &[&str] = &["portal", "email", "phone", "in_person", "api"];
const PRIORITIES: &[&str] = &["critical", "high", "medium", "medium", "low", "planning"];
const TOWNS: &[&str] = &[
    "Rīga",
    "Cēsis",
    "Valmiera",
    "Liepāja",
    "Daugavpils",
    "Kuldīga",
];

struct Type {
    id: i64,
    code: String,
    /// Status codes by category: new/open/waiting, and resolved/closed.
    open: Vec<(String, String)>,
    done: Vec<(String, String)>,
}

pub async fn run(settings: &Settings, args: SeedArgs) -> Result<(), BoxError> {
    let db = connect(settings).await?;
    let started = Instant::now();
    let desk = atbalsts_store::desks::desk_by_prefix(&db, &args.desk)
        .await?
        .ok_or("no such desk; start `atbalsts demo` once first")?;
    let places = institutions(&db, args.institutions).await?;
    println!(
        "{} institutions with {} customers ready in {:.1}s",
        args.institutions,
        places.len(),
        started.elapsed().as_secs_f64()
    );
    let plan = Plan {
        tickets: args.tickets,
        days: args.days,
        open_share: args.open_share,
        places,
        seed: 20261123,
        progress: true,
    };
    seed(&db, desk.id, &plan).await?;
    // Fresh statistics, as a database that grew over years would have.
    let analyze = match db.backend() {
        Backend::Sqlite => "ANALYZE",
        Backend::Postgres => "VACUUM ANALYZE",
    };
    sqlx::raw_sql(analyze).execute(db.write()).await?;
    println!(
        "seeded {} tickets on desk {} in {:.0}s",
        args.tickets,
        desk.key_prefix,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// What to generate.
pub struct Plan {
    pub tickets: usize,
    /// Creation is spread over this many days before now.
    pub days: i64,
    /// The share left open; by default newer tickets are more often open.
    pub open_share: Option<f64>,
    /// Who files: (customer, institution, sub-unit).
    pub places: Vec<(i64, i64, i64)>,
    pub seed: u64,
    /// Print a line every 100,000 tickets.
    pub progress: bool,
}

/// Writes `plan.tickets` tickets with their histories onto the desk.
pub async fn seed(db: &atbalsts_store::Db, desk_id: i64, plan: &Plan) -> Result<(), BoxError> {
    let started = Instant::now();
    let mut types = Vec::new();
    for tt in atbalsts_store::workflows::ticket_types_of(db, desk_id).await? {
        let rows = sqlx::query(
            "SELECT code, category FROM workflow_statuses WHERE workflow_id = $1 ORDER BY position",
        )
        .bind(tt.workflow_id)
        .fetch_all(db.read())
        .await?;
        let mut t = Type {
            id: tt.id,
            code: tt.code.clone(),
            open: Vec::new(),
            done: Vec::new(),
        };
        for r in rows {
            let (code, category): (String, String) = (r.try_get(0)?, r.try_get(1)?);
            match category.as_str() {
                "resolved" | "closed" => t.done.push((code, category)),
                "new" | "open" | "waiting" => t.open.push((code, category)),
                _ => {}
            }
        }
        if !t.open.is_empty() && !t.done.is_empty() {
            types.push(t);
        }
    }
    let teams: Vec<(i64, String)> = atbalsts_store::desks::teams_of(db, desk_id)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let agents: Vec<i64> = atbalsts_store::desks::staff_of(db, desk_id)
        .await?
        .iter()
        .map(|(id, _)| *id)
        .collect();
    if types.is_empty() || teams.is_empty() || agents.is_empty() || plan.places.is_empty() {
        return Err("the desk needs ticket types, teams, staff and customers".into());
    }
    let facts = seed_history::DeskFacts::read(db, desk_id, teams, agents).await?;
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let first: i64 = sqlx::query("SELECT last_number FROM desks WHERE id = $1")
        .bind(desk_id)
        .fetch_one(db.read())
        .await?
        .try_get(0)?;
    let now = atbalsts_store::now_ms();
    let span = plan.days.max(1) * 24 * 3600 * 1000_i64;
    let mut written = 0;
    while written < plan.tickets {
        let mut tx = db.write().begin().await?;
        for _ in 0..STATEMENTS_PER_TX {
            let rows = ROWS.min(plan.tickets - written);
            if rows == 0 {
                break;
            }
            let mut batch = Vec::with_capacity(rows);
            for i in 0..rows {
                let t = &types[rng.gen_range(0..types.len())];
                // Newer tickets are more often still open.
                let created = now - span + (span * (written + i) as i64) / plan.tickets as i64;
                let age_share = (now - created) as f64 / span as f64;
                let share = plan
                    .open_share
                    .unwrap_or_else(|| (0.12 * (1.0 - age_share)).clamp(0.004, 1.0))
                    .clamp(0.0, 1.0);
                // A one-stop-centre case is recorded when it is over.
                let open = t.code != "service_case" && share > 0.0 && rng.gen_bool(share);
                let (status, category) = if open {
                    &t.open[rng.gen_range(0..t.open.len())]
                } else {
                    &t.done[rng.gen_range(0..t.done.len())]
                };
                let (requester, institution, sub_unit) =
                    plan.places[rng.gen_range(0..plan.places.len())];
                let team = rng.gen_range(0..facts.teams.len());
                let assignee = (!open || rng.gen_bool(0.7))
                    .then(|| facts.agents[rng.gen_range(0..facts.agents.len())]);
                batch.push(seed_history::Planned::new(
                    &mut rng,
                    &facts,
                    seed_history::Ticket {
                        number: first + (written + i) as i64 + 1,
                        ticket_type: t.id,
                        type_code: t.code.clone(),
                        statuses: t.open.iter().chain(&t.done).cloned().collect(),
                        status: status.clone(),
                        category: category.clone(),
                        requester,
                        institution,
                        sub_unit,
                        team,
                        assignee,
                        created,
                    },
                    now,
                ));
            }
            let mut sql = Sql::new(&format!("INSERT INTO tickets ({COLUMNS}) VALUES "));
            for (i, p) in batch.iter().enumerate() {
                let t = &p.ticket;
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(")
                    .bind(desk_id)
                    .push(", ")
                    .bind(t.number)
                    .push(", ")
                    .bind(t.ticket_type);
                sql.push(", ")
                    .bind(t.status.as_str())
                    .push(", ")
                    .bind(t.category.as_str());
                sql.push(", ").bind(format!(
                    "{} #{}",
                    SUMMARIES[rng.gen_range(0..SUMMARIES.len())],
                    t.number
                ));
                sql.push(", ").bind("Ģenerēts slodzes testam.");
                sql.push(", ")
                    .bind(t.requester)
                    .push(", ")
                    .bind(t.institution)
                    .push(", ")
                    .bind(t.sub_unit);
                sql.push(", ")
                    .bind(CHANNELS[rng.gen_range(0..CHANNELS.len())]);
                sql.push(", ")
                    .bind(PRIORITIES[rng.gen_range(0..PRIORITIES.len())]);
                sql.push(", ").bind(facts.teams[t.team].0);
                sql.push(", ").bind(t.assignee).push(", ").bind(t.requester);
                sql.push(", ").bind(t.created).push(", ").bind(p.updated);
                sql.push(", ").bind(p.resolved_at);
                sql.push(", ")
                    .bind(p.request_type)
                    .push(", ")
                    .bind(p.root_cause);
                sql.push(")");
            }
            sql.query().execute(&mut *tx).await?;
            seed_history::write(&mut tx, desk_id, &facts, &mut batch).await?;
            written += rows;
        }
        tx.commit().await?;
        if plan.progress && written % 100_000 < ROWS * STATEMENTS_PER_TX {
            println!(
                "{written} tickets in {:.0}s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    sqlx::query("UPDATE desks SET last_number = $1 WHERE id = $2")
        .bind(first + plan.tickets as i64)
        .bind(desk_id)
        .execute(db.write())
        .await?;
    Ok(())
}

/// `count` institutions (the existing ones and new ones), each with two
/// sub-units in different towns and ten customers: (user, institution, sub-unit).
async fn institutions(
    db: &atbalsts_store::Db,
    count: usize,
) -> Result<Vec<(i64, i64, i64)>, BoxError> {
    let existing = atbalsts_store::institutions::list_institutions(db)
        .await?
        .len();
    for n in existing..count {
        let id = atbalsts_store::institutions::create_institution(
            db,
            &format!("SLODZE-{n}"),
            &format!("Slodzes iestāde {n}"),
            &[],
        )
        .await?;
        for (k, town) in [TOWNS[n % TOWNS.len()], TOWNS[(n + 1) % TOWNS.len()]]
            .iter()
            .enumerate()
        {
            atbalsts_store::institutions::create_sub_unit(db, id, &format!("Nodaļa {k}"), town, "")
                .await?;
        }
    }
    let mut places = Vec::new();
    for (institution, units) in atbalsts_store::institutions::directory(db).await? {
        if units.is_empty() {
            continue;
        }
        let mut tx = db.write().begin().await?;
        for k in 0..10 {
            let unit = &units[k % units.len()];
            let email = format!("klients{k}@iestade{}.slodze.lv", institution.id);
            sqlx::query(
                "INSERT INTO users (email, display_name, institution_id, sub_unit_id, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING",
            )
            .bind(&email)
            .bind(format!("Klients {k} ({})", institution.name))
            .bind(institution.id)
            .bind(unit.id)
            .bind(atbalsts_store::now_ms())
            .execute(&mut *tx)
            .await?;
            let id: i64 = sqlx::query("SELECT id FROM users WHERE email = $1")
                .bind(&email)
                .fetch_one(&mut *tx)
                .await?
                .try_get(0)?;
            places.push((id, institution.id, unit.id));
        }
        tx.commit().await?;
    }
    Ok(places)
}
