-- Who vouches for a ticket's institution. A person who is not signed in
-- only types it: the ticket keeps it unconfirmed (and asks no approver)
-- until the desk's staff confirm it. Tickets filed before keep theirs.
ALTER TABLE tickets ADD COLUMN institution_confirmed BIGINT NOT NULL DEFAULT 1;
-- Filed by someone not signed in, whatever address they gave: an account
-- holder's address lends the ticket neither their institution nor trust.
ALTER TABLE tickets ADD COLUMN filed_without_sign_in BIGINT NOT NULL DEFAULT 0;
