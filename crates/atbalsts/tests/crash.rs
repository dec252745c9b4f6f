//! `kill -9` of the server under write load loses no ticket or comment
//! whose creation was acknowledged.

use atbalsts_domain::TicketKey;
use atbalsts_store::tickets::{comments_of, ticket_for};
use atbalsts_testkit::{db_test, TestDb};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn start(url: &str, dir: &std::path::Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_atbalsts"))
        .arg("serve")
        .env("ATBALSTS_DATABASE_URL", url)
        .env("ATBALSTS_DATA_DIR", dir)
        .env("ATBALSTS_LISTEN", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start atbalsts")
}

async fn wait_ready(port: u16) {
    for _ in 0..200 {
        if reqwest::get(format!("http://127.0.0.1:{port}/readyz"))
            .await
            .map(|r| r.status().is_success())
            .unwrap_or(false)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server did not become ready");
}

#[db_test]
async fn acknowledged_tickets_and_comments_survive_kill_9(t: TestDb) {
    let w = t.world().await;
    let (_, token) = atbalsts_store::api_tokens::create(&t.db, w.agent.user_id, "crash")
        .await
        .unwrap();
    let port = 20000 + (rand_port() % 20000);
    let mut server = start(&t.url, t.dir.path(), port);
    wait_ready(port).await;

    let acked = Arc::new(Mutex::new(Vec::<(String, i64)>::new()));
    let client = reqwest::Client::new();
    let mut writers = Vec::new();
    for c in 0..8 {
        let (client, token, acked) = (client.clone(), token.clone(), acked.clone());
        writers.push(tokio::spawn(async move {
            for i in 0..400 {
                let url = format!("http://127.0.0.1:{port}/api/v1/tickets");
                let body = serde_json::json!({"desk": "KISC", "type": "incident", "summary": format!("Avārija {c}-{i}")});
                let Ok(r) = client.post(&url).bearer_auth(&token).json(&body).send().await else { return };
                if r.status() != 201 { return }
                let Ok(v) = r.json::<serde_json::Value>().await else { return };
                let key = v["key"].as_str().unwrap().to_owned();
                let url = format!("http://127.0.0.1:{port}/api/v1/tickets/{key}/comments");
                let Ok(r) = client.post(&url).bearer_auth(&token).json(&serde_json::json!({"body": "Saņemts"})).send().await else { return };
                if r.status() != 201 { return }
                let Ok(v) = r.json::<serde_json::Value>().await else { return };
                acked.lock().unwrap().push((key, v["id"].as_i64().unwrap()));
            }
        }));
    }
    // Let the load build up, then kill the server without warning.
    for _ in 0..100 {
        if acked.lock().unwrap().len() >= 50 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill().expect("kill -9");
    server.wait().unwrap();
    for w in writers {
        let _ = w.await;
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 50,
        "load reached the server before the kill ({})",
        acked.len()
    );

    // Restart on the same data and check every acknowledged write.
    let mut server = start(&t.url, t.dir.path(), port);
    wait_ready(port).await;
    let db = t.second_instance().await;
    for (key, comment_id) in &acked {
        let ticket = ticket_for(&db, &w.agent, &TicketKey::parse(key).unwrap())
            .await
            .unwrap();
        let ticket = ticket.unwrap_or_else(|| panic!("{key} was acknowledged but is gone"));
        assert!(
            comments_of(&db, &w.agent, &ticket)
                .await
                .unwrap()
                .iter()
                .any(|c| c.id == *comment_id),
            "comment on {key} lost"
        );
    }
    server.kill().unwrap();
    let _ = server.wait();
}

fn rand_port() -> u16 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u16
}

/// The unique Message-IDs among raw messages, and how many messages there were.
fn message_ids(raw: &[Vec<u8>]) -> (std::collections::BTreeSet<String>, usize) {
    let ids = raw
        .iter()
        .filter_map(|m| {
            String::from_utf8_lossy(m)
                .lines()
                .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
                .map(|l| l[11..].trim().to_owned())
        })
        .collect();
    (ids, raw.len())
}

#[db_test]
async fn notifications_survive_kill_9_while_sending_and_arrive_once(t: TestDb) {
    let w = t.world().await;
    let (_, token) = atbalsts_store::api_tokens::create(&t.db, w.agent.user_id, "crash")
        .await
        .unwrap();
    let key = w
        .file(&t.db, &w.customer_a, "Neiet printeris")
        .await
        .to_string();
    let sink = atbalsts_testkit::SmtpSink::start().await;
    let port = 20000 + (rand_port() % 20000);
    let run = |url: &str| {
        Command::new(env!("CARGO_BIN_EXE_atbalsts"))
            .arg("serve")
            .env("ATBALSTS_DATABASE_URL", url)
            .env("ATBALSTS_DATA_DIR", t.dir.path())
            .env("ATBALSTS_LISTEN", format!("127.0.0.1:{port}"))
            .env("ATBALSTS_SMTP_URL", sink.url())
            .env("ATBALSTS_MAIL_FROM", "KISC <atbalsts@kisc.lv>")
            .env("ATBALSTS_JOB_LEASE_SECONDS", "2")
            // Every reply its own message, so each can be counted.
            .env("ATBALSTS_MAIL_FOLD_SECONDS", "0")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start atbalsts")
    };
    let mut server = run(&t.url);
    wait_ready(port).await;
    let client = reqwest::Client::new();
    const REPLIES: usize = 60;
    for i in 0..REPLIES {
        let r = client
            .post(format!(
                "http://127.0.0.1:{port}/api/v1/tickets/{key}/comments"
            ))
            .bearer_auth(&token)
            .json(&serde_json::json!({"body": format!("Atbilde {i}"), "public": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
    }
    // Kill the server while the outbox is being sent.
    for _ in 0..500 {
        if sink.messages().len() >= 5 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill().expect("kill -9");
    server.wait().unwrap();
    let (before, _) = message_ids(&sink.messages());
    assert!(
        before.len() < REPLIES,
        "the kill came while mail was still queued ({})",
        before.len()
    );

    let mut server = run(&t.url);
    wait_ready(port).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let (ids, _) = message_ids(&sink.messages());
        if ids.len() >= REPLIES {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "only {} of {REPLIES} arrived",
            ids.len()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (ids, total) = message_ids(&sink.messages());
    assert_eq!(ids.len(), REPLIES, "every notification arrived");
    // A message the SMTP server took just before the kill, not yet marked
    // sent, goes again: with the same Message-ID, at most once.
    assert!(
        total <= REPLIES + 1,
        "{total} messages for {REPLIES} notifications"
    );
    server.kill().unwrap();
    let _ = server.wait();
}

/// How many notifications of `kind` the outbox holds, and how many SLA
/// timers are still waiting to run.
async fn sla_state(db: &atbalsts_store::Db, kind: &str) -> (i64, i64) {
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE kind = $1")
        .bind(kind)
        .fetch_one(db.read())
        .await
        .unwrap();
    let waiting: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM jobs WHERE kind LIKE 'sla.%' AND state <> 'done'",
    )
    .fetch_one(db.read())
    .await
    .unwrap();
    (sent, waiting)
}

#[db_test]
async fn an_sla_warning_and_breach_scheduled_before_a_kill_9_are_sent_once_after_restarts(
    t: TestDb,
) {
    use atbalsts_domain::sla::{Calendar, CalendarSpec, Goal, GoalTarget};
    let w = t.world().await;
    let db = &t.db;
    let calendar = Calendar::new(CalendarSpec::always_open()).unwrap();
    let cal = atbalsts_store::sla::calendars::create(db, w.desk_id, "24x7", "Visu diennakti", "24x7", &calendar)
        .await
        .unwrap();
    atbalsts_store::sla::policies::create(
        db,
        w.desk_id,
        &atbalsts_store::sla::policies::NewPolicy {
            code: "visi".into(),
            name_lv: "Visi".into(),
            name_en: "All".into(),
            calendar_id: cal,
            conditions: Default::default(),
            warn_percent: 75,
            breach_priority: None,
            breach_team_id: None,
            goals: vec![GoalTarget::check(Goal::Resolution, 8 * 3600).unwrap()],
        },
    )
    .await
    .unwrap();
    let (_, token) = atbalsts_store::api_tokens::create(db, w.agent.user_id, "crash")
        .await
        .unwrap();
    let port = 20000 + (rand_port() % 20000);
    let run = |url: &str| start(url, t.dir.path(), port);
    let mut server = run(&t.url);
    wait_ready(port).await;
    let created = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{port}/api/v1/tickets"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"desk": "KISC", "type": "incident", "summary": "Nestrādā kase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 201);
    // The create scheduled a warning (at six hours) and a breach (at eight).
    assert_eq!(sla_state(db, "sla-warning").await, (0, 2));
    // In the team's queue, whose lead hears of breaches.
    let lead = atbalsts_store::users::create_user(
        db,
        &atbalsts_store::users::NewUser::new(
            atbalsts_domain::Email::parse("vaditajs@kisc.lv").unwrap(),
            "Laura Vadītāja",
        ),
    )
    .await
    .unwrap();
    atbalsts_store::users::grant_role(db, w.desk_id, lead, atbalsts_domain::Role::TeamLead)
        .await
        .unwrap();
    atbalsts_store::desks::add_team_member(db, w.team_id, lead)
        .await
        .unwrap();
    sqlx::query("UPDATE tickets SET team_id = $1")
        .bind(w.team_id)
        .execute(db.write())
        .await
        .unwrap();
    server.kill().expect("kill -9");
    server.wait().unwrap();

    // Eight hours pass while the server is down: both timers are due.
    sqlx::query("UPDATE jobs SET run_at = $1 WHERE kind LIKE 'sla.%' AND state = 'queued'")
        .bind(atbalsts_store::now_ms())
        .execute(db.write())
        .await
        .unwrap();
    let mut server = run(&t.url);
    wait_ready(port).await;
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while sla_state(db, "sla-breach").await.1 > 0 {
        assert!(std::time::Instant::now() < deadline, "the timers ran after the restart");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let warnings = sla_state(db, "sla-warning").await.0;
    let breaches = sla_state(db, "sla-breach").await.0;
    assert!(warnings > 0 && breaches > 0, "{warnings} warnings, {breaches} breaches");

    // Killed and started once more: nothing is sent a second time.
    server.kill().expect("kill -9");
    server.wait().unwrap();
    let mut server = run(&t.url);
    wait_ready(port).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sla_state(db, "sla-warning").await, (warnings, 0));
    assert_eq!(sla_state(db, "sla-breach").await, (breaches, 0));
    let clock: (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT warned_at, breach_handled_at FROM ticket_sla WHERE goal = 'resolution'",
    )
    .fetch_one(db.read())
    .await
    .unwrap();
    assert!(clock.0.is_some() && clock.1.is_some(), "{clock:?}");
    server.kill().unwrap();
    let _ = server.wait();
}
