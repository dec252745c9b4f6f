-- Canned replies: a text in Latvian and English with {placeholders}, public
-- or internal, that may also move the ticket to a status and set its
-- priority. A desk's macros are shared; a person's own (owner_id) are theirs.
CREATE TABLE macros (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    owner_id BIGINT REFERENCES users(id),
    name TEXT NOT NULL,
    body_lv TEXT NOT NULL,
    body_en TEXT NOT NULL,
    is_public BIGINT NOT NULL DEFAULT 1,
    set_status TEXT,
    set_priority TEXT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX macros_desk ON macros (desk_id, owner_id);
