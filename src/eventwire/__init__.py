"""eventwire: news reports in, a clean, deduplicated, traceable record of world events out.

    report bytes ──read──▶ Report ──group──▶ Story + provenance ──code──▶ Events ──▶ Store ──▶ CLI / API / web

    read(paths)          → Report | Rejected, one per input item          (eventwire.ingest)
    group(reports)       → (placements, stories), one streaming pass      (eventwire.stories)
    code(reports, nlp)   → (report, events) per report                    (eventwire.events)
    load_nlp()           → the spaCy pipeline with the gazetteer ruler, loaded once
    Store(path)          → the SQLite store; pipeline.ingest(items, store) runs every stage into it

The stage functions are imported lazily, so ``import eventwire`` loads no model and no parser.
"""

from __future__ import annotations

from typing import Any

from eventwire.errors import EventwireError, NotFound, ReadError
from eventwire.model import Actor, Event, Mention, Place, Placement, Rejected, Report, Story, When

__version__ = "0.1.0"

_LAZY = {
    "read": ("eventwire.ingest", "read"),
    "group": ("eventwire.stories", "cluster"),
    "code": ("eventwire.events", "code"),
    "load_nlp": ("eventwire.events.nlp", "load"),
    "Store": ("eventwire.store", "Store"),
    "ingest": ("eventwire.pipeline", "ingest"),
}

__all__ = [
    "Actor",
    "Event",
    "EventwireError",
    "Mention",
    "NotFound",
    "Place",
    "Placement",
    "ReadError",
    "Rejected",
    "Report",
    "Store",
    "Story",
    "When",
    "__version__",
    "code",
    "group",
    "ingest",
    "load_nlp",
    "read",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        value = getattr(import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
