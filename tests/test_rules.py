"""The lexicon rules over hand-built parses (no model needed); resolvers replaced by small tables."""

import pytest
import spacy
from spacy.tokens import Doc

from eventwire.events import rules
from eventwire.events.memory import Memory
from eventwire.ingest.sentences import sentences
from eventwire.model import Actor, Place, When

VOCAB = spacy.blank("en").vocab
ACTORS = {
    "Russia": Actor("Russia", "RUS", kind="state"),
    "Ukraine": Actor("Ukraine", "UKR", kind="state"),
    "Mali": Actor("Mali", "MLI", kind="state"),
    "Reuters": None,
}
PLACES = {"Moscow": Place("Moscow", "RU", 524901, 55.75, 37.62), "Kharkiv": Place("Kharkiv", "UA", 706483, 50.0, 36.2)}


@pytest.fixture(autouse=True)
def resolvers(monkeypatch):
    def actors(text, day=None, context=None):
        found = tuple(a for k, a in ACTORS.items() if a and k in text)
        if "ministers" in text:
            found = tuple(Actor(text, a.country, "GOV", "state") for a in found) or (Actor(text, None, "GOV"),)
        return found

    monkeypatch.setattr(rules, "resolve_actors", actors)
    monkeypatch.setattr(rules, "resolve_place", lambda name, countries=(): PLACES.get(name))
    monkeypatch.setattr(rules, "resolve_date", lambda expr, published, tense: When("2025-04-01") if expr == "Tuesday" else None)


def doc(tokens):
    """tokens: (word, lemma, pos, tag, dep, head index, ent label or '')."""
    words = [t[0] for t in tokens]
    ents = []
    for t in tokens:
        ents.append(f"B-{t[6]}" if t[6] else "O")
    return Doc(VOCAB, words=words, lemmas=[t[1] for t in tokens], pos=[t[2] for t in tokens],
               tags=[t[3] for t in tokens], deps=[t[4] for t in tokens], heads=[t[5] for t in tokens], ents=ents)


ATTACK = [
    ("Russia", "Russia", "PROPN", "NNP", "nsubj", 1, "GPE"),
    ("attacked", "attack", "VERB", "VBD", "ROOT", 1, ""),
    ("Kharkiv", "Kharkiv", "PROPN", "NNP", "dobj", 1, "GPE"),
    ("in", "in", "ADP", "IN", "prep", 1, ""),
    ("Ukraine", "Ukraine", "PROPN", "NNP", "pobj", 3, "GPE"),
    ("on", "on", "ADP", "IN", "prep", 1, ""),
    ("Tuesday", "Tuesday", "PROPN", "NNP", "pobj", 5, "DATE"),
    (".", ".", "PUNCT", ".", "punct", 1, ""),
]


def test_assault_with_source_target_date_place():
    (c,) = rules.code_sentence(doc(ATTACK), published="2025-04-02", offset=100)
    assert c.type == "ASSAULT" and c.cameo == "190" and c.modality == "asserted"
    assert [a.country for a in c.source] == ["RUS"]
    assert c.date == When("2025-04-01")
    assert c.location.geonameid == 706483
    assert c.start == 100 and c.end == 100 + len(doc(ATTACK).text.rstrip())


def test_negation_is_denied():
    toks = ATTACK[:1] + [("did", "do", "AUX", "VBD", "aux", 3, ""), ("not", "not", "PART", "RB", "neg", 3, "")] + [
        ("attack", "attack", "VERB", "VB", "ROOT", 3, ""), ("Ukraine", "Ukraine", "PROPN", "NNP", "dobj", 3, "GPE")]
    (c,) = rules.code_sentence(doc(toks))
    assert c.modality == "denied" and [a.country for a in c.target] == ["UKR"]


def test_a_visit_to_a_capital_targets_the_host_government_and_is_planned():
    toks = [
        ("The", "the", "DET", "DT", "det", 1, ""), ("ministers", "minister", "NOUN", "NNS", "nsubj", 5, ""),
        ("of", "of", "ADP", "IN", "prep", 1, ""), ("Mali", "Mali", "PROPN", "NNP", "pobj", 2, "GPE"),
        ("will", "will", "AUX", "MD", "aux", 5, ""), ("visit", "visit", "VERB", "VB", "ROOT", 5, ""),
        ("Moscow", "Moscow", "PROPN", "NNP", "dobj", 5, "GPE"), (".", ".", "PUNCT", ".", "punct", 5, ""),
    ]
    (c,) = rules.code_sentence(doc(toks), published="2025-04-02")
    assert (c.type, c.mode, c.cameo, c.modality) == ("CONSULT", "visit", "042", "planned")
    assert [(a.country, a.sector) for a in c.source] == [("MLI", "GOV")]
    assert [(a.country, a.sector) for a in c.target] == [("RUS", "GOV")]
    assert c.location.name == "Moscow"


def test_their_ministers_take_the_previous_actors():
    memory = Memory(actors=(ACTORS["Mali"], ACTORS["Russia"]), plural=(ACTORS["Mali"], ACTORS["Russia"]))
    toks = [
        ("Their", "their", "PRON", "PRP$", "poss", 1, ""), ("ministers", "minister", "NOUN", "NNS", "nsubj", 2, ""),
        ("met", "meet", "VERB", "VBD", "ROOT", 2, ""), ("Ukraine", "Ukraine", "PROPN", "NNP", "dobj", 2, "GPE"),
    ]
    (c,) = rules.code_sentence(doc(toks), memory=memory)
    assert [(a.country, a.sector) for a in c.source] == [("MLI", "GOV"), ("RUS", "GOV")]


def test_conditional_force_is_a_threat():
    toks = [
        ("Russia", "Russia", "PROPN", "NNP", "nsubj", 2, "GPE"), ("will", "will", "AUX", "MD", "aux", 2, ""),
        ("attack", "attack", "VERB", "VB", "ROOT", 2, ""), ("Ukraine", "Ukraine", "PROPN", "NNP", "dobj", 2, "GPE"),
        ("if", "if", "SCONJ", "IN", "mark", 5, ""), ("provoked", "provoke", "VERB", "VBN", "advcl", 2, ""),
    ]
    (c,) = rules.code_sentence(doc(toks))
    assert c.type == "THREATEN" and c.cameo == "138"


def test_light_verb_noun():
    toks = [
        ("Mali", "Mali", "PROPN", "NNP", "nsubj", 1, "GPE"), ("launched", "launch", "VERB", "VBD", "ROOT", 1, ""),
        ("an", "an", "DET", "DT", "det", 3, ""), ("investigation", "investigation", "NOUN", "NN", "dobj", 1, ""),
        ("into", "into", "ADP", "IN", "prep", 3, ""), ("Russia", "Russia", "PROPN", "NNP", "pobj", 4, "GPE"),
    ]
    (c,) = rules.code_sentence(doc(toks))
    assert c.type == "ACCUSE" and c.mode == "investigate"
    assert [a.country for a in c.target] == ["RUS"]


def test_stopping_talks_is_a_sanction():
    toks = [
        ("Mali", "Mali", "PROPN", "NNP", "nsubj", 1, "GPE"), ("suspended", "suspend", "VERB", "VBD", "ROOT", 1, ""),
        ("talks", "talk", "NOUN", "NNS", "dobj", 1, ""), ("with", "with", "ADP", "IN", "prep", 2, ""),
        ("Russia", "Russia", "PROPN", "NNP", "pobj", 3, "GPE"),
    ]
    (c,) = rules.code_sentence(doc(toks))
    assert c.type == "SANCTION" and [a.country for a in c.target] == ["RUS"]


def test_statements_are_not_events():
    toks = [("Russia", "Russia", "PROPN", "NNP", "nsubj", 1, "GPE"), ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
            ("nothing", "nothing", "PRON", "NN", "dobj", 1, "")]
    assert rules.code_sentence(doc(toks)) == []


def test_splitter():
    text = "Mr. Smith arrived. Police arrested 12 people in the U.S. on Friday!\n\nNew paragraph here."
    spans = list(sentences(text))
    assert [text[s:e] for s, e in spans] == ["Mr. Smith arrived.", "Police arrested 12 people in the U.S. on Friday!",
                                            "New paragraph here."]


def test_refused_cooperation_is_a_rejection_by_the_speaker():
    toks = [
        ("Russia", "Russia", "PROPN", "NNP", "nsubj", 1, "GPE"), ("said", "say", "VERB", "VBD", "ROOT", 1, ""),
        ("it", "it", "PRON", "PRP", "nsubj", 5, ""), ("would", "would", "AUX", "MD", "aux", 5, ""),
        ("not", "not", "PART", "RB", "neg", 5, ""),
        ("provide", "provide", "VERB", "VB", "ccomp", 1, ""), ("aid", "aid", "NOUN", "NN", "dobj", 5, ""),
        ("to", "to", "ADP", "IN", "prep", 5, ""), ("Ukraine", "Ukraine", "PROPN", "NNP", "pobj", 7, "GPE"),
    ]
    (c,) = rules.code_sentence(doc(toks))
    assert (c.type, c.cameo) == ("REJECT", "122")
    assert [a.country for a in c.source] == ["RUS"] and [a.country for a in c.target] == ["UKR"]
