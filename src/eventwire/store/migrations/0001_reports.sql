-- Reports as read and cleaned, and the inputs that could not be read.
CREATE TABLE reports (
    id          TEXT PRIMARY KEY,          -- stable hash of the normalised body
    path        TEXT,
    url         TEXT,
    outlet      TEXT,
    title       TEXT,
    published   TEXT,                      -- ISO 8601 or NULL
    credit      TEXT,
    attribution TEXT,
    language    TEXT,
    text        TEXT NOT NULL,
    captions    TEXT NOT NULL DEFAULT '[]', -- JSON list
    removed     TEXT NOT NULL DEFAULT '[]', -- JSON list of {line, reason}
    ingested_at TEXT NOT NULL,
    seq         INTEGER NOT NULL           -- arrival order, for stable paging
);
CREATE INDEX reports_published ON reports (published);
CREATE UNIQUE INDEX reports_seq ON reports (seq);

CREATE TABLE rejected (
    id     INTEGER PRIMARY KEY,
    path   TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL,
    UNIQUE (path, reason)
);
