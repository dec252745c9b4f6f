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
