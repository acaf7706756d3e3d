"""CLI commands of stage 1: ``read`` (reports as JSON lines), ``ingest`` (into the store), ``articles``, ``show``."""

from __future__ import annotations

import sqlite3
import sys
import textwrap
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click

from eventwire.cli.common import check_new_db, db_option, open_store, write_json_lines
from eventwire.cli.table import Column, table, terminal_width
from eventwire.errors import EventwireError, NotFound
from eventwire.model import Rejected, Report

if TYPE_CHECKING:
    from eventwire.run import Runner

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


def _reject_any(item: Report | Rejected) -> None:
    if isinstance(item, Rejected):
        _reject(item)


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


workers_option = click.option(
    "--workers", type=click.IntRange(min=1), default=None, show_default="the number of cores",
    envvar="EVENTWIRE_WORKERS", show_envvar=True,
    help="Worker processes that read and code reports (1: all in this process); with --dask local, its workers.",
)
dask_option = click.option(
    "--dask", "dask", metavar="ADDRESS", default=None,
    help="Read and code on a Dask cluster: its scheduler (tcp://HOST:8786), or 'local' to start one here.",
)


def _runner(workers: int | None, dask: str | None, code: bool = True) -> Runner:
    """Where reading and coding run; each worker loads the models once (when it is to code)."""
    from eventwire import pipeline, run

    try:
        return run.start(workers, dask, setup=pipeline.load_models if code else None, preload=pipeline.WORKER_IMPORTS)
    except OSError as e:  # a scheduler that does not answer
        raise click.ClickException(f"cannot reach the Dask scheduler {dask}: {e}") from e


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@max_bytes_option
@click.option("--group/--no-group", default=True, show_default=True, help="Place new reports in stories.")
@click.option("--code/--no-code", default=True, show_default=True, help="Code events of new reports.")
@workers_option
@dask_option
def ingest_command(paths: tuple[str, ...], db: str, max_bytes: int | None, group: bool, code: bool,
                   workers: int | None, dask: str | None) -> None:
    """Read reports from PATHS and store them in the database (the same report twice is stored once).

    Reading and coding run in --workers processes (or on a Dask cluster); this process groups and writes,
    in input order, so the result is the same whatever the workers. Bad inputs are reported on stderr and
    recorded in the `rejected` table; the batch goes on. Ends with a summary: read, stored, already known,
    rejected. The exit status is 1 when every input was rejected.

    Example: eventwire ingest examples/ --db eventwire.db --workers 2
    """
    from eventwire import pipeline
    from eventwire.ingest import MAX_BYTES, sources
    from eventwire.store import Store

    check_new_db(db)
    items = sources.items(paths, max_bytes=max_bytes or MAX_BYTES)
    tty = sys.stderr.isatty()

    def on_item(item: Report | Rejected) -> None:
        if isinstance(item, Rejected):
            _reject(item, over_bar=tty)

    try:
        with Store(db) as store, _runner(workers, dask, code) as runner:
            if tty:
                with click.progressbar(items, label="reading", file=sys.stderr, show_pos=True) as bar:
                    summary = pipeline.ingest(bar, store, group=group, code=code, on_item=on_item, runner=runner)
            else:
                summary = pipeline.ingest(items, store, group=group, code=code, on_item=on_item, runner=runner)
    except EventwireError as e:
        raise click.ClickException(str(e)) from e
    except sqlite3.Error as e:
        raise click.ClickException(f"database error in {db}: {e}") from e
    click.echo(summary.line())
    if summary.rejected and not summary.read:
        sys.exit(1)


@click.command("watch")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
@max_bytes_option
@workers_option
@dask_option
@click.option("--interval", type=click.FloatRange(min=0.05), default=1.0, show_default=True,
              help="Seconds between looks at FOLDER.")
@click.option("--existing", is_flag=True, help="Also ingest the files already in FOLDER at the start.")
def watch_command(folder: str, db: str, max_bytes: int | None, workers: int | None, dask: str | None,
                  interval: float, existing: bool) -> None:
    """Ingest the files that land in FOLDER, each once, until stopped (Ctrl-C or SIGTERM).

    A file is read once it has stopped changing (the same size and time at two looks in a row); names
    starting with "." or ending in .part, .partial, .tmp, .crdownload, .swp or ~ are skipped, so a writer
    may write "x.txt.part" and rename it to "x.txt" when done. Prints a summary line per arrival. The models
    load once, in the workers. `eventwire serve` can run beside it on the same database: the API answers
    from what has landed so far.

    Example: eventwire watch inbox/ --db eventwire.db
    """
    import signal
    import time

    from eventwire import pipeline
    from eventwire.ingest import MAX_BYTES, sources
    from eventwire.ingest.inbox import Inbox
    from eventwire.store import Store

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # as Ctrl-C: what is half done is finished by the next run

    check_new_db(db)
    inbox = Inbox(folder, existing=existing)
    signal.signal(signal.SIGTERM, stop)
    try:
        with Store(db) as store, _runner(workers, dask) as runner:
            click.echo(f"watching {folder} (Ctrl-C stops)", err=True)
            while True:
                if paths := inbox.ready():
                    items = sources.items(paths, max_bytes=max_bytes or MAX_BYTES)
                    summary = pipeline.ingest(items, store, on_item=_reject_any, runner=runner)
                    click.echo(summary.line())
                time.sleep(interval)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    except EventwireError as e:
        raise click.ClickException(str(e)) from e
    except sqlite3.Error as e:
        raise click.ClickException(f"database error in {db}: {e}") from e


@click.command("articles")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per report instead of a table.")
def articles_command(db: str, limit: int | None, offset: int, as_json: bool) -> None:
    """List stored reports in arrival order: id (a prefix `show` takes), published, outlet, title.

    The outlet is the report's own, else the host of its URL, else "—". On a terminal the lines fit its width.

    Example: eventwire articles --db eventwire.db --limit 20
    """
    with open_store(db) as store:
        reports = store.reports(limit=limit if limit is not None else -1, offset=offset)
        if as_json:
            write_json_lines(report_record(r) for r in reports)
        else:
            for line in table(ARTICLE_COLUMNS, (format_line(r) for r in reports), terminal_width()):
                click.echo(line)


ARTICLE_COLUMNS = [Column("ID", 12), Column("PUBLISHED", 16), Column("OUTLET", 20, drop=1), Column("TITLE", 0)]


def format_line(report: Report) -> dict[str, str]:
    """A report's cells in the `articles` listing."""
    host = urlsplit(report.url).hostname if report.url else None
    return {
        "ID": report.id[:12], "PUBLISHED": (report.published or "—")[:16].replace("T", " "),
        "OUTLET": report.outlet or host or "—", "TITLE": report.title or report.text[:200],
    }


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


COMMANDS = [read_command, ingest_command, watch_command, articles_command, show_command]
