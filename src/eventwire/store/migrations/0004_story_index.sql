-- The story index (stage 2) kept with the store so that it survives restarts:
-- per-story summaries, per-report fingerprints (exact key + MinHash), document frequencies.
CREATE TABLE story_index (
    story_id  TEXT PRIMARY KEY,
    first_day INTEGER,                     -- days since 1970-01-01 of its earliest / latest report
    last_day  INTEGER,
    tick      INTEGER NOT NULL DEFAULT 0,  -- arrival counter of its latest report
    state     TEXT NOT NULL                -- JSON {founder, size, terms: {word: weight}, names: {name: weight}}
);
CREATE INDEX story_index_last ON story_index (last_day);
CREATE INDEX story_index_tick ON story_index (tick);

CREATE TABLE fingerprints (
    report_id TEXT PRIMARY KEY REFERENCES reports (id),
    story_id  TEXT NOT NULL,               -- the story it was placed in (follow stories.merged_into)
    exact     TEXT NOT NULL,               -- hash of the normalised text
    minhash   BLOB NOT NULL,               -- MinHash values (uint32, 64 permutations)
    day       INTEGER,
    seq       INTEGER NOT NULL             -- order placed
);
CREATE INDEX fingerprints_story ON fingerprints (story_id);
CREATE INDEX fingerprints_exact ON fingerprints (exact);
CREATE INDEX fingerprints_day ON fingerprints (day);

CREATE TABLE term_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
);

CREATE TABLE story_index_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
