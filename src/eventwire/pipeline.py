"""read → store → group → code → store, for a batch or a stream.

Each stage is a pure step over the model; this module is the visible loop that composes them and the
only place (with the CLI/API edges) that hands their results to the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from eventwire.model import Rejected, Report
from eventwire.store import Store

BATCH = 200


@dataclass
class Summary:
    read: int = 0
    stored: int = 0
    known: int = 0
    rejected: int = 0
    stories: int = 0
    events: int = 0
    rejections: list[Rejected] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"read {self.read}, stored {self.stored}, already known {self.known}, rejected {self.rejected}"
            f"; stories {self.stories}, events {self.events}"
        )


def ingest(
    items: Iterable[Report | Rejected],
    store: Store,
    *,
    group: bool = True,
    code: bool = True,
    on_item: Callable[[Report | Rejected], None] | None = None,
    batch: int = BATCH,
) -> Summary:
    """Store what ``items`` yields, batch by batch (one transaction each), then group and code new reports."""
    summary = Summary()
    pending: list[Report] = []
    rejected: list[Rejected] = []
    resume(store, summary, group=group, code=code, batch=batch)

    def flush() -> None:
        if rejected:
            store.add_rejected(rejected)
            summary.rejections.extend(rejected)
            rejected.clear()
        if not pending:
            return
        new, known = store.add_reports(pending)
        summary.stored += len(new)
        summary.known += len(known)
        if group and new:
            summary.stories += _group(new, store)
        if code and new:
            summary.events += _code(new, store)
        pending.clear()

    for item in items:
        if on_item:
            on_item(item)
        if isinstance(item, Rejected):
            summary.rejected += 1
            rejected.append(item)
        else:
            summary.read += 1
            pending.append(item)
        if len(pending) >= batch:
            flush()
    flush()
    return summary


def resume(store: Store, summary: Summary | None = None, *, group: bool = True, code: bool = True,
           batch: int = BATCH) -> Summary:
    """Finish what an earlier run left: reports stored but never placed in a story or never coded (a run
    killed between its transactions). Reports whose coding failed stay uncoded and are tried again."""
    summary = summary if summary is not None else Summary()
    if group:
        done: set[str] = set()
        while todo := [r for r in store.unfinished(placed=True, coded=False, limit=batch) if r.id not in done]:
            summary.stories += _group(todo, store)
            done.update(r.id for r in todo)
    if code:
        tried: set[str] = set()
        while todo := [r for r in store.unfinished(placed=False, coded=True, limit=batch + len(tried))
                       if r.id not in tried][:batch]:
            summary.events += _code(todo, store)
            tried.update(r.id for r in todo)
    return summary


def _group(new: list[Report], store: Store) -> int:
    """Place new reports in stories; returns how many stories were opened.

    The story index lives in the store; it is loaded once per store (again when another writer moved it on),
    updated report by report, and saved with the placements of every story the batch touched.
    """
    from eventwire.stories import StoryIndex, provenance, summarise

    index = getattr(store, "_story_index", None)
    if index is None or index.tick != store.story_index_tick():
        index = StoryIndex(persist=True)
        index.restore(**store.load_story_index(index.config.window_days))
        store._story_index = index  # type: ignore[attr-defined]
    opened, touched = 0, set()
    for r in new:
        decision = index.place(r)
        opened += decision.opened
        touched.add(decision.story_id)
    changes = index.drain()
    try:
        with store.transaction():
            store.save_story_index(changes)
            stories, placements = [], []
            for sid in sorted({index.resolve(s) for s in touched}):
                members = store.story_reports([sid])
                ps = provenance(members, sid)
                placements += ps
                stories.append(summarise(sid, members, ps[0].origin))
            store.save_stories(stories, placements, changes["merged"])
    except BaseException:
        store._story_index = None  # type: ignore[attr-defined]  # reload from what the store kept
        raise
    return opened


def _code(new: list[Report], store: Store) -> int:
    """Code events of new reports and merge them into the store; returns new events.

    Each report's events are merged within it, then against stored events of the same type that share its
    story or its date window (a stored event gains the new mentions under its id); undated reports take
    their story's first date. Reports already coded are skipped.
    """
    from datetime import date, timedelta

    from eventwire.events import code
    from eventwire.events.merge import attach
    from eventwire.events.nlp import load

    todo = [r for r in new if not store.is_coded(r.id)]
    if not todo:
        return 0
    stories: dict[str, str | None] = {}
    fallback: dict[str, str] = {}
    for r in todo:
        story_id, first = store.story_context(r.id)
        stories[r.id] = story_id
        if not r.published and first:
            fallback[r.id] = first
    total = 0
    nlp = load()
    try:
        coded = list(code(todo, nlp, fallback_dates=fallback))
    except Exception:  # one report broke the batch: code them one by one, so that only it is left out
        coded = []
        for r in todo:
            try:
                coded += list(code([r], nlp, fallback_dates=fallback))
            except Exception as e:  # recorded; the report stays uncoded and the next run tries it again
                store.add_rejected([Rejected(r.path or r.id, f"coding failed for report {r.id}: {type(e).__name__}: {e}"[:500])])
    for report, events in coded:
        day = (report.published or fallback.get(report.id) or "")[:10]
        since = until = None
        if day:
            d = date.fromisoformat(day)
            since, until = (d - timedelta(days=14)).isoformat(), (d + timedelta(days=14)).isoformat()
        with store.transaction():  # its events and the mark that it is coded: both or neither
            stored = store.events_for_merge({e.type for e in events}, since, until, story_id=stories[report.id])
            merged = attach(stored, events)
            total += store.save_events(merged, story_id=stories[report.id])
            store.mark_coded(report.id, len(merged))
    return total
