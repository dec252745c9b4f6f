-- Approval before work starts (seed 000: new equipment needs the head of
-- the institution). A request type names its approvers (emails); without
-- any, the heads of the requester's institution approve.
ALTER TABLE request_types ADD COLUMN approvers TEXT NOT NULL DEFAULT '';

-- One row per person asked. The first decision decides for the ticket; the
-- link in each person's mail is a single-use token (its hash is kept) that
-- expires.
CREATE TABLE approvals (
    id {id},
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    approver_id BIGINT NOT NULL REFERENCES users(id),
    state TEXT NOT NULL DEFAULT 'pending',
    token_hash TEXT NOT NULL UNIQUE,
    expires_at BIGINT NOT NULL,
    decided_by BIGINT REFERENCES users(id),
    decided_at BIGINT,
    comment TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (ticket_id, approver_id)
);
CREATE INDEX approvals_approver ON approvals (approver_id, state);

-- Support workflows installed before approvals get their waiting status.
INSERT INTO workflow_statuses (workflow_id, code, category, labels, position)
SELECT w.id, 'awaiting_approval', 'waiting', '{"en":"Awaiting approval","lv":"Gaida apstiprinājumu"}', 90
FROM workflows w
WHERE w.code IN ('service_request', 'incident', 'complaint', 'service_case')
  AND NOT EXISTS (SELECT 1 FROM workflow_statuses s WHERE s.workflow_id = w.id AND s.code = 'awaiting_approval');
INSERT INTO workflow_transitions (workflow_id, from_status, to_status)
SELECT w.id, t.from_status, t.to_status
FROM workflows w,
     (SELECT 'awaiting_approval' AS from_status, 'open' AS to_status
      UNION ALL SELECT 'awaiting_approval', 'closed'
      UNION ALL SELECT 'open', 'awaiting_approval') t
WHERE w.code IN ('service_request', 'incident', 'complaint', 'service_case')
  AND NOT EXISTS (SELECT 1 FROM workflow_transitions x WHERE x.workflow_id = w.id
                  AND x.from_status = t.from_status AND x.to_status = t.to_status);
