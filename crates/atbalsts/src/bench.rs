//! A load generator that drives a running server over its JSON API and
//! reports throughput, latency percentiles, errors by status and the
//! server's resident memory. Every run is bounded in requests and time.

use clap::Args;
use serde_json::json;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Args, Clone)]
pub struct BenchArgs {
    /// Base URL of the server (only loopback addresses are accepted).
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    url: String,
    /// An API token of a staff member of the desk.
    #[arg(long, env = "ATBALSTS_BENCH_TOKEN")]
    token: String,
    /// Desk key prefix.
    #[arg(long, default_value = "KISC")]
    desk: String,
    /// Requests per scenario.
    #[arg(long, default_value_t = 4000)]
    requests: usize,
    /// Upper bound on each scenario's time, seconds.
    #[arg(long, default_value_t = 60)]
    max_seconds: u64,
}

struct Outcome {
    latencies: Vec<Duration>,
    errors: BTreeMap<String, usize>,
    elapsed: Duration,
}

async fn scenario<F, Fut>(args: &BenchArgs, name: &str, clients: usize, op: F)
where
    F: Fn(reqwest::Client, usize) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = Result<reqwest::StatusCode, String>> + Send,
{
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .expect("client");
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.max_seconds);
    let total = args.requests;
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (client, next, op) = (client.clone(), next.clone(), op.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors: BTreeMap<String, usize> = BTreeMap::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total || Instant::now() > deadline {
                    break;
                }
                let t = Instant::now();
                match op(client.clone(), i).await {
                    Ok(s) if s.is_success() => lat.push(t.elapsed()),
                    Ok(s) => *errors.entry(s.as_u16().to_string()).or_default() += 1,
                    Err(e) => *errors.entry(e).or_default() += 1,
                }
            }
            (lat, errors)
        }));
    }
    let mut out = Outcome {
        latencies: Vec::new(),
        errors: BTreeMap::new(),
        elapsed: Duration::ZERO,
    };
    for t in tasks {
        let (lat, errors) = t.await.expect("bench task");
        out.latencies.extend(lat);
        for (k, v) in errors {
            *out.errors.entry(k).or_default() += v;
        }
    }
    out.elapsed = start.elapsed();
    report(name, clients, &mut out);
}

fn report(name: &str, clients: usize, out: &mut Outcome) {
    out.latencies.sort();
    let pct = |p: f64| {
        if out.latencies.is_empty() {
            return 0.0;
        }
        let i =
            ((out.latencies.len() as f64 * p).ceil() as usize).clamp(1, out.latencies.len()) - 1;
        out.latencies[i].as_secs_f64() * 1000.0
    };
    let ok = out.latencies.len();
    println!(
        "{name:<8} clients={clients:<3} ok={ok:<6} ops/s={:>8.0} p50={:.2}ms p95={:.2}ms p99={:.2}ms errors={:?}",
        ok as f64 / out.elapsed.as_secs_f64(),
        pct(0.50),
        pct(0.95),
        pct(0.99),
        out.errors
    );
}

async fn server_rss(url: &str) -> Option<f64> {
    let text = reqwest::get(format!("{url}/metrics"))
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    let line = text
        .lines()
        .find(|l| l.starts_with("atbalsts_process_resident_memory_bytes"))?;
    let bytes: f64 = line.split_whitespace().last()?.parse().ok()?;
    Some(bytes / 1024.0 / 1024.0)
}

pub async fn run(args: BenchArgs) -> Result<(), crate::serve::BoxError> {
    let host = args
        .url
        .split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', ':'])
        .next()
        .unwrap_or("");
    if !["127.0.0.1", "localhost", "[::1]"].contains(&host) {
        return Err("bench only drives servers on this machine (127.0.0.1 or localhost)".into());
    }
    println!(
        "server RSS before: {:.1} MiB",
        server_rss(&args.url).await.unwrap_or(0.0)
    );
    let base = Arc::new(args.url.clone());
    let auth = Arc::new(format!("Bearer {}", args.token));
    let desk = Arc::new(args.desk.clone());
    let create = {
        let (base, auth, desk) = (base.clone(), auth.clone(), desk.clone());
        move |c: reqwest::Client, i: usize| {
            let (base, auth, desk) = (base.clone(), auth.clone(), desk.clone());
            async move {
                let body = json!({ "desk": *desk, "type": "incident", "summary": format!("Slodzes tests {i}"), "description": "Neiet printeris" });
                c.post(format!("{base}/api/v1/tickets"))
                    .header("authorization", &*auth)
                    .json(&body)
                    .send()
                    .await
                    .map(|r| r.status())
                    .map_err(|e| format!("io: {e}"))
            }
        }
    };
    for clients in [1, 8, 64] {
        scenario(&args, "create", clients, create.clone()).await;
    }
    // A ticket to read and comment on.
    let c = reqwest::Client::new();
    let made: serde_json::Value = c
        .post(format!("{}/api/v1/tickets", args.url))
        .header("authorization", &*auth)
        .json(&json!({ "desk": args.desk, "type": "incident", "summary": "Lasīšanas tests" }))
        .send()
        .await?
        .json()
        .await?;
    let key = Arc::new(
        made["key"]
            .as_str()
            .ok_or("could not create a ticket; check the token")?
            .to_owned(),
    );
    let get = {
        let (base, auth, key) = (base.clone(), auth.clone(), key.clone());
        move |c: reqwest::Client, _| {
            let (base, auth, key) = (base.clone(), auth.clone(), key.clone());
            async move {
                c.get(format!("{base}/api/v1/tickets/{key}"))
                    .header("authorization", &*auth)
                    .send()
                    .await
                    .map(|r| r.status())
                    .map_err(|e| format!("io: {e}"))
            }
        }
    };
    let list = {
        let (base, auth) = (base.clone(), auth.clone());
        move |c: reqwest::Client, _| {
            let (base, auth) = (base.clone(), auth.clone());
            async move {
                c.get(format!("{base}/api/v1/tickets?limit=50"))
                    .header("authorization", &*auth)
                    .send()
                    .await
                    .map(|r| r.status())
                    .map_err(|e| format!("io: {e}"))
            }
        }
    };
    let comment = {
        let (base, auth, key) = (base.clone(), auth.clone(), key.clone());
        move |c: reqwest::Client, i: usize| {
            let (base, auth, key) = (base.clone(), auth.clone(), key.clone());
            async move {
                c.post(format!("{base}/api/v1/tickets/{key}/comments"))
                    .header("authorization", &*auth)
                    .json(&json!({ "body": format!("Komentārs {i}"), "public": false }))
                    .send()
                    .await
                    .map(|r| r.status())
                    .map_err(|e| format!("io: {e}"))
            }
        }
    };
    for clients in [1, 8, 64] {
        scenario(&args, "get", clients, get.clone()).await;
    }
    scenario(&args, "list", 8, list).await;
    scenario(&args, "comment", 8, comment).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!(
        "server RSS after: {:.1} MiB",
        server_rss(&args.url).await.unwrap_or(0.0)
    );
    Ok(())
}
