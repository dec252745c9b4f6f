-- The formatted (HTML) version of a mail that became a ticket or comment,
-- cleaned of everything active when received; the text version stays the
-- one shown first. Inline images keep their Content-ID, so the HTML's
-- cid: references find the stored attachment.
ALTER TABLE tickets ADD COLUMN description_html TEXT;
ALTER TABLE comments ADD COLUMN body_html TEXT;
ALTER TABLE attachments ADD COLUMN content_id TEXT;
