-- The customer portal: request type groups (topics), request types with
-- their forms, the notification outbox, and sign-up / password links.
CREATE TABLE request_type_groups (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    code TEXT NOT NULL,
    labels TEXT NOT NULL,
    descriptions TEXT NOT NULL DEFAULT '{}',
    position BIGINT NOT NULL DEFAULT 0,
    active BIGINT NOT NULL DEFAULT 1,
    UNIQUE (desk_id, code)
);

CREATE TABLE request_types (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    group_id BIGINT NOT NULL REFERENCES request_type_groups(id),
    code TEXT NOT NULL,
    labels TEXT NOT NULL,
    descriptions TEXT NOT NULL DEFAULT '{}',
    ticket_type_id BIGINT NOT NULL REFERENCES ticket_types(id),
    team_id BIGINT REFERENCES teams(id),
    service TEXT NOT NULL DEFAULT '',
    -- People of no institution (external users) may file it.
    open_to_external BIGINT NOT NULL DEFAULT 0,
    -- Work waits for approval (the approval step comes with the agent workspace).
    needs_approval BIGINT NOT NULL DEFAULT 0,
    -- The form: a JSON array of field definitions, checked by the domain crate.
    form TEXT NOT NULL DEFAULT '[]',
    position BIGINT NOT NULL DEFAULT 0,
    active BIGINT NOT NULL DEFAULT 1,
    UNIQUE (desk_id, code)
);
CREATE INDEX request_types_group ON request_types (group_id, position);

ALTER TABLE tickets ADD COLUMN request_type_id BIGINT REFERENCES request_types(id);

-- Set when the person proved they own the address (a sign-up or reset link).
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
-- 0 while an institution chosen at sign-up waits for the desk to confirm it.
ALTER TABLE users ADD COLUMN institution_confirmed BIGINT NOT NULL DEFAULT 1;

-- The outbox: every notification is written in the transaction of the
-- change that causes it; the mail worker delivers from here.
CREATE TABLE notifications (
    id {id},
    kind TEXT NOT NULL,
    recipient_email TEXT NOT NULL,
    locale TEXT NOT NULL,
    ticket_id BIGINT REFERENCES tickets(id),
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    -- queued | sent | failed
    state TEXT NOT NULL DEFAULT 'queued',
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX notifications_state ON notifications (state, id);
CREATE INDEX notifications_ticket ON notifications (ticket_id);

-- Single-use links for verifying an email address and resetting a password.
CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    purpose TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX account_links_user ON account_links (user_id);
