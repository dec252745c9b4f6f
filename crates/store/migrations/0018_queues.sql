-- Saved queues: a named ticket-list filter (its query string), a person's
-- own or shared with the desk's staff.
CREATE TABLE saved_queues (
    id {id},
    owner_id BIGINT NOT NULL REFERENCES users(id),
    desk_id BIGINT REFERENCES desks(id),
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    shared BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX saved_queues_owner ON saved_queues (owner_id);
