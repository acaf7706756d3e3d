"""Store queries for stories and placements (stage 2), and the persisted story index."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from eventwire.errors import NotFound
from eventwire.model import Passage, Placement, Report, Reuse, Story
from eventwire.store.reports import report_from_row
from eventwire.store.rows import row_by_id

UNDATED_LOAD = 20_000  # undated stories reloaded after a restart: the most recent ones


def reused_json(p: Placement) -> str:
    """How a placement's reuses are kept in the placements table's ``reused`` column."""
    return json.dumps(
        [{"source": r.source, "share": r.share,
          "passages": [x.as_list() for x in r.passages]} for r in p.reused]
    )


def placement_from_row(row: sqlite3.Row) -> Placement:
    reused = tuple(
        Reuse(
            source=r["source"],
            passages=tuple(Passage(*x) for x in r.get("passages", [])),
            share=float(r.get("share", 0.0)),
        )
        for r in json.loads(row["reused"] or "[]")
    )
    return Placement(row["report_id"], row["story_id"], row["relation"], row["origin"], reused, row["share"])


class StoriesMixin:
    conn: sqlite3.Connection

    # --- placements and stories -------------------------------------------------------------

    def save_stories(self, stories: Iterable[Story], placements: Iterable[Placement],
                     merged: dict[str, str] | None = None) -> None:
        """Write stories and their placements (replacing earlier ones) in one transaction."""
        with self.transaction() as c:  # type: ignore[attr-defined]
            for s in stories:
                c.execute(
                    "INSERT INTO stories (id, origin, title, first, last, size) VALUES (?,?,?,?,?,?)"
                    " ON CONFLICT (id) DO UPDATE SET origin = excluded.origin, title = excluded.title,"
                    " first = excluded.first, last = excluded.last, size = excluded.size, merged_into = NULL",
                    (s.id, s.origin, s.title, s.first, s.last, len(s.report_ids)),
                )
            for p in placements:
                c.execute(
                    "INSERT INTO placements (report_id, story_id, relation, origin, share, reused)"
                    " VALUES (?,?,?,?,?,?) ON CONFLICT (report_id) DO UPDATE SET story_id = excluded.story_id,"
                    " relation = excluded.relation, origin = excluded.origin, share = excluded.share,"
                    " reused = excluded.reused",
                    (p.report_id, p.story_id, p.relation, p.origin, p.share, reused_json(p)),
                )
            for old, new in (merged or {}).items():
                c.execute("UPDATE stories SET merged_into = ?, size = 0 WHERE id = ?", (new, old))

    def placement(self, report_id: str) -> Placement:
        row = self.conn.execute("SELECT * FROM placements WHERE report_id = ?", (report_id,)).fetchone()
        if row is None:
            raise NotFound(f"report {report_id!r} is in no story")
        return placement_from_row(row)

    def story_reports(self, story_ids: Iterable[str]) -> list[Report]:
        """Reports placed in any of ``story_ids`` (a story and those merged into it), in arrival order."""
        ids = list(story_ids)
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT r.* FROM fingerprints f JOIN reports r ON r.id = f.report_id WHERE f.story_id IN ({marks})"
            " ORDER BY f.seq", ids,
        )
        return [report_from_row(r) for r in rows]

    def count_stories(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL").fetchone()[0]

    def list_stories(self, *, limit: int = 100, offset: int = 0) -> list[Story]:
        """Stories, most recent first (by last publication time, then id)."""
        rows = self.conn.execute(
            "SELECT * FROM stories WHERE merged_into IS NULL ORDER BY last IS NULL, last DESC, id LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return [self._story(row) for row in rows]

    def get_story(self, story_id: str) -> tuple[Story, list[Placement]]:
        """A story (a merged one resolves to where it went) and its placements in arrival order."""
        row = row_by_id(self.conn, "stories", story_id)
        seen = set()
        while row["merged_into"] and row["id"] not in seen:
            seen.add(row["id"])
            row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (row["merged_into"],)).fetchone()
        placements = [
            placement_from_row(r) for r in self.conn.execute(
                "SELECT p.* FROM placements p JOIN reports r ON r.id = p.report_id WHERE p.story_id = ? ORDER BY r.seq",
                (row["id"],),
            )
        ]
        return self._story(row), placements

    def _story(self, row: sqlite3.Row) -> Story:
        members = self.conn.execute(
            "SELECT r.id, r.outlet FROM placements p JOIN reports r ON r.id = p.report_id WHERE p.story_id = ?"
            " ORDER BY r.seq", (row["id"],),
        ).fetchall()
        outlets = tuple(dict.fromkeys(m["outlet"] for m in members if m["outlet"]))
        return Story(row["id"], row["origin"], tuple(m["id"] for m in members), row["first"], row["last"],
                     outlets, row["title"])

    # --- the story index --------------------------------------------------------------------

    def save_story_index(self, changes: dict[str, Any]) -> None:
        """Write what ``StoryIndex.drain()`` returned."""
        with self.transaction() as c:  # type: ignore[attr-defined]
            c.executemany(
                "INSERT INTO story_index (story_id, first_day, last_day, tick, state) VALUES (?,?,?,?,?)"
                " ON CONFLICT (story_id) DO UPDATE SET first_day = excluded.first_day, last_day = excluded.last_day,"
                " tick = excluded.tick, state = excluded.state",
                [(s.id, s.first_day, s.last_day, s.tick, json.dumps(s.to_json())) for s in changes["stories"]],
            )
            for old, new in changes["merged"].items():
                c.execute("DELETE FROM story_index WHERE story_id = ?", (old,))
                c.execute("UPDATE fingerprints SET story_id = ? WHERE story_id = ?", (new, old))
            seq = c.execute("SELECT COALESCE(MAX(seq), 0) FROM fingerprints").fetchone()[0]
            c.executemany(
                "INSERT OR IGNORE INTO fingerprints (report_id, story_id, exact, minhash, day, seq) VALUES (?,?,?,?,?,?)",
                [(rid, sid, key, mh, day, seq + i) for i, (rid, sid, key, mh, day) in enumerate(changes["fingerprints"], 1)],
            )
            c.executemany(
                "INSERT INTO term_df (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = excluded.df",
                list(changes["df"].items()),
            )
            c.executemany("DELETE FROM term_df WHERE term = ?", [(k,) for k in changes.get("df_removed", ())])
            for key in ("n", "tick"):
                c.execute(
                    "INSERT INTO story_index_meta (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, str(changes[key])),
                )

    def story_index_tick(self) -> int:
        row = self.conn.execute("SELECT value FROM story_index_meta WHERE key = 'tick'").fetchone()
        return int(row[0]) if row else 0

    def story_states(self, first_day: int, last_day: int, limit: int = 2000) -> list[tuple[str, dict[str, Any], int, int, int]]:
        """Stories whose span meets [first_day, last_day] (the most recent ``limit``): what a late report
        is compared with once they have left the index's memory."""
        rows = self.conn.execute(
            "SELECT * FROM story_index WHERE last_day >= ? AND first_day <= ? ORDER BY tick DESC LIMIT ?",
            (first_day, last_day, limit)).fetchall()
        return [(r["story_id"], json.loads(r["state"]), r["first_day"], r["last_day"], r["tick"]) for r in rows]

    def load_story_index(self, keep_days: int) -> dict[str, Any]:
        """What ``StoryIndex.restore`` needs: stories within ``keep_days`` of the latest day (the horizon the
        running index keeps in memory, so a restart changes nothing), their copies, document frequencies and
        merges."""
        meta = dict(self.conn.execute("SELECT key, value FROM story_index_meta").fetchall())
        latest = self.conn.execute("SELECT MAX(last_day) FROM story_index").fetchone()[0]
        horizon = latest - keep_days if latest is not None else None
        rows = self.conn.execute(
            "SELECT * FROM story_index WHERE last_day >= ? UNION ALL"
            " SELECT * FROM (SELECT * FROM story_index WHERE last_day IS NULL ORDER BY tick DESC LIMIT ?)",
            (horizon if horizon is not None else 0, UNDATED_LOAD),
        ).fetchall()
        stories = [(r["story_id"], json.loads(r["state"]), r["first_day"], r["last_day"], r["tick"]) for r in rows]
        ids = [s[0] for s in stories]
        fps: list[tuple[str, str, str, bytes, int | None]] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            fps += [
                (r["report_id"], r["story_id"], r["exact"], bytes(r["minhash"]), r["day"])
                for r in self.conn.execute(
                    f"SELECT * FROM fingerprints WHERE story_id IN ({','.join('?' * len(chunk))}) ORDER BY seq", chunk)
            ]
        merged = dict(self.conn.execute("SELECT id, merged_into FROM stories WHERE merged_into IS NOT NULL").fetchall())
        return {
            "n": int(meta.get("n", 0)),
            "tick": int(meta.get("tick", 0)),
            "df": dict(self.conn.execute("SELECT term, df FROM term_df").fetchall()),
            "stories": stories,
            "fingerprints": fps,
            "merged": merged,
        }
