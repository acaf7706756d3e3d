"""eventwire: news reports in, a clean, deduplicated, traceable record of world events out.

    report bytes ──read──▶ Report ──group──▶ Story + provenance ──code──▶ Events ──▶ Store ──▶ CLI / API / web
"""

from eventwire.model import Actor, Event, Mention, Place, Placement, Report, Story, When

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Event",
    "Mention",
    "Place",
    "Placement",
    "Report",
    "Story",
    "When",
    "__version__",
]
