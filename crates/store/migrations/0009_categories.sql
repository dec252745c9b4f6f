-- A desk's classifiers: categories per ticket type, and the root causes a
-- problem must name before it is resolved or closed.
CREATE TABLE categories (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    -- 'category' or 'root_cause'
    kind TEXT NOT NULL,
    -- For categories: the ticket type they belong to; none for root causes.
    ticket_type_id BIGINT REFERENCES ticket_types(id),
    code TEXT NOT NULL,
    labels TEXT NOT NULL,
    UNIQUE (desk_id, kind, code)
);
ALTER TABLE tickets ADD COLUMN category_id BIGINT REFERENCES categories(id);
ALTER TABLE tickets ADD COLUMN root_cause_id BIGINT REFERENCES categories(id);
