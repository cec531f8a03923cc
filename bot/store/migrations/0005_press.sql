-- The press centre: organisers added from chat, accreditations, subscriptions, quote
-- requests, the FSM state of step-by-step dialogues, and bookkeeping on press material.
-- origin = 'data' rows come from data/ and follow it on every load; 'chat' rows were
-- published by an organiser in the bot and a load leaves them alone.

CREATE TABLE organisers (
    user_id INTEGER PRIMARY KEY,
    added_by INTEGER NOT NULL,
    added_at TEXT NOT NULL
);

CREATE TABLE accreditations (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    full_name TEXT NOT NULL,
    outlet TEXT NOT NULL,
    role TEXT NOT NULL,
    contact TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    applied_at TEXT NOT NULL,
    decided_at TEXT,
    decided_by INTEGER
);
-- At most one open application (pending or approved) per person: a second tap or a
-- second /press while pending cannot create another.
CREATE UNIQUE INDEX accreditations_one_open ON accreditations (user_id)
    WHERE status IN ('pending', 'approved');

CREATE TABLE press_subscribers (
    user_id INTEGER PRIMARY KEY,
    subscribed INTEGER NOT NULL
);

CREATE TABLE quote_requests (
    id INTEGER PRIMARY KEY,
    journalist_id INTEGER NOT NULL,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('person', 'delegation', 'organisers')),
    target_key TEXT,
    target_label TEXT NOT NULL,
    question TEXT NOT NULL,
    deadline TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('new', 'taken', 'answered', 'declined')),
    taken_by INTEGER,
    answer TEXT,
    decline_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX quote_requests_open ON quote_requests (status, created_at);
CREATE INDEX quote_requests_by_journalist ON quote_requests (journalist_id, id);

CREATE TABLE fsm_states (
    key TEXT PRIMARY KEY,
    state TEXT,
    data TEXT NOT NULL DEFAULT '{}'
);

ALTER TABLE press_releases ADD COLUMN origin TEXT NOT NULL DEFAULT 'data';
ALTER TABLE press_releases ADD COLUMN announced_at TEXT;
ALTER TABLE press_releases ADD COLUMN lifted_at TEXT;
ALTER TABLE summaries ADD COLUMN origin TEXT NOT NULL DEFAULT 'data';
ALTER TABLE summaries ADD COLUMN publication TEXT NOT NULL DEFAULT 'data';
ALTER TABLE summaries ADD COLUMN pushed_at TEXT;
ALTER TABLE quotes ADD COLUMN origin TEXT NOT NULL DEFAULT 'data';
