"""Provenance: origin, each relation, reused passages as character spans in both reports."""

from __future__ import annotations

import json

from eventwire.model import Report
from eventwire.stories.provenance import detect_attribution, detect_credit, origin, passages, provenance


def _reports(fixtures) -> dict[str, Report]:
    with open(fixtures / "stories" / "two_quakes.jsonl", encoding="utf-8") as f:
        rows = [Report(**json.loads(line)) for line in f if line.strip()]
    return {r.id: r for r in rows}


def _relations(reports: list[Report]) -> dict[str, str]:
    return {p.report_id: p.relation for p in provenance(reports, "s1")}


def test_each_relation(fixtures):
    r = _reports(fixtures)
    rel = _relations([r["a4"], r["a3"], r["a1"], r["a2"], r["a5"]])  # arrival order does not decide
    assert rel == {"a1": "origin", "a2": "republication", "a3": "rewrite", "a4": "independent", "a5": "follow-up"}


def test_agency_credit_makes_the_origin(fixtures):
    r = _reports(fixtures)
    assert origin([r["b2"], r["b1"]]).id == "b1"
    no_credit = [Report(id="x", text="Plain text.", published="2025-01-02"),
                 Report(id="y", text="Other text.", published="2025-01-01")]
    assert origin(no_credit).id == "y"  # else the earliest


def test_rewrite_by_attribution_alone():
    wire = Report(id="w", text="WELLBY (Reuters) - The river Lune burst its banks on Sunday, flooding forty homes.")
    other = Report(id="o", text="Forty homes in Wellby were flooded when the Lune rose, Reuters reported.")
    p = {x.report_id: x for x in provenance([wire, other], "s")}
    assert p["o"].relation == "rewrite"  # though it takes no run of seven words: it restates the wire's sentence
    assert [x.kind for u in p["o"].reused for x in u.passages] == ["paraphrase"]


def test_reused_spans_point_into_both_texts(fixtures):
    r = _reports(fixtures)
    placements = {p.report_id: p for p in provenance([r["b1"], r["b2"]], "s")}
    reuse = placements["b2"].reused[0]
    assert reuse.source == "b1"
    for x in (x for x in reuse.passages if x.kind == "verbatim"):
        here = r["b2"].text[x.start:x.end]
        there = r["b1"].text[x.from_start:x.from_end]
        assert here.lower() == there.lower()
        assert len(here.split()) >= 7
    assert 0 < placements["b2"].share < 1


def test_passages_ignore_case_quotes_and_spacing():
    a = "He said: \u201cwe will rebuild every single house in the valley before winter\u201d."
    b = 'They quoted him : " We will rebuild every single house in the valley before winter " .'
    (p,) = passages(a, b)
    assert a[p.start:p.end].startswith("we will") and b[p.from_start:p.from_end].endswith("winter")


def test_short_common_runs_are_not_reuse():
    assert passages("the prime minister said on Tuesday that", "the prime minister said on Monday that") == []


def test_detect_agency_credit_and_attribution():
    assert detect_credit("02 April 2025 - 14:49 By Reuters\nThe ministers ...") == "Reuters"
    assert detect_credit("GENEVA (AFP) - Talks resumed.") == "AFP"
    assert detect_credit("Talks resumed in Geneva.") is None
    assert detect_attribution("according to a statement reported\u00a0by\u00a0Reuters.") == "Reuters"


def test_later_report_with_a_little_background_is_a_follow_up_and_takes_only_from_earlier():
    from eventwire.model import Report
    from eventwire.stories.provenance import provenance

    lead = ("The two harbour authorities agreed on Monday to share a single dredging fleet for the estuary, "
            "a move that officials said would cut costs for both ports by a third over five years.")
    background = ("The estuary has silted up faster since the storms of the last decade, and ships of the "
                  "largest class have had to wait for high tide before entering either port.")
    wire = Report(id="w", text=f"{lead}\n\n{background}", published="2026-05-04T09:00", credit="Reuters")
    later = Report(id="f", text=("The first shared dredger began work in the estuary on Friday, four days after "
                                 "the agreement, with crews from both ports on board and a second vessel due next "
                                 "month. Port officials said the channel would be cleared by the end of summer and "
                                 "that traffic had already picked up. Shipping firms welcomed the news but asked "
                                 "for longer opening hours at both terminals. The regional council, which pays part of the "
                                 "running costs, said it would review the plan in the autumn and publish figures on "
                                 "the sediment removed. Fishermen on the northern bank said the noise had driven "
                                 "shoals further out, and asked for work to pause at night during the spawning "
                                 "season, a request the port authorities said they would consider.\n\n" + background),
                   published="2026-05-08T12:00", credit="AFP")
    copy = Report(id="c", text=f"{lead}\n\n{background}\n\nSubscribe", published="2026-05-04T10:00")
    # arrival order: the copy comes last but was published before the follow-up
    placements = {p.report_id: p for p in provenance([wire, later, copy], "s1")}
    assert placements["f"].relation == "follow-up"
    assert placements["f"].reused  # the background it carried along is still listed
    assert placements["c"].relation == "republication"
    assert all(r.source != "f" for r in placements["c"].reused)


WIRE = ("ORLEN (Reuters) - The operators of the Varne dam released water from its reservoir for six hours on Sunday "
        "after three days of heavy rain raised the level close to the top of the wall. "
        "Farmers downstream moved their cattle to higher ground as the river rose by two metres near the town of Esk. "
        "\"We will keep the gates open for as long as the rain continues,\" the operators said in a statement. "
        "The regional council said no homes had been flooded so far.")
REWRITE = ("Water was let out of the Varne reservoir on Sunday for six hours, after heavy rain over three days "
           "pushed its level almost to the top of the dam wall, Reuters reported. "
           "\"We will keep the gates open for as long as the rain continues,\" the operators said in a statement. "
           "The dam was built in the 1960s to protect the valley from floods and has been opened twice before. "
           "Cattle farmers along the river took their herds up to higher ground near Esk as the water rose two metres.")


def test_a_rewrite_lists_the_sentences_it_restates_in_other_words():
    wire, rewrite = Report(id="w", text=WIRE), Report(id="r", text=REWRITE)
    (p,) = [x for x in provenance([wire, rewrite], "s") if x.report_id == "r"]
    assert p.relation == "rewrite"
    (reuse,) = p.reused
    pairs = [(x.kind, REWRITE[x.start:x.end], WIRE[x.from_start:x.from_end]) for x in reuse.passages]
    assert [(k, a.split()[0], b.split()[0]) for k, a, b in pairs] == [
        ("paraphrase", "Water", "ORLEN"),  # the lead, restated (the wire's sentence starts at its dateline)
        ("verbatim", "We", "We"),  # the quote, word for word
        ("paraphrase", "Cattle", "Farmers"),  # restated; its own background on the dam is no reuse
    ]
    assert p.share > 0.6  # the restated sentences count as reused


def test_independent_reports_restating_the_same_facts_take_nothing():
    own = ("The Varne reservoir was partly emptied on Sunday when its operators opened the gates for six hours, "
           "the rain of three days having filled it almost to the top of the dam wall. "
           "Cattle farmers along the river took their herds up to higher ground near Esk as the water rose two metres.")
    wire = Report(id="w", text=WIRE, published="2025-03-02")
    (p,) = [x for x in provenance([wire, Report(id="o", text=own, published="2025-03-02")], "s") if x.report_id == "o"]
    assert p.relation == "independent" and p.reused == ()  # same facts, no words taken, no credit: not reuse
