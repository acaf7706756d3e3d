"""The document memory: what earlier sentences of a report established, and what a phrase refers back to.

``Memory`` carries who "they" are, the people a full mention named ("Defence Minister Diego Molano" →
"Molano"), the international body "the bloc" is, the report's country and its institutions, and the acronyms
the report defines. The helpers find what a pronoun or a group phrase stands for in its own sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from eventwire.events.clauses import SUBJ
from eventwire.events.countries import country_name
from eventwire.events.lexicon import SPEECH, lemma
from eventwire.model import Actor

INSTITUTIONS = {"ministry", "department", "office", "army", "military", "police", "government", "court",
                "parliament", "cabinet", "embassy", "presidency", "junta", "navy", "coastguard"}
HOME_FIRST = False  # measured switch: the dateline's country is the context even when the report names another more
HOME_MARGIN = 2  # … another country is the context once named this many times more than the dateline's
CONTEXT_MIN = 2  # times a report must name a country before its bare institutions are taken as that country's
COUNT_ALL_KINDS = True  # measured switch: a group's, person's or place's country counts towards the report's
FAMILY_FIRST = True  # measured switch: a person named in full is recalled by the first word of the name too
RECALL_NOUNS = True  # measured switch: see Memory.recall


@dataclass
class Memory:
    """What the previous sentences of a report established: for "they", "their foreign ministers"."""

    actors: tuple[Actor, ...] = ()  # last resolved subject actors with countries
    plural: tuple[Actor, ...] = ()  # last set of two or more
    names: dict[str, Actor] = field(default_factory=dict)  # surname → the person a fuller mention named
    events: list[tuple[str, tuple[Actor, ...]]] = field(default_factory=list)  # (type, source) coded so far
    body: Actor | None = None  # the last international body or alliance named: who "the bloc" is
    home: str | None = None  # the country the dateline names: whose "the government", "police" are meant
    countries: dict[str, list] = field(default_factory=dict)  # ISO3 → [times named, the country's name]
    institutions: dict[str, str] = field(default_factory=dict)  # "ministry" → words of the country whose it was
    acronyms: dict[str, str] = field(default_factory=dict)  # "NPA" → "National Prosecuting Authority"

    def define_acronyms(self, text: str) -> None:
        """The short names a report defines ("the National Prosecuting Authority (NPA)"): there, "the NPA" is
        that authority, whatever else the letters name elsewhere (the Philippines' New People's Army)."""
        for long, short in acronym_definitions(text):
            self.acronyms.setdefault(short, long)

    def expand(self, text: str) -> str:
        """A phrase with the report's own acronyms spelled out."""
        if not self.acronyms:
            return text
        return _ACRONYM.sub(lambda m: self.acronyms.get(m.group(0), m.group(0)), text)

    def note_institution(self, tokens, found: tuple[Actor, ...]) -> None:
        """"China's commerce ministry" → a later bare "the ministry", "Ministry spokesman" is China's."""
        states = {a.country: a for a in found if a.country and a.kind == "state"}
        if len(states) != 1 or any(a.kind == "igo" for a in found):
            return
        country_words = " ".join(t.text for t in tokens if t.ent_type_ in ("GPE", "NORP"))
        if not country_words:
            return
        for t in tokens:
            if t.lemma_.lower() in INSTITUTIONS:
                self.institutions[t.lemma_.lower()] = country_words

    def institution(self, tokens) -> str | None:
        """The country whose institution a phrase naming no country refers back to, if the report named one."""
        if not self.institutions or any(t.ent_type_ in ("GPE", "NORP", "ORG") for t in tokens):
            return None
        return next((self.institutions[t.lemma_.lower()] for t in tokens if t.lemma_.lower() in self.institutions), None)

    def note_actor(self, actor: Actor, words: str | None = None) -> None:
        """An actor the report named: counts towards its country, and an international body is "the bloc"."""
        if actor.kind == "igo":
            self.body = actor
        elif actor.country and len(actor.country) == 3 and (actor.kind == "state" or COUNT_ALL_KINDS):
            # "German police", "a Kenyan court", "Nairobi": each names the report's country too
            entry = self.countries.setdefault(actor.country, [0, country_name(actor.country) or words or actor.text])
            entry[0] += 1

    def context(self) -> str | None:
        """Whose bare institutions a sentence naming no country means: the dateline's country, unless the
        report has named another at least twice and ``HOME_MARGIN`` times more often; without a dateline,
        the country it has named most (at least twice)."""
        best = max(self.countries.values(), key=lambda e: e[0], default=None)
        if self.home:
            home = next((e for e in self.countries.values() if e[1] == self.home), None)
            if HOME_FIRST or best is None or best[0] < CONTEXT_MIN or best[0] < (home[0] if home else 0) + HOME_MARGIN:
                return self.home
            return best[1]  # a report filed in Vilnius about Belarus: "political prisoners" are Belarus's
        return best[1] if best and best[0] >= CONTEXT_MIN else None

    def remember(self, tokens, found: tuple[Actor, ...]) -> None:
        """"Colombia's Defence Minister Diego Molano" → later "Molano" is the same person; "Taiwan's President
        Lai Ching-te" → later "Lai" (a family name first)."""
        people = [a for a in found if a.kind == "person" and a.country]
        names = [t for t in tokens if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"]
        if len(people) == 1 and len(names) >= 2:
            self.names.setdefault(names[-1].text.lower(), people[0])
            if FAMILY_FIRST:
                self.names.setdefault(names[0].text.lower(), people[0])

    def recall(self, tokens) -> tuple[Actor, ...]:
        # a capitalised word the report named as a person's surname is that person, even where the small
        # parser reads it as a common noun ("Store is due to meet …", after "Prime Minister Jonas Gahr Store")
        words = [t for t in tokens if t.pos_ == "PROPN" or (
            RECALL_NOUNS and t.pos_ == "NOUN" and t.text[:1].isupper() and t.lower_ in self.names)]
        if len(words) == 1 and words[0].text.lower() in self.names:
            a = self.names[words[0].text.lower()]
            return (replace(a, text=words[0].text),)
        return ()


_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9&]{1,7}\b")
_DEFINED = re.compile(r"((?:[A-Z][\w\-]*\s+)(?:(?:of|for|and|the|on|de|du|des|la)\s+|[A-Z][\w\-]*\s+)*?[A-Z][\w\-]*)"
                      r"\s+\(([A-Z][A-Z0-9&]{1,7})\)")


def acronym_definitions(text: str) -> list[tuple[str, str]]:
    """(long form, acronym) for each "Long Name (ACR)" in a text; the long form starts at the capitalised word
    whose initial is the acronym's and whose run of capitalised words is nearest the acronym's length."""
    out = []
    for m in _DEFINED.finditer(text):
        words, short = m.group(1).split(), m.group(2)
        starts = [i for i, w in enumerate(words) if w[0] == short[0]]
        if not starts:
            continue
        caps = [sum(1 for w in words[i:] if w[0].isupper()) for i in starts]
        best = min(range(len(starts)), key=lambda k: (abs(caps[k] - len(short)), -caps[k]))
        long = " ".join(words[starts[best]:])
        if caps[best] >= 2:
            out.append((long, short))
    return out


def _antecedent_head(pron):
    """For an object pronoun ("them", "him", "her", "it"), the head of the nearest noun phrase before it in its
    own sentence that agrees in number and is not its verb's subject; None when there is none."""
    if pron.dep_ not in ("dobj", "pobj", "dative") or pron.lower_ not in ("them", "him", "her", "it"):
        return None
    verb = pron.head if pron.dep_ != "pobj" else pron.head.head
    subj = {c.i for c in verb.children if c.dep_ in SUBJ}
    sent = pron.sent
    for chunk in reversed([c for c in sent.noun_chunks if c.end <= pron.i]):
        head = chunk.root
        if head.i in subj or head.pos_ == "PRON" or head.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY"):
            continue
        plural = head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)
        person = head.ent_type_ == "PERSON"
        if (pron.lower_ == "them") != plural or (pron.lower_ in ("him", "her") and not person):
            continue
        if pron.lower_ == "it" and (person or head.ent_type_ not in ("GPE", "ORG", "NORP")):
            continue
        return head
    return None


GROUP_NOUNS = {"country", "nation", "state", "government", "junta", "side", "neighbour", "neighbor", "ally"}


def _group_possessor(tok) -> bool:
    """Does the phrase belong to a group named only by a plural noun ("the three countries' armies",
    "both governments' envoys")?"""
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    return (poss is not None and poss.tag_ == "NNS" and poss.lemma_.lower() in GROUP_NOUNS
            and not any(t.ent_type_ in ("GPE", "NORP", "ORG") for t in poss.subtree))


def _reporting_subject(pron):
    """For a pronoun subject of a reported clause, the (non-pronoun) subject of the reporting verb."""
    if pron.dep_ not in ("nsubj", "nsubjpass"):
        return None
    t = pron.head
    for _ in range(3):
        if t.dep_ == "conj":
            t = t.head
            continue
        if t.dep_ == "ccomp" and t.head.i != t.i and (lemma(t.head) in SPEECH or t.head.lemma_ in
                                                      {"announce", "claim", "insist", "warn", "vow", "pledge"}):
            subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                return subj
        return None
    return None
