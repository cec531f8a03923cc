-- People who talk to the bot. language is NULL until they pick one; then it wins over
-- the language of their Telegram app.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL,
    username TEXT,
    telegram_language TEXT,
    language TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
