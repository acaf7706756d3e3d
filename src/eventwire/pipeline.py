"""read → store → group → code → store, for a batch or a stream.

Each stage is a pure step over the model; this module is the visible loop that composes them and the
only place (with the CLI/API edges) that hands their results to the store.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eventwire.model import Event, Rejected, Report
from eventwire.run import Lost, Runner, local
from eventwire.store import Store

if TYPE_CHECKING:
    from eventwire.ingest.sources import Item
    from eventwire.stories import StoryIndex

BATCH = 200
READ_CHUNK = 8  # documents a worker reads in one go
CODE_CHUNK = 8  # reports a worker codes in one go (their sentences share the parser's batches)
WORKER_IMPORTS = ("spacy", "onnxruntime", "eventwire.events.coder", "eventwire.ingest.html")  # worth preloading


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
    items: Iterable[Item | Report | Rejected],
    store: Store,
    *,
    group: bool = True,
    code: bool = True,
    on_item: Callable[[Report | Rejected], None] | None = None,
    batch: int = BATCH,
    runner: Runner | None = None,
    stop: Callable[[], bool] | None = None,
) -> Summary:
    """Store what ``items`` yields, batch by batch (one transaction each), then group and code new reports.

    ``items`` may be documents still to read (``sources.items(paths)``): ``runner`` reads them and codes
    the reports (by default in this process; ``eventwire.run`` has worker processes and Dask). Only this
    process writes, in input order: a batch is stored and grouped, then the batch before it gets its
    events, so that workers code one batch while this process groups the next; the result is the same
    whatever the runner. ``stop``: asked when ``items`` ends; if it says so (the process is shutting down),
    what is read is only stored, and the next run's ``resume`` groups and codes it (seconds, not a batch's
    coding).
    """
    runner = runner or local()
    summary = Summary()
    pending: list[Report] = []
    rejected: list[Rejected] = []
    coding: tuple[list[Report], Iterator[Any]] | None = None  # the batch before, written after this one is grouped
    size = max(1, batch // 4)  # the first batch is small: the workers wait for it to be grouped
    resume(store, summary, group=group, code=code, batch=batch, runner=runner)

    def flush() -> None:
        nonlocal coding, size
        size = batch
        if rejected:
            store.add_rejected(rejected)
            summary.rejections.extend(rejected)
            rejected.clear()
        new: list[Report] = []
        if pending:
            new, known = store.add_reports(pending)
            summary.stored += len(new)
            summary.known += len(known)
            if group and new:
                summary.stories += _group(new, store)
            pending.clear()
        started = _start_coding(new, store, runner) if code and new else None
        if coding:
            summary.events += _write(*coding, store)
        coding = started

    for item in runner.map(_read_some, items, chunk=READ_CHUNK, ahead=batch // READ_CHUNK):
        if isinstance(item, Lost):
            item = Rejected(getattr(item.item, "path", "?"), f"unreadable ({item.reason})")
        if on_item:
            on_item(item)
        if isinstance(item, Rejected):
            summary.rejected += 1
            rejected.append(item)
        else:
            summary.read += 1
            pending.append(item)
        if len(pending) >= size:
            flush()
    if stop is not None and stop():
        group = code = False
        coding = None
    flush()
    flush()  # the last batch's events
    return summary


def resume(store: Store, summary: Summary | None = None, *, group: bool = True, code: bool = True,
           batch: int = BATCH, runner: Runner | None = None) -> Summary:
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
            summary.events += _code(todo, store, runner)
            tried.update(r.id for r in todo)
    return summary


def _group(new: list[Report], store: Store) -> int:
    """Place new reports in stories; returns how many stories were opened.

    The story index is the stories stage's state, kept here per open store and persisted by it: loaded once
    (again when another writer moved it on), updated report by report, and saved with the placements of
    every story the batch touched. Stories that left its memory are recalled from the store for late reports.
    """
    from eventwire.stories import StoryIndex, embed_reports, provenance, summarise
    from eventwire.stories.assign import Config

    index = _indexes.get(store)
    if index is None or index.tick != store.story_index_tick():
        config = Config()
        index = StoryIndex(config, persist=True, archive=_StoreArchive(store, config.recent))
        index.restore(**store.load_story_index(index.config.keep_days))
        for s in _renew(list(index.stories.values()), store, config.recent):
            index.changed(s.id)  # saved with the batch: the next load finds them current
        _indexes[store] = index
    opened, touched = 0, set()
    try:
        vectors = embed_reports(new) if index.config.meaning else [None] * len(new)
        for r, v in zip(new, vectors, strict=True):
            decision = index.place(r, meaning=v)
            opened += decision.opened
            touched.add(decision.story_id)
        changes = index.drain()
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
        _indexes.pop(store, None)  # reload from what the store kept
        raise
    return opened


class _StoreArchive:
    """The store as the story index's archive: what left memory is already saved there."""

    def __init__(self, store: Store, recent: int):
        self.store = store
        self.recent = recent  # the index's Config.recent: embeddings kept per story when renewed

    def keep(self, stories: list) -> None:
        pass

    def recall(self, first_day: int, last_day: int) -> list:
        from eventwire.stories.assign import StoryState

        states = [StoryState.from_json(*row) for row in self.store.story_states(first_day, last_day)]
        _renew(states, self.store, self.recent)
        return states


def _renew(states: list, store: Store, recent: int) -> list:
    """Stories whose embeddings another encoder made (eventwire was upgraded since) get them made again from
    their reports (keeping the latest ``recent``): vectors of two encoders are not comparable. Returns those
    renewed."""
    from eventwire.stories import embed_reports
    from eventwire.stories.embed import encoder_id

    stale = [s for s in states if s.meaning is not None and s.encoder != encoder_id()]
    for s in stale:
        reports = store.story_reports([s.id])
        if reports:
            s.renew(embed_reports(reports), encoder_id(), recent)
    return stale


_indexes: weakref.WeakKeyDictionary[Store, StoryIndex] = weakref.WeakKeyDictionary()  # open store → its index


def _code(new: list[Report], store: Store, runner: Runner | None = None) -> int:
    """Code events of new reports and merge them into the store; returns new events."""
    return _write(*_start_coding(new, store, runner or local()), store)


def _start_coding(new: list[Report], store: Store, runner: Runner) -> tuple[list[Report], Iterator[Any]]:
    """Send the reports not coded yet to the runner, each with its fallback date (undated reports take
    their story's first date); returns them and their coding results, to come in this order."""
    todo = [r for r in new if not store.is_coded(r.id)]
    tasks = []
    for r in todo:
        _, first = store.story_context(r.id)
        tasks.append((r, None if r.published else first))
    return todo, runner.map(_code_some, tasks, chunk=CODE_CHUNK, ahead=len(tasks))


def _write(todo: list[Report], coded: Iterator[Any], store: Store) -> int:
    """Merge each report's events into the store, in order; returns new events.

    Each report's events are merged within it, then against stored events of the same type that share its
    story or its date window (a stored event gains the new mentions under its id). A report whose coding
    failed is recorded in ``rejected`` and stays uncoded (the next run tries it again).
    """
    from datetime import date, timedelta

    from eventwire.events.merge import attach

    total = 0
    for report, out in zip(todo, coded, strict=True):
        if isinstance(out, Lost):
            out = out.reason
        if isinstance(out, str):
            reason = f"coding failed for report {report.id}: {out}"[:500]
            store.add_rejected([Rejected(report.path or report.id, reason)])
            continue
        events, fallback = out
        story_id, _ = store.story_context(report.id)
        day = (report.published or fallback or "")[:10]
        since = until = None
        if day:
            d = date.fromisoformat(day)
            since, until = (d - timedelta(days=14)).isoformat(), (d + timedelta(days=14)).isoformat()
        with store.transaction():  # its events and the mark that it is coded: both or neither
            stored = store.events_for_merge({e.type for e in events}, since, until, story_id=story_id)
            merged = attach(stored, events)
            total += store.save_events(merged, story_id=story_id)
            store.mark_coded(report.id, len(merged))
    return total


# --- what the workers run: module-level functions over chunks (they travel by name) ----------------


def load_models() -> None:
    """Load what coding needs now, once per worker process: the spaCy pipeline, the sentence model and the
    tables the coder loads on first use (a report of our own is coded for that)."""
    from eventwire.events import code
    from eventwire.events.nlp import load

    warm = Report(id="warm-up", text="Kenyan police arrested 40 protesters in Nairobi on Tuesday, a spokesman said.",
                  published="2024-03-05")
    list(code([warm], load()))


def _read_some(items: list[Item | Report | Rejected]) -> list[Report | Rejected]:
    """Read documents; reports and rejections pass through."""
    from eventwire.ingest import read_safely
    from eventwire.ingest.sources import Item

    return [read_safely(x) if isinstance(x, Item) else x for x in items]


def _code_some(tasks: list[tuple[Report, str | None]]) -> list[tuple[list[Event], str | None] | str]:
    """Code reports, each with its fallback date: (events, that date) per report, or why its coding failed."""
    from eventwire.events import code
    from eventwire.events.nlp import load

    reports = [r for r, _ in tasks]
    fallback = {r.id: day for r, day in tasks if day}
    nlp = load()
    try:
        got = {r.id: events for r, events in code(reports, nlp, fallback_dates=fallback)}
        return [(got.get(r.id, []), fallback.get(r.id)) for r in reports]
    except Exception:  # one report broke the chunk: code them one by one, so that only it is left out
        out: list[tuple[list[Event], str | None] | str] = []
        for r in reports:
            try:
                out.append(([e for _, events in code([r], nlp, fallback_dates=fallback) for e in events],
                            fallback.get(r.id)))
            except Exception as e:
                out.append(f"{type(e).__name__}: {e}")
        return out
