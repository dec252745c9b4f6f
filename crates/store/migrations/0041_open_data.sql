-- Open data: the kind of each institution (the only fact about a customer
-- the published aggregate carries) and whether a desk publishes it to
-- everyone (until then only its report readers download it).
ALTER TABLE institutions ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE desks ADD COLUMN open_data_published BIGINT NOT NULL DEFAULT 0;
