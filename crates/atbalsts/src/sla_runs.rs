//! Running a desk's SLA re-time runs to the end in this process, for the
//! tools that change a desk's SLA setup while no server runs (the demo
//! desk's examples, the SLA benchmark).

use crate::serve::BoxError;
use atbalsts_store::sla::{retime, retime_runs};
use atbalsts_store::Db;
use std::time::{Duration, Instant};

/// Runs the queued `sla.retime` jobs until the desk's latest run is finished.
pub(crate) async fn drain_retime(db: &Db, desk_id: i64, limit: Duration) -> Result<(), BoxError> {
    let retime_db = db.clone();
    let worker = atbalsts_jobs::Worker::new(db.clone(), "sla-bench").handle(
        retime::RETIME_JOB,
        move |job| {
            let db = retime_db.clone();
            async move {
                retime::run_step(&db, &job.payload, atbalsts_store::now_ms())
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        },
    );
    let deadline = Instant::now() + limit;
    loop {
        let ran = worker.run_once().await?;
        let run = retime_runs::latest(db, desk_id).await?;
        if ran == 0 && run.as_ref().is_none_or(|r| r.finished_at.is_some()) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("re-time not finished within {} s", limit.as_secs()).into());
        }
    }
}
