"""CLI commands of the serving stage: `serve` (HTTP API and page) and `export` (files for analysts)."""

from __future__ import annotations

import errno
import os
import socket
import sys
from pathlib import Path

import click

from eventwire.cli.common import (
    Unusable,
    cameo_option,
    check_db,
    country_option,
    db_option,
    open_store,
    place_option,
    since_option,
    until_option,
)
from eventwire.cli.events import actor_option, type_option
from eventwire.errors import EventwireError

FORMATS = ("csv", "jsonl", "parquet", "gdelt", "gdelt-mentions", "plover")
SHUTDOWN_GRACE = 3  # seconds open requests get after SIGTERM / Ctrl+C before they are cancelled


def _filter(**kw):
    from eventwire.store.events import EventFilter

    return EventFilter(**{k: v for k, v in kw.items() if v})


def check_port(host: str, port: int) -> None:
    """Bind HOST:PORT as uvicorn will (SO_REUSEADDR, so a closing connection is no obstacle) and let go."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise Unusable(f"port {port} on {host} is already in use: stop what listens there or give"
                               " another --port") from None
            raise Unusable(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def _server(app, host: str, port: int):
    """uvicorn's Server for ``app``; SIGTERM / Ctrl+C also tell the app's writer to stop at its next report,
    and requests still open after SHUTDOWN_GRACE seconds are cancelled, so the process exits in seconds."""
    import uvicorn

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:
            app.state.writer.stop()  # sets a flag: safe in a signal handler
            super().handle_exit(sig, frame)

    return Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                 timeout_graceful_shutdown=SHUTDOWN_GRACE))


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option(
    "--token-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="File holding the bearer token that allows POST /reports (default: $EVENTWIRE_TOKEN; none: writing off).",
)
@click.option("--max-body", default=5 * 1024 * 1024, show_default=True, type=click.IntRange(1),
              help="Largest request body accepted, in bytes.")
def serve(db: str, host: str, port: int, token_file: Path | None, max_body: int) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json) and the web page over DB.

    POST /reports is ingested by one writer thread; a post still being ingested after $EVENTWIRE_POST_TIMEOUT
    seconds (default 120) is answered 202 and finished in the background.

    Example: eventwire serve --db eventwire.db --port 8000
    """
    from eventwire.web.api import create_app

    check_db(db)
    token = None
    if token_file is not None:
        token = token_file.read_text(encoding="utf-8").strip()
        if not token:
            raise click.ClickException(f"{token_file}: the token file is empty")
    try:
        app = create_app(db, token=token, max_body=max_body)
    except EventwireError as e:
        raise click.ClickException(str(e)) from e
    check_port(host, port)
    click.echo(f"eventwire: serving {db} on http://{host}:{port}/ (writing {'on' if app.state.writing else 'off'})",
               err=True)
    try:
        _server(app, host, port).run()
    except KeyboardInterrupt:  # uvicorn raises Ctrl+C again once it has shut down (uvicorn.run swallows it too)
        pass


@click.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="csv (a header, then a row per mention or per event: --per), jsonl (an event a line, with its"
                   " mentions), parquet (a row per event), gdelt (the GDELT 2.0 event table: 61 tab-separated"
                   " fields, no header, a row per source-target pair), gdelt-mentions (the GDELT 2.0 mentions"
                   " table) or plover (a JSON array of PLOVER records with POLECAT's field names).")
@click.option("--per", type=click.Choice(["mention", "event"]), default="mention", show_default=True,
              help="csv only: a row for each mention (the event's columns repeat) or for each event.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Output file (default: standard output; needed for parquet on a terminal).")
@actor_option
@country_option
@type_option
@cameo_option
@since_option
@until_option
@place_option
def export(db: str, fmt: str, per: str, out: Path | None, actor, country, type_, cameo, since, until, place) -> None:
    """Export the events of DB (with their mentions) for analysts.

    The formats and their columns are described in README.md (Exports).

    Example: eventwire export --db eventwire.db --format parquet --out events.parquet
    """
    from eventwire.store.export import write_events

    check_db(db)
    if out is not None and not out.parent.is_dir():
        raise click.BadParameter(f"no folder {out.parent} to write {out.name} in", param_hint="'--out'")
    f = _filter(actor=actor, country=country, type=type_, cameo_root=cameo, since=since, until=until, place=place)
    if out is None and fmt == "parquet" and sys.stdout.isatty():
        raise click.ClickException("parquet is binary: give --out FILE or redirect standard output")
    existed = out is not None and out.exists()
    try:
        with open_store(db, readonly=True) as store:
            if out is None:
                n = write_events(store, fmt, sys.stdout.buffer, f, per=per)
                sys.stdout.buffer.flush()
            else:
                with open(out, "wb") as fh:
                    n = write_events(store, fmt, fh, f, per=per)
    except OSError as e:
        if out is None:
            _drop_stdout()
            if isinstance(e, BrokenPipeError):
                sys.exit(1)  # the reader stopped reading (`| head`): nothing to say
        elif not existed and out.is_file():
            out.unlink()  # no half-written export left behind
        raise click.ClickException(f"cannot write {out or 'standard output'}: {e.strerror or e}") from None
    click.echo(f"exported {n} events as {fmt}" + (f" to {out}" if out else ""), err=True)


def _drop_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of what could not be
    written fails no second time (as the Python docs advise for a closed pipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test runner's stream)
        pass


COMMANDS = [serve, export]
