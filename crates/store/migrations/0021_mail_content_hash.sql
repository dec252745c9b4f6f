-- What a received message said (a hash of its From, Subject and body), so
-- that only a true duplicate — the same Message-ID and the same content —
-- is dropped. Rows from before this migration have none: for them the
-- Message-ID alone decides, as it did.
ALTER TABLE mail_messages ADD COLUMN content_hash TEXT;
