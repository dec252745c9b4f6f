-- The SLA compliance report (issue 18) reads the clocks that stopped in a
-- range (a range on stopped_at), and the clocks still counting that
-- breached in it (stopped_at IS NULL and a range on breached_at): both
-- one range scan of this index.
CREATE INDEX ticket_sla_stopped ON ticket_sla (stopped_at, breached_at);
