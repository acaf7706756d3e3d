-- IGO actors are found by kind when filtering events by a member country.
CREATE INDEX event_actors_kind ON event_actors (kind);
