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


def _group(new: list[Report], store: Store) -> int:
    """Place new reports in stories; returns how many stories were opened. Filled in by stage 2."""
    return 0


def _code(new: list[Report], store: Store) -> int:
    """Code events of new reports and merge them into the store; returns new events. Filled in by stage 3."""
    return 0
