-- Reports (issue 18) read tickets along the instants they count: creation
-- per desk, entering a done status (resolved, closed) and leaving any
-- status (time in status) from the status history, each a range scan of
-- one index.
CREATE INDEX tickets_desk_created ON tickets (desk_id, created_at);
CREATE INDEX ticket_status_history_category ON ticket_status_history (status_category, entered_at);
CREATE INDEX ticket_status_history_left ON ticket_status_history (left_at);
