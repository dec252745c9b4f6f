//! Prometheus metrics: requests by route and status, their latency, the job
//! queue depth, and the process's resident memory and CPU time.
//!
//! Closed by default: on the main address `/metrics` answers only a request
//! carrying `Authorization: Bearer <metrics_token>` (404 otherwise, as if
//! there were nothing); `metrics_listen` serves it without a token on an
//! address of its own (`router`), for a scraper on a private network.

use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    queue_depth: Gauge,
    rss: Gauge,
    cpu: Gauge<f64, std::sync::atomic::AtomicU64>,
}

fn latency_histogram() -> Histogram {
    Histogram::new(
        [
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
        ]
        .into_iter(),
    )
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("atbalsts");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = Family::<RouteLabels, Histogram>::new_with_constructor(
            latency_histogram as fn() -> Histogram,
        );
        let queue_depth = Gauge::default();
        let rss = Gauge::default();
        let cpu = Gauge::<f64, std::sync::atomic::AtomicU64>::default();
        registry.register(
            "http_requests",
            "HTTP requests by route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "HTTP request latency",
            latency.clone(),
        );
        registry.register(
            "job_queue_depth",
            "Background jobs waiting to run",
            queue_depth.clone(),
        );
        registry.register(
            "process_resident_memory_bytes",
            "Resident memory of this process",
            rss.clone(),
        );
        registry.register(
            "process_cpu_seconds",
            "CPU time this process has used (user and system)",
            cpu.clone(),
        );
        Self(Arc::new(Inner {
            registry,
            requests,
            latency,
            queue_depth,
            rss,
            cpu,
        }))
    }
}

/// Resident set size of this process, from /proc (0 where there is none).
pub fn resident_memory_bytes() -> i64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<i64>().ok())
        })
        .map(|pages| pages * 4096)
        .unwrap_or(0)
}

/// User and system CPU time of this process, from /proc (0 where there is
/// none); the load generator divides it by the requests it made.
pub fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the command name, which is in parentheses.
            let rest = &s[s.rfind(')')? + 2..];
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
            // utime and stime are fields 14 and 15, in USER_HZ (100 on Linux).
            Some((ticks(11)? + ticks(12)?) / 100.0)
        })
        .unwrap_or(0.0)
}

pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().as_str().to_owned();
    let start = Instant::now();
    let response = next.run(req).await;
    let m = &state.metrics.0;
    m.latency
        .get_or_create(&RouteLabels {
            method: method.clone(),
            route: route.clone(),
        })
        .observe(start.elapsed().as_secs_f64());
    m.requests
        .get_or_create(&RequestLabels {
            method,
            route,
            status: response.status().as_u16(),
        })
        .inc();
    response
}

/// `/metrics` on the main address: only with the configured bearer token.
pub async fn guarded(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = state.config.metrics_token.as_deref() else {
        return crate::AppError::NotFound.into_response();
    };
    let given = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !crate::csrf::matches(expected, given) {
        return crate::AppError::NotFound.into_response();
    }
    endpoint(State(state)).await
}

/// Only `/metrics`, open, for the separate `metrics_listen` address.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(endpoint))
        .with_state(state)
}

pub async fn endpoint(State(state): State<AppState>) -> Response {
    let m = &state.metrics.0;
    if let Ok(depth) = atbalsts_store::jobs::queue_depth(&state.db).await {
        m.queue_depth.set(depth);
    }
    m.rss.set(resident_memory_bytes());
    m.cpu.set(cpu_seconds());
    let mut out = String::new();
    if let Err(e) = prometheus_client::encoding::text::encode(&mut out, &m.registry) {
        return crate::AppError::Internal(e.to_string()).into_response();
    }
    (
        [(
            CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        out,
    )
        .into_response()
}
