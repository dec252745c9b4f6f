-- Email in both directions: message identities for threading, delivery
-- state of notifications, ignored mail, quarantine and failing addresses.
ALTER TABLE notifications ADD COLUMN message_id TEXT;
-- Threading headers of the notification (In-Reply-To and References).
ALTER TABLE notifications ADD COLUMN in_reply_to TEXT;
ALTER TABLE notifications ADD COLUMN thread_refs TEXT;
ALTER TABLE notifications ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;

-- Every Message-ID that belongs to a ticket, sent or received: replies are
-- threaded by these, never by subject text.
CREATE TABLE mail_messages (
    message_id TEXT PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    direction TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX mail_messages_ticket ON mail_messages (ticket_id, created_at);

-- Inbound mail that made no ticket or comment on purpose (auto-replies,
-- bounces, loops), so administrators can see what was ignored and why.
CREATE TABLE mail_ignored (
    id {id},
    desk_id BIGINT REFERENCES desks(id),
    reason TEXT NOT NULL,
    sender TEXT NOT NULL,
    subject TEXT NOT NULL,
    ticket_id BIGINT REFERENCES tickets(id),
    received_at BIGINT NOT NULL
);

-- Inbound mail that could not be processed, kept whole (in the blob store).
CREATE TABLE mail_quarantine (
    id {id},
    desk_id BIGINT REFERENCES desks(id),
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    reason TEXT NOT NULL,
    received_at BIGINT NOT NULL
);

-- Set when mail to the address bounced; shown where the person is shown.
ALTER TABLE users ADD COLUMN email_failing TEXT;

-- Where each polled IMAP mailbox was left, and who polls it now: one
-- instance at a time holds the lease; UIDs are remembered per UIDVALIDITY.
CREATE TABLE mail_mailboxes (
    name TEXT PRIMARY KEY,
    uid_validity BIGINT NOT NULL DEFAULT 0,
    last_uid BIGINT NOT NULL DEFAULT 0,
    lease_until BIGINT,
    locked_by TEXT
);
