"""The one vocabulary of eventwire: every stage takes and returns these types, nothing else.

    bytes ──read──▶ Report ──group──▶ Placement (+ Story) ──code──▶ Event (with Mentions)

All types are frozen, slotted dataclasses. Times are ISO 8601 strings (``2025-04-02T14:49`` or
``2025-04-02``) so that records serialise as they are; ``to_dict`` gives the JSON form used by the CLI,
the API and the exports.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

# --- stage 1: reading -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Removed:
    """A line the clutter filter took out of a report, and why."""

    line: str
    reason: str  # e.g. "subscribe", "comment", "share", "image-credit", "repeated", "related", "caption"


@dataclass(frozen=True, slots=True)
class Report:
    """One news report, read and cleaned. ``id`` is a stable hash of the normalised body."""

    id: str
    text: str
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601, date or date and time; None when unknown
    credit: str | None = None  # agency in the byline/dateline: "Reuters" for "MOSCOW (Reuters) -"
    attribution: str | None = None  # agency named in the body: "reported by Reuters"
    language: str | None = None  # ISO 639-1
    dateline: str | None = None  # place the opening dateline names: "Dhaka" for "DHAKA, Nov 9 (Reuters) -"
    captions: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["captions"] = list(self.captions)
        d["removed"] = [asdict(r) for r in self.removed]
        return d


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input item that could not be read: where it came from and why."""

    path: str
    reason: str


# --- stage 2: stories and provenance ----------------------------------------------------------

Relation = Literal["origin", "republication", "rewrite", "follow-up", "independent"]
PassageKind = Literal["verbatim", "paraphrase"]


@dataclass(frozen=True, slots=True)
class Passage:
    """A reused passage: characters [start, end) of this report match [from_start, from_end) of the other,
    word for word (``verbatim``) or restated in other words (``paraphrase``, a whole sentence each side)."""

    start: int
    end: int
    from_start: int
    from_end: int
    kind: PassageKind = "verbatim"

    def as_list(self) -> list:
        """How the store keeps it: [start, end, from_start, from_end] and the kind when not verbatim."""
        row: list = [self.start, self.end, self.from_start, self.from_end]
        return row if self.kind == "verbatim" else [*row, self.kind]


@dataclass(frozen=True, slots=True)
class Reuse:
    """What a report took from one other report (``source`` = that report's id)."""

    source: str
    passages: tuple[Passage, ...]
    share: float  # share of this report's characters covered by the passages


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one report stands: its story, its relation to the story's origin, what it reused."""

    report_id: str
    story_id: str
    relation: Relation
    origin: str  # report id of the story's origin (itself when relation == "origin")
    reused: tuple[Reuse, ...] = ()
    share: float = 0.0  # share of this report reused from others (0 for the origin)


@dataclass(frozen=True, slots=True)
class Story:
    """Reports of one real-world event or development across outlets."""

    id: str
    origin: str
    report_ids: tuple[str, ...]
    first: str | None = None  # earliest publication time
    last: str | None = None
    outlets: tuple[str, ...] = ()
    title: str | None = None


# --- stage 3: events --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor mention: country (ISO 3166 alpha-3) + sector (PLOVER/CAMEO agent code)."""

    text: str
    country: str | None = None
    sector: str | None = None
    kind: str | None = None  # "state", "person", "organisation", "igo", "group"
    name: str | None = None  # canonical name: "Sergei Lavrov", "Confederation of Sahel States"
    members: tuple[str, ...] = ()  # ISO3 members, for IGOs

    @property
    def code(self) -> str:
        """CAMEO-style code: ``RUSGOV``, ``MLI``, ``IGO``."""
        return f"{self.country or ''}{self.sector or ''}" or (self.kind or "").upper()

    @property
    def key(self) -> str:
        """What identifies the actor across mentions: its code, else its name, else its words."""
        return self.code or (self.name or self.text).lower()


@dataclass(frozen=True, slots=True)
class Place:
    """A GeoNames place. ``country`` is ISO 3166 alpha-2 as GeoNames has it."""

    name: str
    country: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class When:
    """A date or date range (ISO dates; a year alone as ``2012``)."""

    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in one report that supports an event: report.text[start:end] is the evidence."""

    report_id: str
    start: int
    end: int
    text: str
    sentence: int = 0  # sentence index within the report
    outlet: str | None = None


Modality = Literal["asserted", "planned", "denied", "hypothetical", "historical"]


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when and where, with every mention that supports it."""

    id: str
    type: str  # PLOVER type: "CONSULT"
    source: tuple[Actor, ...]
    target: tuple[Actor, ...]
    mode: str | None = None  # PLOVER mode: "visit"
    context: tuple[str, ...] = ()
    cameo: str | None = None  # CAMEO code: "036"
    goldstein: float | None = None
    modality: Modality = "asserted"
    date: When = field(default_factory=When)
    location: Place | None = None
    mentions: tuple[Mention, ...] = ()
    confidence: float = 0.5

    @property
    def evidence(self) -> Mention | None:
        return self.mentions[0] if self.mentions else None

    @property
    def n_reports(self) -> int:
        return len({m.report_id for m in self.mentions})

    @property
    def n_outlets(self) -> int:
        return len({m.outlet or m.report_id for m in self.mentions})

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        ev = self.evidence
        d["evidence"] = {"start": ev.start, "end": ev.end, "text": ev.text} if ev else None
        d["n_reports"] = self.n_reports
        d["n_outlets"] = self.n_outlets
        return d
