"""The real pipeline: the gazetteer ruler runs before NER (slow: loads the model)."""

import pytest


@pytest.mark.slow
def test_ruler_fixes_sahel_countries_and_parse_finds_the_visit():
    from eventwire.events.nlp import load

    nlp = load()
    assert nlp is load()  # loaded once
    names = nlp.pipe_names
    assert names.index("entity_ruler") < names.index("ner")
    doc = nlp("The foreign ministers of Mali, Burkina Faso and Niger will visit Moscow on April 3 and 4.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Burkina Faso") == "GPE" and labels.get("Niger") == "GPE" and labels.get("Mali") == "GPE"
    visit = next(t for t in doc if t.lemma_ == "visit")
    assert any(c.dep_ == "aux" and c.lower_ == "will" for c in visit.children)


@pytest.mark.slow
def test_a_hyphened_given_name_stays_one_word_and_country_pairs_are_cut():
    from eventwire.events.nlp import load

    words = [t.text for t in load().make_doc("Kim Jong-un and Lai Ching-te spoke of the Russia-Ukraine war.")]
    assert "Jong-un" in words and "Ching-te" in words
    assert "Russia" in words and "Ukraine" in words


@pytest.mark.slow
def test_one_word_names_match_their_case_and_longer_names_win():
    from eventwire.events.nlp import WORDS, gazetteer, load

    nlp = load()
    assert nlp.pipe_names.index(WORDS) < nlp.pipe_names.index("entity_ruler") < nlp.pipe_names.index("ner")
    doc = gazetteer(nlp, nlp.make_doc("Those who met the WHO in Guinea-Bissau spoke of Nagorno-Karabakh and South Sudan."))
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("WHO", "ORG") in ents and ("who", "ORG") not in ents
    assert ("Guinea-Bissau", "GPE") in ents and ("Nagorno-Karabakh", "GPE") in ents
    assert ("South Sudan", "GPE") in ents and ("Sudan", "GPE") not in ents


def test_a_paragraph_ends_a_sentence_even_after_a_capital_and_a_full_stop():
    from eventwire.ingest.sentences import sentences

    text = "The minister wrote on X.\n\nUnion leaders urged senators to reject the bill. The U.S.\nArmy said."
    assert [text[s:e] for s, e in sentences(text)] == [
        "The minister wrote on X.", "Union leaders urged senators to reject the bill.", "The U.S.\nArmy said."]
