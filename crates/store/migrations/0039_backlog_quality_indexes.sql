-- Backlog and quality reports (issue 18): the status periods of an open
-- category still open or left after an instant, entered before another
-- (backlog at period ends); and team or assignee changes made in a range
-- (reassignments).
CREATE INDEX ticket_status_history_open ON ticket_status_history (status_category, left_at, entered_at);
CREATE INDEX ticket_changes_field_at ON ticket_changes (field, at);
