-- "Breaches soonest" along an index (issue 17): each ticket keeps the
-- earliest due instant of its open clocks (running, or breached and still
-- counting), kept current by the SLA refresh in the transaction of every
-- change. Tickets without such a clock hold a far-future sentinel instead
-- of NULL, so that one ascending index serves the order and the
-- "due within N hours" filter on both databases alike.
ALTER TABLE tickets ADD COLUMN sla_due_at BIGINT NOT NULL DEFAULT 9000000000000000;
UPDATE tickets SET sla_due_at = COALESCE((SELECT MIN(s.due_at) FROM ticket_sla s
    WHERE s.ticket_id = tickets.id AND s.state IN ('running', 'breached')
    AND s.stopped_at IS NULL AND s.due_at IS NOT NULL), 9000000000000000);
CREATE INDEX tickets_sla_due ON tickets (sla_due_at, id);
