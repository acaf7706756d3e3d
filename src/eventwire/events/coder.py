"""Report → events: the learned sentence model decides, the parse proposes who and what.

For each sentence of a report (its dateline blanked, so that "DHAKA, Nov 9 (Reuters) -" is never an actor):

1. ``classifier``: does the sentence report a codeable event, of which PLOVER type, with which modality?
   Sentences it finds no event in are not parsed at all.
2. ``rules``: the verb and noun lexicon (``lexicon``) over the dependency parse proposes triggers, each with
   its actors, date, place and modality (the parse and lexicon are signals, not the decision).
3. ``detect``: the sentence's clauses, and the triggers the model's per-word output marks; each marked
   trigger is one event, typed by that output and its clause's reading, coded from the parse's proposal there
   or from its verb.
4. Otherwise the model's type picks the trigger: a proposal of that type, else the main proposal or the main
   verb, retyped; a second proposal in the same sentence is kept only when the model gives its type a fair
   share too and its actors are resolved (one event per real action).
5. ``roles`` fills a side the parse left unresolved from the nearest resolved mention; people named only by
   what they are ("thousands of people") take the country of the event's place; an act with no doer named
   takes one from the act it is joined to, the authority reporting it or the place of an arrest.
6. ``types``: the model's type and modality, and the conventions that tie them (a cooperative act still to
   come is AGREE; force that would follow a condition, a threat).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import replace

from eventwire.events import classifier, detect, ontology, roles, rules, types
from eventwire.events.clauses import reporting_verb
from eventwire.events.countries import _countries
from eventwire.events.lexicon import Rule
from eventwire.events.memory import Memory
from eventwire.events.mentions import sentence_mentions
from eventwire.events.nlp import gazetteer
from eventwire.model import Event, Mention, Report

MAX_SENTENCES = 400  # a report is coded from its first 400 sentences (~10,000 words): no input holds the writer
BUDGET_SECONDS = 30.0  # … and the sentence model reads it for at most this long
MAX_SENTENCE_CHARS = 2000  # a "sentence" longer than this (a list, a table, junk) is read from its start only
EVENT = 0.5  # the model's probability that a sentence reports an event, from which it is parsed and coded
SECOND = 0.03  # probability the model must give a further proposal's type for it to be kept as well
HELD = 0.5  # … or the probability its "present" output gives that the sentence holds that type (None: unused)
HELD_SIDES = False  # a further event the present output vouches for needs only its source resolved
# Measured with the model of 2,100 more multi-event sentences (dev event F1 / GSR dyad / PETR-2): unused 0.545 /
# 0.519 / 0.376; 0.5 0.546 / 0.521 / 0.376; 0.5 with HELD_SIDES 0.548 / 0.520 / 0.376; 0.3 0.547 / 0.521 / 0.373;
# 0.3 with HELD_SIDES 0.552 / 0.519 / 0.373.
HELD_VERB = 0.8  # a type it vouches for this surely that no proposal carries goes to a joined clause's verb
# Measured with MAIN_VERB (dev / GSR dyad / PETR-2): unused 0.547 / 0.525 / 0.427; 0.5 0.546 / 0.528 / 0.424;
# 0.8 0.548 / 0.527 / 0.427; 0.95 as unused.
MAIN_VERB = True  # measured switch: no proposal of the model's type and none in the main clause: the main verb
# carries the event (dev / GSR dyad / PETR-2: off 0.546 / 0.521 / 0.376, on 0.547 / 0.525 / 0.427)
CLAUSE_READS = True  # measured switch: the model reads each coordinated clause again, alone (8% of its calls;
# off: dev event F1 0.590 -> 0.585, GSR type 0.754 -> 0.761, dyad 0.564 -> 0.567, PETR-2 0.390 either way)
TAGGED_MODIFIERS = True  # a marked trigger codes even inside a clause that modifies a noun ("nurses who marched on
# parliament"; detect.TRIGGERS)
UNPARSED_SUBJECT = True  # measured switch: see code_reports.named
SPEAKER = True  # measured switch: a statement the model reads in a reported clause is the speaker's
SPEAKER_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN"})  # statements: who says them acts
# Measured (dev event F1 / GSR dyad / PETR-2): off 0.526 / 0.513 / 0.349; ACCUSE only 0.531 / 0.515 / 0.349; these
# four 0.535 / 0.517 / 0.347; with SUPPORT, AGREE and CONSULT too 0.536 / 0.518 / 0.347.


def _from_verb(sent, ptype: str, verb=None, **kw) -> rules.Candidate | None:
    """The event of type ``ptype`` on ``verb`` (the sentence's main verb when None), or None."""
    verb = verb if verb is not None else detect.main_verb(sent)
    if verb is None:
        return None
    rule = Rule(verb.lemma_.lower(), ontology.default_cameo(ptype), ptype, None)
    found = rules.code_trigger(verb, rule, None, sent, **kw)
    return found[0] if found else None


def reciprocal(c: rules.Candidate, sent) -> list[rules.Candidate]:
    """"X and Y accused each other of …": one event from each party to each other; [] when the trigger has
    no reciprocal object or its source is not two or more countries."""
    if c.trigger_i < 0 or rules._resolved(c.target):
        return []
    trigger = sent.doc[c.trigger_i]
    words = " ".join(t.lower_ for t in trigger.subtree)
    if "each other" not in words and "one another" not in words:
        return []
    parties: dict[str, list] = {}
    for a in c.source:
        if a.country:
            parties.setdefault(a.country, []).append(a)
    if len(parties) < 2:
        return []
    return [replace(c, source=tuple(a), target=tuple(b), target_span=None)
            for ka, a in parties.items() for kb, b in parties.items() if ka != kb]


def _spoken(c: rules.Candidate, sent, ptype: str, **kw) -> rules.Candidate:
    """A statement the model reads in a clause someone reports ("Muyaya said Rwandan troops were fighting"
    is an accusation): the speaker is its source, and the clause's own actor its target."""
    speech = reporting_verb(sent.doc[c.trigger_i], lambda t: t.lemma_ in detect.SPEECH_ROOTS) if c.trigger_i >= 0 else None
    framed = _from_verb(sent, ptype, speech, **kw) if speech is not None else None
    if framed is None or not rules._resolved(framed.source):
        return c
    if rules._resolved(c.source) and roles._keys(c.source) != roles._keys(framed.source):
        return replace(framed, target=c.source, target_span=c.source_span)
    return replace(framed, target=c.target, target_span=c.target_span)


SUBJECT_REFERENCE = True  # measured switch: a sentence whose subject names an earlier act of the report ("The
# measures, adopted at a meeting in Brussels, freeze …", "The visit marks …") tells that act again: no new event.
# Dev event F1 0.624 -> 0.630 with SHARED_TARGET (P 0.670 -> 0.678); GSR, PETR-2, seeds the same. Tried first: the
# subject read as whoever did the act (dev 0.626, type F1 0.874, but the seeds gained "The visit marks the first
# session of …" as a CONSULT of its own).


def _finish(main: rules.Candidate, ptype: str, same: bool, guess: classifier.Guess, sent, mentions,
            **kw) -> list[rules.Candidate]:
    """One chosen trigger coded as the model's type: its speaker, its sides filled by ``roles``, its
    reciprocal pairs, its forum and the earlier act it refers to, its modality; none when its subject names an
    act the report told before."""
    phrase = main.target_span if not rules._resolved(main.target) else None
    if SPEAKER and ptype in SPEAKER_TYPES and not same:
        main = _spoken(main, sent, ptype, **kw)
    main = types.retyped(main, ptype)
    memory = kw.get("memory")
    if SUBJECT_REFERENCE and memory is not None and main.source_span and not rules._resolved(main.source):
        if roles.event_reference(sent, main.source_span, memory, ()):
            return []  # "The measures, adopted at a meeting in Brussels, freeze …": the earlier act, told again
    pairs = reciprocal(main, sent)
    if pairs:  # "Armenia and Azerbaijan accused each other": one event each way
        return [types.with_mood(p, guess, sent) for p in pairs]
    main = roles.assign(main, sent, mentions)
    if roles.FORUM_TARGET:
        main = roles.complained_of(main, sent, mentions)
    earlier = roles.event_reference(sent, phrase, memory, main.source) if memory is not None else None
    if earlier:  # "condemned the sanctions": the target is whoever imposed them, earlier in the report
        main = replace(main, target=earlier)
    return [types.with_mood(main, guess, sent)]


def decide(guess: classifier.Guess, proposals: list[rules.Candidate], sent, mentions, verb=None,
           **kw) -> list[rules.Candidate]:
    """The events of one sentence or clause: the model's type on the best trigger, sides filled by ``roles``."""
    ptype = guess.type
    same = [c for c in proposals if ontology.same_root_family(c.type, ptype)]
    if same:
        main = rules.first(same)
    elif proposals and not (MAIN_VERB and min(c.depth for c in proposals) > 0):
        main = rules.first(proposals)
    else:  # nothing proposed, or only in subordinate clauses: the main verb, else the shallowest proposal
        main = _from_verb(sent, ptype, verb, **kw) or (rules.first(proposals) if proposals else None)
        if main is None:
            return []
    out = _finish(main, ptype, bool(same), guess, sent, mentions, **kw)
    if len(out) != 1:
        return out
    triggers = {out[0].trigger_i}
    for c in sorted(proposals, key=lambda c: (c.depth, c.start)):
        if c.trigger_i in triggers or any(ontology.same_root_family(c.type, o.type) for o in out):
            continue
        held = HELD is not None and guess.present is not None and guess.present.get(c.type, 0.0) >= HELD
        if guess.types.get(c.type, 0.0) < SECOND and not held:
            continue
        c = roles.assign(c, sent, mentions)
        if rules._resolved(c.source) and (rules._resolved(c.target) or (held and HELD_SIDES)):
            out.append(c)
            triggers.add(c.trigger_i)
    if HELD_VERB is not None and guess.present:
        out += _held_verbs(guess, out, triggers, sent, mentions, **kw)
    return out


MODAL_TAGS = True  # measured switch: a marked auxiliary ("must", "will") codes the verb it helps, not itself
# ("said Colombia would not be intimidated": a REJECT on "intimidated", not a REJECT on "would" and a THREATEN
# on "intimidated"; dev event F1 0.624 -> 0.626, GSR and PETR-2 the same; an AGREE on "would" is left, the
# intent beside the act: without that, PETR-2 0.422 -> 0.424 but GSR dyad 0.593 -> 0.591)


def code_tagged(tags: list[detect.Tagged], guess_at, proposals: list[rules.Candidate], sent, mentions,
                **kw) -> list[rules.Candidate]:
    """One event per tagged trigger: the parse's proposal there (retyped) or the trigger's verb (a noun's
    governing verb: "launched an attack"), coded like ``decide``'s main event; ``guess_at(token index)``
    gives the model's reading of the clause the trigger is in (its modality). Where two tags come to one verb
    ("renewed" and "criticism" in "renewed his criticism of"), the one of higher ``score`` codes it; the events
    come out in sentence order."""
    if detect.SPEECH_TAGS:
        tags = [t for t in tags if not detect.reports_its_own(t, tags, sent)]
    coded: dict[int, list[rules.Candidate]] = {}
    used: set[int] = set()
    for n in sorted(range(len(tags)), key=lambda n: -tags[n].score):
        tag = tags[n]
        mine = [c for c in proposals if c.trigger_i in tag.tokens]
        same = [c for c in mine if ontology.same_root_family(c.type, tag.type)]
        base = rules.first(same or mine) if mine else None
        if base is None:
            head = sent.doc[tag.head]
            if MODAL_TAGS and head.dep_ in ("aux", "auxpass") and head.head.i != head.i and tag.type != "AGREE":
                head = head.head  # "Mali must release …" marked on "must": the act is the verb it helps (a
                # "would" marked AGREE is the intent itself: "said they would meet …" is AGREE beside the CONSULT)
            governed = head.dep_ in ("dobj", "attr") or (detect.COPULA_CLAUSES and head.dep_ == "acomp")  # "was ready"
            verb = head if head.pos_ in ("VERB", "AUX") else head.head if governed else None
            base = _from_verb(sent, tag.type, verb, modifier=TAGGED_MODIFIERS, **kw) if verb is not None else None
        if base is None or base.trigger_i in used:
            continue
        used.add(base.trigger_i)
        coded[n] = _finish(base, tag.type, bool(same), guess_at(tag.head), sent, mentions, **kw)
    return [c for n in sorted(coded) for c in coded[n]]


SAME_KIND_CLAUSES = 0.8  # a clause with no marked trigger, read at least this surely as a type the sentence has
# marked elsewhere, on a lexicon proposal of that type: a second act of one kind ("fired tear gas …, and 23 people
# were arrested"; the trigger output marks one act a sentence more often than two); None: off. Dev event F1 / type
# F1 / GSR dyad / PETR-2: off 0.613 / 0.876 / 0.574 / 0.415; 0.5 0.618; 0.8 0.619 / 0.876 / 0.573 / 0.424; 0.97
# 0.617 (PETR-2 0.424 at each); also needing another CAMEO code than the marked act's 0.619 (recall 0.575 against
# 0.578); any type the clause is read as, marked elsewhere or not, 0.615 / 0.871 / 0.569 / 0.422.


def _same_kind(parts, reads, tags, out, proposals, sent, mentions, **kw) -> list[rules.Candidate]:
    """Second acts of a kind already marked in the sentence that the trigger output left unmarked."""
    more = []
    marked = {t.type for t in tags}
    done = {o.trigger_i for o in out}
    for part, g in zip(parts, reads, strict=True):
        if any(t.head in part.tokens for t in tags) or g.types.get(g.type, 0.0) < SAME_KIND_CLAUSES:
            continue
        if not any(ontology.same_root_family(g.type, m) for m in marked):
            continue
        mine = [c for c in proposals if c.trigger_i in part.tokens and c.trigger_i not in done
                and ontology.same_root_family(c.type, g.type)]
        if mine:
            c = rules.first(mine)
            more += _finish(c, g.type, True, g, sent, mentions, **kw)
            done.add(c.trigger_i)
    return more


def _held_verbs(guess, out, triggers, sent, mentions, **kw) -> list[rules.Candidate]:
    """A type the present output vouches for that no proposal carries: the nearest unused verb of a clause
    joined to the main one (coordinated first, then adverbial, relative, reported, complement), coded with
    that type."""
    more = []
    have = [o.type for o in out]
    wanted = [t for t, p in sorted(guess.present.items(), key=lambda x: -x[1]) if p >= HELD_VERB
              and not any(ontology.same_root_family(t, h) for h in have)]
    if not wanted:
        return more
    rank = {"conj": 0, "advcl": 1, "relcl": 2, "ccomp": 3, "xcomp": 4}
    verbs = sorted((t for t in sent if t.pos_ == "VERB" and t.i not in triggers and t.dep_ in rank),
                   key=lambda t: (rank[t.dep_], t.i))
    for ptype in wanted:
        for v in verbs:
            c = _from_verb(sent, ptype, v, **kw)
            if c is None:
                continue
            c = roles.assign(c, sent, mentions)
            if rules._resolved(c.source) and rules._resolved(c.target):
                more.append(c)
                triggers.add(v.i)
                verbs.remove(v)
                break
    return more


def _remember(memory: Memory, events: list[rules.Candidate]) -> None:
    """What later sentences may refer to: who acted ("the sanctions" → its source) and, for "the two sides",
    the parties of a two-country event."""
    for c in events:
        memory.events.append((c.type, c.source))
        both = tuple({a.country: a for a in c.source + c.target if a.country}.values())
        if len(both) == 2 and len({a.country for a in c.source}) < 2:
            memory.events.append(("", both))


def report_sentences(text: str) -> list[tuple[int, int, int]]:
    """(index, start, end) of the sentences of a report's coder text (``coder_text``); headings ("Formalising
    AES-Russia cooperation": a few words, no closing stop, more text after) are not sentences that report
    anything."""
    from eventwire.ingest.sentences import sentences

    out = []
    last = len(text.rstrip())
    for i, (s, e) in enumerate(sentences(text)):
        if len(out) >= MAX_SENTENCES:
            break
        e = min(e, s + MAX_SENTENCE_CHARS)
        piece = text[s:e].rstrip()
        if len(piece.split()) < 8 and not piece.endswith((".", "!", "?", '"', "”", "’", "'")) \
                and s + len(piece) < last:  # a heading has text after it; a report's only line is a sentence
            continue
        out.append((i, s, e))
    return out


def coder_text(report: Report) -> str:
    """The text the coder reads: the body with its dateline blanked (same offsets)."""
    from eventwire.ingest.dateline import mask

    return mask(report.text)


def home_country(report: Report) -> str | None:
    """The name of the country the report's dateline place is in ("Vilnius" → "Lithuania")."""
    if not report.dateline:
        return None
    place = rules.resolve_place(report.dateline)
    if place is None or not place.country:
        return None
    c = _countries().get(place.country.upper())
    return c["name"] if c else None


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
    """Only events whose source is resolved reach the record (who acted is what an event is about).

    Tried 2026-12-03: also keeping an event whose target alone resolves ("Two Nigerian soldiers were killed by
    a roadside bomb") lifted GSR type F1 0.759 → 0.788 but cost GSR dyad 0.582 → 0.564, dev
    event F1 0.623 → 0.614 and PETR-2 0.414 → 0.402, and the seeds gained two events: neither dev nor GSR
    gold has an event without a source. Not kept."""
    return rules._resolved(c.source)


def code_doc(doc, guess: classifier.Guess, *, offset: int = 0, published: str | None = None,
             memory: Memory | None = None, day: str | None = None) -> list[rules.Candidate]:
    """The events of one parsed sentence, given what the model said of it."""
    memory = memory if memory is not None else Memory()
    context = rules._sentence_context(doc, day)  # read once: the parse's proposals and the mentions both use it
    proposals = rules.code_sentence(doc, offset=offset, published=published, memory=memory, day=day,
                                    sent_text=context)
    mentions = sentence_mentions(doc, memory, day, context)
    for m in mentions:
        if len(m.actors) == 1:
            memory.note_actor(m.actors[0], doc[m.start:m.end].text)
    kw = {"offset": offset, "published": published, "memory": memory, "day": day}
    parts = detect.clauses(doc)
    out: list[rules.Candidate] = []
    tags = detect.tagged_triggers(doc, guess) if detect.TRIGGERS else []
    reads = classifier.guess([p.text for p in parts]) if len(parts) > 1 and CLAUSE_READS else [guess] * len(parts)
    if tags:  # the model marks the triggers: one event each, read with its clause's type and modality
        def guess_at(i: int) -> classifier.Guess:
            return next((g for p, g in zip(parts, reads, strict=True) if i in p.tokens), guess)

        out = code_tagged(detect.mixed(tags, guess_at), guess_at, proposals, doc, mentions, **kw)
        if SAME_KIND_CLAUSES:
            out += _same_kind(parts, reads, tags, out, proposals, doc, mentions, **kw)
    elif len(parts) > 1:  # each coordinated clause on its own
        for part, g in zip(parts, reads, strict=True):
            if g.p_event < EVENT:
                continue
            mine = [p for p in proposals if p.trigger_i in part.tokens]
            for c in decide(g, mine, doc, mentions, verb=doc[part.head], **kw):
                if all(c.trigger_i != o.trigger_i for o in out):
                    out.append(c)
    out = out or decide(guess, proposals, doc, mentions, **kw)
    if roles.IMPLICIT_AGENT:
        out = [roles.implicit_agent(c, out, doc, mentions) for c in out]
    if roles.SHARED_TARGET:
        out = [roles.shared_target(c, out) for c in out]
    if roles.LOCATED:
        out = [roles.located(c) for c in out]
    if types.PLANNED_INTENT:
        out = [types.intent(c) for c in out]
    if types.CONDITIONAL_THREAT:
        conditional = rules.conditional(doc)
        out = [types.threat(c, conditional) for c in out]
    _remember(memory, out)
    return out


def code_reports(reports: Iterable[Report], nlp, *, fallback_dates: dict[str, str] | None = None,
                 batch_size: int = 64) -> Iterator[tuple[Report, list[Event]]]:
    """Classify every sentence, parse and code those that report an event; one (report, events) per report."""
    fallback_dates = fallback_dates or {}

    ruler = "entity_ruler" in nlp.pipe_names

    def named(text: str, day: str | None) -> tuple[list, tuple]:
        """The gazetteer's actors in a sentence that is not parsed (it reports no event), for the memory, and
        those of the name it opens with (its likely subject: "Pyongyang routinely describes …", then "Its
        defence ministry warned …")."""
        if not ruler:
            return [], ()
        ents = gazetteer(nlp, nlp.make_doc(text)).ents
        each = [rules.resolve_actors(e.text, day) for e in ents]
        lead = each[0] if ents and ents[0].start_char <= 4 else ()
        return [a for actors in each for a in actors], tuple(a for a in lead if a.country)

    def items():
        for r in reports:
            text = coder_text(r)
            day = (r.published or fallback_dates.get(r.id) or "")[:10] or None
            sents = report_sentences(text)
            started = time.monotonic()
            guesses = []
            for _, s, e in sents:  # the model reads sentence by sentence, within the report's time budget
                if time.monotonic() - started > BUDGET_SECONDS:
                    break
                guesses += classifier.guess([text[s:e]])
            sents = sents[:len(guesses)]
            pending: list = []
            lead: tuple = ()
            last_chosen = max((k for k, g in enumerate(guesses) if g.p_event >= EVENT), default=-1)
            if last_chosen < 0:
                yield "", (r, text, -1, 0, None, True, [], ())
                continue
            for k, ((i, s, e), g) in enumerate(zip(sents, guesses, strict=True)):
                if k > last_chosen:
                    break
                if g.p_event < EVENT:
                    found, lead = named(text[s:e], day)
                    pending += found
                    continue
                yield text[s:e], (r, text, i, s, g, k == last_chosen, pending, lead)
                pending, lead = [], ()

    current: Report | None = None
    memory = Memory()
    events: list[Event] = []
    for doc, (r, text, i, s, g, last, seen, lead) in nlp.pipe(items(), as_tuples=True, batch_size=batch_size):
        if current is None or r is not current:
            current, memory, events = r, Memory(home=home_country(r)), []
            if i >= 0:  # the report has sentences to code: the acronyms it defines, from the text read once
                memory.define_acronyms(text)
        for a in seen:  # actors named in the sentences before this one that were not parsed
            memory.note_actor(a)
        if lead and UNPARSED_SUBJECT:  # … and the one the sentence just before opened with: "its", "they"
            memory.actors = lead
        if i >= 0:
            published = r.published or fallback_dates.get(r.id)
            day = published[:10] if published else None
            for c in code_doc(doc, g, offset=s, published=published, memory=memory, day=day):
                if keep(c):
                    events.append(to_event(c, r, i))
        if last:
            yield r, events
