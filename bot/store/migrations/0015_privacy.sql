-- Personal data (issue 23): the record of who exported or erased personal data, who
-- received which gallery photo (to tell them when consent is withdrawn), and when a
-- session's feedback round closed (its ratings then lose the rater's id).

-- One row per export of personal data, erasure, purge and consent withdrawal: who
-- (actor_id, actor_name; NULL for the person themselves once erased, or the retention
-- job), what (action, detail: table names and counts, never the data itself), when.
CREATE TABLE privacy_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER,
    actor_name TEXT,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);

-- A journalist who received a gallery photo's file (once per person and photo).
CREATE TABLE photo_receipts (
    photo_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (photo_id, user_id)
);

-- Once a round closes, its ratings are kept without the rater's id.
ALTER TABLE feedback_rounds ADD COLUMN closed_at TEXT;
