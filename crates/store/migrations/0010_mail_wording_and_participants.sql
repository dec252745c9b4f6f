-- A desk's own wording for its notifications, per kind and language; a
-- kind without a row here uses the translation catalogue's text.
CREATE TABLE mail_templates (
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    kind TEXT NOT NULL,
    locale TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (desk_id, kind, locale)
);

-- What a reply by mail to a closed ticket does: 'reopen' it, or open a
-- 'follow_up' ticket linked to it.
ALTER TABLE desks ADD COLUMN closed_reply TEXT NOT NULL DEFAULT 'reopen';

-- People who hear about a ticket besides its requester: participants
-- (customers copied on the mail or added by an agent) and watchers (staff
-- following it).
CREATE TABLE ticket_participants (
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    added_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX ticket_participants_user ON ticket_participants (user_id);

-- A burst of notifications to one person about one ticket goes out as one
-- message: the later ones are folded into the first.
ALTER TABLE notifications ADD COLUMN folded_into BIGINT;
CREATE INDEX notifications_pending ON notifications (ticket_id, recipient_email, state);
