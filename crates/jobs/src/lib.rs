//! The worker that runs durable background jobs. Every instance runs one;
//! the database lease decides who runs what, so each job runs once even
//! with several instances, and a job whose worker died runs again after
//! its lease expires.

use atbalsts_store::jobs::{self, Job};
use atbalsts_store::{now_ms, Db};
use futures::future::BoxFuture;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

pub type Handler = Arc<dyn Fn(Job) -> BoxFuture<'static, Result<(), String>> + Send + Sync>;

#[derive(Clone)]
pub struct Worker {
    db: Db,
    id: String,
    handlers: HashMap<String, Handler>,
    pub lease: Duration,
    pub poll: Duration,
    pub batch: i64,
    /// The first retry waits this long; each further one twice as long, up to an hour.
    pub backoff: Duration,
}

impl Worker {
    pub fn new(db: Db, id: impl Into<String>) -> Self {
        Self {
            db,
            id: id.into(),
            handlers: HashMap::new(),
            lease: Duration::from_secs(60),
            poll: Duration::from_millis(500),
            batch: 10,
            backoff: Duration::from_secs(2),
        }
    }

    pub fn handle<F, Fut>(mut self, kind: &str, f: F) -> Self
    where
        F: Fn(Job) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<(), String>> + Send + 'static,
    {
        self.handlers
            .insert(kind.to_owned(), Arc::new(move |job| Box::pin(f(job))));
        self
    }

    /// Claims and runs one batch; returns how many jobs it ran.
    pub async fn run_once(&self) -> Result<usize, atbalsts_store::StoreError> {
        let kinds: Vec<&str> = self.handlers.keys().map(String::as_str).collect();
        let claimed = jobs::claim(
            &self.db,
            &self.id,
            self.lease.as_millis() as i64,
            self.batch,
            &kinds,
        )
        .await?;
        let n = claimed.len();
        for job in claimed {
            let result = match self.handlers.get(&job.kind) {
                Some(h) => h(job.clone()).await,
                None => Err(format!("no handler for job kind {}", job.kind)),
            };
            match result {
                Ok(()) => {
                    if !jobs::complete(&self.db, job.id, &self.id).await? {
                        tracing::warn!(job = job.id, "job finished after its lease was taken over");
                    }
                }
                Err(error) => {
                    // Exponential backoff: 1, 2, 4 ... times `backoff`, at most an hour.
                    let base = self.backoff.as_millis() as i64;
                    let delay_ms = (base << (job.attempts.clamp(1, 12) - 1)).min(3_600_000);
                    tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, "job failed");
                    jobs::fail(&self.db, &job, &self.id, &error, now_ms() + delay_ms).await?;
                }
            }
        }
        Ok(n)
    }

    /// Runs until `shutdown` turns true.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        loop {
            let ran = match self.run_once().await {
                Ok(n) => n,
                Err(e) => {
                    tracing::error!(error = %e, "job claim failed");
                    0
                }
            };
            if *shutdown.borrow() {
                return;
            }
            if ran == 0 {
                tokio::select! {
                    _ = tokio::time::sleep(self.poll) => {}
                    _ = shutdown.changed() => return,
                }
            }
        }
    }
}

/// Housekeeping every instance schedules: expired sessions, sign-ups and
/// link requests are removed.
pub fn standard(db: Db, id: impl Into<String>) -> Worker {
    let cleanup_db = db.clone();
    Worker::new(db, id).handle("sessions.cleanup", move |_| {
        let db = cleanup_db.clone();
        async move {
            atbalsts_store::sessions::delete_expired(&db)
                .await
                .map_err(|e| e.to_string())?;
            atbalsts_store::account_links::delete_expired(&db)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
    })
}

impl Worker {
    /// Deletes the files of forms that were never accepted once they are
    /// `max_age` old (and nothing else names them).
    pub fn clean_held_uploads(
        self,
        blobs: atbalsts_store::blobs::BlobStore,
        max_age: Duration,
    ) -> Self {
        let db = self.db.clone();
        self.handle(atbalsts_store::held_uploads::CLEAN_JOB, move |_| {
            let (db, blobs) = (db.clone(), blobs.clone());
            async move {
                let before = now_ms() - max_age.as_millis() as i64;
                let done = atbalsts_store::held_uploads::clean(&db, &blobs, before, 20)
                    .await
                    .map_err(|e| e.to_string())?;
                if done.deleted > 0 {
                    tracing::info!(
                        deleted = done.deleted,
                        kept = done.kept,
                        "expired uploads deleted"
                    );
                }
                Ok(())
            }
        })
    }
}

impl Worker {
    /// SLA timers (warning, breach) and re-time runs. `compose` words the
    /// notices; each handler is exactly-once by itself (see
    /// `atbalsts_store::sla::timers`), so a retried job changes nothing.
    pub fn sla(self, compose: Arc<atbalsts_store::sla::timers::Compose>) -> Self {
        use atbalsts_store::sla::{retime, timers};
        let (warn_db, breach_db, retime_db) = (self.db.clone(), self.db.clone(), self.db.clone());
        let breach_compose = compose.clone();
        self.handle(timers::WARN_JOB, move |job| {
            let (db, compose) = (warn_db.clone(), compose.clone());
            async move {
                timers::warn(&db, &job.payload, now_ms(), &*compose)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        })
        .handle(timers::BREACH_JOB, move |job| {
            let (db, compose) = (breach_db.clone(), breach_compose.clone());
            async move {
                timers::breach(&db, &job.payload, now_ms(), &*compose)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        })
        .handle(retime::RETIME_JOB, move |job| {
            let db = retime_db.clone();
            async move {
                retime::run_step(&db, &job.payload, now_ms())
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        })
    }
}

/// Queues a job of `kind` every `every` (unless one is waiting), until
/// `shutdown`: recurring housekeeping that runs once across instances.
pub async fn schedule_every(
    db: Db,
    kind: &'static str,
    every: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        if let Err(e) = jobs::schedule_unless_queued(&db, kind, now_ms()).await {
            tracing::warn!(error = %e, kind, "scheduling a recurring job");
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => return,
        }
    }
}
