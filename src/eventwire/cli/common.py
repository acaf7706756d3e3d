"""Shared CLI options and helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import click

from eventwire.store.db import DEFAULT_DB

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
