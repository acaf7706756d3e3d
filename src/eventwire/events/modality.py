"""Modality of a trigger: asserted, planned, hypothetical or denied, from auxiliaries, negation, conditionals
and the verb that governs it; and whether the trigger is a governed complement or describes a noun.

(Historical — an asserted event dated well before publication — is decided with the date, in ``rules``.)
"""

from __future__ import annotations

from eventwire.events import clauses
from eventwire.events.clauses import DENY_HEADS, _speaker_of_deep_conj
from eventwire.events.lexicon import SPEECH, Rule, lemma
from eventwire.model import Modality

PLAN_HEADS = {"plan", "expect", "schedule", "set", "due", "intend", "prepare", "aim", "hope", "agree", "decide",
              "propose", "want", "seek", "promise", "pledge", "vow", "go", "arrange", "offer", "wish",
              "ready", "willing", "prepared", "determined", "eager", "poised", "commit", "swear", "threaten",
              "resolve", "undertake"}
HYPO_HEADS = {"threaten", "warn", "consider", "could", "may", "might", "would", "urge", "ask", "call", "demand",
              "appeal", "request", "propose", "suggest", "refuse", "reject", "fear"}
HYPO_AUX = {"could", "may", "might", "would", "should", "can", "must"}
PLAN_AUX = {"will", "shall", "'ll", "wo"}

GOVERNING = {"refuse", "decline", "fail", "reject", "threaten", "warn", "urge", "ask", "demand", "call",
             "appeal", "request", "press", "implore", "plead", "veto", "deny", "oppose"}


def _governed_by_speech_act(tok) -> bool:
    """Is the trigger the complement of a refusal, threat or request ("refused to meet Y")?"""
    t = tok
    if t.dep_ == "conj":
        if clauses.DENIED_CLAUSE_ACTS and t.head.dep_ == "ccomp" and _speaker_of_deep_conj(t) is not None:
            return False  # "denied that its troops were fighting … and accused Kinshasa of …": the speaker's act
        t = t.head
    return t.dep_ in ("xcomp", "ccomp") and lemma(t.head) in GOVERNING and t.head.i != t.i


def _in_modifier_clause(tok) -> bool:
    """Is the trigger inside a clause that modifies a noun (relative clause, reduced relative)?"""
    t = tok
    for _ in range(8):
        if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        if t.head.i == t.i or t.dep_ not in ("conj", "xcomp", "relcl", "acl"):
            return False
        t = t.head
    return False


def _ancestors_upto_clause(tok):
    """The trigger and its verbal governors up to the first speech verb."""
    out = []
    t = tok
    for _ in range(6):
        if t.head.i == t.i:
            break
        if t.dep_ in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "acomp"):
            t = t.head
            out.append(t)
        else:
            break
    return out


def _modality(tok, rule: Rule) -> Modality:
    kids = list(tok.children)
    heads = _ancestors_upto_clause(tok)
    chain = [tok, *[h for h in heads if h.lemma_ not in SPEECH]]
    # inherit auxiliaries through conjunction: "will visit Moscow and hold meetings"
    if tok.dep_ == "conj":
        kids = kids + [c for c in tok.head.children if c.dep_ in ("aux", "neg")]
    if any(c.dep_ == "neg" for c in kids) or any(h.lemma_ in DENY_HEADS for h in heads[:1]):
        return "denied"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
        return "hypothetical"
    auxes = {c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")}
    if auxes & PLAN_AUX:
        return "planned"
    if "would" in auxes and heads and heads[0].lemma_ in SPEECH | {"announce", "decide", "pledge", "vow"}:
        return "planned"  # reported future: "X said it would withdraw"
    if auxes & HYPO_AUX:
        return "hypothetical"
    if heads:
        h = heads[0]
        if tok.dep_ == "xcomp" or (tok.dep_ == "conj" and tok.head.dep_ == "xcomp"):
            gov = h if tok.dep_ == "xcomp" else (heads[1] if len(heads) > 1 else h)
            if gov.lemma_ in PLAN_HEADS or gov.lemma_ == "be":
                return "planned"
            if gov.lemma_ in HYPO_HEADS and rule.type not in ("THREATEN",):
                return "hypothetical"
        hkids = {c.lower_ for c in h.children if c.dep_ in ("aux",)}
        if tok.dep_ == "conj" and hkids & PLAN_AUX:
            return "planned"
    for h in chain[1:]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in h.children):
            return "hypothetical"
    if tok.dep_ in ("xcomp", "advcl", "conj") and heads and heads[0].pos_ in ("VERB", "AUX") and heads[0].lemma_ not in SPEECH:
        h = heads[0]
        if {c.lower_ for c in h.children if c.dep_ == "aux"} & PLAN_AUX:
            return "planned"
        if h.dep_ == "xcomp" and h.head.lemma_ in PLAN_HEADS | {"be"}:
            return "planned"
    return "asserted"
