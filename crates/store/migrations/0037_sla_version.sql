-- Each desk's SLA setup (policies, calendars, what counts as a first
-- response, pausing statuses) is read once per instance and kept while
-- this number holds; every edit of it bumps the number in its own
-- transaction (issue 17: a create with SLA costs a few writes more, not a
-- reread of the setup).
ALTER TABLE desks ADD COLUMN sla_version BIGINT NOT NULL DEFAULT 0;
