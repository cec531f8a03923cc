-- Organisers run the programme live from chat (issue 11).
--
-- Every change of the programme (chat, `load`, sync) is one row of programme_log, written
-- in the change's own transaction. A chat edit keeps the file's value of the field it
-- overrode (chat_overrides): a later load keeps the chat's value until the file's own
-- value changes. Sessions cancelled in chat are kept whole for a restore; sessions added
-- in chat are not the files' to remove.

CREATE TABLE programme_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('chat', 'load', 'sync')),
    actor_id INTEGER,
    actor_name TEXT,
    action TEXT NOT NULL,
    -- JSON list of {"session_id", "key", "day", "before", "after"}; before/after hold the
    -- session's starts_at, ends_at, room, title, description (null: added / cancelled).
    edits TEXT NOT NULL,
    -- JSON list of fields where the file's new value replaced a chat edit (load, sync).
    file_won TEXT,
    -- session_changes ids in (first_record, last_record] are this change's trigger rows.
    first_record INTEGER,
    last_record INTEGER,
    -- JSON list of [session key, field] overrides this change created (an undo drops them).
    overrides TEXT,
    undone_at TEXT,
    undoes INTEGER REFERENCES programme_log (id)
);

CREATE TABLE chat_overrides (
    session_key TEXT NOT NULL,
    field TEXT NOT NULL,
    file_value TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (session_key, field)
);

CREATE TABLE chat_sessions (
    session_key TEXT PRIMARY KEY,
    added_at TEXT NOT NULL
);

CREATE TABLE cancelled_sessions (
    session_id INTEGER PRIMARY KEY,
    session_key TEXT NOT NULL UNIQUE,
    row TEXT NOT NULL,
    speakers TEXT NOT NULL,
    -- The file's values of the session when it was cancelled; NULL: it was added in chat.
    file_row TEXT,
    cancelled_at TEXT NOT NULL
);

-- «Now on stage»: when a session really started or ended, where it drifted from the plan.
CREATE TABLE session_stage (
    session_id INTEGER PRIMARY KEY,
    started_at TEXT,
    ended_at TEXT,
    marked_at TEXT NOT NULL
);

-- Live «Now / next» messages in groups and channels, edited as the programme moves.
CREATE TABLE live_boards (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    edited_at TEXT NOT NULL,
    created_by INTEGER NOT NULL,
    stopped_at TEXT,
    UNIQUE (chat_id, message_id)
);

-- SCHEDULE_URL sync: what was last applied, and whether organisers know it is failing.
CREATE TABLE schedule_sync (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    digest TEXT,
    applied_at TEXT,
    failing_since TEXT,
    problem TEXT
);
