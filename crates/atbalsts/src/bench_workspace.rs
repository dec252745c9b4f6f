//! The agent's pages under load, signed in with a session cookie: each
//! queue's first page with its live counts, the ticket view, and bulk edit
//! of 500 tickets. Meant for a desk filled by `atbalsts seed-tickets`.

use crate::bench::{scenario, BenchArgs};
use crate::serve::BoxError;
use std::sync::Arc;
use std::time::Instant;

/// The queues measured: the staff views, filters on indexed and unindexed
/// columns, the closed history and a text search.
const QUEUES: &[(&str, &str)] = &[
    ("open", ""),
    ("soonest", "sort=due&dir=asc"),
    ("due 8 h", "due=8"),
    ("assigned", "view=assigned"),
    ("unassign", "view=unassigned"),
    ("waiting", "view=waiting"),
    ("priority", "priority=high"),
    ("instit.", "institution=2"),
    ("channel", "state=all&channel=phone"),
    ("done", "state=done"),
    ("created", "state=all&created_from=2026-06-01"),
    ("text", "state=all&q=projektors"),
];

/// Bulk edits measured, each on 500 other tickets.
const BULK_RUNS: usize = 3;
const BULK_TICKETS: i64 = 500;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The first `name="_csrf" value="…"` of a page.
fn csrf_of(page: &str) -> Option<String> {
    let at = page.find("name=\"_csrf\" value=\"")? + "name=\"_csrf\" value=\"".len();
    Some(page[at..].split('"').next()?.to_owned())
}

/// The highest ticket number of `prefix` on a page.
fn highest_number(page: &str, prefix: &str) -> i64 {
    let needle = format!("{prefix}-");
    page.match_indices(&needle)
        .filter_map(|(i, _)| {
            let digits: String = page[i + needle.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .max()
        .unwrap_or(0)
}

/// A page fetched as the signed-in agent: its status.
async fn fetch_page(
    c: reqwest::Client,
    url: String,
    cookie: Arc<String>,
) -> Result<reqwest::StatusCode, String> {
    c.get(url)
        .header("cookie", &*cookie)
        .send()
        .await
        .map(|r| r.status())
        .map_err(|e| format!("io: {e}"))
}

pub async fn run(args: &BenchArgs, session: &str) -> Result<(), BoxError> {
    // The whole Cookie header (the session and the visitor cookie its CSRF
    // tokens are bound to), or the session token alone.
    let cookie = Arc::new(if session.contains('=') {
        session.to_owned()
    } else {
        format!("atb_session={session}")
    });
    let base = Arc::new(args.url.clone());
    let c = client();
    let list = c
        .get(format!("{base}/tickets?state=all"))
        .header("cookie", &*cookie)
        .send()
        .await?;
    if !list.status().is_success() {
        return Err(format!(
            "the ticket list answered {}; check the session",
            list.status()
        )
        .into());
    }
    let page = list.text().await?;
    let csrf = csrf_of(&page).ok_or("no CSRF token on the ticket list")?;
    let highest = highest_number(&page, &args.desk);
    if highest < BULK_TICKETS * BULK_RUNS as i64 {
        return Err("too few tickets on the desk; run `atbalsts seed-tickets` first".into());
    }
    println!("workspace: {highest} tickets on {}", args.desk);

    let per_queue = (args.requests / 20).max(50);
    let queue_args = BenchArgs {
        requests: per_queue,
        ..args.clone()
    };
    // One agent at a time (the page's own time), then four at once.
    for (clients, (name, query)) in QUEUES
        .iter()
        .map(|q| (1, q))
        .chain(QUEUES.iter().take(3).map(|q| (4, q)))
    {
        let url = Arc::new(format!("{base}/tickets?{query}"));
        let cookie = cookie.clone();
        scenario(
            &queue_args,
            &format!("queue:{name}"),
            clients,
            move |c, _| fetch_page(c, url.to_string(), cookie.clone()),
        )
        .await;
    }

    let view_args = BenchArgs {
        requests: args.requests / 4,
        ..args.clone()
    };
    for clients in [1, 4] {
        let (base, prefix, view_cookie) =
            (base.clone(), Arc::new(args.desk.clone()), cookie.clone());
        scenario(&view_args, "view", clients, move |c, i| {
            let (base, prefix, cookie) = (base.clone(), prefix.clone(), view_cookie.clone());
            // Spread over the whole history, recent and old alike.
            let number = 1 + (i as i64 * 7919) % highest;
            fetch_page(c, format!("{base}/tickets/{prefix}-{number}"), cookie)
        })
        .await;
    }

    // Bulk edit: unassign 500 consecutive tickets, newest first.
    for run in 0..BULK_RUNS {
        let last = highest - run as i64 * BULK_TICKETS;
        let mut form: Vec<(String, String)> = vec![
            ("_csrf".into(), csrf.clone()),
            ("assignee".into(), "none".into()),
        ];
        for n in (last - BULK_TICKETS + 1)..=last {
            form.push(("ticket".into(), format!("{}-{n}", args.desk)));
        }
        let started = Instant::now();
        let response = c
            .post(format!("{}/tickets/bulk", args.url))
            .header("cookie", &*cookie)
            .form(&form)
            .send()
            .await?;
        let status = response.status();
        let body = response.text().await?;
        let seconds = started.elapsed().as_secs_f64();
        if !status.is_success() {
            return Err(format!(
                "bulk edit answered {status}: {}",
                body.split("<main")
                    .nth(1)
                    .unwrap_or(&body)
                    .chars()
                    .take(400)
                    .collect::<String>()
            )
            .into());
        }
        println!(
            "bulk     tickets={BULK_TICKETS} status={} seconds={seconds:.2} refused={}",
            status.as_u16(),
            body.matches(&format!("<li><a href=\"/tickets/{}-", args.desk))
                .count()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_and_the_highest_key_are_read_off_the_page() {
        let page = r#"<input name="_csrf" value="abc"><a>KISC-12</a> <a>KISC-1042</a> KISC-"#;
        assert_eq!(csrf_of(page).as_deref(), Some("abc"));
        assert_eq!(highest_number(page, "KISC"), 1042);
    }
}
