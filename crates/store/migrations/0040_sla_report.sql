-- The SLA compliance report (issue 18) reads the clocks that stopped in a
-- range, and the clocks still counting that breached in it, each a range
-- scan of one index.
CREATE INDEX ticket_sla_stopped ON ticket_sla (stopped_at);
CREATE INDEX ticket_sla_breached ON ticket_sla (breached_at);
