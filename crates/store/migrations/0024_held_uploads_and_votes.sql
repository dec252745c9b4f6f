-- Every file written by a form upload, so that files of forms that were
-- never accepted ("held" across a rejected form) can be deleted once they
-- expire. Blobs are shared by content: the cleaner deletes one only when
-- no attachment, article file or quarantined message names it.
CREATE TABLE held_uploads (
    id {id},
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    address TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX held_uploads_sha256 ON held_uploads (sha256, created_at);
CREATE INDEX held_uploads_created ON held_uploads (created_at);
CREATE INDEX attachments_sha256 ON attachments (sha256);
CREATE INDEX kb_article_files_sha256 ON kb_article_files (sha256);
CREATE INDEX mail_quarantine_sha256 ON mail_quarantine (sha256);

-- Helpful / not helpful votes count once per person or browser: `voter`
-- is `u:<user id>` or `a:<keyed hash of the anonymous cookie>`; a new vote
-- replaces the earlier one.
ALTER TABLE kb_events ADD COLUMN voter TEXT;
DELETE FROM kb_events WHERE kind IN ('helpful', 'not_helpful') AND user_id IS NOT NULL
    AND id NOT IN (SELECT MAX(id) FROM kb_events WHERE kind IN ('helpful', 'not_helpful')
                   AND user_id IS NOT NULL GROUP BY article_id, user_id);
UPDATE kb_events SET voter = 'u:' || CAST(user_id AS TEXT)
    WHERE kind IN ('helpful', 'not_helpful') AND user_id IS NOT NULL;
CREATE UNIQUE INDEX kb_events_one_vote ON kb_events (article_id, voter) WHERE voter IS NOT NULL;
