-- Durable background jobs, claimed with a lease by any instance.
CREATE TABLE jobs (
    id {id},
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    -- queued | done | failed
    state TEXT NOT NULL DEFAULT 'queued',
    run_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    lease_until BIGINT,
    locked_by TEXT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX jobs_ready ON jobs (state, run_at);
