-- The search change log: every change to something the full-text index
-- holds (a ticket, a knowledge article, a request type) adds a row in the
-- transaction of the change. Each running instance keeps its own index
-- current by reading the rows after the last one it applied; old rows are
-- pruned. The index itself is derived and never a source of truth.
CREATE TABLE search_changes (
    id {id},
    -- 'ticket' | 'article' | 'request_type'
    kind TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    changed_at BIGINT NOT NULL
);
CREATE INDEX search_changes_changed_at ON search_changes (changed_at);
