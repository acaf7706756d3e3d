"""The `actors` command: actor mentions in, one resolution per line out."""

from __future__ import annotations

import sys
from typing import Any

import click

from eventwire.cli.common import read_json_lines, write_json_lines


def _resolution(record: dict[str, Any]) -> dict[str, Any]:
    from eventwire.events import actors

    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    date = record.get("date")
    a = actors.resolve(text, str(date) if date is not None else None, record.get("context"))
    out: dict[str, Any] = {"text": text, "country": None, "sector": None, "kind": None, "name": None}
    if a is not None:
        out.update(country=a.country, sector=a.sector, kind=a.kind, name=a.name)
        if a.members:
            out["members"] = list(a.members)
    return out


def _lines(stream):
    for n, record, error in read_json_lines(stream):
        if error is None:
            try:
                yield _resolution(record)
                continue
            except ValueError as e:
                error = f"line {n}: {e}"
        click.echo(error, err=True)
        yield {"error": error, "line": n}


@click.command("actors")
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
def actors_command(source) -> None:
    """Resolve actor mentions: reads JSON lines {"text", "date"?} from SOURCE (a file or -) and writes one
    {"text", "country", "sector", "kind", "name"} per line, in order ("members" for IGOs).

    A malformed line gets an {"error", "line"} object on its line and a message on stderr.

    Example: echo '{"text": "Malian soldiers"}' | eventwire actors -
    """
    write_json_lines(_lines(source), sys.stdout)


COMMANDS = [actors_command]
