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
    pub(crate) url: String,
    /// An API token of a staff member of the desk.
    #[arg(long, env = "ATBALSTS_BENCH_TOKEN")]
    pub(crate) token: String,
    /// Desk key prefix.
    #[arg(long, default_value = "KISC")]
    pub(crate) desk: String,
    /// An API token of the desk's administrator: adds a 30-field request
    /// type and measures the portal (form pages and submissions).
    #[arg(long, env = "ATBALSTS_BENCH_ADMIN_TOKEN")]
    pub(crate) admin_token: Option<String>,
    /// Requests per scenario.
    #[arg(long, default_value_t = 4000)]
    pub(crate) requests: usize,
    /// Upper bound on each scenario's time, seconds.
    #[arg(long, default_value_t = 60)]
    pub(crate) max_seconds: u64,
    /// Run only these scenarios (comma-separated: create, get, list,
    /// comment, portal, workspace); all when empty.
    #[arg(long, value_delimiter = ',')]
    pub(crate) only: Vec<String>,
    /// The cookies of a signed-in agent (`atb_session=…; atb_anon=…`): measures the agent's pages
    /// (queues, ticket view, bulk edit) on a desk filled by `seed-tickets`.
    #[arg(long, env = "ATBALSTS_BENCH_SESSION")]
    pub(crate) session: Option<String>,
}

impl BenchArgs {
    fn wants(&self, scenario: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|s| s == scenario)
    }
}

struct Outcome {
    latencies: Vec<Duration>,
    errors: BTreeMap<String, usize>,
    elapsed: Duration,
    /// CPU seconds the server used during the scenario.
    server_cpu: Option<f64>,
}

pub(crate) async fn scenario<F, Fut>(args: &BenchArgs, name: &str, clients: usize, op: F)
where
    F: Fn(reqwest::Client, usize) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = Result<reqwest::StatusCode, String>> + Send,
{
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.max_seconds);
    let total = args.requests;
    let cpu_before = server_metric(&args.url, "atbalsts_process_cpu_seconds").await;
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
        server_cpu: None,
    };
    for t in tasks {
        let (lat, errors) = t.await.expect("bench task");
        out.latencies.extend(lat);
        for (k, v) in errors {
            *out.errors.entry(k).or_default() += v;
        }
    }
    out.elapsed = start.elapsed();
    let cpu_after = server_metric(&args.url, "atbalsts_process_cpu_seconds").await;
    out.server_cpu = cpu_before.zip(cpu_after).map(|(b, a)| a - b);
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
    // The server's own CPU time per request: steadier than the rate on a
    // machine that the load generator and the database share.
    let cpu = out
        .server_cpu
        .filter(|_| ok > 0)
        .map(|s| format!(" server_cpu/op={:.3}ms", s * 1000.0 / ok as f64))
        .unwrap_or_default();
    println!(
        "{name:<8} clients={clients:<3} ok={ok:<6} ops/s={:>8.0} p50={:.2}ms p95={:.2}ms p99={:.2}ms errors={:?}{cpu}",
        ok as f64 / out.elapsed.as_secs_f64(),
        pct(0.50),
        pct(0.95),
        pct(0.99),
        out.errors
    );
}

/// The server's `/metrics` page, with the token of `ATBALSTS_METRICS_TOKEN`
/// (the server's own setting) when set; none when the server keeps it closed.
async fn metrics_text(url: &str) -> Option<String> {
    let mut req = reqwest::Client::new().get(format!("{url}/metrics"));
    if let Ok(token) = std::env::var("ATBALSTS_METRICS_TOKEN") {
        req = req.bearer_auth(token);
    }
    let resp = req.send().await.ok()?.error_for_status().ok()?;
    resp.text().await.ok()
}

/// A value the server reports on `/metrics`.
async fn server_metric(url: &str, name: &str) -> Option<f64> {
    let text = metrics_text(url).await?;
    let line = text
        .lines()
        .find(|l| l.split_whitespace().next() == Some(name))?;
    line.split_whitespace().last()?.parse().ok()
}

async fn server_rss(url: &str) -> Option<f64> {
    Some(server_metric(url, "atbalsts_process_resident_memory_bytes").await? / 1024.0 / 1024.0)
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
    if args.wants("create") {
        for clients in [1, 8, 64] {
            scenario(&args, "create", clients, create.clone()).await;
        }
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
    if args.wants("get") {
        for clients in [1, 8, 64] {
            scenario(&args, "get", clients, get.clone()).await;
        }
    }
    if args.wants("list") {
        scenario(&args, "list", 8, list).await;
    }
    if args.wants("comment") {
        scenario(&args, "comment", 8, comment).await;
    }
    if let Some(session) = args.session.as_ref().filter(|_| args.wants("workspace")) {
        crate::bench_workspace::run(&args, session).await?;
    }
    if let Some(admin) = args.admin_token.as_ref().filter(|_| args.wants("portal")) {
        portal(&args, admin).await?;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    println!(
        "server RSS after: {:.1} MiB",
        server_rss(&args.url).await.unwrap_or(0.0)
    );
    Ok(())
}

/// The code of the request type the portal scenarios use.
const BENCH_TYPE: &str = "bench-30";

/// A request type with 30 fields of every kind, added to the desk's catalogue.
fn thirty_fields() -> serde_json::Value {
    let choices = json!([
        {"code": "a", "labels": {"lv": "Pirmais", "en": "First"}},
        {"code": "b", "labels": {"lv": "Otrais", "en": "Second"}},
        {"code": "c", "labels": {"lv": "Trešais", "en": "Third"}}
    ]);
    let mut fields = vec![
        json!({"code": "institution", "kind": "institution", "required": true, "labels": {"lv": "Iestāde un struktūrvienība (ja tāda ir)"}}),
        json!({"code": "requester_name", "kind": "requester_name", "labels": {"lv": "Vārds, uzvārds"}}),
        json!({"code": "requester_email", "kind": "requester_email", "labels": {"lv": "E-pasts"}}),
        json!({"code": "requester_phone", "kind": "requester_phone", "labels": {"lv": "Kontakttālrunis"}}),
        json!({"code": "summary", "kind": "summary", "labels": {"lv": "Pieteikuma tēma"}}),
        json!({"code": "description", "kind": "description", "required": true, "labels": {"lv": "Problēmas apraksts"}}),
        json!({"code": "attachments", "kind": "attachments", "labels": {"lv": "Pielikumi"}}),
        json!({"code": "inventory_number", "kind": "inventory_number", "labels": {"lv": "Datora inventāra numurs"}}),
    ];
    for i in 0..22 {
        let code = format!("bench_{i}");
        let f = match i % 8 {
            0 => json!({"code": code, "kind": "text", "labels": {"lv": format!("Teksts {i}")}}),
            1 => {
                json!({"code": code, "kind": "long_text", "labels": {"lv": format!("Garš teksts {i}")}})
            }
            2 => {
                json!({"code": code, "kind": "select", "other": true, "options": choices, "labels": {"lv": format!("Izvēle {i}")}})
            }
            3 => {
                json!({"code": code, "kind": "checkboxes", "options": choices, "labels": {"lv": format!("Rūtiņas {i}")}})
            }
            4 => {
                json!({"code": code, "kind": "integer", "min": 0, "max": 50, "labels": {"lv": format!("Skaits {i}")}})
            }
            5 => json!({"code": code, "kind": "date", "labels": {"lv": format!("Datums {i}")}}),
            6 => json!({"code": code, "kind": "time", "labels": {"lv": format!("Laiks {i}")}}),
            _ => {
                json!({"code": code, "kind": "date_time", "labels": {"lv": format!("Datums un laiks {i}")}})
            }
        };
        fields.push(f);
    }
    json!({"code": BENCH_TYPE, "labels": {"lv": "Slodzes testa forma", "en": "Load test form"},
           "ticket_type": "incident", "fields": fields})
}

/// The answers to the 30-field form, as multipart parts.
fn answers(i: usize, institution: &str) -> Vec<(String, String)> {
    let mut parts = vec![
        ("institution".to_owned(), institution.to_owned()),
        ("requester_name".to_owned(), "Slodzes Testētājs".to_owned()),
        (
            "requester_email".to_owned(),
            format!("slodze{i}@example.lv"),
        ),
        ("summary".to_owned(), format!("Slodzes tests {i}")),
        (
            "description".to_owned(),
            "Printeris drukā tukšas lapas. ".repeat(10),
        ),
        ("inventory_number".to_owned(), "12P00345".to_owned()),
    ];
    for f in 0..22 {
        let code = format!("bench_{f}");
        let value = match f % 8 {
            0 | 1 => "Kabinets 214, 2. stāvs".to_owned(),
            2 | 3 => "b".to_owned(),
            4 => "7".to_owned(),
            5 => "23.11.2026".to_owned(),
            6 => "09:30".to_owned(),
            _ => "2026-11-23T09:30".to_owned(),
        };
        parts.push((code, value));
    }
    parts
}

const BOUNDARY: &str = "atbalsts-bench-boundary";

fn multipart(fields: &[(String, String)], files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"{name}\"\r\nContent-Type: image/png\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Portal pages and anonymous submissions with two attachments.
async fn portal(args: &BenchArgs, admin: &str) -> Result<(), crate::serve::BoxError> {
    let c = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let auth = format!("Bearer {admin}");
    let path = format!("{}/api/v1/desks/{}/catalogue", args.url, args.desk);
    let mut file: serde_json::Value = c
        .get(&path)
        .header("authorization", &auth)
        .send()
        .await?
        .json()
        .await?;
    let groups = file["groups"]
        .as_array_mut()
        .ok_or("no catalogue; check the admin token")?;
    groups.retain(|g| g["code"] != "bench");
    groups.push(json!({"code": "bench", "labels": {"lv": "Slodzes tests"}, "request_types": [thirty_fields()]}));
    let put = c
        .put(&path)
        .header("authorization", &auth)
        .json(&file)
        .send()
        .await?;
    if !put.status().is_success() {
        return Err(format!("catalogue import: {}", put.text().await?).into());
    }
    let form_url = format!("{}/portal/{}/{BENCH_TYPE}", args.url, args.desk);
    let page = c.get(&form_url).send().await?;
    let cookie = page
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ");
    let html = page.text().await?;
    let csrf = html
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.get(..64))
        .ok_or("no CSRF token on the form")?
        .to_owned();
    let institution = html
        .split("name=\"institution\"")
        .nth(1)
        .unwrap_or("")
        .split("<option value=\"")
        .nth(2)
        .and_then(|s| s.split('"').next())
        .ok_or("no institution to choose")?
        .to_owned();
    let fields_on_page = html.matches("class=\"field ").count();
    println!("portal form: {fields_on_page} fields on the page");

    let form = {
        let url = Arc::new(form_url.clone());
        move |c: reqwest::Client, _| {
            let url = url.clone();
            async move {
                c.get(url.as_str())
                    .send()
                    .await
                    .map(|r| r.status())
                    .map_err(|e| format!("io: {e}"))
            }
        }
    };
    for clients in [1, 8] {
        scenario(args, "form", clients, form.clone()).await;
    }
    let png = Arc::new(vec![0x89u8; 20 * 1024]);
    let submit = {
        let (url, cookie, csrf, institution) = (
            Arc::new(form_url),
            Arc::new(cookie),
            Arc::new(csrf),
            Arc::new(institution),
        );
        move |c: reqwest::Client, i: usize| {
            let (url, cookie, csrf, institution, png) = (
                url.clone(),
                cookie.clone(),
                csrf.clone(),
                institution.clone(),
                png.clone(),
            );
            async move {
                let mut fields = vec![("_csrf".to_owned(), (*csrf).clone())];
                fields.extend(answers(i, &institution));
                let body = multipart(&fields, &[("ekrans-1.png", &png), ("ekrans-2.png", &png)]);
                c.post(url.as_str())
                    .header("cookie", cookie.as_str())
                    .header(
                        "content-type",
                        format!("multipart/form-data; boundary={BOUNDARY}"),
                    )
                    .body(body)
                    .send()
                    .await
                    // Success is the redirect to the confirmation page.
                    .map(|r| match r.status() {
                        reqwest::StatusCode::SEE_OTHER => reqwest::StatusCode::OK,
                        other => other,
                    })
                    .map_err(|e| format!("io: {e}"))
            }
        }
    };
    let limited = BenchArgs {
        requests: args.requests.min(2000),
        ..args.clone()
    };
    for clients in [1, 8] {
        scenario(&limited, "submit", clients, submit.clone()).await;
    }
    // The server's own time, from its latency histogram (/metrics).
    let route = "/portal/{desk}/{request_type}";
    for (method, what) in [("GET", "form"), ("POST", "submit")] {
        let buckets = server_histogram(&args.url, method, route).await;
        let total = buckets.last().map(|b| b.1).unwrap_or(0.0);
        let p99 = buckets
            .iter()
            .find(|(_, n)| *n >= total * 0.99)
            .map(|(le, _)| *le)
            .unwrap_or(f64::INFINITY);
        let share = |limit: f64| {
            buckets
                .iter()
                .find(|(le, _)| (*le - limit).abs() < 1e-9)
                .map(|(_, n)| 100.0 * n / total.max(1.0))
                .unwrap_or(0.0)
        };
        println!(
            "server {what:<6} requests={total:.0} p99<={:.1}ms under10ms={:.2}% under50ms={:.2}%",
            p99 * 1000.0,
            share(0.01),
            share(0.05)
        );
    }
    Ok(())
}

/// Cumulative (upper bound in seconds, count) buckets of the server's
/// latency histogram for one method and route.
async fn server_histogram(url: &str, method: &str, route: &str) -> Vec<(f64, f64)> {
    let Some(text) = metrics_text(url).await else {
        return Vec::new();
    };
    let mut out: Vec<(f64, f64)> = text
        .lines()
        .filter(|l| l.contains("http_request_duration_seconds_bucket{"))
        .filter(|l| {
            l.contains(&format!("method=\"{method}\"")) && l.contains(&format!("route=\"{route}\""))
        })
        .filter_map(|l| {
            let le = l.split("le=\"").nth(1)?.split('"').next()?;
            let le = if le == "+Inf" {
                f64::INFINITY
            } else {
                le.parse().ok()?
            };
            let n: f64 = l.rsplit(' ').next()?.parse().ok()?;
            Some((le, n))
        })
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}
