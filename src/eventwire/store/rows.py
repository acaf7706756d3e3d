"""Row look-ups shared by the store's query mixins."""

from __future__ import annotations

import sqlite3

from eventwire.errors import NotFound

_TABLES = {"reports": "report", "stories": "story", "events": "event"}
# columns that hold ids, and what they name (also keeps table and column names out of reach of callers' strings)
_ID_COLUMNS = {
    ("reports", "id"): "report", ("stories", "id"): "story", ("events", "id"): "event",
    ("placements", "story_id"): "story",
}


def row_by_id(conn: sqlite3.Connection, table: str, record_id: str) -> sqlite3.Row:
    """The row with this id, or the only one whose id starts with it (as git takes a short hash)."""
    what = _TABLES[table]  # also keeps the table name out of reach of callers' strings
    row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone()
    if row is not None:
        return row
    rows = conn.execute(
        f"SELECT * FROM {table} WHERE substr(id, 1, ?) = ? LIMIT 2", (len(record_id), record_id)
    ).fetchall()
    if len(rows) != 1 or not record_id:
        raise NotFound(f"no {what} {record_id!r}")
    return rows[0]


def full_id(conn: sqlite3.Connection, table: str, column: str, record_id: str) -> str:
    """The id in ``table.column`` equal to ``record_id``, or the only one that starts with it, as ``row_by_id``
    matches: the prefix is compared with substr, so '_' and '%' in it are themselves, never wildcards."""
    what = _ID_COLUMNS[(table, column)]
    row = conn.execute(f"SELECT {column} FROM {table} WHERE {column} = ? LIMIT 1", (record_id,)).fetchone()
    if row is not None:
        return row[0]
    rows = conn.execute(
        f"SELECT DISTINCT {column} FROM {table} WHERE substr({column}, 1, ?) = ? LIMIT 2",
        (len(record_id), record_id),
    ).fetchall()
    if len(rows) != 1 or not record_id:
        raise NotFound(f"no {what} {record_id!r}")
    return rows[0][0]
