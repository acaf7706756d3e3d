"""CLI commands of stage 3: ``code`` (report lines in, event lines out) and ``events`` (list stored events)."""

from __future__ import annotations

import sys

import click

from eventwire.cli.common import (
    cameo_option,
    country_option,
    db_option,
    open_store,
    place_option,
    read_json_lines,
    since_option,
    until_option,
    write_json_lines,
)
from eventwire.cli.table import Column, table, terminal_width
from eventwire.errors import EventwireError
from eventwire.model import Actor, Event, Report, When

CHUNK = 2000  # reports merged together by `code` (an event two reports mention has one id in both)


def _actors(actors: tuple[Actor, ...]) -> str:
    return ", ".join(a.code or a.text for a in actors) or "—"


def format_event(event: Event) -> str:
    """One line: date, type/mode (CAMEO), source → target, modality, place, counts, evidence."""
    d = event.date
    when = (d.start or "?") + (f"/{d.end}" if d.end and d.end != d.start else "")
    kind = event.type + (f"/{event.mode}" if event.mode else "")
    cameo = f" ({event.cameo}, {event.goldstein:+.1f})" if event.cameo and event.goldstein is not None else ""
    place = f" @ {event.location.name}" if event.location else ""
    ev = event.evidence
    quote = ""
    if ev:
        text = " ".join(ev.text.split())
        quote = f'  "{text[:117] + "…" if len(text) > 120 else text}"'
    return (
        f"{event.id[:12]}  {when:<21}  {kind}{cameo}  {_actors(event.source)} → {_actors(event.target)}"
        f"  [{event.modality}]{place}  reports={event.n_reports} outlets={event.n_outlets}{quote}"
    )


def format_event_detail(event: Event) -> str:
    """An event in full: the summary line, its actors, date, place, and every mention with its evidence."""
    lines = [format_event(event), ""]
    for role, actors in (("source", event.source), ("target", event.target)):
        for a in actors:
            extra = f"  members {','.join(a.members)}" if a.members else ""
            lines.append(f"  {role:<7} {a.text!r}  country={a.country or '-'} sector={a.sector or '-'}"
                         f" kind={a.kind or '-'}{extra}")
    if event.location:
        loc = event.location
        lines.append(f"  place   {loc.name} ({loc.country or '?'}) geonameid={loc.geonameid} {loc.lat},{loc.lon}")
    lines.append(f"  cameo   {event.cameo or '-'}  goldstein={event.goldstein}  confidence={event.confidence:.2f}")
    lines.append(f"  mentions ({len(event.mentions)}):")
    for m in event.mentions:
        lines.append(f"    {m.report_id[:12]}  {m.outlet or '-'}  sentence {m.sentence}, chars {m.start}-{m.end}")
        lines.append(f"      \"{' '.join(m.text.split())}\"")
    return "\n".join(lines)


def _flush(chunk: list[Report], nlp) -> None:
    from eventwire.events import code_merged

    for report, events in code_merged(chunk, nlp):
        write_json_lines([{"id": report.id, "events": [e.to_dict() for e in events]}])


@click.command("code")
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
def code_command(source) -> None:
    """Code events in report lines ({"id", "text", "published"?, "title"?}) from FILE.jsonl or - (stdin).

    Writes one line {"id", "events": [...]} per report; evidence offsets point into that report's text.

    Example: eventwire code reports.jsonl > events.jsonl
    """
    from eventwire.events.nlp import load

    try:
        nlp = load()
    except EventwireError as e:
        raise click.ClickException(str(e)) from e
    chunk: list[Report] = []
    errors = 0
    for n, record, error in read_json_lines(source):
        if error or not isinstance(record.get("text"), str):
            errors += 1
            click.echo(error or f"line {n}: no text", err=True)
            continue
        chunk.append(Report(
            id=str(record.get("id", n)), text=record["text"], title=record.get("title"),
            published=record.get("published") or None, outlet=record.get("outlet"),
        ))
        if len(chunk) >= CHUNK:
            _flush(chunk, nlp)
            chunk = []
    if chunk:
        _flush(chunk, nlp)
    if errors:
        sys.exit(1)


actor_option = click.option(
    "--actor", help="Country (RUS) or code (RUSGOV) of an actor, or words of an actor or of any mention (Lavrov).",
)
type_option = click.option("--type", "type_", help="PLOVER type, e.g. CONSULT.")

EVENT_COLUMNS = [
    Column("ID", 12), Column("DATE", 16), Column("TYPE", 17), Column("CAMEO", 5, drop=6),
    Column("SOURCE → TARGET", 26), Column("MODALITY", 12, drop=2), Column("PLACE", 14, drop=5),
    Column("REPORTS", 7, drop=7, right=True), Column("EVIDENCE", 0, drop=3),
]


def _dates(d: When) -> str:
    """A date or range, the end without what it shares with the start: 2025-04-03/04, 2025-04-30/05-02."""
    if not d.start:
        return "—"
    if not d.end or d.end == d.start:
        return d.start
    same = 8 if d.end[:8] == d.start[:8] else 5 if d.end[:5] == d.start[:5] else 0
    return f"{d.start}/{d.end[same:]}" if len(d.end) == len(d.start) == 10 else f"{d.start}/{d.end}"


def event_row(e: Event) -> dict[str, str]:
    """An event's cells in the `events` listing."""
    return {
        "ID": e.id[:12], "DATE": _dates(e.date), "TYPE": e.type + (f"/{e.mode}" if e.mode else ""),
        "CAMEO": e.cameo or "—", "SOURCE → TARGET": f"{_actors(e.source)} → {_actors(e.target)}",
        "MODALITY": e.modality, "PLACE": e.location.name if e.location else "—", "REPORTS": str(e.n_reports),
        "EVIDENCE": e.evidence.text if e.evidence else "",
    }


@click.command("events")
@db_option
@actor_option
@type_option
@country_option
@cameo_option
@since_option
@until_option
@place_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="How many events to list at most (the oldest first).")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON line per event (with every mention) instead of a table.")
def events_command(db, actor, type_, country, cameo, since, until, place, limit, as_json) -> None:
    """List stored events, oldest first: id (a prefix `show` takes), date, type/mode, CAMEO code, source and
    target actors, modality, place, number of reports and the first evidence.

    On a terminal the lines fit its width (the columns on the right go first when it is narrow).

    Example: eventwire events --country RUS --type CONSULT --since 2025-04-01
    """
    from eventwire.store.events import EventFilter

    f = EventFilter(actor=actor, type=type_, country=country, cameo_root=cameo, since=since, until=until, place=place)
    with open_store(db) as store:
        found = store.list_events(f, limit=limit)
    if as_json:
        write_json_lines(e.to_dict() for e in found)
    else:
        for line in table(EVENT_COLUMNS, (event_row(e) for e in found), terminal_width()):
            click.echo(line)


COMMANDS: list = [code_command, events_command]
