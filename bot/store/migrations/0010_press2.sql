-- The press centre, second edition: sessions open or closed to the press, releases written
-- in one language or two, quote requests about a session, and the record of who received
-- an embargoed release and when.

ALTER TABLE sessions ADD COLUMN press TEXT NOT NULL DEFAULT 'open'
    CHECK (press IN ('open', 'closed', 'photo-op'));

-- The languages an organiser wrote a chat release in ("ru", "en" or "en,ru"); NULL for a
-- release from data/, written in every language. A missing language holds the other's text.
ALTER TABLE press_releases ADD COLUMN written_in TEXT;

-- The session (its data-file key) a request is about, if the journalist named one.
ALTER TABLE quote_requests ADD COLUMN session_key TEXT;

-- One row per person and channel who received an embargoed release before it lifted:
-- 'notice' (queued to their chat, once), 'docx' or 'pdf' (every download). Written in the
-- transaction of the delivery it records. No foreign key: the record outlives a release
-- that a later load removes, so the release's key and embargo are kept beside its id.
CREATE TABLE embargo_log (
    id INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL,
    release_key TEXT NOT NULL,
    embargo_until TEXT NOT NULL,
    user_id INTEGER NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('notice', 'docx', 'pdf')),
    at TEXT NOT NULL
);
CREATE UNIQUE INDEX embargo_log_one_notice ON embargo_log (release_id, user_id)
    WHERE channel = 'notice';
CREATE INDEX embargo_log_by_release ON embargo_log (release_id, at);
