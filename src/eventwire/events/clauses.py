"""Clauses and speakers: subjects, the speech verb a clause is reported by, and whose speech act it is.

Shared by the parse's proposals (``rules``), ``modality`` and the document memory, below all of them.
"""

from __future__ import annotations

from eventwire.events.lexicon import SPEECH, lemma

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
DENY_HEADS = {"deny", "refuse", "decline", "fail", "reject"}
SPEECH_ACTS = {"urge", "call", "demand", "ask", "accuse", "condemn", "warn", "welcome", "criticise", "criticize",
               "reject", "deny", "appeal", "press", "vow", "pledge", "threaten", "praise", "summon"}
# a speech act joined to a verb in what a speaker reports is the speaker's (rules.SPEECH_ACT_REPAIR) …
DENIED_CLAUSE_ACTS = True  # measured switch: … in what a speaker denies too (see modality._governed_by_speech_act)


def _speaker_of_deep_conj(tok):
    """"X said the sentence showed that the authorities were using the laws … and urged them to release Y":
    the small parser hangs "urged" on "using"; a speech act joined to a verb inside what a speaker reports is
    the speaker's own act. The speaker's subject, or None."""
    if tok.dep_ != "conj" or lemma(tok) not in SPEECH_ACTS or tok.pos_ != "VERB":
        return None
    speech = reporting_verb(tok.head, limit=6, says=_says_or_denies if DENIED_CLAUSE_ACTS else _says)
    return next((c for c in speech.children if c.dep_ in SUBJ), None) if speech is not None else None


def _says(t) -> bool:
    return lemma(t) in SPEECH


def _says_or_denies(t) -> bool:
    return lemma(t) in SPEECH or lemma(t) in DENY_HEADS


def reporting_verb(tok, says=_says, limit: int | None = None):
    """The speech verb whose reported clause holds ``tok`` ("X said Y attacked Z": said), looking at most
    ``limit`` heads up; None when no such verb is above it."""
    t = tok
    steps = 0
    while t.head.i != t.i and (limit is None or steps < limit):
        if t.dep_ == "ccomp" and says(t.head):
            return t.head
        t = t.head
        steps += 1
    return None


def _speaker(tok):
    """Subject of the speech verb that governs ``tok`` ("X said Y must …" → X)."""
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.lemma_ in SPEECH or t.lemma_ in {"insist", "demand", "stress", "reiterate", "conclude", "warn"}:
            return next((c for c in t.children if c.dep_ in SUBJ), None)
    return None
