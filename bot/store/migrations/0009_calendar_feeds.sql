-- Private calendar feeds: each user may hold one secret link to the sessions they follow.
-- Only the SHA-256 of the token is kept, so a copy of the store reveals no working link;
-- a new link replaces the row (the old one stops working), revoking deletes it.

CREATE TABLE calendar_feeds (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
