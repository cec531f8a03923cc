-- The press office by email (docs/email.md). Addresses given with consent, by a journalist
-- in chat (user_id set) or by an organiser for a journalist without Telegram (user_id NULL);
-- what each wants by email; and the email outbox: a message's body rendered once per
-- language (with its attachments), and one row per address that carries the never-twice
-- key (kind, key, contact_id), as the Telegram outbox does with (kind, key, chat_id).

CREATE TABLE email_contacts (
    id INTEGER PRIMARY KEY,
    address TEXT NOT NULL COLLATE NOCASE UNIQUE,
    user_id INTEGER UNIQUE,
    full_name TEXT NOT NULL,
    outlet TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('ru', 'en')),
    releases INTEGER NOT NULL DEFAULT 1,
    summaries INTEGER NOT NULL DEFAULT 1,
    advisories INTEGER NOT NULL DEFAULT 1,
    answers INTEGER NOT NULL DEFAULT 1,
    added_by INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    unsubscribed_at TEXT,
    bouncing_since TEXT,
    bounce_reason TEXT
);

-- A quote request an organiser filed for a journalist who wrote by email.
CREATE TABLE email_requests (
    request_id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES email_contacts (id)
);

CREATE TABLE email_bodies (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    language TEXT NOT NULL,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    html TEXT NOT NULL,
    UNIQUE (kind, key, language)
);

CREATE TABLE email_attachments (
    body_id INTEGER NOT NULL REFERENCES email_bodies (id),
    position INTEGER NOT NULL,
    filename TEXT NOT NULL,
    mime TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (body_id, position)
);

-- state 'held': waits for an embargo to lift (the press job turns it 'queued' then).
-- 'bounced': the server refused the address for good (5xx).
CREATE TABLE email_outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    contact_id INTEGER NOT NULL REFERENCES email_contacts (id),
    body_id INTEGER NOT NULL REFERENCES email_bodies (id),
    lane INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('held', 'queued', 'sent', 'failed', 'bounced', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    queued_at TEXT NOT NULL,
    sent_at TEXT,
    error TEXT,
    UNIQUE (kind, key, contact_id)
);
CREATE INDEX email_outbox_queued ON email_outbox (lane, id) WHERE state = 'queued';
CREATE INDEX email_outbox_held ON email_outbox (kind, key) WHERE state = 'held';
