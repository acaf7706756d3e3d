from dataclasses import replace

from eventwire.events.merge import attach, dates_compatible, event_id, for_report, merge_events, narrower
from eventwire.model import Actor, Event, Mention, Place, When

UNDATED = When()

MLI, BFA, NER = (Actor("Mali", "MLI", "GOV"), Actor("Burkina Faso", "BFA", "GOV"), Actor("Niger", "NER", "GOV"))
RUS = Actor("Moscow", "RUS", "GOV")
MOSCOW = Place("Moscow", "RU", 524901, 55.75, 37.62)


def ev(report="r1", start=0, type_="CONSULT", source=(MLI, BFA, NER), target=(RUS,), date=UNDATED, place=MOSCOW,
       modality="planned"):
    e = Event(id="", type=type_, source=source, target=target, mode="visit", cameo="042", modality=modality,
              date=date, location=place, mentions=(Mention(report, start, start + 10, "x" * 10),), confidence=0.6)
    return replace(e, id=event_id(e))


def test_two_reports_one_event():
    a = ev("r1", 0, date=When("2025-03-31", "2025-04-06"))
    b = ev("r2", 5, date=When("2025-04-03", "2025-04-04"), source=(MLI, BFA))
    c = ev("r2", 50, date=When())  # undated mention of the same visit
    merged = merge_events([a, b, c])
    assert len(merged) == 1
    e = merged[0]
    assert e.n_reports == 2 and len(e.mentions) == 3
    assert (e.date.start, e.date.end) == ("2025-04-03", "2025-04-04")  # the narrower date wins
    assert {x.country for x in e.source} == {"MLI", "BFA", "NER"}


def test_ids_are_deterministic_and_order_free():
    a = ev("r1", 0, date=When("2025-04-03", "2025-04-04"))
    b = ev("r2", 5, date=When("2025-04-03", "2025-04-04"))
    assert merge_events([a, b])[0].id == merge_events([b, a])[0].id


def test_what_keeps_events_apart():
    base = ev(date=When("2025-04-03"))
    assert len(merge_events([base, ev(type_="AGREE", date=When("2025-04-03"))])) == 2
    assert len(merge_events([base, ev(date=When("2025-05-01"))])) == 2
    assert len(merge_events([base, ev(source=(Actor("France", "FRA"),), date=When("2025-04-03"))])) == 2
    assert len(merge_events([base, ev(place=Place("Paris", "FR", 2988507), date=When("2025-04-03"))])) == 2
    assert len(merge_events([base, ev(modality="denied", date=When("2025-04-03"))])) == 2
    assert len(merge_events([base, ev(target=(Actor("Paris", "FRA", "GOV"),), date=When("2025-04-03"))])) == 2


def test_dates():
    assert dates_compatible(When("2012"), When("2012-05-01"))
    assert not dates_compatible(When("2012"), When("2013-01-01"))
    assert dates_compatible(When(), When("2013"))
    assert narrower(When("2025-04"), When("2025-04-03")) == When("2025-04-03")
    assert dates_compatible(When("2025-02"), When("2025-02-28"))


def test_for_report_puts_its_own_mention_first():
    e = merge_events([ev("r1", 0), ev("r2", 7)])[0]
    assert for_report([e], "r2")[0].evidence.report_id == "r2"
    assert for_report([e], "r3") == []


def test_attach_keeps_the_stored_id():
    stored = replace(ev("r1", 0), id="stored1")
    out = attach([stored], [ev("r2", 3), ev("r2", 90, type_="ASSAULT")])
    ids = [e.id for e in out]
    assert "stored1" in ids and len(out) == 2


def test_undated_mentions_in_other_reports_need_target_and_place():
    dated = ev("r1", 0, date=When("2025-04-03"))
    assert len(merge_events([dated, ev("r2", 0, place=None)])) == 2  # nothing pins it down
    assert len(merge_events([dated, ev("r2", 0)])) == 1  # same target, same place
    assert len(merge_events([dated, ev("r1", 90, place=None)])) == 1  # the same report: one story


def test_short_day_ranges_join_and_vague_periods_yield():
    assert narrower(When("2026-03-17", "2026-03-18"), When("2026-03-17", "2026-03-17")) == When("2026-03-17", "2026-03-18")
    assert narrower(When("2025-03-31", "2025-04-06"), When("2025-04-03", "2025-04-04")) == When("2025-04-03", "2025-04-04")


def test_background_is_not_merged_with_todays_event():
    today = ev("r1", 0, modality="asserted")
    background = ev("r1", 50, modality="historical")
    assert len(merge_events([today, background])) == 2
    assert len(merge_events([today, ev("r1", 80, modality="asserted")])) == 1


def test_two_acts_of_one_kind_stay_apart_and_a_family_code_joins_either():
    from eventwire.events.merge import cameo_compatible

    assert cameo_compatible("170", "173") and cameo_compatible("084", "0841") and cameo_compatible("042", None)
    assert not cameo_compatible("173", "175") and not cameo_compatible("042", "036")
    tear_gas = replace(ev("r1", 0, type_="COERCE", modality="asserted"), cameo="175")
    arrests = replace(ev("r1", 40, type_="COERCE", modality="asserted"), cameo="173")
    assert len(merge_events([tear_gas, arrests])) == 2
    assert len(merge_events([tear_gas, replace(arrests, cameo="170")])) == 1


def test_two_agents_of_one_country_make_two_events_and_one_agent_named_two_ways_one():
    """The opposition leader's appeal and the bishops' (both Kenyan, both to Kenyans) are two requests;
    "Kenya" and "the Kenyan government" can be one agent."""
    day = When("2025-07-08")
    kw = {"type_": "REQUEST", "target": (Actor("Kenyans", "KEN", "CVL"),), "date": day, "place": None,
          "modality": "asserted"}
    leader = ev("r1", 0, source=(Actor("Kalonzo Musyoka", "KEN", "OPP", "person"),), **kw)
    bishops = ev("r1", 90, source=(Actor("the bishops' conference", "KEN", "REL", "group"),), **kw)
    assert len(merge_events([leader, bishops])) == 2
    state = ev("r1", 0, source=(Actor("Kenya", "KEN", None, "state"),), **kw)
    government = ev("r2", 40, source=(Actor("the Kenyan government", "KEN", "GOV"),), **kw)
    assert len(merge_events([state, government])) == 1
