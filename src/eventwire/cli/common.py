"""Shared CLI options and helpers."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from eventwire.errors import EventwireError
from eventwire.store.db import DEFAULT_DB
from eventwire.store.queries import check_cameo, check_country, check_date, check_place, check_until

if TYPE_CHECKING:
    from eventwire.store import Store

SQLITE_HEADER = b"SQLite format 3\x00"

db_option = click.option(
    "--db", "db", default=DEFAULT_DB, show_default=True, envvar="EVENTWIRE_DB",
    type=click.Path(dir_okay=False), help="SQLite database file.",
)


def write_json_lines(records: Iterable[dict[str, Any]], out=None) -> None:
    out = out or sys.stdout
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()


def read_json_lines(stream) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, record or None, error or None) for each non-blank line."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield n, None, f"line {n}: malformed JSON ({e.msg})"
            continue
        if not isinstance(record, dict):
            yield n, None, f"line {n}: expected a JSON object"
            continue
        yield n, record, None


# --- the database -------------------------------------------------------------------------------


class Unusable(click.ClickException):
    """What the command was given cannot be used (a missing database, a busy port): a message alone, exit 2
    as for any other usage error."""

    exit_code = 2


def _header(db: str) -> bytes:
    try:
        with open(db, "rb") as fh:
            return fh.read(len(SQLITE_HEADER))
    except OSError as e:
        raise Unusable(f"cannot read the database {db}: {e.strerror or e}") from None


def check_new_db(db: str) -> str:
    """A --db that a writing command may create or open: absent, empty, or an SQLite file."""
    path = Path(db)
    if path.is_dir():
        raise Unusable(f"{db} is a folder, not a database file")
    if path.exists() and path.stat().st_size and _header(db) != SQLITE_HEADER:
        raise Unusable(f"{db} is not an SQLite database")
    return db


def check_db(db: str) -> str:
    """The --db of a command that reads: an existing eventwire database, else a clear error (exit 2).

    Nothing is created: a missing file stays missing."""
    from eventwire.store import Store

    path = Path(db)
    if not path.exists():
        raise Unusable(f"no database at {db}; run `eventwire ingest` first")
    if path.is_dir():
        raise Unusable(f"{db} is a folder, not a database file")
    header = _header(db)
    if not header:
        raise Unusable(f"the database {db} is empty (0 bytes); run `eventwire ingest` first")
    if header != SQLITE_HEADER:
        raise Unusable(f"{db} is not an SQLite database")
    try:
        with Store(db, readonly=True) as store:
            store.applied_migrations()
    except (sqlite3.Error, EventwireError) as e:
        raise Unusable(f"{db} is not an eventwire database ({e})") from None
    return db


@contextmanager
def open_store(db: str, *, readonly: bool = False) -> Iterator[Store]:
    """The Store of a reading command, checked first (``check_db``); its errors become clean messages."""
    from eventwire.store import Store

    check_db(db)
    try:
        with Store(db, readonly=readonly) as store:
            yield store
    except EventwireError as e:
        raise click.ClickException(str(e)) from e
    except sqlite3.Error as e:
        raise click.ClickException(f"database error in {db}: {e}") from e


# --- filters ------------------------------------------------------------------------------------


def checked(check: Callable[[str], str]) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """A click callback running one of the store's filter checks; its ValueError is a usage error (exit 2)."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        try:
            return check(value)
        except ValueError as e:
            raise click.BadParameter(str(e), ctx=ctx, param=param) from None

    return callback


country_option = click.option("--country", callback=checked(check_country),
                              help="ISO 3166 alpha-3 of a source or target actor (RUS).")
since_option = click.option("--since", callback=checked(check_date),
                            help="Events on or after this ISO date (YYYY-MM-DD, YYYY-MM or YYYY).")
until_option = click.option("--until", callback=checked(check_until),
                            help="Events on or before this ISO date (a year or month: to its end).")
place_option = click.option("--place", callback=checked(check_place), help="Place name or GeoNames id.")
cameo_option = click.option("--cameo", callback=checked(check_cameo), help="CAMEO root code (04).")
