-- Events (one row per real-world event), their actors and their mentions (stage 3).
CREATE TABLE events (
    id            TEXT PRIMARY KEY,
    type          TEXT NOT NULL,             -- PLOVER type
    mode          TEXT,
    context       TEXT NOT NULL DEFAULT '[]', -- JSON list
    cameo         TEXT,
    goldstein     REAL,
    modality      TEXT NOT NULL DEFAULT 'asserted',
    date_start    TEXT,
    date_end      TEXT,
    place_name    TEXT,
    place_country TEXT,                      -- ISO alpha-2
    geonameid     INTEGER,
    lat           REAL,
    lon           REAL,
    confidence    REAL NOT NULL DEFAULT 0.5,
    n_mentions    INTEGER NOT NULL DEFAULT 0,
    n_reports     INTEGER NOT NULL DEFAULT 0,
    n_outlets     INTEGER NOT NULL DEFAULT 0,
    story_id      TEXT,
    seq           INTEGER NOT NULL           -- creation order, for stable paging
);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_date ON events (date_start);
CREATE INDEX events_place ON events (geonameid);
CREATE UNIQUE INDEX events_seq ON events (seq);

CREATE TABLE event_actors (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('source', 'target')),
    position INTEGER NOT NULL,
    text     TEXT NOT NULL,
    country  TEXT,
    sector   TEXT,
    kind     TEXT,
    name     TEXT,
    members  TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX event_actors_country ON event_actors (country, sector);

CREATE TABLE mentions (
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    report_id  TEXT NOT NULL REFERENCES reports (id),
    sentence   INTEGER NOT NULL DEFAULT 0,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    outlet     TEXT,
    PRIMARY KEY (event_id, report_id, start_char)
);
CREATE INDEX mentions_report ON mentions (report_id);

-- Which reports have been coded, so that re-running codes nothing twice.
CREATE TABLE coded (
    report_id TEXT PRIMARY KEY REFERENCES reports (id),
    n_events  INTEGER NOT NULL,
    at        TEXT NOT NULL
);
