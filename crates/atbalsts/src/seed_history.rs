//! The life a generated ticket had, so the reports have something true to
//! read: its status periods (triaged, sometimes waiting for the customer,
//! resolved, now and then reopened, closed), its stopped SLA clocks, a team
//! change now and then, a root cause for problems, the satisfaction survey
//! and its answer, and for a one-stop-centre case the case record. Planned
//! in Rust, written with the tickets in multi-row inserts.

use crate::serve::BoxError;
use atbalsts_store::{Db, Sql};
use rand::rngs::StdRng;
use rand::Rng;
use sqlx::Row;
use std::collections::HashMap;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
/// About the share of calendar time that is business time of an office
/// calendar (42.5 working hours of 168).
const BUSINESS_SHARE: f64 = 0.25;

/// A calendar duration for a goal of `target` ms of business time (`share`
/// of calendar time): mostly within it, one in seven over.
fn within(rng: &mut StdRng, target: i64, share: f64) -> i64 {
    let factor = if rng.gen_bool(0.85) {
        rng.gen_range(0.05..0.95)
    } else {
        rng.gen_range(1.05..3.0)
    };
    (target as f64 * factor / share) as i64
}

/// Rows per history statement: SQLite prepares many placeholders slowly.
const ROWS: usize = 150;

const COMMENTS: &[&str] = &[
    "Ātri un laipni, paldies!",
    "Atrisināja, bet ilgi bija jāgaida.",
    "Viss darbojas.",
    "Nākamreiz lūdzu zvaniet iepriekš.",
    "",
];
const CASE_SERVICES: &[&str] = &[
    "Dzīvesvietas deklarēšana",
    "Pašvaldības pabalsti",
    "VID EDS palīdzība",
    "Uzturlīdzekļu garantiju fonds",
    "Bērna kopšanas pabalsts",
];
const CASE_CHANNELS: &[&str] = &[
    "in_person",
    "in_person",
    "phone",
    "email",
    "e_service",
    "visit",
];
const CASE_OUTCOMES: &[&str] = &[
    "consulted",
    "consulted",
    "application_accepted",
    "forwarded",
    "refused",
];

/// What the desk has that generated tickets refer to.
pub struct DeskFacts {
    /// (id, name).
    pub teams: Vec<(i64, String)>,
    pub agents: Vec<i64>,
    /// Request types per ticket type.
    request_types: HashMap<i64, Vec<i64>>,
    root_causes: Vec<i64>,
    /// The desk's last (catch-all) SLA policy: (policy, calendar, first
    /// response target s, resolution target s).
    policy: Option<(i64, i64, i64, i64)>,
}

impl DeskFacts {
    pub async fn read(
        db: &Db,
        desk_id: i64,
        teams: Vec<(i64, String)>,
        agents: Vec<i64>,
    ) -> Result<Self, BoxError> {
        let mut request_types: HashMap<i64, Vec<i64>> = HashMap::new();
        for r in sqlx::query("SELECT id, ticket_type_id FROM request_types WHERE desk_id = $1")
            .bind(desk_id)
            .fetch_all(db.read())
            .await?
        {
            request_types
                .entry(r.try_get(1)?)
                .or_default()
                .push(r.try_get(0)?);
        }
        let root_causes = sqlx::query(
            "SELECT id FROM categories WHERE desk_id = $1 AND kind = 'root_cause' ORDER BY id",
        )
        .bind(desk_id)
        .fetch_all(db.read())
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
        let policy = match sqlx::query(
            "SELECT p.id, p.calendar_id, \
             COALESCE((SELECT target_secs FROM sla_policy_goals g WHERE g.policy_id = p.id AND g.goal = 'first_response'), 14400), \
             COALESCE((SELECT target_secs FROM sla_policy_goals g WHERE g.policy_id = p.id AND g.goal = 'resolution'), 61200) \
             FROM sla_policies p WHERE p.desk_id = $1 ORDER BY p.position DESC, p.id DESC LIMIT 1",
        )
        .bind(desk_id)
        .fetch_optional(db.read())
        .await?
        {
            Some(r) => Some((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)),
            None => None,
        };
        Ok(Self {
            teams,
            agents,
            request_types,
            root_causes,
            policy,
        })
    }
}

/// A generated ticket's row facts.
pub struct Ticket {
    pub number: i64,
    pub ticket_type: i64,
    pub type_code: String,
    /// The workflow's (status, category) in order.
    pub statuses: Vec<(String, String)>,
    pub status: String,
    pub category: String,
    pub requester: i64,
    pub institution: i64,
    pub sub_unit: i64,
    /// Index into the desk's teams.
    pub team: usize,
    pub assignee: Option<i64>,
    pub created: i64,
}

struct Survey {
    sent: i64,
    answer: Option<(i64, i64, &'static str)>,
}

struct Case {
    service: &'static str,
    channel: &'static str,
    minutes: i64,
    outcome: &'static str,
}

/// A ticket and everything that happened to it.
pub struct Planned {
    pub ticket: Ticket,
    pub updated: i64,
    pub resolved_at: Option<i64>,
    pub request_type: Option<i64>,
    pub root_cause: Option<i64>,
    /// (status, category, entered).
    periods: Vec<(String, String, i64)>,
    first_response: Option<i64>,
    /// The team it came from before triage moved it.
    moved_from: Option<usize>,
    survey: Option<Survey>,
    case: Option<Case>,
}

impl Planned {
    pub fn new(rng: &mut StdRng, facts: &DeskFacts, mut ticket: Ticket, now: i64) -> Self {
        let of = |category: &str| {
            ticket
                .statuses
                .iter()
                .find(|(_, c)| c == category)
                .map(|(s, _)| s.clone())
        };
        let new = of("new").unwrap_or_else(|| ticket.statuses[0].0.clone());
        let open = of("open").unwrap_or_else(|| new.clone());
        let waiting = of("waiting");
        let resolved = of("resolved");
        let closed = of("closed");
        let mut periods = vec![(new, "new".to_owned(), ticket.created)];
        // Each step enters a status some time after the last one, never
        // later than now.
        let step = |periods: &mut Vec<(String, String, i64)>,
                    status: String,
                    category: &str,
                    after: i64| {
            let last = periods.last().map_or(ticket.created, |p| p.2);
            let at = (last + after.max(1)).min(now - 1).max(last + 1);
            periods.push((status, category.to_owned(), at));
        };
        let at =
            |periods: &Vec<(String, String, i64)>| periods.last().map_or(ticket.created, |p| p.2);
        let case = (ticket.type_code == "service_case").then(|| Case {
            service: CASE_SERVICES[rng.gen_range(0..CASE_SERVICES.len())],
            channel: CASE_CHANNELS[rng.gen_range(0..CASE_CHANNELS.len())],
            minutes: rng.gen_range(3..40),
            outcome: CASE_OUTCOMES[rng.gen_range(0..CASE_OUTCOMES.len())],
        });
        let mut first_response = None;
        let done = matches!(ticket.category.as_str(), "resolved" | "closed");
        if let Some(c) = &case {
            // Recorded when over: resolved at once.
            step(
                &mut periods,
                ticket.status.clone(),
                &ticket.category.clone(),
                c.minutes * MINUTE,
            );
        } else if ticket.category != "new" {
            let first_target = facts.policy.map_or(4 * HOUR, |p| p.2 * 1000);
            step(
                &mut periods,
                open.clone(),
                "open",
                within(rng, first_target, 1.0),
            );
            first_response = Some(at(&periods));
            if let Some(w) = waiting.clone().filter(|_| rng.gen_bool(0.2)) {
                step(&mut periods, w, "waiting", rng.gen_range(HOUR..2 * DAY));
                step(
                    &mut periods,
                    open.clone(),
                    "open",
                    rng.gen_range(HOUR..2 * DAY),
                );
            }
            if done {
                let resolved = resolved.clone().unwrap_or_else(|| ticket.status.clone());
                let resolution_target = facts.policy.map_or(2 * DAY, |p| p.3 * 1000);
                step(
                    &mut periods,
                    resolved.clone(),
                    "resolved",
                    within(rng, resolution_target, BUSINESS_SHARE),
                );
                if rng.gen_bool(0.08) && at(&periods) + 3 * DAY < now {
                    step(
                        &mut periods,
                        open.clone(),
                        "open",
                        rng.gen_range(HOUR..3 * DAY),
                    );
                    step(
                        &mut periods,
                        resolved,
                        "resolved",
                        rng.gen_range(HOUR..2 * DAY),
                    );
                }
                if ticket.category == "closed" {
                    match closed.filter(|_| at(&periods) + 4 * DAY < now) {
                        Some(c) => step(&mut periods, c, "closed", rng.gen_range(DAY..4 * DAY)),
                        // Not closed yet: it waits in resolved.
                        None => {
                            let last = periods.last().expect("a period");
                            ticket.status = last.0.clone();
                            ticket.category = last.1.clone();
                        }
                    }
                }
                // It ended in its own status of the category (a workflow
                // may have several: closed, cancelled ...).
                let last = periods.last_mut().expect("a period");
                if last.1 == ticket.category {
                    last.0 = ticket.status.clone();
                }
            } else {
                // Still open: the last period is its status now.
                let last = periods.last_mut().expect("a period");
                if last.1 != ticket.category {
                    step(
                        &mut periods,
                        ticket.status.clone(),
                        &ticket.category.clone(),
                        rng.gen_range(HOUR..DAY),
                    );
                } else {
                    last.0 = ticket.status.clone();
                }
            }
        }
        // As the store keeps it: when the ticket became done, after its
        // last reopen.
        let is_done = |c: &str| c == "resolved" || c == "closed";
        let resolved_at = periods
            .iter()
            .rposition(|(_, c, _)| !is_done(c))
            .and_then(|open| periods.get(open + 1))
            .filter(|_| is_done(&ticket.category))
            .map(|p| p.2);
        let first_resolved = periods
            .iter()
            .find(|(_, c, _)| c == "resolved")
            .map(|p| p.2);
        let survey = first_resolved
            .filter(|_| case.is_none() && rng.gen_bool(0.5))
            .map(|sent| Survey {
                sent,
                answer: rng.gen_bool(0.4).then(|| {
                    let score = match rng.gen_range(0..100) {
                        0..=44 => 5,
                        45..=74 => 4,
                        75..=86 => 3,
                        87..=94 => 2,
                        _ => 1,
                    };
                    let answered = (sent + rng.gen_range(10 * MINUTE..2 * DAY)).min(now - 1);
                    (score, answered, COMMENTS[rng.gen_range(0..COMMENTS.len())])
                }),
            });
        let moved_from =
            (facts.teams.len() > 1 && case.is_none() && rng.gen_bool(0.12)).then(|| {
                (ticket.team + 1 + rng.gen_range(0..facts.teams.len() - 1)) % facts.teams.len()
            });
        let request_type = facts
            .request_types
            .get(&ticket.ticket_type)
            .filter(|ids| !ids.is_empty())
            .map(|ids| ids[rng.gen_range(0..ids.len())]);
        let root_cause = (ticket.type_code == "problem" && done && !facts.root_causes.is_empty())
            .then(|| facts.root_causes[rng.gen_range(0..facts.root_causes.len())]);
        Self {
            updated: periods.last().map_or(ticket.created, |p| p.2),
            resolved_at,
            request_type,
            root_cause,
            periods,
            first_response,
            moved_from,
            survey,
            case,
            ticket,
        }
    }
}

impl Planned {
    /// Time spent waiting (for the customer, a third party), ms.
    fn waited(&self) -> i64 {
        self.periods
            .iter()
            .zip(self.periods.iter().skip(1))
            .filter(|(p, _)| p.1 == "waiting")
            .map(|(p, next)| next.2 - p.2)
            .sum()
    }
}

/// Writes the histories of a batch whose tickets were just inserted.
pub async fn write(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    desk_id: i64,
    facts: &DeskFacts,
    batch: &mut [Planned],
) -> Result<(), BoxError> {
    let (Some(lo), Some(hi)) = (batch.first(), batch.last()) else {
        return Ok(());
    };
    let ids: HashMap<i64, i64> = sqlx::query(
        "SELECT number, id FROM tickets WHERE desk_id = $1 AND number >= $2 AND number <= $3",
    )
    .bind(desk_id)
    .bind(lo.ticket.number)
    .bind(hi.ticket.number)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
    .collect::<Result<_, sqlx::Error>>()?;
    let id = |p: &Planned| ids[&p.ticket.number];
    let actor = |p: &Planned| p.ticket.assignee.unwrap_or(facts.agents[0]);

    // Status periods.
    let periods: Vec<_> = batch
        .iter()
        .flat_map(|p| {
            p.periods
                .iter()
                .enumerate()
                .map(move |(i, (status, category, entered))| {
                    let left = p.periods.get(i + 1).map(|n| n.2);
                    let by = if i == 0 { p.ticket.requester } else { actor(p) };
                    (id(p), status.clone(), category.clone(), *entered, left, by)
                })
        })
        .collect();
    for chunk in periods.chunks(ROWS) {
        let mut sql = Sql::new(
            "INSERT INTO ticket_status_history (ticket_id, status, status_category, entered_at, left_at, actor_id) VALUES ",
        );
        for (i, (ticket, status, category, entered, left, by)) in chunk.iter().enumerate() {
            sql.push(if i == 0 { "(" } else { ", (" })
                .bind(*ticket)
                .push(", ")
                .bind(status.as_str())
                .push(", ")
                .bind(category.as_str())
                .push(", ")
                .bind(*entered)
                .push(", ")
                .bind(*left)
                .push(", ")
                .bind(*by)
                .push(")");
        }
        sql.query().execute(&mut **tx).await?;
    }

    // Stopped SLA clocks: business time taken as a share of calendar time.
    if let Some((policy, calendar, first_target, resolution_target)) = facts.policy {
        let mut clocks = Vec::new();
        for p in batch.iter() {
            let created = p.ticket.created;
            if let Some(at) = p.first_response {
                clocks.push((id(p), "first_response", first_target, created, at, 1.0, 0));
            }
            if let Some(at) = p.resolved_at.filter(|_| p.case.is_none()) {
                // The clock stood still while the ticket waited.
                let paused = p.waited();
                clocks.push((
                    id(p),
                    "resolution",
                    resolution_target,
                    created + paused,
                    at,
                    BUSINESS_SHARE,
                    paused / 1000,
                ));
            }
        }
        for chunk in clocks.chunks(ROWS / 2) {
            let mut sql = Sql::new(
                "INSERT INTO ticket_sla (ticket_id, goal, policy_id, calendar_id, target_secs, state, \
                 due_at, used_secs, paused_secs, stopped_at, breached_at, breach_handled_at, updated_at) VALUES ",
            );
            for (i, (ticket, goal, target, created, stopped, share, paused)) in
                chunk.iter().enumerate()
            {
                let used = (((stopped - created) / 1000) as f64 * share) as i64;
                let breached = used > *target;
                let due = created + target * 1000;
                let breached_at = breached.then_some(due);
                sql.push(if i == 0 { "(" } else { ", (" })
                    .bind(*ticket)
                    .push(", ")
                    .bind(*goal)
                    .push(", ")
                    .bind(policy)
                    .push(", ")
                    .bind(calendar)
                    .push(", ")
                    .bind(*target)
                    .push(", ")
                    .bind(if breached { "breached" } else { "met" })
                    .push(", ")
                    .bind(due)
                    .push(", ")
                    .bind(used)
                    .push(", ")
                    .bind(*paused)
                    .push(", ")
                    .bind(*stopped)
                    .push(", ")
                    .bind(breached_at)
                    .push(", ")
                    .bind(breached_at)
                    .push(", ")
                    .bind(*stopped)
                    .push(")");
            }
            sql.query().execute(&mut **tx).await?;
        }
    }

    // Team changes at triage.
    let moves: Vec<_> = batch
        .iter()
        .filter_map(|p| {
            p.moved_from.map(|from| {
                (
                    id(p),
                    actor(p),
                    p.first_response.unwrap_or(p.ticket.created),
                    from,
                    p.ticket.team,
                )
            })
        })
        .collect();
    for chunk in moves.chunks(ROWS) {
        let mut sql = Sql::new(
            "INSERT INTO ticket_changes (ticket_id, actor_id, at, field, old_value, new_value) VALUES ",
        );
        for (i, (ticket, by, at, from, to)) in chunk.iter().enumerate() {
            sql.push(if i == 0 { "(" } else { ", (" })
                .bind(*ticket)
                .push(", ")
                .bind(*by)
                .push(", ")
                .bind(*at)
                .push(", 'team', ")
                .bind(facts.teams[*from].1.as_str())
                .push(", ")
                .bind(facts.teams[*to].1.as_str())
                .push(")");
        }
        sql.query().execute(&mut **tx).await?;
    }

    // Surveys and answers.
    let surveys: Vec<_> = batch
        .iter()
        .filter_map(|p| p.survey.as_ref().map(|s| (p, s)))
        .collect();
    for chunk in surveys.chunks(ROWS / 2) {
        let mut sql = Sql::new(
            "INSERT INTO csat_surveys (ticket_id, desk_id, requester_id, team_id, assignee_id, sent_at, \
             score, comment, answered_at, changed_at) VALUES ",
        );
        for (i, (p, s)) in chunk.iter().enumerate() {
            let (score, answered, comment) = match s.answer {
                Some((score, at, comment)) => (Some(score), Some(at), comment),
                None => (None, None, ""),
            };
            sql.push(if i == 0 { "(" } else { ", (" })
                .bind(id(p))
                .push(", ")
                .bind(desk_id)
                .push(", ")
                .bind(p.ticket.requester)
                .push(", ")
                .bind(facts.teams[p.ticket.team].0)
                .push(", ")
                .bind(p.ticket.assignee)
                .push(", ")
                .bind(s.sent)
                .push(", ")
                .bind(score)
                .push(", ")
                .bind(comment)
                .push(", ")
                .bind(answered)
                .push(", ")
                .bind(answered)
                .push(")");
        }
        sql.query().execute(&mut **tx).await?;
    }

    // One-stop-centre case records.
    let cases: Vec<_> = batch
        .iter()
        .filter_map(|p| p.case.as_ref().map(|c| (p, c)))
        .collect();
    for chunk in cases.chunks(ROWS / 2) {
        let mut sql = Sql::new(
            "INSERT INTO service_cases (ticket_id, desk_id, employee_id, service, channel, minutes, \
             outcome, reason, institution_id, created_at, updated_at) VALUES ",
        );
        for (i, (p, c)) in chunk.iter().enumerate() {
            sql.push(if i == 0 { "(" } else { ", (" })
                .bind(id(p))
                .push(", ")
                .bind(desk_id)
                .push(", ")
                .bind(actor(p))
                .push(", ")
                .bind(c.service)
                .push(", ")
                .bind(c.channel)
                .push(", ")
                .bind(c.minutes)
                .push(", ")
                .bind(c.outcome)
                .push(", ")
                .bind((c.outcome == "refused").then_some("Nav iesniegti visi dokumenti"))
                .push(", ")
                .bind(p.ticket.institution)
                .push(", ")
                .bind(p.updated)
                .push(", ")
                .bind(p.updated)
                .push(")");
        }
        sql.query().execute(&mut **tx).await?;
    }
    Ok(())
}
