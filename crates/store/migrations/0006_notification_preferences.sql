-- Notifications a person switched off (all are on unless listed here).
CREATE TABLE notification_preferences (
    user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    enabled BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind)
);
