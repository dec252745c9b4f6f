//! Operations endpoints: liveness, readiness and Prometheus metrics.

pub mod health;

/// Liveness, readiness and metrics; outside the page middleware (no session, no CSRF).
pub fn routes() -> axum::Router<crate::AppState> {
    use axum::routing::get;
    axum::Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(crate::metrics::guarded))
}
