//! `atbalsts sla-bench`: what service levels cost, measured in-process on a
//! stopped server's database that has the demo desk:
//! - ticket creation with the desk's SLA policies on and off, in
//!   alternating rounds of the same run (the clocks are refreshed in the
//!   creating transaction, so this is their whole cost);
//! - a policy edit re-timing every open ticket of the desk (after
//!   `seed-tickets --open-share 1`), driven through the real `sla.retime`
//!   job by a job worker, as a running server would.

use crate::config::Settings;
use crate::serve::{connect, BoxError};
use crate::sla_runs::drain_retime;
use atbalsts_domain::{Channel, Priority, Summary};
use atbalsts_store::sla::policies::{self, NewPolicy, StoredPolicy};
use atbalsts_store::sla::retime_runs;
use atbalsts_store::tickets::{create_ticket, NewTicket};
use atbalsts_store::Db;
use clap::Args;
use std::time::{Duration, Instant};

#[derive(Args, Clone)]
pub struct SlaBenchArgs {
    /// The desk's key prefix.
    #[arg(long, default_value = "KISC")]
    desk: String,
    /// Tickets created per round in the create comparison (0 skips it).
    #[arg(long, default_value_t = 1000)]
    creates: usize,
    /// Rounds of the create comparison, each once with SLA on and once off.
    #[arg(long, default_value_t = 4)]
    rounds: usize,
    /// Edit the desk's first policy and time the re-timing of every open ticket.
    #[arg(long)]
    retime: bool,
    /// Upper bound on the re-time run, seconds.
    #[arg(long, default_value_t = 900)]
    max_seconds: u64,
    /// Afterwards, drop the queued SLA timers (a generated history is
    /// mostly overdue: a server started on it would spend its first
    /// minutes sending breach notices instead of serving the queue bench).
    #[arg(long)]
    drop_timers: bool,
}

pub async fn run(settings: &Settings, args: SlaBenchArgs) -> Result<(), BoxError> {
    let db = connect(settings).await?;
    let desk = atbalsts_store::desks::desk_by_prefix(&db, &args.desk)
        .await?
        .ok_or("no such desk; start `atbalsts demo` once first")?;
    let stored = policies::list_for_desk(&db, desk.id).await?;
    if stored.is_empty() {
        return Err("the desk has no SLA policies; the demo desk ships some".into());
    }
    if args.creates > 0 {
        compare_creates(&db, desk.id, &stored, &args).await?;
    }
    if args.retime {
        retime_all(&db, desk.id, &stored[0], args.max_seconds).await?;
    }
    if args.drop_timers {
        let dropped = sqlx::query(
            "DELETE FROM jobs WHERE kind IN ('sla.warn', 'sla.breach') AND state = 'queued'",
        )
        .execute(db.write())
        .await?
        .rows_affected();
        println!("dropped {dropped} queued SLA timers of the generated history");
    }
    Ok(())
}

fn as_new(p: &StoredPolicy) -> NewPolicy {
    NewPolicy {
        code: p.code.clone(),
        name_lv: p.name_lv.clone(),
        name_en: p.name_en.clone(),
        calendar_id: p.calendar_id,
        conditions: p.conditions.clone(),
        warn_percent: p.warn_percent,
        breach_priority: p.breach_priority.clone(),
        breach_team_id: p.breach_team_id,
        goals: p.goals.clone(),
    }
}

/// Turns the desk's policies on or off as they were (`on`) or all off,
/// and finishes the re-time runs that starts (on the few tickets the
/// comparison made so far).
async fn set_policies(
    db: &Db,
    desk_id: i64,
    stored: &[StoredPolicy],
    on: bool,
) -> Result<(), BoxError> {
    for p in stored {
        policies::save(db, desk_id, Some(p.id), &as_new(p), on && p.active).await?;
    }
    drain_retime(db, desk_id, Duration::from_secs(600)).await?;
    Ok(())
}

async fn compare_creates(
    db: &Db,
    desk_id: i64,
    stored: &[StoredPolicy],
    args: &SlaBenchArgs,
) -> Result<(), BoxError> {
    let staff = atbalsts_store::desks::staff_of(db, desk_id).await?;
    let (agent_id, _) = staff.first().ok_or("the desk has no staff")?;
    let (_, agent) = atbalsts_store::users::viewer_by_id(db, *agent_id)
        .await?
        .ok_or("no such agent")?;
    let types = atbalsts_store::workflows::ticket_types_of(db, desk_id).await?;
    let incident = types
        .iter()
        .find(|t| t.code == "incident")
        .or(types.first())
        .ok_or("the desk has no ticket types")?;
    let new = NewTicket::new(
        desk_id,
        incident.id,
        Summary::parse("Neiet printeris").map_err(|e| format!("{e:?}"))?,
        "SLA mērījums".into(),
        *agent_id,
        Channel::Phone,
        Priority::High,
    );
    let mut on = Duration::ZERO;
    let mut off = Duration::ZERO;
    for round in 0..args.rounds {
        for sla in [true, false] {
            set_policies(db, desk_id, stored, sla).await?;
            let started = Instant::now();
            for _ in 0..args.creates {
                create_ticket(db, &agent, &new).await?;
            }
            let took = started.elapsed();
            println!(
                "round {round}: {} creates with SLA {}: {:.3} ms each",
                args.creates,
                if sla { "on " } else { "off" },
                took.as_secs_f64() * 1000.0 / args.creates as f64
            );
            if sla {
                on += took;
            } else {
                off += took;
            }
        }
    }
    set_policies(db, desk_id, stored, true).await?;
    let n = (args.creates * args.rounds) as f64;
    println!(
        "create: SLA on {:.3} ms, off {:.3} ms per ticket: SLA adds {:+.1} %",
        on.as_secs_f64() * 1000.0 / n,
        off.as_secs_f64() * 1000.0 / n,
        (on.as_secs_f64() / off.as_secs_f64() - 1.0) * 100.0
    );
    Ok(())
}

async fn retime_all(
    db: &Db,
    desk_id: i64,
    first: &StoredPolicy,
    max_seconds: u64,
) -> Result<(), BoxError> {
    // A generated history has no clocks yet: measure them once (timed too),
    // then let every timer already due count as sent, as on a desk that has
    // been running — otherwise the edit would be timed against a million
    // overdue notices nobody was ever sent.
    let first_measure = Instant::now();
    policies::save(db, desk_id, Some(first.id), &as_new(first), first.active).await?;
    drain_retime(db, desk_id, Duration::from_secs(max_seconds)).await?;
    println!(
        "first measurement of every open ticket's clocks: {:.1} s",
        first_measure.elapsed().as_secs_f64()
    );
    let now = atbalsts_store::now_ms();
    sqlx::query(
        "UPDATE ticket_sla SET warned_at = COALESCE(warned_at, $1), breach_handled_at = \
         CASE WHEN due_at < $1 THEN COALESCE(breach_handled_at, $1) ELSE breach_handled_at END \
         WHERE due_at < $1 OR state = 'breached'",
    )
    .bind(now)
    .execute(db.write())
    .await?;
    sqlx::query("DELETE FROM jobs WHERE kind IN ('sla.warn', 'sla.breach') AND state = 'queued' AND run_at <= $1")
        .bind(now)
        .execute(db.write())
        .await?;
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM tickets WHERE desk_id = $1 AND status_category NOT IN ('resolved', 'closed')",
    )
    .bind(desk_id)
    .fetch_one(db.read())
    .await?;
    // The edit: a goal of the first policy an hour longer.
    let mut edited = as_new(first);
    for g in &mut edited.goals {
        *g = atbalsts_domain::sla::GoalTarget::check(g.goal, g.target_secs + 3600)
            .map_err(|e| format!("{e:?}"))?;
    }
    let started = Instant::now();
    policies::save(db, desk_id, Some(first.id), &edited, first.active).await?;
    drain_retime(db, desk_id, Duration::from_secs(max_seconds)).await?;
    let took = started.elapsed();
    let run = retime_runs::latest(db, desk_id)
        .await?
        .ok_or("no re-time run")?;
    println!(
        "re-time after a policy edit: {} of {open} open tickets in {:.1} s ({:.0} tickets/s)",
        run.done,
        took.as_secs_f64(),
        run.done as f64 / took.as_secs_f64()
    );
    // Put the policy back as it was (re-timed again, untimed).
    policies::save(db, desk_id, Some(first.id), &as_new(first), first.active).await?;
    drain_retime(db, desk_id, Duration::from_secs(max_seconds)).await?;
    Ok(())
}
