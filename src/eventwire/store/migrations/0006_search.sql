-- Read-side indexes for the API: the events listing's stable order, stories by recency, reports by outlet.
CREATE INDEX IF NOT EXISTS events_order ON events (date_start IS NULL, date_start, seq);
CREATE INDEX IF NOT EXISTS events_story ON events (story_id);
CREATE INDEX IF NOT EXISTS reports_outlet ON reports (outlet);
