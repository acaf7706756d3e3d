"""Stage 3: Report → Events.

    code(reports, nlp)         → (report, events) per report, each report's events merged within it
    code_merged(reports, nlp)  → (report, events) per report, events merged across all the reports given
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from eventwire.model import Event, Report


def code(reports: Iterable[Report], nlp, *, fallback_dates: dict[str, str] | None = None) -> Iterator[tuple[Report, list[Event]]]:
    """Code each report; events of one report that are one real-world event come out once."""
    from eventwire.events.coder import code_reports
    from eventwire.events.merge import merge_events

    for report, events in code_reports(reports, nlp, fallback_dates=fallback_dates):
        yield report, merge_events(events)


def code_merged(reports: Iterable[Report], nlp, *, fallback_dates: dict[str, str] | None = None) -> list[tuple[Report, list[Event]]]:
    """Code the reports and merge across them: an event two reports mention has one id in both."""
    from eventwire.events.merge import for_report, merge_events

    coded = list(code(reports, nlp, fallback_dates=fallback_dates))
    merged = merge_events(e for _, events in coded for e in events)
    return [(r, for_report(merged, r.id)) for r, _ in coded]


__all__ = ["code", "code_merged"]
