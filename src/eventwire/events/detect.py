"""Where a sentence's events are: the triggers the sentence model's per-word output marks.

A sentence is read as a whole and, where it joins actions with "and" or "but", clause by clause
(``clauses``). Each marked word (or run of words) is one event of the type its output gives, mixed with the
reading of the clause it stands in (``mixed``); a speech verb marked as the trigger of what it reports is not
an act of its own (``reports_its_own``). Whether the sentence reports an event at all is the model's sentence reading
(``classifier``), read before anything is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from eventwire.events import classifier, ontology, rules
from eventwire.events.clauses import PASS_SUBJ, SUBJ
from eventwire.events.lexicon import SPEECH

TRIGGERS = True  # measured switch: where the model's trigger output marks triggers, one event for each
TRIGGER_P = 0.5  # … at this probability of its type
MIX = 1.0  # a marked trigger takes the type that its trigger output plus MIX × its clause's reading gives most
# Measured with one model trained with the trigger output (dev event F1 / dev type F1 / GSR dyad / PETR-2): off
# 0.563 / 0.832 / 0.553 / 0.410; on, no MIX 0.580 / 0.856 / 0.542 / 0.412; MIX 1 for a clause's one trigger only
# 0.580 / 0.855 / 0.555 / 0.412, and for several by the types the clause holds (present) 0.579 / 0.859 / 0.557 / 0.415
# (a second model, seed 1: off 0.570 / 0.846 / 0.545 / 0.393, one trigger only 0.594 / 0.857 / 0.538 / 0.383, with
# several 0.594 / 0.859 / 0.545 / 0.383); MIX 0.5 as no MIX, MIX 2 0.577 / 0.853 / 0.558 / 0.402; TRIGGER_P 0.35
# 0.579 / 0.856 / 0.554 / 0.410, 0.7 0.584 / 0.840 / 0.561 / 0.390; modifier clauses not coded 0.571 / 0.841 / 0.550
# / 0.410; the sentence's type on its main trigger and marked triggers as further events 0.571 / 0.849 / 0.551 /
# 0.391 (only of types the sentence has not 0.563 / 0.836 / 0.543 / 0.391).


@dataclass(frozen=True, slots=True)
class Tagged:
    """A trigger the model's trigger output marks: its words (token indices), head token, type, probability."""

    tokens: frozenset[int]
    head: int
    type: str
    p: float
    score: float = 0.0  # p plus MIX × the clause's reading of the type (``mixed``): which of two tags wins a verb


def tagged_triggers(sent, guess: classifier.Guess) -> list[Tagged]:
    """Runs of words the trigger output gives one PLOVER type at p ≥ TRIGGER_P ("fired tear gas",
    "marched"), each headed by its word whose parent lies outside it; in sentence order."""
    runs: list[list] = []
    for t in sent:
        probs = guess.trigger_at(t.idx, t.idx + len(t.text))
        if not probs or t.is_punct:
            continue
        ptype = max((x for x in probs if x != classifier.NONE), key=probs.__getitem__)
        if probs[ptype] < TRIGGER_P:
            continue
        if runs and runs[-1][-1][1] == ptype and runs[-1][-1][0].i == t.i - 1:
            runs[-1].append((t, ptype, probs[ptype]))
        else:
            runs.append([(t, ptype, probs[ptype])])
    out = []
    for run in runs:
        toks = {t.i for t, _, _ in run}
        head = next((t for t, _, _ in run if t.head.i not in toks or t.head.i == t.i), run[0][0])
        out.append(Tagged(frozenset(toks), head.i, run[0][1], max(p for _, _, p in run)))
    return out


def mixed(tags: list[Tagged], guess_at) -> list[Tagged]:
    """Each marked trigger: the type its trigger output plus MIX × its clause's reading gives most (the
    sentence head learnt from real news too, which the trigger output never saw): the clause's type for a
    clause's one trigger, the types the clause holds (``present``) where it has several."""
    if not MIX:
        return [replace(tag, score=tag.p) for tag in tags]
    out = []
    # Tried 2026-12-03: keeping from a tag the types a surer tag of its clause marks ("urged the junta to extend
    # a ceasefire it declared": "declared" then stays CONCEDE, not a second REQUEST): dev event F1 0.620 against
    # 0.623, type F1 0.873 against 0.879, PETR-2 0.412 against 0.414, GSR the same. Not kept.
    for tag in tags:
        g = guess_at(tag.head)
        several = sum(guess_at(o.head) is g for o in tags) > 1
        reading = g.present if several and g.present else g.types
        own = {x: 0.0 for x in g.types}
        own[tag.type] = tag.p
        best = max((x for x in g.types if x != classifier.NONE), key=lambda x: own[x] + MIX * reading.get(x, 0.0))
        out.append(replace(tag, type=best, score=own[best] + MIX * reading.get(best, 0.0)))
    return out


SPEECH_TAGS = True  # measured switch: a speech verb marked as the trigger of what it reports is not an act
# apart (with COPULA_CLAUSES, dev event F1 0.611 -> 0.612, precision 0.661 -> 0.666; GSR, PETR-2 the same)


def reports_its_own(tag: Tagged, tags: list[Tagged], sent) -> bool:
    """"said the government would not withdraw", both "said" and "withdraw" marked REJECT: the saying is the
    act it reports, coded once, on the reported verb."""
    verb = sent.doc[tag.head]
    if verb.lemma_ not in SPEECH_ROOTS:
        return False
    inside = {t.i for t in verb.subtree} - {verb.i}
    return any(o is not tag and o.head in inside and ontology.same_root_family(o.type, tag.type) for o in tags)


# --- the clauses of a sentence ----------------------------------------------------------------


SPEECH_CLAUSES = True  # measured switch: a coordinated speech verb's reported clause is an action of its own
SPEECH_ROOTS = SPEECH | {"insist", "stress", "add", "tell", "reiterate", "repeat"}  # reiterate: GSR dyad +0.003


def main_verb(sent):
    """The sentence's main action: the root, or the clause a speech verb reports ("X said Y attacked Z")."""
    root = next((t for t in sent if t.head.i == t.i), None)
    if root is None:
        return None
    if root.lemma_ in SPEECH_ROOTS:
        inner = next((c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
        if inner is not None:
            return inner
    return root


@dataclass(frozen=True, slots=True)
class Clause:
    """One action of a sentence: its verb, its tokens, and its words as the sentence model reads them."""

    head: int  # token index of the verb
    tokens: frozenset[int]
    text: str


COPULA_CLAUSES = True  # measured switch: "but was ready to discuss" is a clause of its own, and a marked
# adjective ("ready") codes on its linking verb (dev event F1 / type F1 / GSR dyad / PETR-2: off 0.609 / 0.871 /
# 0.574 / 0.415, on 0.611 / 0.874 / 0.574 / 0.415)


def _copula(t) -> bool:
    """A linking verb with an adjective that carries the action ("was ready to talk", "is willing to")."""
    return t.pos_ == "AUX" and any(c.dep_ == "acomp" for c in t.children)


FINITE_CONJ = True  # measured switch: see _misjoined; and a finite verb joined by "and" shares no "will" or "were"
# ("were fighting … and called on"). Dev event F1 / type F1: off 0.612 / 0.874, on 0.613 / 0.876; GSR, PETR-2 the
# same. Tried beside it (2026-12-03, not kept): where the model marks triggers, also code a clause it reads as an
# event but marks none in: dev 0.608 (P 0.631, R 0.586), PETR-2 0.433, GSR type F1 0.727, dyad 0.558; only when the
# sentence's present output vouches its type (p >= 0.5): dev 0.612, GSR dyad 0.573, PETR-2 0.415.


FINITE = ("VBD", "VBZ", "VBP")


def _misjoined(t):
    """"urged both sides to show restraint and offered to host talks": the parser joins the finite "offered"
    to the infinitive "show", but a finite verb is coordinated with the finite verb that governs it ("urged"),
    which this returns (None for any other verb)."""
    if t.dep_ == "conj" and t.tag_ in FINITE and t.head.dep_ == "xcomp" and t.head.tag_ == "VB":
        return t.head.head
    return None


def clauses(sent) -> list[Clause]:
    """The coordinated actions of a sentence ("denied targeting civilians and accused the army of …",
    "urged allies to speed up deliveries, accusing Russia of …"), each with the subject it shares."""
    main = main_verb(sent)
    if main is None:
        return []
    heads = [main]
    anchors = {main.i, main.head.i}  # the main verb, and the speech verb that reports it
    for t in sent:
        if not (t.pos_ == "VERB" or (COPULA_CLAUSES and _copula(t))) or t.i == main.i or t.i in {h.i for h in heads}:
            continue
        if not ((t.dep_ == "conj" and t.head.i in anchors) or (t.dep_ == "advcl" and t.tag_ == "VBG" and t.head.i in anchors)
                or (FINITE_CONJ and (gov := _misjoined(t)) is not None and gov.i in anchors)):
            continue
        anchors.add(t.i)
        if t.lemma_ in SPEECH_ROOTS:  # "… and said Tehran would respond", ", saying forces would …": what it reports
            if not SPEECH_CLAUSES:
                continue
            t = next((c for c in t.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
            if t is None or t.i in {h.i for h in heads}:
                continue
            anchors.add(t.i)
        heads.append(t)
    if len(heads) == 1:
        return [Clause(main.i, frozenset(t.i for t in sent), sent.text)]
    out = []
    other = {h.i for h in heads}
    for h in heads:
        toks = set()
        stack = [h]
        while stack:
            t = stack.pop()
            toks.add(t.i)
            stack.extend(c for c in t.children if c.i not in other and not (c.dep_ in ("cc", "punct") and c.head.i == h.i and c.i > h.i and h.i != main.i))
        if h.i == main.i:
            toks = {t.i for t in sent} - set().union(*[{x.i for x in sent.doc[o].subtree} for o in other if o != main.i])
        words = [sent.doc[i] for i in sorted(toks)]
        while words and words[-1].dep_ in ("cc", "punct"):
            words.pop()
        text = " ".join(w.text for w in words)
        if h.dep_ == "conj" and not _copula(h) and not (FINITE_CONJ and h.tag_ in FINITE) \
                and not any(c.dep_ in ("aux", "auxpass", "neg") for c in h.children):
            # "will visit Moscow and hold meetings": the second action shares "will" (and "not")
            shared = [c.text for c in h.head.children if c.dep_ in ("aux", "neg") and c.i < h.head.i]
            if shared:
                text = " ".join(shared) + " " + text
        if not any(sent.doc[i].dep_ in SUBJ + PASS_SUBJ for i in toks if sent.doc[i].head.i == h.i):
            gov = _misjoined(h) if FINITE_CONJ else None
            subj, _ = rules._subject(gov if gov is not None else h)  # a misjoined verb: its governor's subject
            if subj is not None:
                lo, hi = rules._phrase(subj)
                text = sent.doc[lo:hi].text + " " + text
        out.append(Clause(h.i, frozenset(toks), text))
    return out
