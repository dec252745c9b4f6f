-- SLA warnings and breaches in the app (issue 17): each notice the timers
-- send by mail is also kept for its recipient, who sees it in the app
-- until they mark it read.
CREATE TABLE user_notices (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users(id),
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    -- sla-warning | sla-breach
    kind TEXT NOT NULL,
    -- first_response | resolution
    goal TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX user_notices_user ON user_notices (user_id, read_at, id);

-- The author of what the SLA timers write in a ticket's history (a policy
-- chosen again, a breach escalation): no person did it. Never signs in.
INSERT INTO users (email, display_name, active, created_at) VALUES ('sla@atbalsts.invalid', 'SLA', 0, 0);
