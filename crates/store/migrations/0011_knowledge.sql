-- The knowledge base (SPEC §5): articles in Latvian and English with their
-- full version history, files, tags and services, links to tickets, what
-- readers did with them, and the searches that found nothing.

-- A desk's article categories; labels are {"lv": "...", "en": "..."}.
CREATE TABLE kb_categories (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    labels TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX kb_categories_desk ON kb_categories (desk_id, position);

CREATE TABLE kb_articles (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    -- 'draft' | 'review' | 'published' | 'archived'
    status TEXT NOT NULL,
    -- 'public' | 'agents' | 'desk' | 'institution'
    visibility TEXT NOT NULL,
    -- Set when visibility = 'institution'.
    institution_id BIGINT REFERENCES institutions(id),
    category_id BIGINT REFERENCES kb_categories(id),
    owner_id BIGINT NOT NULL REFERENCES users(id),
    review_at BIGINT,
    -- The web page an imported article came from.
    source_url TEXT,
    -- The incident or problem an agent drafted it from.
    source_ticket_id BIGINT REFERENCES tickets(id),
    -- Bumped on every save and status change: editors detect concurrent edits with it.
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    published_at BIGINT
);
CREATE INDEX kb_articles_desk_updated ON kb_articles (desk_id, updated_at, id);
CREATE INDEX kb_articles_category ON kb_articles (category_id, status);
CREATE INDEX kb_articles_owner_review ON kb_articles (owner_id, review_at);
CREATE INDEX kb_articles_desk_review ON kb_articles (desk_id, review_at);

-- The current text of each language version (lv, en); either may be
-- missing but not both.
CREATE TABLE kb_article_texts (
    article_id BIGINT NOT NULL REFERENCES kb_articles(id),
    locale TEXT NOT NULL,
    title TEXT NOT NULL,
    body_md TEXT NOT NULL,
    PRIMARY KEY (article_id, locale)
);

-- Every saved state of each language version: a row per language changed
-- by a save, numbered with the article's version after that save. The text
-- of a language at version n is its row with the highest version <= n.
CREATE TABLE kb_article_versions (
    id {id},
    article_id BIGINT NOT NULL REFERENCES kb_articles(id),
    version BIGINT NOT NULL,
    locale TEXT NOT NULL,
    title TEXT NOT NULL,
    body_md TEXT NOT NULL,
    -- 1 when this save removed the language version.
    removed BIGINT NOT NULL DEFAULT 0,
    author_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    UNIQUE (article_id, locale, version)
);

-- Who moved an article through its workflow, and when.
CREATE TABLE kb_status_changes (
    id {id},
    article_id BIGINT NOT NULL REFERENCES kb_articles(id),
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    actor_id BIGINT NOT NULL REFERENCES users(id),
    at BIGINT NOT NULL
);
CREATE INDEX kb_status_changes_article ON kb_status_changes (article_id, id);

-- Tags, lower case.
CREATE TABLE kb_article_tags (
    article_id BIGINT NOT NULL REFERENCES kb_articles(id),
    tag TEXT NOT NULL,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX kb_article_tags_tag ON kb_article_tags (tag);

-- The services an article concerns, by name (request_types.service).
CREATE TABLE kb_article_services (
    article_id BIGINT NOT NULL REFERENCES kb_articles(id),
    service TEXT NOT NULL,
    PRIMARY KEY (article_id, service)
);
CREATE INDEX kb_article_services_service ON kb_article_services (service);

-- Files of an article; the bytes are in the blob store under sha256.
CREATE TABLE kb_article_files (
    id {id},
    article_id BIGINT NOT NULL REFERENCES kb_articles(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX kb_article_files_article ON kb_article_files (article_id);

-- Articles and tickets: 'created_from' (drafted from the ticket) and
-- 'used_to_solve'.
CREATE TABLE kb_ticket_links (
    article_id BIGINT NOT NULL REFERENCES kb_articles(id),
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    kind TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (article_id, ticket_id, kind)
);
CREATE INDEX kb_ticket_links_ticket ON kb_ticket_links (ticket_id);

-- What readers did with a published article: 'view', 'helpful',
-- 'not_helpful', 'deflection' (detail 'not_filed' or 'solved', against the
-- request type the customer was about to file). user_id is empty for
-- people who are not signed in.
CREATE TABLE kb_events (
    id {id},
    article_id BIGINT NOT NULL REFERENCES kb_articles(id),
    kind TEXT NOT NULL,
    detail TEXT,
    user_id BIGINT REFERENCES users(id),
    request_type_id BIGINT REFERENCES request_types(id),
    at BIGINT NOT NULL
);
CREATE INDEX kb_events_article ON kb_events (article_id, kind, at);
CREATE INDEX kb_events_user ON kb_events (user_id, article_id);

-- Searches that found nothing: the knowledge the desk is missing. The
-- query is normalised (lower case, single spaces) so that the report can
-- count repeats; scope is 'portal' or 'agent'.
CREATE TABLE kb_search_misses (
    id {id},
    desk_id BIGINT NOT NULL REFERENCES desks(id),
    query TEXT NOT NULL,
    scope TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX kb_search_misses_desk ON kb_search_misses (desk_id, at);
