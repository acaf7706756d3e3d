"""Report → events: the learned sentence model decides, the parse proposes who and what.

For each sentence of a report (its dateline blanked, so that "DHAKA, Nov 9 (Reuters) -" is never an actor):

1. ``classifier``: does the sentence report a codeable event, of which PLOVER type, with which modality?
   Sentences it finds no event in are not parsed at all.
2. ``rules``: the verb and noun lexicon over the dependency parse proposes triggers, each with its actors,
   date, place and modality (the parse and lexicon are signals, not the decision).
3. The model's type picks the trigger: a proposal of that type, else the main proposal or the main verb,
   retyped. ``roles`` fills a side the parse left unresolved from the nearest resolved mention.
4. One event per real action: a second proposal in the same sentence is kept only when the model gives its
   type a fair share too and its actors are resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from eventwire.events import classifier, ontology, roles, rules
from eventwire.events.mentions import sentence_mentions
from eventwire.model import Event, Mention, Report

EVENT = 0.5  # the model's probability that a sentence reports an event, from which it is parsed and coded
SECOND = 0.25  # probability the model must give a second proposal's type for it to be kept as well
MODALITY = 0.6  # the model's modality replaces the parse's when at least this sure
_SPEECH_ROOTS = rules.SPEECH | {"insist", "stress", "add", "tell"}


def main_verb(sent):
    """The sentence's main action: the root, or the clause a speech verb reports ("X said Y attacked Z")."""
    root = next((t for t in sent if t.head.i == t.i), None)
    if root is None:
        return None
    if root.lemma_ in _SPEECH_ROOTS:
        inner = next((c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
        if inner is not None:
            return inner
    return root


def _retyped(c: rules.Candidate, ptype: str) -> rules.Candidate:
    if c.type == ptype:
        return c
    if ontology.same_root_family(c.type, ptype):
        return replace(c, type=ptype, mode=None, cameo=ontology.default_cameo(ptype))
    return replace(c, type=ptype, mode=None, cameo=ontology.default_cameo(ptype))


def _from_main_verb(sent, ptype: str, **kw) -> rules.Candidate | None:
    verb = main_verb(sent)
    if verb is None:
        return None
    rule = rules.Rule(verb.lemma_.lower(), ontology.default_cameo(ptype), ptype, None)
    found = rules.code_trigger(verb, rule, None, sent, **kw)
    return found[0] if found else None


def decide(guess: classifier.Guess, proposals: list[rules.Candidate], sent, mentions, **kw) -> list[rules.Candidate]:
    """The events of one sentence: the model's type on the best trigger, sides filled by ``roles``."""
    ptype = guess.type
    same = [c for c in proposals if ontology.same_root_family(c.type, ptype)]
    if same:
        main = min(same, key=lambda c: (c.depth, -c.confidence, c.start))
    elif proposals:
        main = min(proposals, key=lambda c: (c.depth, -c.confidence, c.start))
    else:
        main = _from_main_verb(sent, ptype, **kw)
        if main is None:
            return []
    main = roles.assign(_retyped(main, ptype), sent, mentions)
    mood = guess.mood
    if guess.modality[mood] >= MODALITY and main.modality != "historical":
        main = replace(main, modality=mood)
    out = [main]
    for c in proposals:
        if c is main or c.trigger_i == main.trigger_i or ontology.same_root_family(c.type, ptype):
            continue
        if guess.types.get(c.type, 0.0) >= SECOND and rules._resolved(c.source) and rules._resolved(c.target):
            out.append(c)
    return out


def report_sentences(report: Report) -> list[tuple[int, int, int]]:
    """(index, start, end) of every sentence of a report, its dateline blanked."""
    from eventwire.events.nlp import sentences
    from eventwire.ingest.dateline import mask

    return [(i, s, e) for i, (s, e) in enumerate(sentences(mask(report.text)))]


def coder_text(report: Report) -> str:
    """The text the coder reads: the body with its dateline blanked (same offsets)."""
    from eventwire.ingest.dateline import mask

    return mask(report.text)


def to_event(c: rules.Candidate, report: Report, sentence: int) -> Event:
    from eventwire.events.merge import event_id

    mention = Mention(report.id, c.start, c.end, report.text[c.start:c.end], sentence, report.outlet)
    ev = Event(
        id="", type=c.type, source=c.source, target=c.target, mode=c.mode, context=c.context, cameo=c.cameo,
        goldstein=ontology.goldstein(c.cameo), modality=c.modality, date=c.date, location=c.location,
        mentions=(mention,), confidence=c.confidence,
    )
    return replace(ev, id=event_id(ev))


def keep(c: rules.Candidate) -> bool:
    """Only events with at least one resolved actor reach the record."""
    return rules._resolved(c.source) or rules._resolved(c.target)


def code_doc(doc, guess: classifier.Guess, *, offset: int = 0, published: str | None = None,
             memory: rules.Memory | None = None, day: str | None = None) -> list[rules.Candidate]:
    """The events of one parsed sentence, given what the model said of it."""
    memory = memory if memory is not None else rules.Memory()
    proposals = rules.code_sentence(doc, offset=offset, published=published, memory=memory, day=day)
    mentions = sentence_mentions(doc, memory, day)
    return decide(guess, proposals, doc, mentions, offset=offset, published=published, memory=memory, day=day)


def code_reports(reports: Iterable[Report], nlp, *, fallback_dates: dict[str, str] | None = None,
                 batch_size: int = 64) -> Iterator[tuple[Report, list[Event]]]:
    """Classify every sentence, parse and code those that report an event; one (report, events) per report."""
    fallback_dates = fallback_dates or {}

    def items():
        for r in reports:
            text = coder_text(r)
            sents = report_sentences(r)
            guesses = classifier.guess([text[s:e] for _, s, e in sents])
            chosen = [(k, g) for k, g in zip(sents, guesses, strict=True) if g.p_event >= EVENT]
            if not chosen:
                yield "", (r, -1, 0, None, True)
                continue
            for n, ((i, s, e), g) in enumerate(chosen):
                yield text[s:e], (r, i, s, g, n == len(chosen) - 1)

    current: Report | None = None
    memory = rules.Memory()
    events: list[Event] = []
    for doc, (r, i, s, g, last) in nlp.pipe(items(), as_tuples=True, batch_size=batch_size):
        if current is None or r is not current:
            current, memory, events = r, rules.Memory(), []
        if i >= 0:
            published = r.published or fallback_dates.get(r.id)
            day = published[:10] if published else None
            for c in code_doc(doc, g, offset=s, published=published, memory=memory, day=day):
                if keep(c):
                    events.append(to_event(c, r, i))
        if last:
            yield r, events
