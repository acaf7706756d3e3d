"""CLI commands of stage 1: ``read`` (reports as JSON lines), ``ingest`` (into the store), ``articles``, ``show``."""

from __future__ import annotations

import sqlite3
import sys
import textwrap
from collections.abc import Iterator

import click

from eventwire.cli.common import check_new_db, db_option, open_store, write_json_lines
from eventwire.errors import EventwireError, NotFound
from eventwire.model import Rejected, Report

# the fields `eventwire read` writes, in this order (the reader is measured through this interface)
FIELDS = ("id", "path", "url", "outlet", "title", "published", "credit", "attribution", "language", "dateline",
          "text", "captions", "removed")

max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=None, show_default="20000000",
    help="Reject any input larger than this (after decompression).",
)


def report_record(report: Report) -> dict:
    d = report.to_dict()
    return {k: d[k] for k in FIELDS}


def _read(paths: tuple[str, ...], max_bytes: int | None) -> Iterator[Report | Rejected]:
    from eventwire.ingest import MAX_BYTES, read

    return read(paths, max_bytes=max_bytes or MAX_BYTES)


def _reject(item: Rejected, *, over_bar: bool = False) -> None:
    # over a progress bar, clear its line first so that the message stands alone
    click.echo(("\r\x1b[2K" if over_bar else "") + f"{item.path}: {item.reason}", err=True)


@click.command("read")
@click.argument("paths", nargs=-1, required=True)
@max_bytes_option
def read_command(paths: tuple[str, ...], max_bytes: int | None) -> None:
    """Read reports from PATHS and write one JSON line per report to stdout.

    PATHS are .txt, .html, .json/.jsonl, RSS/Atom feeds, .gz of any of these, folders (recursive) or -
    (stdin). Inputs that cannot be read are reported on stderr as "path: reason"; the rest goes on.
    The exit status is 1 only when nothing could be read.

    Example: eventwire read articles/ feed.xml > reports.jsonl
    """
    n_read = n_rejected = 0
    for item in _read(paths, max_bytes):
        if isinstance(item, Rejected):
            n_rejected += 1
            _reject(item)
        else:
            n_read += 1
            write_json_lines([report_record(item)])
    if n_rejected and not n_read:
        sys.exit(1)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@max_bytes_option
@click.option("--group/--no-group", default=True, show_default=True, help="Place new reports in stories.")
@click.option("--code/--no-code", default=True, show_default=True, help="Code events of new reports.")
def ingest_command(paths: tuple[str, ...], db: str, max_bytes: int | None, group: bool, code: bool) -> None:
    """Read reports from PATHS and store them in the database (the same report twice is stored once).

    Bad inputs are reported on stderr and recorded in the `rejected` table; the batch goes on. Ends with
    a summary: read, stored, already known, rejected. The exit status is 1 when every input was rejected.

    Example: eventwire ingest examples/ --db eventwire.db
    """
    from eventwire import pipeline
    from eventwire.store import Store

    check_new_db(db)
    items = _read(paths, max_bytes)
    tty = sys.stderr.isatty()

    def on_item(item: Report | Rejected) -> None:
        if isinstance(item, Rejected):
            _reject(item, over_bar=tty)

    try:
        with Store(db) as store:
            if tty:
                with click.progressbar(items, label="reading", file=sys.stderr, show_pos=True) as bar:
                    summary = pipeline.ingest(bar, store, group=group, code=code, on_item=on_item)
            else:
                summary = pipeline.ingest(items, store, group=group, code=code, on_item=on_item)
    except EventwireError as e:
        raise click.ClickException(str(e)) from e
    except sqlite3.Error as e:
        raise click.ClickException(f"database error in {db}: {e}") from e
    click.echo(summary.line())
    if summary.rejected and not summary.read:
        sys.exit(1)


@click.command("articles")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per report instead of a table.")
def articles_command(db: str, limit: int | None, offset: int, as_json: bool) -> None:
    """List stored reports in arrival order: id, published, outlet or path, title.

    Example: eventwire articles --db eventwire.db --limit 20
    """
    with open_store(db) as store:
        for report in store.reports(limit=limit if limit is not None else -1, offset=offset):
            if as_json:
                write_json_lines([report_record(report)])
            else:
                click.echo(format_line(report))


def format_line(report: Report) -> str:
    source = report.outlet or report.path or "-"
    title = report.title or " ".join(report.text.split())[:80]
    return f"{report.id}  {report.published or '-':<16}  {source[:30]:<30}  {title}"


def format_report(report: Report) -> str:
    """A report for reading: its metadata, the body, captions and what the clutter filter removed."""
    rows = [
        ("id", report.id), ("title", report.title), ("published", report.published), ("outlet", report.outlet),
        ("url", report.url), ("path", report.path), ("credit", report.credit),
        ("attribution", report.attribution), ("language", report.language),
    ]
    out = [f"{k + ':':<13}{v}" for k, v in rows if v]
    out.append("")
    out.append("\n\n".join(textwrap.fill(p, width=100) for p in report.text.split("\n\n") if p.strip()))
    if report.captions:
        out += ["", "captions:"] + [f"  - {c}" for c in report.captions]
    if report.removed:
        out += ["", "removed:"] + [f"  [{r.reason}] {r.line}" for r in report.removed]
    return "\n".join(out)


@click.command("show")
@click.argument("record_id")
@db_option
def show_command(record_id: str, db: str) -> None:
    """Print one stored report, story (its provenance tree) or event (with every mention) by id.

    A unique id prefix will do; reports are tried first, then stories, then events.

    Example: eventwire show 3f2a9c
    """
    from eventwire.cli.events import format_event_detail
    from eventwire.cli.stories import format_story

    with open_store(db) as store:
        for lookup in (
            lambda: format_report(store.get_report(record_id)),
            lambda: format_story(store, record_id),
            lambda: format_event_detail(store.get_event(record_id)),
        ):
            try:
                click.echo(lookup())
                return
            except NotFound:
                continue
    raise click.ClickException(f"no report, story or event {record_id!r}")


COMMANDS = [read_command, ingest_command, articles_command, show_command]
