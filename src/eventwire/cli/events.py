"""CLI commands of stage 3: ``code`` (report lines in, event lines out) and ``events`` (list stored events)."""

from __future__ import annotations

import sys

import click

from eventwire.cli.common import (
    country_option,
    db_option,
    open_store,
    read_json_lines,
    since_option,
    until_option,
    write_json_lines,
)
from eventwire.errors import EventwireError
from eventwire.model import Actor, Event, Report

CHUNK = 2000  # reports merged together by `code` (an event two reports mention has one id in both)


def _actors(actors: tuple[Actor, ...]) -> str:
    return ", ".join(a.code or a.text for a in actors) or "-"


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


@click.command("events")
@db_option
@click.option("--actor", help="Country (RUS), code (RUSGOV) or words of an actor (Lavrov).")
@click.option("--type", "type_", help="PLOVER type, e.g. CONSULT.")
@country_option
@since_option
@until_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Show at most this many.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of text.")
def events_command(db, actor, type_, country, since, until, limit, as_json) -> None:
    """List stored events, oldest first.

    Example: eventwire events --country RUS --type CONSULT --since 2025-04-01
    """
    from eventwire.store.events import EventFilter

    f = EventFilter(actor=actor, type=type_, country=country, since=since, until=until)
    with open_store(db) as store:
        found = store.list_events(f, limit=limit)
    if as_json:
        write_json_lines(e.to_dict() for e in found)
    else:
        for e in found:
            click.echo(format_event(e))


COMMANDS: list = [code_command, events_command]
