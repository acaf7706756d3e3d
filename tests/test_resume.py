"""Issue 8: a run killed between storing reports and grouping / coding them is finished by the next run."""

from __future__ import annotations

import pytest

from eventwire import pipeline
from eventwire.model import Report

pytestmark = pytest.mark.slow

REPORTS = [
    Report(id="r1", text="Kenyan police arrested 40 opposition supporters in Nairobi on Tuesday, a police spokesman said.",
           published="2026-06-24"),
    Report(id="r2", text="Japan's foreign ministry announced on Tuesday $15 million in emergency aid for Sudan, the "
                         "ministry said in a statement.", published="2026-02-10"),
]


def test_reports_left_unplaced_and_uncoded_are_finished_by_the_next_run(store):
    first = pipeline.ingest(REPORTS, store, group=False, code=False)  # as if killed after the reports were stored
    assert first.stored == 2 and store.count_stories() == 0 and store.count_events() == 0
    assert {r.id for r in store.unfinished()} == {"r1", "r2"}
    again = pipeline.ingest([], store)  # nothing new: the run finishes the old work
    assert again.stored == 0
    assert store.unfinished() == []
    assert store.count_stories() == 2 and store.count_events() >= 1
    assert all(store.is_coded(r.id) for r in REPORTS)


def test_a_run_told_to_stop_only_stores_and_the_next_run_finishes(store):
    """Shutting down (``stop`` says so when the items end): the reports read are stored at once, not grouped
    or coded, so the process exits within its grace; the next run groups and codes them."""
    first = pipeline.ingest(REPORTS, store, stop=lambda: True)
    assert first.stored == 2 and store.count_stories() == 0 and store.count_events() == 0
    pipeline.ingest([], store)
    assert store.unfinished() == [] and store.count_stories() == 2 and store.count_events() >= 1


def test_a_report_whose_coding_fails_is_recorded_and_tried_again(store, monkeypatch):
    import eventwire.events as events

    real = events.code

    def broken(reports, nlp, **kw):
        if any(r.id == "r2" for r in reports):
            raise RuntimeError("boom")
        return real(reports, nlp, **kw)

    monkeypatch.setattr(events, "code", broken)
    pipeline.ingest(REPORTS, store)
    assert store.is_coded("r1") and not store.is_coded("r2")
    assert any("coding failed for report r2" in x.reason for x in store.rejected())
    monkeypatch.setattr(events, "code", real)
    pipeline.ingest([], store)
    assert store.is_coded("r2")
