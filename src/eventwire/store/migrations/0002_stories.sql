-- Stories and where each report stands in one (stage 2).
CREATE TABLE stories (
    id          TEXT PRIMARY KEY,
    origin      TEXT NOT NULL,             -- report id
    title       TEXT,
    first       TEXT,                      -- earliest publication time of its reports
    last        TEXT,
    size        INTEGER NOT NULL DEFAULT 0,
    merged_into TEXT                       -- set when a bridge report showed two stories are one
);
CREATE INDEX stories_last ON stories (last);

CREATE TABLE placements (
    report_id TEXT PRIMARY KEY REFERENCES reports (id),
    story_id  TEXT NOT NULL,
    relation  TEXT NOT NULL CHECK (relation IN ('origin', 'republication', 'rewrite', 'follow-up', 'independent')),
    origin    TEXT NOT NULL,
    share     REAL NOT NULL DEFAULT 0,
    reused    TEXT NOT NULL DEFAULT '[]'   -- JSON list of {source, share, passages: [[start, end, from_start, from_end]]}
);
CREATE INDEX placements_story ON placements (story_id);
