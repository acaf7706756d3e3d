"""SQLite connection, numbered migrations and transactions; the query methods live in mixins."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from eventwire.errors import StoreError
from eventwire.store.events import EventsMixin
from eventwire.store.queries import QueriesMixin
from eventwire.store.reports import ReportsMixin
from eventwire.store.stories import StoriesMixin

DEFAULT_DB = "eventwire.db"
BUSY_TIMEOUT = 10.0  # seconds a connection waits for another's lock


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _migrations() -> list[tuple[str, str]]:
    folder = resources.files("eventwire.store") / "migrations"
    files = sorted(f for f in folder.iterdir() if f.name.endswith(".sql"))
    return [(f.name.removesuffix(".sql"), f.read_text(encoding="utf-8")) for f in files]


class Store(ReportsMixin, StoriesMixin, EventsMixin, QueriesMixin):
    """An eventwire database. Open with a path (WAL mode) or ``Store.memory()``.

    ``readonly=True`` opens the file with ``mode=ro`` (the API's reading connection).
    Use as a context manager or call ``close()``.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False, check_same_thread: bool = True):
        self.path = str(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        try:
            if self.path == ":memory:":
                self.conn = sqlite3.connect(":memory:", check_same_thread=check_same_thread)
            elif readonly:
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=check_same_thread)
            else:
                self.conn = sqlite3.connect(self.path, check_same_thread=check_same_thread)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open database {self.path}: {e}") from e
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        if not readonly:
            if self.path != ":memory:":
                _wal(self.conn)
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self.migrate()

    @classmethod
    def memory(cls, *, check_same_thread: bool = True) -> Store:
        return cls(":memory:", check_same_thread=check_same_thread)

    # --- lifecycle --------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all or nothing. Nested calls join the outer one."""
        with self._lock:
            if self.conn.in_transaction:
                yield self.conn
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.rollback()
                raise
            else:
                self.conn.commit()

    # --- migrations -------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply pending migrations in order, each in one transaction with its ``_migrations`` row.

        Safe when several processes open the same new database at once: each migration takes the write lock
        first (BEGIN IMMEDIATE) and reads ``_migrations`` again under it, so only one of them applies it."""
        # when the table exists this takes no lock, so opening waits for no writer
        self.conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        self.conn.commit()
        done = {r[0] for r in self.conn.execute("SELECT name FROM _migrations")}
        applied = []
        for name, sql in _migrations():
            if name in done:  # already applied: no need to wait for the write lock
                continue
            try:
                with self.transaction() as c:
                    if c.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                        continue  # another connection applied it while this one waited
                    for statement in _split_sql(sql):
                        c.execute(statement)
                    c.execute("INSERT INTO _migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
            except sqlite3.Error as e:
                raise StoreError(f"migration {name} failed: {e}") from e
            applied.append(name)
        return applied

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM _migrations ORDER BY name")]


def _wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL mode. On a new file that other processes open at the same moment the switch can find
    the file locked, and SQLite then answers "database is locked" at once instead of waiting: try again
    for as long as the busy timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if e.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _split_sql(sql: str) -> list[str]:
    """Statements of a migration file (``sqlite3.complete_statement`` decides where one ends)."""
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip() and not all(ln.strip().startswith("--") or not ln.strip() for ln in buf.splitlines()):
        out.append(buf.strip())
    return out
