"""CLI commands of stage 2: `cluster` (JSON lines in, placements out, no database) and `stories`."""

from __future__ import annotations

import sys

import click

from eventwire.cli.common import db_option, open_store, read_json_lines, write_json_lines
from eventwire.cli.table import Column, table, terminal_width
from eventwire.model import Placement, Report, Story
from eventwire.store import Store

_FIELDS = ("id", "text", "path", "url", "outlet", "title", "published", "credit", "attribution", "language")


def placement_json(p: Placement) -> dict:
    return {
        "id": p.report_id,
        "story": p.story_id,
        "relation": p.relation,
        "origin": p.origin,
        "share": p.share,
        "reused": [
            {"from": r.source, "share": r.share,
             "spans": [{"start": x.start, "end": x.end, "from_start": x.from_start, "from_end": x.from_end,
                        "kind": x.kind} for x in r.passages]}
            for r in p.reused
        ],
    }


@click.command()
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
def cluster(source) -> None:
    """Group report lines (JSON, as `eventwire read` writes them) into stories, in memory.

    Each line needs at least `id` and `text`; `title`, `published`, `outlet`, `credit` and `attribution`
    help. Writes one line per report: {"id", "story", "relation", "origin", "share", "reused"}, where
    "share" is the part of the report reused from others and "reused" lists, for each report it took from,
    {"from", "share", "spans": [{"start", "end", "from_start", "from_end", "kind"}]}: characters [start, end)
    of this report repeat characters [from_start, from_end) of the other, word for word ("verbatim") or
    restated in other words ("paraphrase": a sentence of a rewrite that restates one of its source).

    Example: eventwire read news/ | eventwire cluster -
    """
    from eventwire.stories import cluster as group

    reports = []
    for _, record, error in read_json_lines(source):
        if error or not isinstance(record.get("id"), str) or not isinstance(record.get("text"), str):
            click.echo(error or "skipped a line without string `id` and `text`", err=True)
            continue
        reports.append(Report(**{k: record.get(k) for k in _FIELDS}))
    placements, _ = group(reports)
    write_json_lines(placement_json(p) for p in placements)


@click.command()
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="How many stories, most recent first.")
def stories(db: str, limit: int) -> None:
    """List stories, most recent first: id, reports, first and last publication time, origin, outlets, title.

    On a terminal the lines fit its width (the origin, last time and outlets go first when it is narrow).

    Example: eventwire stories --db news.db
    """
    with open_store(db, readonly=True) as store:
        found = store.list_stories(limit=limit)
    for line in table(STORY_COLUMNS, (story_row(s) for s in found), terminal_width()):
        click.echo(line)


STORY_COLUMNS = [
    Column("ID", 13), Column("REPORTS", 7, right=True), Column("FIRST", 16), Column("LAST", 16, drop=2),
    Column("ORIGIN", 12, drop=3), Column("OUTLETS", 24, drop=1), Column("TITLE", 0),
]


def story_row(s: Story) -> dict[str, str]:
    """A story's cells in the `stories` listing."""
    return {
        "ID": s.id, "REPORTS": str(len(s.report_ids)), "FIRST": (s.first or "—")[:16].replace("T", " "),
        "LAST": (s.last or "—")[:16].replace("T", " "), "ORIGIN": s.origin[:12],
        "OUTLETS": ", ".join(s.outlets) or "—", "TITLE": s.title or "",
    }


def format_story(store: Store, story_id: str) -> str:
    """The provenance tree of a story: its origin, then every other report with its relation and reuse."""
    story, placements = store.get_story(story_id)
    outlets = f", {len(story.outlets)} outlets" if story.outlets else ""
    lines = [f"story {story.id}  {story.title or ''}".rstrip(),
             f"  {len(story.report_ids)} reports{outlets}, {story.first or '?'} … {story.last or '?'}"]

    def label(report_id: str) -> str:
        r = store.get_report(report_id)
        bits = [r.id[:12], r.outlet or "", r.published or "", r.credit and f"({r.credit})" or ""]
        title = f'"{r.title}"' if r.title else ""
        return "  ".join(b for b in [*bits, title] if b)

    lines.append(f"origin  {label(story.origin)}")
    others = [p for p in placements if p.report_id != story.origin]
    for i, p in enumerate(others):
        branch = "└──" if i == len(others) - 1 else "├──"
        lines.append(f"{branch} {p.relation:<13} {label(p.report_id)}")
        pad = "    " if i == len(others) - 1 else "│   "
        for r in p.reused:
            restated = sum(x.kind == "paraphrase" for x in r.passages)
            also = f", {restated} restated in other words" if restated else ""
            lines.append(f"{pad}  reused {r.share:.0%} from {r.source[:12]} ({len(r.passages)} passages{also})")
    return "\n".join(lines)


COMMANDS: list = [cluster, stories]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(cluster())
