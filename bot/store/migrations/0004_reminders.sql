-- Session reminders: who follows which session or whole day, how early they want the
-- reminder, and every change to a session's time or room (written by triggers, so a
-- `python -m bot load` in another process is seen by the running bot).

ALTER TABLE users ADD COLUMN reminder_lead_minutes INTEGER NOT NULL DEFAULT 15;

-- No foreign key to sessions: a cancelled session's subscribers must still be found to
-- be told; the bot deletes these rows once it has queued the notice.
CREATE TABLE subscriptions (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, session_id)
);
CREATE INDEX subscriptions_by_session ON subscriptions (session_id);

CREATE TABLE day_follows (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, day)
);

-- seen_at is stamped by the bot's clock when it first notices the row (debouncing);
-- handled_at once the notices are queued.
CREATE TABLE session_changes (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('added', 'updated', 'removed')),
    before TEXT,
    after TEXT,
    seen_at TEXT,
    handled_at TEXT
);
CREATE INDEX session_changes_pending ON session_changes (session_id) WHERE handled_at IS NULL;

CREATE TRIGGER session_added AFTER INSERT ON sessions
BEGIN
    INSERT INTO session_changes (session_id, kind, after) VALUES (
        NEW.id, 'added',
        json_object('day', NEW.day, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at,
                    'title', json(NEW.title), 'room', json(NEW.room))
    );
END;

CREATE TRIGGER session_moved AFTER UPDATE OF starts_at, ends_at, room ON sessions
WHEN OLD.starts_at IS NOT NEW.starts_at OR OLD.ends_at IS NOT NEW.ends_at
    OR OLD.room IS NOT NEW.room
BEGIN
    INSERT INTO session_changes (session_id, kind, before, after) VALUES (
        NEW.id, 'updated',
        json_object('day', OLD.day, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at,
                    'title', json(OLD.title), 'room', json(OLD.room)),
        json_object('day', NEW.day, 'starts_at', NEW.starts_at, 'ends_at', NEW.ends_at,
                    'title', json(NEW.title), 'room', json(NEW.room))
    );
END;

CREATE TRIGGER session_removed AFTER DELETE ON sessions
BEGIN
    INSERT INTO session_changes (session_id, kind, before) VALUES (
        OLD.id, 'removed',
        json_object('day', OLD.day, 'starts_at', OLD.starts_at, 'ends_at', OLD.ends_at,
                    'title', json(OLD.title), 'room', json(OLD.room))
    );
END;
