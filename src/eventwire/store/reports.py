"""Store queries for reports and rejected inputs."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from eventwire.model import Rejected, Removed, Report
from eventwire.store.rows import row_by_id


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def report_from_row(row: sqlite3.Row) -> Report:
    return Report(
        id=row["id"],
        text=row["text"],
        path=row["path"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        published=row["published"],
        credit=row["credit"],
        attribution=row["attribution"],
        language=row["language"],
        dateline=row["dateline"],
        captions=tuple(json.loads(row["captions"])),
        removed=tuple(Removed(**r) for r in json.loads(row["removed"])),
    )


class ReportsMixin:
    conn: sqlite3.Connection

    def add_reports(self, reports: Iterable[Report]) -> tuple[list[Report], list[Report]]:
        """Store reports in one transaction. Returns (new, already known); a known id is not touched."""
        new, known = [], []
        with self.transaction() as c:  # type: ignore[attr-defined]
            seq = c.execute("SELECT COALESCE(MAX(seq), 0) FROM reports").fetchone()[0]
            for r in reports:
                if c.execute("SELECT 1 FROM reports WHERE id = ?", (r.id,)).fetchone():
                    known.append(r)
                    continue
                seq += 1
                c.execute(
                    "INSERT INTO reports (id, path, url, outlet, title, published, credit, attribution, language,"
                    " dateline, text, captions, removed, ingested_at, seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        r.id, r.path, r.url, r.outlet, r.title, r.published, r.credit, r.attribution,
                        r.language, r.dateline, r.text, json.dumps(list(r.captions), ensure_ascii=False),
                        json.dumps([{"line": x.line, "reason": x.reason} for x in r.removed], ensure_ascii=False),
                        _now(), seq,
                    ),
                )
                new.append(r)
        return new, known

    def add_rejected(self, items: Iterable[Rejected]) -> int:
        n = 0
        with self.transaction() as c:  # type: ignore[attr-defined]
            for item in items:
                c.execute(
                    "INSERT INTO rejected (path, reason, at) VALUES (?, ?, ?)"
                    " ON CONFLICT (path, reason) DO UPDATE SET at = excluded.at",
                    (item.path, item.reason, _now()),
                )
                n += 1
        return n

    def has_report(self, report_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is not None

    def get_report(self, report_id: str) -> Report:
        return report_from_row(row_by_id(self.conn, "reports", report_id))

    def reports(self, *, limit: int | None = None, offset: int = 0, after_seq: int | None = None) -> Iterator[Report]:
        """Reports in arrival order."""
        sql, args = "SELECT * FROM reports", []
        if after_seq is not None:
            sql += " WHERE seq > ?"
            args.append(after_seq)
        sql += " ORDER BY seq"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        for row in self.conn.execute(sql, args):
            yield report_from_row(row)

    def unfinished(self, *, placed: bool = True, coded: bool = True, limit: int = 1000) -> list[Report]:
        """Stored reports a run did not finish (killed between storing them and grouping or coding them),
        oldest first: with ``placed``, those with no story; with ``coded``, those not coded."""
        missing = []
        if placed:
            missing.append("NOT EXISTS (SELECT 1 FROM placements p WHERE p.report_id = r.id)")
        if coded:
            missing.append("NOT EXISTS (SELECT 1 FROM coded c WHERE c.report_id = r.id)")
        if not missing:
            return []
        rows = self.conn.execute(
            f"SELECT r.* FROM reports r WHERE {' OR '.join(missing)} ORDER BY r.seq LIMIT ?", (limit,)
        ).fetchall()
        return [report_from_row(x) for x in rows]

    def count_reports(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def rejected(self) -> list[Rejected]:
        return [Rejected(r["path"], r["reason"]) for r in self.conn.execute("SELECT path, reason FROM rejected ORDER BY id")]
