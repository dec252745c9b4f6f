-- Owners of knowledge base articles whose review date has come are
-- reminded by mail at most once a day: the last day (Latvian calendar,
-- `2026-03-01`) each owner was reminded. Several instances may run the
-- reminder; the one whose update takes the row sends.
CREATE TABLE kb_review_reminders (
    owner_id BIGINT NOT NULL PRIMARY KEY REFERENCES users(id),
    last_day TEXT NOT NULL,
    sent_at BIGINT NOT NULL
);
