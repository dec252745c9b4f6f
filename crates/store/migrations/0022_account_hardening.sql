-- Sign-in throttling (issue 15, item 3): attempts are counted per account,
-- per network address and per device cookie; only attempts whose password
-- was actually checked are recorded.
ALTER TABLE sign_in_log ADD COLUMN device TEXT NOT NULL DEFAULT '';
CREATE INDEX sign_in_log_address_at ON sign_in_log (address, at);
CREATE INDEX sign_in_log_at ON sign_in_log (at);

-- Where a session was started, for the person's own list of sessions.
ALTER TABLE sessions ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';

-- A sign-up waits here until its link is used: no user row is created or
-- changed before the owner of the address has proved it (items 6 and 8).
CREATE TABLE signup_links (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    locale TEXT NOT NULL,
    institution_id BIGINT REFERENCES institutions(id),
    sub_unit_id BIGINT REFERENCES sub_units(id),
    institution_confirmed BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX signup_links_email ON signup_links (email);

-- Every request for a sign-up or reset link, queued or not: the budget per
-- requesting address and per recipient (item 6).
CREATE TABLE link_requests (
    id {id},
    address TEXT NOT NULL,
    email TEXT NOT NULL,
    queued BIGINT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX link_requests_address_at ON link_requests (address, at);
CREATE INDEX link_requests_email_at ON link_requests (email, at);
