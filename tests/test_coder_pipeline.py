"""pipeline._code: code new reports, merge with stored events, save, mark coded (real model: slow)."""

import pytest

from eventwire import pipeline
from eventwire.model import Report

A = Report("p1", "The foreign ministers of Mali and Niger will visit Moscow on April 3 and 4, officials said on Tuesday.",
           published="2025-04-02", outlet="wire")
B = Report("p2", "Ministers of Mali and Niger will visit Moscow on April 3 and 4 for talks.", published="2025-04-02",
           outlet="daily")


@pytest.mark.slow
def test_code_merges_across_batches_and_codes_once(store):
    pytest.importorskip("eventwire.events.actors")
    store.add_reports([A])
    first = pipeline._code([A], store)
    assert first >= 1 and store.is_coded("p1")
    store.add_reports([B])
    second = pipeline._code([B], store)
    visits = [e for e in store.list_events() if e.type == "CONSULT"]
    assert len(visits) == 1, visits
    assert visits[0].n_reports == 2 and second == 0
    assert pipeline._code([A, B], store) == 0  # already coded
