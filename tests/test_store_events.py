from eventwire.model import Actor, Event, Mention, Place, Report, When
from eventwire.store.events import EventFilter


def _event(eid="e1", report="r1", start=0):
    return Event(
        id=eid,
        type="CONSULT",
        mode="visit",
        cameo="043",
        goldstein=2.8,
        modality="planned",
        source=(Actor("Mali", "MLI", "GOV"), Actor("Niger", "NER", "GOV")),
        target=(Actor("Russia", "RUS", "GOV"),),
        date=When("2025-04-03", "2025-04-04"),
        location=Place("Moscow", "RU", 524901, 55.75, 37.62),
        mentions=(Mention(report, start, start + 5, "visit", 0, "outlet-" + report),),
    )


def test_save_get_and_merge_mentions(store):
    store.add_reports([Report(id="r1", text="x"), Report(id="r2", text="y")])
    assert store.save_events([_event()]) == 1
    assert store.save_events([_event(report="r2")]) == 0  # same event, one more mention
    e = store.get_event("e1")
    assert e.n_reports == 2 and e.n_outlets == 2
    assert [a.country for a in e.source] == ["MLI", "NER"]
    assert e.location.geonameid == 524901
    row = store.conn.execute("SELECT n_mentions, n_reports, n_outlets FROM events").fetchone()
    assert tuple(row) == (2, 2, 2)


def test_filters(store):
    store.add_reports([Report(id="r1", text="x")])
    store.save_events([_event()])
    assert store.count_events(EventFilter(country="NER")) == 1
    assert store.count_events(EventFilter(actor="RUSGOV", role="target")) == 1
    assert store.count_events(EventFilter(actor="RUSGOV", role="source")) == 0
    assert store.count_events(EventFilter(cameo_root="04", since="2025-04-04", until="2025-04-30")) == 1
    assert store.count_events(EventFilter(type="ASSAULT")) == 0
    assert store.count_events(EventFilter(place="524901", modality="planned", q="visit")) == 1


def test_a_later_mention_adds_co_actors_and_never_drops_one(store):
    """Issue 12: a stored event kept only its first mention's actors."""
    from dataclasses import replace

    from eventwire.events.merge import attach

    store.add_reports([Report(id="r1", text="x"), Report(id="r2", text="y")])
    first = replace(_event(), source=(Actor("Mali", "MLI", "GOV"),), date=When("2025-03-31", "2025-04-06"))
    store.save_events([first])
    later = replace(_event(report="r2"), id="other", source=(Actor("Mali", "MLI", "GOV"), Actor("Niger", "NER", "GOV"),
                                                               Actor("Burkina Faso", "BFA", "GOV")))
    merged = attach([store.get_event("e1")], [later])
    assert [e.id for e in merged] == ["e1"]
    store.save_events(merged)
    e = store.get_event("e1")
    assert sorted(a.country for a in e.source) == ["BFA", "MLI", "NER"]
    assert (e.date.start, e.date.end) == ("2025-04-03", "2025-04-04")  # the narrower date wins
    assert e.n_reports == 2
