-- A desk's routing rules, in order: the first active rule whose conditions
-- hold for a new ticket sets its team, assignee, priority or category.
CREATE TABLE routing_rules (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    active BIGINT NOT NULL DEFAULT 1,
    conditions TEXT NOT NULL,
    actions TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX routing_rules_desk ON routing_rules (desk_id, position);
