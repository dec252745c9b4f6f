-- A retired category or root cause stays on the tickets that have it, but is
-- no longer offered for new choices (0 or 1).
ALTER TABLE categories ADD COLUMN retired BIGINT NOT NULL DEFAULT 0;
-- The priority override report reads only overridden tickets of a desk.
CREATE INDEX tickets_priority_overrides ON tickets (desk_id, created_at) WHERE priority_reason IS NOT NULL;
