-- Reports (issue 18) read tickets along the instants they count: creation
-- per desk, and entering a done status (resolved, closed) from the status
-- history, each a range scan of one index.
CREATE INDEX tickets_desk_created ON tickets (desk_id, created_at);
CREATE INDEX ticket_status_history_category ON ticket_status_history (status_category, entered_at);
