-- The press centre's photo gallery and journalists' interview requests (issue 13).
--
-- Files stay on Telegram's servers: a photo row holds file ids, never bytes. `original_*`
-- is what the organiser sent (a photo or a document); `copy_*` is the press copy, a
-- document named after the credit, which journalists get by its file_id. The services
-- show the press only rows with a credit and consent recorded, never withdrawn.
CREATE TABLE press_photos (
    id INTEGER PRIMARY KEY,
    draft TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('photo', 'document')),
    original_file_id TEXT NOT NULL,
    original_unique_id TEXT NOT NULL,
    original_name TEXT,
    mime_type TEXT NOT NULL,
    file_size INTEGER,
    copy_file_id TEXT NOT NULL,
    copy_unique_id TEXT NOT NULL,
    copy_name TEXT NOT NULL,
    caption TEXT NOT NULL,
    credit TEXT NOT NULL,
    licence TEXT NOT NULL,
    day TEXT NOT NULL,
    consent INTEGER NOT NULL DEFAULT 0,
    content_warning INTEGER NOT NULL DEFAULT 0,
    published_by INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawn_by INTEGER
);
CREATE INDEX press_photos_by_day ON press_photos (day, id);

-- Who gives interviews, from data/people.yaml: {"languages": [...], "illustrative": bool}.
ALTER TABLE people ADD COLUMN interviews TEXT;

-- A journalist asks to interview a person in data/people.yaml. person_name keeps the name
-- ({"ru": …, "en": …}) as it was, should the person leave the data. preferred is a JSON
-- list of UTC instants; slot is the time proposed or confirmed. revision counts the
-- decisions: a notice's key and the .ics SEQUENCE, so an older proposal's buttons are stale.
CREATE TABLE interview_requests (
    id INTEGER PRIMARY KEY,
    journalist_id INTEGER NOT NULL,
    person_key TEXT NOT NULL,
    person_name TEXT NOT NULL,
    topic TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 500),
    preferred TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'proposed', 'confirmed', 'declined', 'withdrawn')),
    slot TEXT,
    reason TEXT,
    revision INTEGER NOT NULL DEFAULT 0,
    decided_by INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX interview_requests_open ON interview_requests (status, created_at);
CREATE INDEX interview_requests_by_journalist ON interview_requests (journalist_id, id);
