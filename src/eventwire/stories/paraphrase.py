"""Sentences a rewrite restates in its own words: reused passages that share no long run of words.

A rewrite desk keeps the facts and changes the words: "the dam's operators released water for six hours on
Sunday" becomes "water was let out of the dam for six hours on Sunday, its operators said". No run of seven
words survives, but the sentence's content words mostly do: names, numbers and nouns, in whatever order and
inflection. A sentence of a report restates a sentence of its source when their content words (stemmed,
the function words and the words every report uses left out) overlap enough; ``DICE`` and ``MIN_SHARED``
are calibrated on paraphrases and same-story sentences we wrote (``data/calibration/paraphrase/``, measured
by ``scripts/calibrate_paraphrase.py``).

Two separate reports of one event state the same facts without taking them from each other, so this is
only asked of a report already known to be derived from the source (``provenance``: a rewrite, by its credit
or the words it took).
"""

from __future__ import annotations

from eventwire.ingest.sentences import sentences
from eventwire.model import Passage
from eventwire.stories.fingerprint import STOPWORDS, stem, tokens

DICE = 0.35  # 2 |shared| / (|a| + |b|) of two sentences' content stems
MIN_SHARED = 3  # content stems in common: short sentences overlap by chance
# (on 70 stories we wrote, 417 rewrite sentences: P 0.988, R 0.915; chosen on either topic set alone, the same
# or dice 0.30, and on the other P 0.93-0.99, R 0.92-0.95; scripts/calibrate_paraphrase.py)
MIN_WORDS = 8  # a sentence shorter than this (a heading, a by-line) is not compared
COVERED = 0.5  # a sentence this much inside verbatim passages is reused already
MAX_SENTENCES = 200  # compared on each side (a report's first 200 sentences, ~5,000 words): bounded cost


def content(text: str, start: int, end: int) -> frozenset[str]:
    """Stemmed content words of ``text[start:end]``: numbers and every word not in ``STOPWORDS``."""
    return frozenset(stem(w) for w, _, _ in tokens(text[start:end]) if w not in STOPWORDS and (len(w) > 2 or w.isdigit()))


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _units(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """Sentences of ``text`` long enough to compare, with their content stems."""
    out = []
    for s, e in sentences(text):
        if len(text[s:e].split()) >= MIN_WORDS:
            out.append((s, e, content(text, s, e)))
            if len(out) >= MAX_SENTENCES:
                break
    return out


def _inside(s: int, e: int, spans: list[tuple[int, int]]) -> float:
    covered = sum(max(0, min(e, b) - max(s, a)) for a, b in spans)
    return covered / max(1, e - s)


def best_match(sentence: frozenset[str], candidates: list[tuple[int, int, frozenset[str]]]) -> tuple[float, int]:
    """The highest Dice with one of ``candidates`` and its index (-1 when there are none)."""
    best, at = 0.0, -1
    for i, (_, _, words) in enumerate(candidates):
        d = dice(sentence, words)
        if d > best:
            best, at = d, i
    return best, at


def restated(text: str, source: str, verbatim: list[Passage]) -> list[Passage]:
    """Sentences of ``text`` that restate a sentence of ``source`` in other words (``kind="paraphrase"``),
    skipping those already covered by the ``verbatim`` passages between the two; each source sentence is
    restated at most once (its best match)."""
    here = [(p.start, p.end) for p in verbatim]
    there = [(p.from_start, p.from_end) for p in verbatim]
    mine = [u for u in _units(text) if _inside(u[0], u[1], here) < COVERED]
    theirs = [u for u in _units(source) if _inside(u[0], u[1], there) < COVERED]
    found: dict[int, tuple[float, Passage]] = {}
    for s, e, words in mine:
        score, j = best_match(words, theirs)
        if j < 0 or score < DICE or len(words & theirs[j][2]) < MIN_SHARED:
            continue
        if j not in found or score > found[j][0]:
            found[j] = (score, Passage(s, e, theirs[j][0], theirs[j][1], "paraphrase"))
    return sorted((p for _, p in found.values()), key=lambda p: p.start)
