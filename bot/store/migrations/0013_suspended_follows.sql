-- Who followed a cancelled session, so that its return brings their reminders back.
--
-- When the cancellation is told, the session's subscriptions move here (they leave
-- `subscriptions`, so nothing is reminded, listed or counted), with `wanted` = 0 for those
-- who follow its day but had let this session go (its return is not «new» to them, and
-- they do not get it back as a day follower would get a new session). They are kept by the
-- session's data key: a session the files bring back gets a new id but keeps its key; a
-- session restored in chat keeps both. They go when the session comes back (its followers
-- follow it again and are told), or when the person says they want none of it: «Don't
-- remind me» on that session, «Remove all», or unfollowing the session's day.
CREATE TABLE suspended_follows (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_key TEXT NOT NULL,
    -- The id the session had when it was cancelled (the buttons of the notice carry it).
    session_id INTEGER NOT NULL,
    day TEXT NOT NULL,
    followed_at TEXT,
    suspended_at TEXT NOT NULL,
    wanted INTEGER NOT NULL CHECK (wanted IN (0, 1)),
    PRIMARY KEY (user_id, session_key)
);
CREATE INDEX suspended_follows_by_key ON suspended_follows (session_key);

-- A removed session's change record names its key, to keep its followers by.
DROP TRIGGER session_removed;
CREATE TRIGGER session_removed AFTER DELETE ON sessions
BEGIN
    INSERT INTO session_changes (session_id, kind, before) VALUES (
        OLD.id, 'removed',
        json_object('key', OLD.key, 'day', OLD.day, 'starts_at', OLD.starts_at,
                    'ends_at', OLD.ends_at, 'title', json(OLD.title), 'room', json(OLD.room))
    );
END;
