"""The whole pipeline over the bundled examples/ corpus, checked against examples/README.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import pipeline
from eventwire.ingest import read
from eventwire.store import Store
from eventwire.store.events import EventFilter

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Store(path) as store:
        first = pipeline.ingest(read([EXAMPLES]), store)
        again = pipeline.ingest(read([EXAMPLES]), store)
        yield store, first, again


def _by_file(store: Store) -> dict[str, list[str]]:
    """file name (relative to examples/) → report ids read from it, in arrival order."""
    out: dict[str, list[str]] = {}
    for r in store.reports():
        rel = (r.path or "").split("examples/")[-1].split(":")[0]
        out.setdefault(rel, []).append(r.id)
    return out


def _story(store: Store, report_id: str) -> str:
    row = store.conn.execute("SELECT story_id FROM placements WHERE report_id = ?", (report_id,)).fetchone()
    assert row, f"report {report_id} has no story"
    return row[0]


def _placement(store: Store, report_id: str):
    return store.conn.execute("SELECT * FROM placements WHERE report_id = ?", (report_id,)).fetchone()


def test_counts_and_idempotence(demo):
    store, first, again = demo
    assert (first.read, first.stored, first.rejected) == (18, 18, 5)
    assert (again.stored, again.known, again.rejected) == (0, 18, 5)
    assert store.count_reports() == 18
    assert len(store.rejected()) == 5
    reasons = " ".join(r.reason for r in store.rejected())
    assert "empty" in reasons


def test_wire_story_grouped_with_provenance(demo):
    store, *_ = demo
    files = _by_file(store)
    wire = files["text/accra_talks_wire.txt"][0]
    html_copy = files["html/accra_talks_republished.html"][0]
    scraped = files["text/accra_talks_republished_scraped.txt"][0]
    rewrite = files["text/accra_talks_rewrite.txt"][0]
    story = _story(store, wire)
    assert {_story(store, r) for r in (html_copy, scraped, rewrite)} == {story}
    assert _placement(store, wire)["relation"] == "origin"
    for copy in (html_copy, scraped):
        assert _placement(store, copy)["relation"] == "republication"
        assert _placement(store, copy)["origin"] == wire
    assert _placement(store, rewrite)["relation"] == "rewrite"
    assert _placement(store, rewrite)["share"] > 0
    # the near miss, same kind of event in the same week, stays apart
    assert _story(store, files["text/hanoi_talks_afp.txt"][0]) != story


def test_two_earthquakes_kept_apart(demo):
    store, *_ = demo
    files = _by_file(store)
    peru = {_story(store, files["text/peru_quake_afp.txt"][0]), _story(store, files["jsonl/reports.jsonl"][0])}
    nepal = {_story(store, files["feeds/world_desk.xml"][0]), _story(store, files["gz/more_reports.jsonl.gz"][0])}
    assert len(peru) == 1 and len(nepal) == 1
    assert peru != nepal


def test_wire_event_stored_once_with_its_mentions(demo):
    store, *_ = demo
    files = _by_file(store)
    wire = files["text/accra_talks_wire.txt"][0]
    visits = [
        e for e in store.list_events(EventFilter(type="CONSULT", report=wire), limit=100)
        if e.location and e.location.name == "Accra"
    ]
    assert len(visits) == 1
    e = visits[0]
    countries = {a.country for a in (*e.source, *e.target)}
    assert {"GHA", "TGO"} <= countries
    assert e.modality == "planned"
    assert (e.date.start, e.date.end) == ("2026-03-17", "2026-03-18")
    assert e.n_reports >= 3  # the wire and its copies / rewrite
    for m in e.mentions:
        assert store.get_report(m.report_id).text[m.start:m.end] == m.text
