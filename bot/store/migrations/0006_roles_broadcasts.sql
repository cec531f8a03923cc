-- Roles, invites and organiser broadcasts.
--
-- A user's role is guest until they open an invite link an organiser made; a delegate is
-- bound to one delegation. Organisers named in ORGANISER_IDS are organisers whatever this
-- column says (the setting is the bootstrap; an organiser invite makes more).

ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'guest'
    CHECK (role IN ('guest', 'delegate', 'press', 'organiser'));
ALTER TABLE users ADD COLUMN delegation_id INTEGER
    REFERENCES delegations (id) ON DELETE SET NULL;
CREATE INDEX users_by_role ON users (role, delegation_id);

-- An invite is a t.me/<bot>?start=inv_<token> link. max_uses NULL = any number of people;
-- a revoked invite stops working at once. invite_uses makes a second tap by the same
-- person harmless (it does not use up a single-use link twice).
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('delegate', 'press', 'organiser')),
    delegation_id INTEGER REFERENCES delegations (id) ON DELETE CASCADE,
    max_uses INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    uses INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    CHECK ((role = 'delegate') = (delegation_id IS NOT NULL))
);

CREATE TABLE invite_uses (
    invite_id INTEGER NOT NULL REFERENCES invites (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    used_at TEXT NOT NULL,
    PRIMARY KEY (invite_id, user_id)
);

-- One row per announcement; its messages are outbox rows of kind 'broadcast' keyed by
-- this id, all written in the same transaction as this row, before the first send.
-- audience_ref is the delegation or session id for those audiences; audience_name keeps
-- its name ({"ru": …, "en": …}) so the report still reads right if the data changes.
-- The progress message in the author's chat is edited until the broadcast finishes.
-- draft is the composing session's token: a double tap on «Send» starts one broadcast.
CREATE TABLE broadcasts (
    id INTEGER PRIMARY KEY,
    draft TEXT NOT NULL UNIQUE,
    author_id INTEGER NOT NULL,
    language TEXT NOT NULL,  -- the author's, for the progress message and report
    text TEXT NOT NULL,
    media_kind TEXT CHECK (media_kind IN ('photo', 'document')),
    media_file_id TEXT,
    audience TEXT NOT NULL,
    audience_ref INTEGER,
    audience_name TEXT,
    recipients INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'sending' CHECK (state IN ('sending', 'done', 'cancelled')),
    progress_chat_id INTEGER NOT NULL,
    progress_message_id INTEGER,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    CHECK ((media_kind IS NULL) = (media_file_id IS NULL))
);
CREATE INDEX broadcasts_sending ON broadcasts (id) WHERE state = 'sending';

-- Delivery: an outbox message may carry one photo or document, sent again by its file_id
-- (the text is then its caption).
ALTER TABLE outbox ADD COLUMN media_kind TEXT CHECK (media_kind IN ('photo', 'document'));
ALTER TABLE outbox ADD COLUMN media_file_id TEXT;

-- Organisers added from chat by the press centre (0005) become users with the organiser
-- role: one model of who may do what.
UPDATE users SET role = 'organiser', delegation_id = NULL
WHERE id IN (SELECT user_id FROM organisers);
DROP TABLE organisers;
