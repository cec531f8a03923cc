-- Delegates in the hall: questions to the speakers and feedback on sessions (issue 14).
--
-- No foreign key to sessions: a `load` that drops a session must not take the questions
-- and ratings people gave with it (the services check that a session exists).

-- A question waits ('pending') until an organiser or the session's moderator approves or
-- hides it; nobody else sees it before. author_name and society are NULL when it was
-- sent anonymously; society is the delegation's name ({"ru": …, "en": …}) as it was.
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
    author_name TEXT,
    society TEXT,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'hidden', 'answered')),
    created_at TEXT NOT NULL,
    decided_by INTEGER,
    decided_at TEXT,
    CHECK (society IS NULL OR author_name IS NOT NULL)
);
CREATE INDEX questions_by_session ON questions (session_id, status, id);
-- The rate limit counts one person's recent questions to one session.
CREATE INDEX questions_by_author ON questions (user_id, session_id, created_at);

-- One upvote per person and question: the primary key refuses the second.
CREATE TABLE question_votes (
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    voted_at TEXT NOT NULL,
    PRIMARY KEY (question_id, user_id)
);

-- Moderators an organiser named for one session (by a moderator invite link).
CREATE TABLE session_moderators (
    session_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
CREATE INDEX session_moderators_by_user ON session_moderators (user_id);

-- The message in each moderator's chat that shows a session's board, edited in place
-- (in the language the moderator read when they opened it).
CREATE TABLE question_boards (
    session_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    language TEXT NOT NULL,
    PRIMARY KEY (session_id, chat_id)
);

-- Who was asked to rate which session (once per session and person), and their answer.
CREATE TABLE feedback_asks (
    session_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    asked_at TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
-- A session whose followers have been asked: the timed job never asks twice.
CREATE TABLE feedback_rounds (
    session_id INTEGER PRIMARY KEY,
    asked_at TEXT NOT NULL,
    recipients INTEGER NOT NULL
);
CREATE TABLE feedback (
    session_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment TEXT CHECK (comment IS NULL OR length(comment) <= 500),
    rated_at TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
-- People who asked not to be asked for feedback (/feedback_off); /feedback_on deletes it.
CREATE TABLE feedback_opt_outs (
    user_id INTEGER PRIMARY KEY,
    opted_out_at TEXT NOT NULL
);

-- The after-meeting survey: sent once (the single row), one answer per person and question.
-- label is the chosen answer's words ({"ru": …, "en": …}) as the survey said them.
CREATE TABLE survey_rounds (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    sent_at TEXT NOT NULL,
    recipients INTEGER NOT NULL
);
CREATE TABLE survey_answers (
    user_id INTEGER NOT NULL,
    question TEXT NOT NULL,
    answer INTEGER NOT NULL CHECK (answer BETWEEN 1 AND 5),
    label TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (user_id, question)
);

-- Invites of a new kind: «moderator of session N» (session_id set, role 'guest': it gives
-- no role, the person keeps theirs). SQLite cannot change a CHECK, so the invite tables are
-- rebuilt; invite_uses goes first, or dropping invites would cascade-delete its rows.
CREATE TABLE invites_kept AS SELECT * FROM invites;
CREATE TABLE invite_uses_kept AS SELECT * FROM invite_uses;
DROP TABLE invite_uses;
DROP TABLE invites;
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('guest', 'delegate', 'press', 'organiser')),
    delegation_id INTEGER REFERENCES delegations (id) ON DELETE CASCADE,
    max_uses INTEGER CHECK (max_uses IS NULL OR max_uses > 0),
    uses INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    session_id INTEGER,
    CHECK ((role = 'delegate') = (delegation_id IS NOT NULL)),
    CHECK ((role = 'guest') = (session_id IS NOT NULL))
);
CREATE TABLE invite_uses (
    invite_id INTEGER NOT NULL REFERENCES invites (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    used_at TEXT NOT NULL,
    PRIMARY KEY (invite_id, user_id)
);
INSERT INTO invites (id, token, role, delegation_id, max_uses, uses, created_by, created_at,
                     revoked_at)
SELECT id, token, role, delegation_id, max_uses, uses, created_by, created_at, revoked_at
FROM invites_kept;
INSERT INTO invite_uses (invite_id, user_id, used_at)
SELECT invite_id, user_id, used_at FROM invite_uses_kept;
DROP TABLE invite_uses_kept;
DROP TABLE invites_kept;
