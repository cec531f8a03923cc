-- The meeting as loaded from data/: programme, delegations, people and press material.
-- Localised text columns hold JSON objects {"ru": "...", "en": "..."}; times are UTC ISO 8601.

CREATE TABLE event (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL
);

CREATE TABLE days (
    date TEXT PRIMARY KEY,
    title TEXT NOT NULL
);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    day TEXT NOT NULL REFERENCES days (date) ON DELETE CASCADE,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    title TEXT NOT NULL,
    room TEXT NOT NULL,
    description TEXT,
    times_illustrative INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);
CREATE INDEX sessions_by_start ON sessions (starts_at);

CREATE TABLE delegations (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    attendance TEXT NOT NULL,
    observer INTEGER NOT NULL DEFAULT 0,
    about TEXT,
    position INTEGER NOT NULL
);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    delegation_id INTEGER REFERENCES delegations (id) ON DELETE SET NULL,
    attendance TEXT NOT NULL,
    is_head INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL
);

CREATE TABLE session_speakers (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    PRIMARY KEY (session_id, person_id)
);

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    said_on TEXT NOT NULL,
    source TEXT NOT NULL
);

CREATE TABLE summaries (
    day TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    published_at TEXT NOT NULL
);

CREATE TABLE press_releases (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    published_at TEXT NOT NULL,
    embargo_until TEXT
);
