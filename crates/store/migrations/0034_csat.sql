-- Customer satisfaction surveys (issue 18). A desk asks (or not) its own
-- question; `csat_request_types` narrows it to some request types (none
-- listed = all). A survey is opened in the transaction that moves a ticket
-- into the resolved category, keeping the team and assignee of that moment
-- for the reports; the requester's answer is written onto it (one per
-- ticket, changeable for 7 days). The link in the mail is an HMAC of the
-- ticket and requester with the server secret, so no token is stored.
CREATE TABLE csat_settings (
    desk_id BIGINT PRIMARY KEY REFERENCES desks(id),
    enabled BIGINT NOT NULL DEFAULT 1,
    question_lv TEXT NOT NULL DEFAULT '',
    question_en TEXT NOT NULL DEFAULT ''
);
CREATE TABLE csat_request_types (
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    request_type_id BIGINT NOT NULL REFERENCES request_types(id),
    PRIMARY KEY (desk_id, request_type_id)
);
CREATE TABLE csat_surveys (
    id {id},
    ticket_id BIGINT NOT NULL UNIQUE REFERENCES tickets(id),
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    requester_id BIGINT NOT NULL REFERENCES users(id),
    team_id BIGINT REFERENCES teams(id),
    assignee_id BIGINT REFERENCES users(id),
    sent_at BIGINT NOT NULL,
    score BIGINT CHECK (score IS NULL OR (score >= 1 AND score <= 5)),
    comment TEXT NOT NULL DEFAULT '',
    answered_at BIGINT,
    changed_at BIGINT
);
CREATE INDEX csat_surveys_desk_sent ON csat_surveys (desk_id, sent_at);
