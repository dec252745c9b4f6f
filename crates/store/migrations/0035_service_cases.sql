-- One-stop-centre service cases (issue 18, seed 003): what front-desk staff
-- record about one finished consultation, 1:1 with its ticket (of the
-- service_case type, resolved at once), so volume reports count the case
-- as a ticket while the service-case report reads this row. Codes, not
-- labels: the channel and outcome are `CaseChannel` / `CaseOutcome` codes.
CREATE TABLE service_cases (
    id {id},
    ticket_id BIGINT NOT NULL UNIQUE REFERENCES tickets(id),
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    employee_id BIGINT NOT NULL REFERENCES users(id),
    service TEXT NOT NULL,
    channel TEXT NOT NULL,
    minutes BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT,
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    note TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- A person's own entries of a day, and their last one (remembered service
-- and channel).
CREATE INDEX service_cases_employee ON service_cases (employee_id, desk_id, created_at);
-- The summary over a period.
CREATE INDEX service_cases_desk ON service_cases (desk_id, created_at);
