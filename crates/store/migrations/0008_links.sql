-- Links between tickets: incident → problem, problem → change, duplicates,
-- related tickets, children → parents.
CREATE TABLE ticket_links (
    id {id},
    from_ticket BIGINT NOT NULL REFERENCES tickets(id),
    to_ticket BIGINT NOT NULL REFERENCES tickets(id),
    kind TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    UNIQUE (from_ticket, to_ticket, kind)
);
CREATE INDEX ticket_links_to ON ticket_links (to_ticket);
