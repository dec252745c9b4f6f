-- Triage: impact and urgency give the priority through the desk's matrix;
-- an agent's override keeps its reason for reporting.
ALTER TABLE tickets ADD COLUMN impact TEXT;
ALTER TABLE tickets ADD COLUMN urgency TEXT;
ALTER TABLE tickets ADD COLUMN priority_reason TEXT;
CREATE INDEX tickets_assignee ON tickets (assignee_id, updated_at);
CREATE INDEX tickets_team ON tickets (team_id, updated_at);

-- A desk's own priority matrix (the ITIL default when it has none).
CREATE TABLE priority_matrices (
    desk_id BIGINT PRIMARY KEY REFERENCES desks(id),
    matrix TEXT NOT NULL
);
