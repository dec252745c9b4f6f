-- Service levels (issue 17): business calendars, SLA policies, and a clock
-- per ticket and goal.

-- A business calendar of a desk: its time zone, its working week, and
-- whether Latvian public holidays (computed by rule for any year) apply.
-- `always_open` = 1 is a 24x7 calendar: every second counts.
CREATE TABLE sla_calendars (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    code TEXT NOT NULL,
    name_lv TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL DEFAULT 'Europe/Riga',
    always_open BIGINT NOT NULL DEFAULT 0,
    -- '' (none) or 'lv' (Latvian public holidays by rule)
    holidays TEXT NOT NULL DEFAULT 'lv',
    -- Labour Law s. 135: the working day before a public holiday is one hour shorter.
    shorten_before_holiday BIGINT NOT NULL DEFAULT 1,
    -- Bumped on every edit; open tickets are re-timed when it changes.
    version BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL,
    UNIQUE (desk_id, code)
);

-- Working hours: any number of intervals per weekday (1 = Monday .. 7 = Sunday),
-- seconds after local midnight, start < end.
CREATE TABLE sla_calendar_hours (
    calendar_id BIGINT NOT NULL REFERENCES sla_calendars(id),
    weekday BIGINT NOT NULL,
    start_sec BIGINT NOT NULL,
    end_sec BIGINT NOT NULL,
    PRIMARY KEY (calendar_id, weekday, start_sec)
);

-- Dates that are not ordinary and are not computed by rule: the Cabinet's
-- moved days (a weekday off, a Saturday worked), holidays the Saeima
-- declares once, extra shortened days. `day` is 'YYYY-MM-DD'.
-- kind: day_off | working_day | short_day
CREATE TABLE sla_calendar_days (
    calendar_id BIGINT NOT NULL REFERENCES sla_calendars(id),
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    name_lv TEXT NOT NULL DEFAULT '',
    name_en TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (calendar_id, day)
);

-- SLA policies of a desk, tried in `position` order; the first whose
-- conditions match a ticket applies. `conditions` is JSON
-- (domain::sla::Conditions): lists of ticket types, priorities, services,
-- institution ids and request type ids; an empty list matches anything.
CREATE TABLE sla_policies (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    code TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0,
    name_lv TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    calendar_id BIGINT NOT NULL REFERENCES sla_calendars(id),
    conditions TEXT NOT NULL DEFAULT '{}',
    -- Warn the assignee (or team) at this share of a goal.
    warn_percent BIGINT NOT NULL DEFAULT 75,
    -- At breach: raise the priority to this code, and/or move to this team.
    breach_priority TEXT,
    breach_team_id BIGINT REFERENCES teams(id),
    active BIGINT NOT NULL DEFAULT 1,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL,
    UNIQUE (desk_id, code)
);

-- Goals of a policy. goal: first_response | resolution.
CREATE TABLE sla_policy_goals (
    policy_id BIGINT NOT NULL REFERENCES sla_policies(id),
    goal TEXT NOT NULL,
    target_secs BIGINT NOT NULL,
    PRIMARY KEY (policy_id, goal)
);

-- The clock of one goal on one ticket, kept current as the ticket changes,
-- and the record the reports read once it stops (state met or breached,
-- stopped_at set). Times are epoch milliseconds, durations business seconds.
-- state: running | paused | met | breached
CREATE TABLE ticket_sla (
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    goal TEXT NOT NULL,
    policy_id BIGINT NOT NULL REFERENCES sla_policies(id),
    calendar_id BIGINT NOT NULL REFERENCES sla_calendars(id),
    target_secs BIGINT NOT NULL,
    state TEXT NOT NULL,
    -- When the goal is (or was) due; NULL while paused.
    due_at BIGINT,
    used_secs BIGINT NOT NULL DEFAULT 0,
    paused_secs BIGINT NOT NULL DEFAULT 0,
    stopped_at BIGINT,
    breached_at BIGINT,
    -- Exactly-once markers: set in the transaction that sends the notice.
    warned_at BIGINT,
    breach_handled_at BIGINT,
    -- Bumped whenever due_at changes; a timer job carries the version it
    -- was scheduled for and does nothing when it is stale.
    timer_version BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, goal)
);
CREATE INDEX ticket_sla_due ON ticket_sla (state, due_at);
CREATE INDEX ticket_sla_policy ON ticket_sla (policy_id);

-- Statuses that stop the clock (waiting for the customer, for a third party).
ALTER TABLE workflow_statuses ADD COLUMN pauses_sla BIGINT NOT NULL DEFAULT 0;
UPDATE workflow_statuses SET pauses_sla = 1 WHERE category = 'waiting';

-- What counts as the first response: 'public_reply' (the first public reply
-- by staff) or 'status_change' (leaving the new category), and whether the
-- customer's request page shows "expected answer by".
ALTER TABLE desks ADD COLUMN sla_first_response TEXT NOT NULL DEFAULT 'public_reply';
ALTER TABLE desks ADD COLUMN sla_show_customer BIGINT NOT NULL DEFAULT 1;

-- Background re-timing of open tickets after a calendar or policy edit,
-- with progress for the page.
CREATE TABLE sla_retime_runs (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    reason TEXT NOT NULL,
    total BIGINT NOT NULL DEFAULT 0,
    done BIGINT NOT NULL DEFAULT 0,
    started_at BIGINT NOT NULL,
    finished_at BIGINT
);
