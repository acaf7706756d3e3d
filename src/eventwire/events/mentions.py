"""The actor mentions of a parsed sentence: named entities and noun phrases that resolve to an actor.

A mention is a token range with the actors it names ("Mali, Burkina Faso and Niger" is one mention of three
actors). Phrases that name no country, organisation or known person are left out: they cannot fill a role.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.events import rules
from eventwire.events.memory import Memory
from eventwire.model import Actor

_ENTS = ("GPE", "NORP", "ORG", "PERSON")


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int  # token range [start, end) in the Doc
    end: int
    actors: tuple[Actor, ...]
    head: int  # token index of the phrase's head


def sentence_mentions(sent, memory: Memory, day: str | None,
                      context: str | None | object = rules.UNREAD) -> list[ActorMention]:
    """Resolved actor mentions of a sentence, left to right, not overlapping (the longer phrase wins);
    ``context``: the one country the sentence names, when the caller has it already."""
    if context is rules.UNREAD:
        context = rules._sentence_context(sent, day)
    out: list[ActorMention] = []
    taken: set[int] = set()
    chunks = [c.root for c in getattr(sent, "noun_chunks", ())]
    ents = [e.root for e in sent.ents if e.label_ in _ENTS and e.root not in chunks]
    for head in chunks + ents:  # noun phrases first: "Kenyan police" before the "Kenyan" inside it
        if head.i in taken or head.pos_ == "PRON" or head.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY"):
            continue
        actors, span = rules._actors_at(head, memory, day, context)
        if span is None or not rules._resolved(actors):
            continue
        lo, hi = span
        if any(i in taken for i in range(lo, hi)):
            continue
        taken.update(range(lo, hi))
        out.append(ActorMention(lo, hi, actors, head.i))
    return sorted(out, key=lambda m: m.start)
