-- How many days after resolution a customer may reopen a request of the
-- desk (*Atvērt no jauna*); later, they file a new one.
ALTER TABLE desks ADD COLUMN reopen_days BIGINT NOT NULL DEFAULT 14;
