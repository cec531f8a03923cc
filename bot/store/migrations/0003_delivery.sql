-- The delivery outbox: every message the bot sends on its own initiative is written here
-- before it leaves, so a restart resumes where it stopped. (kind, key, chat_id) is unique:
-- queueing the same notice twice for the same chat is a no-op.

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    chat_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    reply_markup TEXT,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sent', 'failed', 'unreachable', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    queued_at TEXT NOT NULL,
    sent_at TEXT,
    message_id INTEGER,
    error TEXT,
    UNIQUE (kind, key, chat_id)
);
CREATE INDEX outbox_queued ON outbox (id) WHERE state = 'queued';

-- Chats that answered 403 (blocked the bot, deleted account): nothing is sent to them
-- until they write to the bot again.
CREATE TABLE unreachable_chats (
    chat_id INTEGER PRIMARY KEY,
    since TEXT NOT NULL,
    reason TEXT NOT NULL
);
