//! `atbalsts seed-tickets`: fills a desk with a large, realistic history for
//! the workspace benchmark (`atbalsts bench --only workspace`): institutions
//! with sub-units and customers, and tickets written straight into the
//! tables in multi-row inserts (a million through the API would take half
//! an hour). Most tickets are closed, as at a desk that has worked for
//! years; some thousands are open across teams, agents and priorities.
//! Run it on a stopped server's database after the demo desk exists.

use crate::config::Settings;
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
    created_at, updated_at, resolved_at";

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
    let mut types = Vec::new();
    for tt in atbalsts_store::workflows::ticket_types_of(&db, desk.id).await? {
        let rows = sqlx::query(
            "SELECT code, category FROM workflow_statuses WHERE workflow_id = $1 ORDER BY position",
        )
        .bind(tt.workflow_id)
        .fetch_all(db.read())
        .await?;
        let mut t = Type {
            id: tt.id,
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
    let teams: Vec<i64> = atbalsts_store::desks::teams_of(&db, desk.id)
        .await?
        .iter()
        .map(|t| t.id)
        .collect();
    let agents: Vec<i64> = atbalsts_store::desks::staff_of(&db, desk.id)
        .await?
        .iter()
        .map(|(id, _)| *id)
        .collect();
    if types.is_empty() || teams.is_empty() || agents.is_empty() {
        return Err("the desk needs ticket types, teams and staff".into());
    }
    let places = institutions(&db, args.institutions).await?;
    println!(
        "{} institutions with {} customers ready in {:.1}s",
        args.institutions,
        places.len(),
        started.elapsed().as_secs_f64()
    );

    let mut rng = StdRng::seed_from_u64(20261123);
    let first: i64 = sqlx::query("SELECT last_number FROM desks WHERE id = $1")
        .bind(desk.id)
        .fetch_one(db.read())
        .await?
        .try_get(0)?;
    let now = atbalsts_store::now_ms();
    let span = args.days.max(1) * 24 * 3600 * 1000_i64;
    let mut written = 0;
    while written < args.tickets {
        let mut tx = db.write().begin().await?;
        for _ in 0..STATEMENTS_PER_TX {
            let rows = ROWS.min(args.tickets - written);
            if rows == 0 {
                break;
            }
            let mut sql = Sql::new(&format!("INSERT INTO tickets ({COLUMNS}) VALUES "));
            for i in 0..rows {
                let number = first + (written + i) as i64 + 1;
                let t = &types[rng.gen_range(0..types.len())];
                // Newer tickets are more often still open.
                let created = now - span + (span * (written + i) as i64) / args.tickets as i64;
                let age_share = (now - created) as f64 / span as f64;
                let share = args
                    .open_share
                    .unwrap_or(0.12 * (1.0 - age_share))
                    .clamp(0.004, 1.0);
                let open = rng.gen_bool(share);
                let (status, category) = if open {
                    &t.open[rng.gen_range(0..t.open.len())]
                } else {
                    &t.done[rng.gen_range(0..t.done.len())]
                };
                let updated = (created + rng.gen_range(0..(7 * 24 * 3600 * 1000_i64))).min(now);
                let (requester, institution, sub_unit) = places[rng.gen_range(0..places.len())];
                let assignee =
                    (!open || rng.gen_bool(0.7)).then(|| agents[rng.gen_range(0..agents.len())]);
                if i > 0 {
                    sql.push(", ");
                }
                sql.push("(")
                    .bind(desk.id)
                    .push(", ")
                    .bind(number)
                    .push(", ")
                    .bind(t.id);
                sql.push(", ")
                    .bind(status.as_str())
                    .push(", ")
                    .bind(category.as_str());
                sql.push(", ").bind(format!(
                    "{} #{number}",
                    SUMMARIES[rng.gen_range(0..SUMMARIES.len())]
                ));
                sql.push(", ").bind("Ģenerēts slodzes testam.");
                sql.push(", ")
                    .bind(requester)
                    .push(", ")
                    .bind(institution)
                    .push(", ")
                    .bind(sub_unit);
                sql.push(", ")
                    .bind(CHANNELS[rng.gen_range(0..CHANNELS.len())]);
                sql.push(", ")
                    .bind(PRIORITIES[rng.gen_range(0..PRIORITIES.len())]);
                sql.push(", ").bind(teams[rng.gen_range(0..teams.len())]);
                sql.push(", ").bind(assignee).push(", ").bind(requester);
                sql.push(", ").bind(created).push(", ").bind(updated);
                sql.push(", ").bind((!open).then_some(updated)).push(")");
            }
            sql.query().execute(&mut *tx).await?;
            written += rows;
        }
        tx.commit().await?;
        if written % 100_000 < ROWS * STATEMENTS_PER_TX {
            println!(
                "{written} tickets in {:.0}s",
                started.elapsed().as_secs_f64()
            );
        }
    }
    sqlx::query("UPDATE desks SET last_number = $1 WHERE id = $2")
        .bind(first + args.tickets as i64)
        .bind(desk.id)
        .execute(db.write())
        .await?;
    // Fresh statistics, as a database that grew over years would have.
    let analyze = match db.backend() {
        Backend::Sqlite => "ANALYZE",
        Backend::Postgres => "VACUUM ANALYZE tickets",
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
