-- Written once for both databases. `{id}` becomes an auto-increment primary
-- key in each dialect; every other integer is BIGINT so that both decode
-- alike, flags are 0/1 and times are Unix milliseconds.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE institutions (
    id {id},
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- Space-separated email domains whose senders belong to this institution.
    email_domains TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE sub_units (
    id {id},
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    name TEXT NOT NULL,
    town TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    UNIQUE (institution_id, name)
);

CREATE TABLE users (
    id {id},
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    phone TEXT,
    password_hash TEXT,
    locale TEXT,
    institution_id BIGINT REFERENCES institutions(id),
    sub_unit_id BIGINT REFERENCES sub_units(id),
    is_system_admin BIGINT NOT NULL DEFAULT 0,
    sees_institution_tickets BIGINT NOT NULL DEFAULT 0,
    active BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Every sign-in attempt, successful or not (SPEC §10).
CREATE TABLE sign_in_log (
    id {id},
    email TEXT NOT NULL,
    user_id BIGINT,
    success BIGINT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX sign_in_log_email_at ON sign_in_log (email, at);
