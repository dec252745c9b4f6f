CREATE TABLE desks (
    id {id},
    key_prefix TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- The last ticket number handed out; bumped in the creating transaction,
    -- so numbers have neither duplicates nor gaps.
    last_number BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE teams (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    name TEXT NOT NULL,
    UNIQUE (desk_id, name)
);

CREATE TABLE team_members (
    team_id BIGINT NOT NULL REFERENCES teams(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (team_id, user_id)
);

CREATE TABLE desk_roles (
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL,
    PRIMARY KEY (desk_id, user_id, role)
);
CREATE INDEX desk_roles_user ON desk_roles (user_id);

-- Labels are JSON objects keyed by language: {"lv": "...", "en": "..."}.
CREATE TABLE workflows (
    id {id},
    code TEXT NOT NULL UNIQUE,
    labels TEXT NOT NULL
);

CREATE TABLE workflow_statuses (
    workflow_id BIGINT NOT NULL REFERENCES workflows(id),
    code TEXT NOT NULL,
    category TEXT NOT NULL,
    labels TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (workflow_id, code)
);

CREATE TABLE workflow_transitions (
    workflow_id BIGINT NOT NULL REFERENCES workflows(id),
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    PRIMARY KEY (workflow_id, from_status, to_status)
);

CREATE TABLE ticket_types (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    code TEXT NOT NULL,
    labels TEXT NOT NULL,
    workflow_id BIGINT NOT NULL REFERENCES workflows(id),
    UNIQUE (desk_id, code)
);

-- Typed custom fields of a desk's tickets; the portal's forms build on them.
CREATE TABLE custom_fields (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    labels TEXT NOT NULL,
    UNIQUE (desk_id, code)
);

CREATE TABLE tickets (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    number BIGINT NOT NULL,
    ticket_type_id BIGINT NOT NULL REFERENCES ticket_types(id),
    status TEXT NOT NULL,
    status_category TEXT NOT NULL,
    summary TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    requester_id BIGINT NOT NULL REFERENCES users(id),
    institution_id BIGINT REFERENCES institutions(id),
    sub_unit_id BIGINT REFERENCES sub_units(id),
    channel TEXT NOT NULL,
    priority TEXT NOT NULL,
    team_id BIGINT REFERENCES teams(id),
    assignee_id BIGINT REFERENCES users(id),
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    resolved_at BIGINT,
    -- Bumped on every change: the agent workspace detects concurrent edits with it.
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (desk_id, number)
);
CREATE INDEX tickets_desk_updated ON tickets (desk_id, updated_at, id);
CREATE INDEX tickets_updated ON tickets (updated_at, id);
CREATE INDEX tickets_requester ON tickets (requester_id, updated_at);
CREATE INDEX tickets_institution ON tickets (institution_id, updated_at);

CREATE TABLE ticket_field_values (
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    field_id BIGINT NOT NULL REFERENCES custom_fields(id),
    value_text TEXT,
    value_int BIGINT,
    PRIMARY KEY (ticket_id, field_id)
);

CREATE TABLE comments (
    id {id},
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    is_public BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX comments_ticket ON comments (ticket_id, id);

CREATE TABLE attachments (
    id {id},
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    comment_id BIGINT REFERENCES comments(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX attachments_ticket ON attachments (ticket_id);

-- Audit history: one row per changed field.
CREATE TABLE ticket_changes (
    id {id},
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    actor_id BIGINT NOT NULL REFERENCES users(id),
    at BIGINT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX ticket_changes_ticket ON ticket_changes (ticket_id, id);

-- Time in every status, for the KPIs.
CREATE TABLE ticket_status_history (
    id {id},
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    status TEXT NOT NULL,
    status_category TEXT NOT NULL,
    entered_at BIGINT NOT NULL,
    left_at BIGINT,
    actor_id BIGINT NOT NULL REFERENCES users(id)
);
CREATE INDEX ticket_status_history_ticket ON ticket_status_history (ticket_id, id);
