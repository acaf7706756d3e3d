"""Store queries for events, their actors and mentions (stage 3)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from eventwire.model import Actor, Event, Mention, Place, When
from eventwire.store.rows import row_by_id


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters for listing events; every field optional. ``actor`` matches country, code, an actor's name or text,
    or (words, without ``role``) the text of any mention."""

    actor: str | None = None  # "RUS", "RUSGOV", or words of an actor or of a mention's text ("Lavrov")
    country: str | None = None  # ISO3 of a source or target actor
    sector: str | None = None
    role: str | None = None  # "source" / "target" narrows actor/country/sector
    type: str | None = None  # PLOVER type
    cameo_root: str | None = None  # "04"
    since: str | None = None  # ISO date: event date on or after
    until: str | None = None
    place: str | None = None  # place name or geonameid
    modality: str | None = None
    q: str | None = None  # words in a mention's evidence text
    report: str | None = None
    story: str | None = None


def _actor_key(country, sector, name, text) -> tuple:
    return (country or "", sector or "", (name or text or "").lower() if not country else "")


def _add_actors(c: sqlite3.Connection, e: Event) -> None:
    """Store the event's actors that its stored rows lack: co-actors are never dropped by a later mention."""
    for role, actors in (("source", e.source), ("target", e.target)):
        rows = c.execute("SELECT position, country, sector, name, text FROM event_actors WHERE event_id = ? AND role = ?",
                         (e.id, role)).fetchall()
        have = {_actor_key(r[1], r[2], r[3], r[4]) for r in rows}
        position = max((r[0] for r in rows), default=-1) + 1
        for a in actors:
            key = _actor_key(a.country, a.sector, a.name, a.text)
            if key in have or (a.country and not a.sector and any(k[0] == a.country for k in have)):
                continue
            c.execute(
                "INSERT INTO event_actors (event_id, role, position, text, country, sector, kind, name, members)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (e.id, role, position, a.text, a.country, a.sector, a.kind, a.name, json.dumps(list(a.members))),
            )
            have.add(key)
            position += 1


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    actor_clauses: list[str] = []
    actor_args: list[Any] = []
    if f.actor:
        a = f.actor.strip()
        match = "(a.country = ? OR (a.country || COALESCE(a.sector, '')) = ? OR a.text LIKE ? OR a.name LIKE ?)"
        match_args = [a.upper(), a.upper(), f"%{a}%", f"%{a}%"]
        is_code = a.isascii() and a.isalpha() and a.isupper() and len(a) % 3 == 0  # RUS, RUSGOV
        if f.role in ("source", "target") or is_code:
            actor_clauses.append(match)
            actor_args += match_args
        else:  # words: of an actor, or of any mention's text ("Lavrov" where the target reads "Moscow")
            clauses.append(
                f"(e.id IN (SELECT a.event_id FROM event_actors a WHERE {match})"
                " OR e.id IN (SELECT m.event_id FROM mentions m WHERE m.text LIKE ?))"
            )
            args += [*match_args, f"%{a}%"]
    if f.country:
        # a country's own actors, or an IGO it belongs to; a UNION so that each side uses its index
        actor_clauses.append(
            "a.rowid IN (SELECT rowid FROM event_actors WHERE country = ?"
            " UNION SELECT rowid FROM event_actors WHERE kind = 'igo' AND members LIKE ?)"
        )
        actor_args += [f.country.upper(), f'%"{f.country.upper()}"%']
    if f.sector:
        actor_clauses.append("a.sector = ?")
        actor_args.append(f.sector.upper())
    if actor_clauses:
        if f.role in ("source", "target"):
            actor_clauses.append("a.role = ?")
            actor_args.append(f.role)
        clauses.append(
            "e.id IN (SELECT a.event_id FROM event_actors a WHERE " + " AND ".join(actor_clauses) + ")"
        )
        args += actor_args
    if f.type:
        clauses.append("e.type = ?")
        args.append(f.type.upper())
    if f.cameo_root:
        clauses.append("substr(e.cameo, 1, 2) = ?")
        args.append(f.cameo_root.zfill(2)[:2])
    if f.since:
        clauses.append("COALESCE(e.date_end, e.date_start) >= ?")
        args.append(f.since)
    if f.until:
        clauses.append("e.date_start <= ?")
        args.append(f.until)
    if f.place:
        if f.place.isdigit():
            clauses.append("e.geonameid = ?")
            args.append(int(f.place))
        else:
            clauses.append("e.place_name LIKE ?")
            args.append(f"%{f.place}%")
    if f.modality:
        clauses.append("e.modality = ?")
        args.append(f.modality)
    if f.q:
        clauses.append("e.id IN (SELECT m.event_id FROM mentions m WHERE m.text LIKE ?)")
        args.append(f"%{f.q}%")
    if f.report:
        clauses.append("e.id IN (SELECT m.event_id FROM mentions m WHERE m.report_id = ?)")
        args.append(f.report)
    if f.story:
        clauses.append("e.story_id = ?")
        args.append(f.story)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


class EventsMixin:
    conn: sqlite3.Connection

    # --- writing ----------------------------------------------------------------------------

    def save_events(self, events: Iterable[Event], *, story_id: str | None = None) -> int:
        """Insert or update events with their actors and mentions. Returns how many were new.

        An event whose id is already stored gains the new mentions; its counts are recomputed.
        """
        new = 0
        with self.transaction() as c:  # type: ignore[attr-defined]
            for e in events:
                exists = c.execute("SELECT 1 FROM events WHERE id = ?", (e.id,)).fetchone()
                if not exists:
                    seq = c.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events").fetchone()[0]
                    loc = e.location
                    c.execute(
                        "INSERT INTO events (id, type, mode, context, cameo, goldstein, modality, date_start,"
                        " date_end, place_name, place_country, geonameid, lat, lon, confidence, story_id, seq)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (
                            e.id, e.type, e.mode, json.dumps(list(e.context)), e.cameo, e.goldstein, e.modality,
                            e.date.start, e.date.end, loc.name if loc else None, loc.country if loc else None,
                            loc.geonameid if loc else None, loc.lat if loc else None, loc.lon if loc else None,
                            e.confidence, story_id, seq,
                        ),
                    )
                    new += 1
                else:  # a stored event mentioned again: it takes what the new mention adds
                    loc = e.location
                    c.execute(
                        "UPDATE events SET mode = COALESCE(mode, ?), cameo = ?, goldstein = ?, date_start = ?,"
                        " date_end = ?, place_name = COALESCE(?, place_name), place_country = COALESCE(?, place_country),"
                        " geonameid = COALESCE(?, geonameid), lat = COALESCE(?, lat), lon = COALESCE(?, lon)"
                        " WHERE id = ?",
                        (e.mode, e.cameo, e.goldstein, e.date.start, e.date.end, loc.name if loc else None,
                         loc.country if loc else None, loc.geonameid if loc else None, loc.lat if loc else None,
                         loc.lon if loc else None, e.id),
                    )
                _add_actors(c, e)
                for m in e.mentions:
                    c.execute(
                        "INSERT OR IGNORE INTO mentions (event_id, report_id, sentence, start_char, end_char, text,"
                        " outlet) VALUES (?,?,?,?,?,?,?)",
                        (e.id, m.report_id, m.sentence, m.start, m.end, m.text, m.outlet),
                    )
                c.execute(
                    "UPDATE events SET n_mentions = (SELECT COUNT(*) FROM mentions WHERE event_id = ?),"
                    " n_reports = (SELECT COUNT(DISTINCT report_id) FROM mentions WHERE event_id = ?),"
                    " n_outlets = (SELECT COUNT(DISTINCT COALESCE(outlet, report_id)) FROM mentions WHERE event_id = ?),"
                    " confidence = MAX(confidence, ?) WHERE id = ?",
                    (e.id, e.id, e.id, e.confidence, e.id),
                )
        return new

    def mark_coded(self, report_id: str, n_events: int) -> None:
        with self.transaction() as c:  # type: ignore[attr-defined]
            c.execute(
                "INSERT OR REPLACE INTO coded (report_id, n_events, at) VALUES (?, ?, ?)",
                (report_id, n_events, datetime.now(UTC).isoformat(timespec="seconds")),
            )

    def is_coded(self, report_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM coded WHERE report_id = ?", (report_id,)).fetchone() is not None

    # --- coding support (stage 3) --------------------------------------------------------------

    def story_context(self, report_id: str) -> tuple[str | None, str | None]:
        """(story id, the story's earliest publication date) of a report; (None, None) when not placed."""
        row = self.conn.execute(
            "SELECT p.story_id, s.first FROM placements p LEFT JOIN stories s ON s.id = p.story_id"
            " WHERE p.report_id = ?",
            (report_id,),
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def events_for_merge(self, types: Iterable[str], since: str | None, until: str | None,
                         *, story_id: str | None = None, limit: int = 500) -> list[Event]:
        """Stored events a new event may be one with: same types, in the story or dated in [since, until]
        (undated ones included)."""
        types = sorted(set(types))
        if not types:
            return []
        marks = ",".join("?" * len(types))
        clauses = ["e.date_start IS NULL"]
        args: list[Any] = list(types)
        if since and until:
            clauses.append("(COALESCE(e.date_end, e.date_start) >= ? AND e.date_start <= ?)")
            args += [since, until]
        if story_id:
            clauses.append("e.story_id = ?")
            args.append(story_id)
        rows = self.conn.execute(
            f"SELECT e.* FROM events e WHERE e.type IN ({marks}) AND ({' OR '.join(clauses)})"
            " ORDER BY e.seq DESC LIMIT ?",
            [*args, limit],
        ).fetchall()
        return self._events_from_rows(rows)

    # --- reading ----------------------------------------------------------------------------

    def get_event(self, event_id: str) -> Event:
        return self._events_from_rows([row_by_id(self.conn, "events", event_id)])[0]

    def list_events(self, f: EventFilter | None = None, *, limit: int = 50, offset: int = 0) -> list[Event]:
        """Events matching ``f`` in a stable order (date, then creation)."""
        where, args = _where(f or EventFilter())
        rows = self.conn.execute(
            f"SELECT e.* FROM events e{where} ORDER BY e.date_start IS NULL, e.date_start, e.seq LIMIT ? OFFSET ?",
            [*args, limit, offset],
        ).fetchall()
        return self._events_from_rows(rows)

    def count_events(self, f: EventFilter | None = None) -> int:
        where, args = _where(f or EventFilter())
        return self.conn.execute(f"SELECT COUNT(*) FROM events e{where}", args).fetchone()[0]

    def events_of_report(self, report_id: str) -> list[Event]:
        return self.list_events(EventFilter(report=report_id), limit=10_000)

    def _events_from_rows(self, rows: list[sqlite3.Row]) -> list[Event]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        marks = ",".join("?" * len(ids))
        actors: dict[str, dict[str, list[Actor]]] = {i: {"source": [], "target": []} for i in ids}
        for a in self.conn.execute(
            f"SELECT * FROM event_actors WHERE event_id IN ({marks}) ORDER BY event_id, role, position", ids
        ):
            actors[a["event_id"]][a["role"]].append(
                Actor(a["text"], a["country"], a["sector"], a["kind"], a["name"], tuple(json.loads(a["members"])))
            )
        mentions: dict[str, list[Mention]] = {i: [] for i in ids}
        for m in self.conn.execute(
            f"SELECT m.* FROM mentions m JOIN reports r ON r.id = m.report_id WHERE m.event_id IN ({marks})"
            " ORDER BY m.event_id, r.published IS NULL, r.published, r.seq, m.start_char",
            ids,
        ):
            mentions[m["event_id"]].append(
                Mention(m["report_id"], m["start_char"], m["end_char"], m["text"], m["sentence"], m["outlet"])
            )
        out = []
        for r in rows:
            place = None
            if r["place_name"] is not None:
                place = Place(r["place_name"], r["place_country"], r["geonameid"], r["lat"], r["lon"])
            out.append(
                Event(
                    id=r["id"],
                    type=r["type"],
                    source=tuple(actors[r["id"]]["source"]),
                    target=tuple(actors[r["id"]]["target"]),
                    mode=r["mode"],
                    context=tuple(json.loads(r["context"])),
                    cameo=r["cameo"],
                    goldstein=r["goldstein"],
                    modality=r["modality"],
                    date=When(r["date_start"], r["date_end"]),
                    location=place,
                    mentions=tuple(mentions[r["id"]]),
                    confidence=r["confidence"],
                )
            )
        return out
