-- Metadata shared by the API and the Streamlit app. Times are UTC ISO 8601 text.
CREATE TABLE IF NOT EXISTS users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'user')),
    disabled      INTEGER NOT NULL DEFAULT 0,
    -- Unix time of the last password change: tokens issued before it are rejected.
    password_changed_at INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS uploads (
    id         TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS uploads_by_user ON uploads (user_id, created_at);

CREATE TABLE IF NOT EXISTS upload_files (
    upload_id     TEXT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    slot          INTEGER NOT NULL CHECK (slot IN (1, 2)),
    original_name TEXT NOT NULL,
    stored_name   TEXT NOT NULL,
    file_type     TEXT NOT NULL,
    encoding      TEXT,
    delimiter     TEXT,
    size_bytes    INTEGER NOT NULL,
    PRIMARY KEY (upload_id, slot)
);

CREATE TABLE IF NOT EXISTS jobs (
    id               TEXT PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id),
    upload_id        TEXT NOT NULL,
    status           TEXT NOT NULL,
    stage            TEXT NOT NULL DEFAULT '',
    progress         REAL NOT NULL DEFAULT 0,
    message          TEXT NOT NULL DEFAULT '',
    elapsed          REAL NOT NULL DEFAULT 0,
    remaining        REAL,
    config           TEXT NOT NULL,
    output_name      TEXT NOT NULL,
    summary          TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    runner_pid       INTEGER,
    created_at       TEXT NOT NULL,
    finished_at      TEXT
);
CREATE INDEX IF NOT EXISTS jobs_by_user ON jobs (user_id, created_at);
