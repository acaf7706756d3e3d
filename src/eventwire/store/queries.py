"""Read-side queries for the API, the web page and the exports (filters, paging, aggregates).

Everything here reads; the one exception is ``save_placements`` / ``save_story``, small writers kept for
callers (tests, the API's fixtures) until stage 2's own ``store/stories.py`` writers exist; when that
module defines the same names, its versions win (``StoriesMixin`` comes first in ``Store``'s bases).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from eventwire.errors import NotFound
from eventwire.model import Placement, Story
from eventwire.store.events import EventFilter, _where
from eventwire.store.reports import report_from_row
from eventwire.store.rows import full_id
from eventwire.store.stories import placement_from_row, reused_json

MAX_PAGE = 500
DEFAULT_PAGE = 50

# an actor's code: ISO3 + sector ("RUSGOV"), else its kind ("IGO"), else its text
_ACTOR_CODE = (
    "COALESCE(NULLIF(COALESCE({a}.country, '') || COALESCE({a}.sector, ''), ''), UPPER({a}.kind), {a}.text)"
)


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a listing: the items, how many match in all, and the offset of the next page."""

    items: list[Any]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None


def clamp_page(limit: int | None, offset: int | None) -> tuple[int, int]:
    """Page size within [1, MAX_PAGE] (default DEFAULT_PAGE) and a non-negative offset."""
    limit = DEFAULT_PAGE if limit is None else max(1, min(int(limit), MAX_PAGE))
    return limit, max(0, int(offset or 0))


# --- filter values -----------------------------------------------------------------------------
# The CLI and the API check what a user gives before it reaches a query; each check returns the value as
# the filter wants it or raises ValueError with a message fit to show.

MAX_GEONAMEID_DIGITS = 10
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2})([T ].+)?)?)?", re.ASCII)
_GEONAMEID = re.compile(rf"\d{{1,{MAX_GEONAMEID_DIGITS}}}", re.ASCII)
_CAMEO = re.compile(r"\d{1,4}", re.ASCII)


def check_date(value: str) -> str:
    """An ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD, or a date and time) that exists in the calendar."""
    m = _DATE.fullmatch(value.strip())
    try:
        if m is None:
            raise ValueError
        year, month, day, time = m.groups()
        if time:
            datetime.fromisoformat(m.group(0))
        else:
            date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"{value!r} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)") from None
    return m.group(0)


def check_until(value: str) -> str:
    """``check_date`` for an upper bound: a year or a month stands for its last day (2025-04 → 2025-04-30),
    as event dates compare as text and "2025-04-07" sorts after "2025-04"."""
    d = check_date(value)
    if len(d) == 4:
        return f"{d}-12-31"
    if len(d) == 7:
        year, month = int(d[:4]), int(d[5:7])
        first_of_next = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(first_of_next.toordinal() - 1).isoformat()
    return d


@cache
def known_countries() -> frozenset[str]:
    """ISO 3166 alpha-3 codes (pycountry and our own table, e.g. XKX) and the region codes IGOs are stored
    under (WAF, UNO, …): every code an actor's ``country`` can hold."""
    import pycountry

    data = resources.files("eventwire") / "data"
    codes = {c.alpha_3 for c in pycountry.countries}
    for line in (data / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            codes.add(line.split("\t", 1)[0].strip())
    igos = json.loads((data / "igos.json").read_text(encoding="utf-8"))
    codes.update(b["region"] for b in igos["bodies"] if b.get("region"))
    return frozenset(codes)


def check_country(value: str) -> str:
    """An ISO3 country code (RUS; any case) or the region code of an IGO (WAF), upper-cased."""
    code = value.strip().upper()
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise ValueError(f"{value!r} is not a country code: give an ISO 3166 alpha-3 code such as RUS")
    if code not in known_countries():
        raise ValueError(f"{value!r} is not a known ISO 3166 alpha-3 code (such as RUS) or IGO region code (WAF)")
    return code


def check_place(value: str) -> str:
    """A GeoNames id (ASCII digits, at most 10) or words of a place name."""
    place = value.strip()
    if not place:
        raise ValueError("place is empty: give a place name or a GeoNames id")
    if place.isdigit() and not _GEONAMEID.fullmatch(place):  # "²" and 30-digit numbers are no GeoNames ids
        raise ValueError(
            f"{value!r} is not a GeoNames id (ASCII digits, at most {MAX_GEONAMEID_DIGITS}) or a place name"
        )
    return place


def check_cameo(value: str) -> str:
    """A CAMEO root code, 01 to 20 (a longer code, such as 043, stands for its root)."""
    code = value.strip()
    if not _CAMEO.fullmatch(code) or not 1 <= int(code.zfill(2)[:2]) <= 20:
        raise ValueError(f"{value!r} is not a CAMEO root code (01 to 20, such as 04)")
    return code


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The [start, end) of the sentence (or line) around characters [start, end) of ``text``."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = max(text.rfind(ch, 0, start) for ch in ".!?\n")
    s = left + 1 if left >= 0 else 0
    while s < start and text[s].isspace():
        s += 1
    m = re.compile(r"[.!?](?=\s|$)|\n").search(text, max(end, s))
    e = m.end() if m else len(text)
    if text[e - 1 : e] == "\n":
        e -= 1
    return s, max(e, end)


class QueriesMixin:
    conn: sqlite3.Connection

    # --- writers kept for tests until stage 2 lands its own ----------------------------------

    def save_placements(self, placements: Iterable[Placement]) -> int:
        """Insert or replace placements (one per report). Returns how many were written."""
        n = 0
        with self.transaction() as c:  # type: ignore[attr-defined]
            for p in placements:
                c.execute(
                    "INSERT OR REPLACE INTO placements (report_id, story_id, relation, origin, share, reused)"
                    " VALUES (?,?,?,?,?,?)",
                    (p.report_id, p.story_id, p.relation, p.origin, p.share, reused_json(p)),
                )
                n += 1
        return n

    def save_story(self, story: Story) -> None:
        with self.transaction() as c:  # type: ignore[attr-defined]
            c.execute(
                "INSERT OR REPLACE INTO stories (id, origin, title, first, last, size) VALUES (?,?,?,?,?,?)",
                (story.id, story.origin, story.title, story.first, story.last, len(story.report_ids)),
            )

    # --- reports ----------------------------------------------------------------------------

    def search_reports(
        self, q: str | None = None, *, outlet: str | None = None, story: str | None = None,
        limit: int | None = None, offset: int | None = 0, order: str = "published",
    ) -> Page:
        """Reports whose title or text contains ``q``, with outlet/story filters: the newest published first
        (undated last), or in arrival order (``order="arrival"``)."""
        limit, offset = clamp_page(limit, offset)
        by = {"published": "r.published IS NULL, r.published DESC, r.seq DESC", "arrival": "r.seq"}[order]
        clauses, args = [], []
        if q:
            clauses.append("(r.title LIKE ? OR r.text LIKE ?)")
            args += [f"%{q}%", f"%{q}%"]
        if outlet:
            clauses.append("r.outlet = ?")
            args.append(outlet)
        if story:
            clauses.append("r.id IN (SELECT report_id FROM placements WHERE story_id = ?)")
            args.append(story)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        total = self.conn.execute(f"SELECT COUNT(*) FROM reports r{where}", args).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT r.* FROM reports r{where} ORDER BY {by} LIMIT ? OFFSET ?", [*args, limit, offset]
        ).fetchall()
        return Page([report_from_row(r) for r in rows], total, limit, offset)

    def placement_of(self, report_id: str) -> Placement | None:
        row = self.conn.execute("SELECT * FROM placements WHERE report_id = ?", (report_id,)).fetchone()
        return placement_from_row(row) if row else None

    def mentions_in_report(self, report_id: str) -> list[dict[str, Any]]:
        """Every event mention in one report: where it is and which event it supports."""
        return [
            {"event_id": r["event_id"], "start": r["start_char"], "end": r["end_char"], "text": r["text"],
             "sentence": r["sentence"], "type": r["type"], "cameo": r["cameo"]}
            for r in self.conn.execute(
                "SELECT m.*, e.type, e.cameo FROM mentions m JOIN events e ON e.id = m.event_id"
                " WHERE m.report_id = ? ORDER BY m.start_char, e.seq",
                (report_id,),
            )
        ]

    # --- stories ----------------------------------------------------------------------------

    # a story as the placements have it, with the ``stories`` row's fields where there is one
    _STORIES = (
        "SELECT p.story_id AS id, COALESCE(MAX(s.origin), MIN(CASE WHEN p.relation = 'origin' THEN p.report_id END),"
        " MIN(p.origin)) AS origin, MAX(s.title) AS title, COALESCE(MAX(s.first), MIN(r.published)) AS first,"
        " COALESCE(MAX(s.last), MAX(r.published)) AS last"
        " FROM placements p JOIN reports r ON r.id = p.report_id LEFT JOIN stories s ON s.id = p.story_id"
    )

    def story_page(self, limit: int | None = None, offset: int | None = 0, q: str | None = None) -> Page:
        """Stories, latest first (then id), each with its reports and outlets.

        Built from the placements (every placed report belongs to a story), so it holds whether or not
        stage 2 also keeps a ``stories`` row; merged stories are left out.
        """
        limit, offset = clamp_page(limit, offset)
        having = " HAVING MAX(s.merged_into) IS NULL"
        args: list[Any] = []
        if q:  # the story's title, or the title or text of any of its reports
            having += " AND (MAX(s.title) LIKE ? OR MAX(r.title LIKE ? OR r.text LIKE ?))"
            args += [f"%{q}%"] * 3
        grouped = f"{self._STORIES} GROUP BY p.story_id{having}"
        total = self.conn.execute(f"SELECT COUNT(*) FROM ({grouped})", args).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT * FROM ({grouped}) ORDER BY last IS NULL, last DESC, id LIMIT ? OFFSET ?", [*args, limit, offset]
        ).fetchall()
        return Page([self._story_summary(r) for r in rows], total, limit, offset)

    def story_by_id(self, story_id: str) -> Story:
        """A story by its id or a unique prefix of it (compared with substr: '_' and '%' are not wildcards)."""
        sid = full_id(self.conn, "placements", "story_id", story_id)
        row = self.conn.execute(f"{self._STORIES} WHERE p.story_id = ? GROUP BY p.story_id", (sid,)).fetchone()
        if row is None:  # its placements went between the two reads
            raise NotFound(f"no story {story_id!r}")
        return self._story_summary(row)

    def _story_summary(self, row: sqlite3.Row) -> Story:
        reports = self.conn.execute(
            "SELECT r.id, r.outlet FROM placements p JOIN reports r ON r.id = p.report_id WHERE p.story_id = ?"
            " ORDER BY r.published IS NULL, r.published, r.seq",
            (row["id"],),
        ).fetchall()
        outlets = tuple(dict.fromkeys(r["outlet"] for r in reports if r["outlet"]))
        title = row["title"]
        if title is None:
            t = self.conn.execute("SELECT title FROM reports WHERE id = ?", (row["origin"],)).fetchone()
            title = t["title"] if t else None
        return Story(
            id=row["id"], origin=row["origin"], report_ids=tuple(r["id"] for r in reports),
            first=row["first"], last=row["last"], outlets=outlets, title=title,
        )

    def provenance(self, story_id: str) -> dict[str, Any]:
        """A story's provenance tree: the origin at the root, each report under the report it reused most.

        Each node: report id, outlet, title, published, url, relation, share, reused (sources with their
        passages) and children.
        """
        story = self.story_by_id(story_id)
        rows = self.conn.execute(
            "SELECT p.*, r.outlet, r.title, r.published, r.url FROM placements p JOIN reports r"
            " ON r.id = p.report_id WHERE p.story_id = ? ORDER BY r.published IS NULL, r.published, r.seq",
            (story.id,),
        ).fetchall()
        nodes: dict[str, dict[str, Any]] = {}
        for r in rows:
            p = placement_from_row(r)
            nodes[p.report_id] = {
                "report_id": p.report_id, "outlet": r["outlet"], "title": r["title"], "published": r["published"],
                "url": r["url"], "relation": p.relation, "share": p.share,
                "reused": [asdict(x) for x in p.reused], "parent": None, "children": [],
            }
        root_id = story.origin if story.origin in nodes else (next(iter(nodes)) if nodes else None)
        for rid, node in nodes.items():
            if rid == root_id:
                continue
            sources = [x for x in node["reused"] if x["source"] in nodes and x["source"] != rid]
            parent = max(sources, key=lambda x: x["share"])["source"] if sources else root_id
            node["parent"] = parent
        # break any cycle by hanging the node from the root
        for rid, node in nodes.items():
            seen, cur = {rid}, node["parent"]
            while cur is not None and cur != root_id:
                if cur in seen:
                    node["parent"] = root_id
                    break
                seen.add(cur)
                cur = nodes[cur]["parent"]
        for node in nodes.values():
            if node["parent"] is not None:
                nodes[node["parent"]]["children"].append(node)
        return {"story": story, "root": nodes.get(root_id) if root_id else None, "nodes": list(nodes.values())}

    # --- events: aggregates -----------------------------------------------------------------

    def event_page(self, f: EventFilter | None = None, limit: int | None = None, offset: int | None = 0) -> Page:
        limit, offset = clamp_page(limit, offset)
        f = f or EventFilter()
        return Page(self.list_events(f, limit=limit, offset=offset), self.count_events(f), limit, offset)  # type: ignore[attr-defined]

    def event_detail(self, event_id: str) -> dict[str, Any]:
        """One event with each mention's report (id, outlet, title, published, url, text) and sentence."""
        event = self.get_event(event_id)  # type: ignore[attr-defined]
        ids = list(dict.fromkeys(m.report_id for m in event.mentions))
        reports = {}
        if ids:
            marks = ",".join("?" * len(ids))
            for row in self.conn.execute(f"SELECT * FROM reports WHERE id IN ({marks})", ids):
                reports[row["id"]] = report_from_row(row)
        mentions = []
        for m in event.mentions:
            d = asdict(m)
            report = reports.get(m.report_id)
            if report is not None:
                s, e = sentence_bounds(report.text, m.start, m.end)
                d["sentence_start"], d["sentence_end"] = s, e
                d["sentence_text"] = report.text[s:e]
            mentions.append(d)
        return {"event": event, "mentions": mentions, "reports": reports}

    def dyads(self, f: EventFilter | None = None, *, limit: int = 100) -> list[dict[str, Any]]:
        """Who acts on whom: (source code, target code) pairs with their number of events, most first."""
        where, args = _where(f or EventFilter())
        sql = (
            f"SELECT {_ACTOR_CODE.format(a='s')} AS source, {_ACTOR_CODE.format(a='t')} AS target,"
            " MIN(s.country) AS source_country, MIN(t.country) AS target_country,"
            " MIN(COALESCE(s.name, s.text)) AS source_name, MIN(COALESCE(t.name, t.text)) AS target_name,"
            " COUNT(DISTINCT s.event_id) AS n"
            " FROM event_actors s JOIN event_actors t ON t.event_id = s.event_id AND t.role = 'target'"
            f" WHERE s.role = 'source' AND s.event_id IN (SELECT e.id FROM events e{where})"
            " GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT ?"
        )
        return [dict(r) for r in self.conn.execute(sql, [*args, max(1, min(limit, 1000))])]

    def timeline(self, f: EventFilter | None = None, *, by: str = "day") -> list[dict[str, Any]]:
        """Event counts by date (day, month or year of the event's start) and PLOVER type."""
        width = {"day": 10, "month": 7, "year": 4}.get(by)
        if width is None:
            raise ValueError(f"timeline by {by!r}: expected day, month or year")
        where, args = _where(f or EventFilter())
        cond = " AND " if where else " WHERE "
        sql = (
            f"SELECT substr(e.date_start, 1, {width}) AS date, e.type AS type, COUNT(*) AS n FROM events e{where}"
            f"{cond}e.date_start IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
        )
        return [dict(r) for r in self.conn.execute(sql, args)]

    def timeline_events(self, f: EventFilter | None = None, *, limit: int = 2000) -> Page:
        """Each event's id, type, modality, dates (start, end) and actor codes, for a time axis: the dated by
        start, then the undated."""
        f = f or EventFilter()
        where, args = _where(f)
        codes = (  # one side's actor codes, in order, as "MLIGOV, NERGOV"
            f"(SELECT GROUP_CONCAT(code, ', ') FROM (SELECT {_ACTOR_CODE.format(a='a')} AS code FROM event_actors a"
            " WHERE a.event_id = e.id AND a.role = ? ORDER BY a.position))"
        )
        sql = (
            f"SELECT e.id, e.type, e.modality, e.date_start AS start, e.date_end AS end, {codes} AS source,"
            f" {codes} AS target FROM events e{where} ORDER BY e.date_start IS NULL, e.date_start, e.seq LIMIT ?"
        )
        limit = max(1, min(limit, 10_000))
        items = [dict(r) for r in self.conn.execute(sql, ["source", "target", *args, limit])]
        return Page(items, self.count_events(f), limit, 0)  # type: ignore[attr-defined]

    def map_points(self, f: EventFilter | None = None, *, limit: int = 2000) -> list[dict[str, Any]]:
        """Places of events with coordinates, with their number of events and one event id."""
        where, args = _where(f or EventFilter())
        cond = " AND " if where else " WHERE "
        sql = (
            "SELECT e.place_name AS place, e.place_country AS country, e.geonameid AS geonameid,"
            " ROUND(e.lat, 3) AS lat, ROUND(e.lon, 3) AS lon, COUNT(*) AS n, MIN(e.id) AS event_id"
            f" FROM events e{where}{cond}e.lat IS NOT NULL AND e.lon IS NOT NULL"
            " GROUP BY e.place_name, e.place_country, e.geonameid, ROUND(e.lat, 3), ROUND(e.lon, 3)"
            " ORDER BY n DESC, place LIMIT ?"
        )
        return [dict(r) for r in self.conn.execute(sql, [*args, max(1, min(limit, 10_000))])]

    def country_counts(self, f: EventFilter | None = None) -> dict[str, int]:
        """Events by the ISO alpha-2 country of their place."""
        where, args = _where(f or EventFilter())
        cond = " AND " if where else " WHERE "
        sql = (
            f"SELECT e.place_country AS c, COUNT(*) AS n FROM events e{where}{cond}e.place_country IS NOT NULL"
            " GROUP BY 1"
        )
        return {r["c"]: r["n"] for r in self.conn.execute(sql, args)}

    def iter_event_rows(self, f: EventFilter | None = None, *, batch: int = 500):
        """Every event matching ``f`` in the stable order, batch by batch (for the exports)."""
        offset = 0
        while True:
            events = self.list_events(f or EventFilter(), limit=batch, offset=offset)  # type: ignore[attr-defined]
            yield from events
            if len(events) < batch:
                return
            offset += batch

    def report_urls(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """url, outlet, published, path, ingested_at, length (of the text) and story_id of the given reports
        (for the exports)."""
        ids = list(dict.fromkeys(ids))
        out: dict[str, dict[str, Any]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                "SELECT r.id, r.url, r.outlet, r.published, r.path, r.ingested_at, length(r.text) AS length,"
                f" p.story_id FROM reports r LEFT JOIN placements p ON p.report_id = r.id WHERE r.id IN ({marks})",
                chunk,
            ):
                out[r["id"]] = dict(r)
        return out

    def stats(self) -> dict[str, int]:
        c = self.conn
        return {
            "reports": c.execute("SELECT COUNT(*) FROM reports").fetchone()[0],
            "stories": c.execute("SELECT COUNT(*) FROM stories").fetchone()[0],
            "events": c.execute("SELECT COUNT(*) FROM events").fetchone()[0],
            "mentions": c.execute("SELECT COUNT(*) FROM mentions").fetchone()[0],
        }

    def story_events(self, story_id: str, *, limit: int = MAX_PAGE) -> list:
        """Events coded in a story: marked with it, or mentioned in one of its reports; stable order."""
        rows = self.conn.execute(
            "SELECT e.* FROM events e WHERE e.story_id = ? OR e.id IN (SELECT m.event_id FROM mentions m"
            " JOIN placements p ON p.report_id = m.report_id WHERE p.story_id = ?)"
            " ORDER BY e.date_start IS NULL, e.date_start, e.seq LIMIT ?",
            (story_id, story_id, limit),
        ).fetchall()
        return self._events_from_rows(rows)  # type: ignore[attr-defined]

    def reports_by_id(self, ids: Iterable[str]) -> dict[str, Any]:
        ids = list(dict.fromkeys(ids))
        out: dict[str, Any] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT * FROM reports WHERE id IN ({marks})", chunk):
                out[row["id"]] = report_from_row(row)
        return out

    def story_detail(self, story_id: str) -> dict[str, Any]:
        """A story with its provenance tree, each report's text, placement and event mentions, its events."""
        prov = self.provenance(story_id)
        story: Story = prov["story"]
        reports = self.reports_by_id(story.report_ids)
        items = []
        for rid in story.report_ids:
            if rid not in reports:
                continue
            items.append({
                "report": reports[rid], "placement": self.placement_of(rid), "mentions": self.mentions_in_report(rid),
            })
        return {"story": story, "tree": prov["root"], "reports": items, "events": self.story_events(story.id)}
