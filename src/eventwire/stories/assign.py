"""Streaming story assignment over a time-bounded candidate index.

``StoryIndex.place(report)`` puts one report in a story in one step: a copy joins its original's story
(exact key, then MinHash LSH); otherwise the report is compared with the stories that share its most
telling words and names within the time window, joins the most probable one when the learned pair score
(``pairs``) says it is the same event, or opens a new story. When a report is very probably the event of
two stories it bridges them and they merge. Nothing is ever re-clustered: the cost of a report depends on
the stories in its window, not on the size of the store.

A report is seen three ways: tf-idf vectors of its content words and of its names (the idf is learnt from
the stream itself), a MiniLM embedding of its title and lead (one encoding per report: separately written
reports of one event say the same thing in other words), and its time (publication day, days named in the
lead). ``consider`` works out the pair features against each candidate, ``commit`` records a decision.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
from datasketch import MinHashLSH

from eventwire.model import Report
from eventwire.stories.fingerprint import (
    NUM_PERM,
    Features,
    exact_key,
    features,
    idf,
    lead_text,
    minhash,
    minhash_bytes,
    minhash_from_values,
    tokens,
)
from eventwire.stories.pairs import Model, Pair, model


@dataclass(frozen=True)
class Config:
    """Parameters. The structural ones (window, budgets, caps) are set by cost, not by data; how signals
    weigh against each other is learnt (``pairs``, with its join and merge probabilities). Days named in the
    lead are a soft signal (ten days' slack): reports of one event also name other days (the background, the
    follow-up), so a day named in the lead is a hint of when it happened, not a proof."""

    meaning: bool = True  # embed title and lead with MiniLM (off: the pair features see words and names only)
    threshold: float | None = None  # probability to join a story; None: the trained model's
    merge_threshold: float | None = None  # probability with two stories that bridges them; None: the model's
    lead_boost: float = 2.0  # title and lead words count double: they say what the report is about
    window_days: int = 7  # a report may join a story whose reports are at most this many days away
    copy_jaccard: float = 0.7  # MinHash LSH threshold for near copies (5-word shingles)
    query_terms: int = 30  # most telling words/names of a report used to find candidates
    max_candidates: int = 60
    max_scored: int = 20  # of those, the nearest in meaning get the full pair features (ECB+ and PAC place every
    # report the same scoring 5, 10, 20 or all 60: a story far in meaning never joins; at 100k stored a report
    # costs 1.25 ms instead of 1.9)
    max_posting: int = 400  # stories kept per word (the most recent)
    scan_budget: int = 2000  # posting entries read per report: bounds the cost when the window is full
    max_centroid: int = 300  # words kept per story summary
    date_slack: int = 10  # days apart that still count as one event's time (follow-ups name later days)
    keep_days: int = 21  # stories whose last report is older than this (behind the newest) leave memory
    recent: int = 4  # embeddings of a story's latest reports kept beside its mean
    max_terms: int = 200_000  # document frequencies kept; the rarest are pruned beyond this


@dataclass
class StoryState:
    """What the index keeps about one story: its summary vectors and time span."""

    id: str
    founder: str  # id of the report that opened it
    terms: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)
    first_day: int | None = None
    last_day: int | None = None
    size: int = 0
    tick: int = 0  # arrival counter of its last report (recency when days are unknown)
    years: dict[int, int] = field(default_factory=dict)  # publication years of its reports, where known
    dates: dict[int, int] = field(default_factory=dict)  # calendar days named in its reports' leads
    norms: tuple[float, float] | None = None  # of terms and names; None when they changed
    meaning: np.ndarray | None = None  # sum of its reports' embeddings
    main: list[tuple[str, float]] | None = None  # its five weightiest names, set with norms
    recent: list[np.ndarray] = field(default_factory=list)  # embeddings of its latest reports (float16)
    encoder: str = ""  # id of the encoder that made its embeddings (another encoder's are not comparable)
    unit: np.ndarray | None = None  # its mean embedding at unit length, set with norms
    latest: np.ndarray | None = None  # ``recent`` as one float32 matrix, set with norms

    def norm(self) -> tuple[float, float]:
        if self.norms is None:  # its words, names or embeddings changed: the summaries derived from them too
            self.norms = (_norm(self.terms), _norm(self.names))
            self.main = heapq.nlargest(MAIN_NAMES, self.names.items(), key=lambda kv: kv[1])
            n = float(np.linalg.norm(self.meaning)) if self.meaning is not None else 0.0
            self.unit = self.meaning / n if n else None
            self.latest = np.stack(self.recent).astype(np.float32) if self.recent else None
        return self.norms

    def main_names(self) -> list[tuple[str, float]]:
        """Its five weightiest names."""
        self.norm()
        return self.main or []

    def to_json(self) -> dict[str, Any]:
        out = {"founder": self.founder, "terms": self.terms, "names": self.names, "size": self.size,
               "years": self.years, "dates": self.dates}
        if self.meaning is not None:
            out["meaning"] = _b64(self.meaning.astype(np.float32))
            out["recent"] = [_b64(v.astype(np.float16)) for v in self.recent]
            out["encoder"] = self.encoder
        return out

    @classmethod
    def from_json(cls, sid: str, state: dict[str, Any], first: int | None, last: int | None, tick: int) -> StoryState:
        s = cls(sid, state["founder"], state["terms"], state["names"], first, last, state["size"], tick,
                {int(y): c for y, c in state.get("years", {}).items()},
                {int(d): c for d, c in state.get("dates", {}).items()})
        if "meaning" in state:
            s.meaning = _unb64(state["meaning"], np.float32)
            s.recent = [_unb64(v, np.float16) for v in state.get("recent", [])]
            s.encoder = state.get("encoder", "")
        return s

    def renew(self, vectors: np.ndarray, encoder: str, recent: int) -> None:
        """Its embeddings made again (by ``encoder``) from its reports' vectors, oldest first."""
        self.meaning = vectors.astype(np.float32).sum(axis=0)
        self.recent = [v.astype(np.float16) for v in vectors[-recent:]] if recent > 1 else []
        self.encoder = encoder
        self.norms = None


def _b64(v: np.ndarray) -> str:
    return base64.b64encode(v.tobytes()).decode("ascii")


def _unb64(text: str, dtype: type) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=dtype).copy()


@dataclass(frozen=True)
class Decision:
    """Where ``place`` put a report: its story, whether it opened it, a copy it matched, stories merged in."""

    report_id: str
    story_id: str
    opened: bool
    copy_of: str | None = None
    score: float = 0.0
    merged: tuple[str, ...] = ()


class Archive(Protocol):
    """Stories that left memory, recalled by time for late reports."""

    def keep(self, stories: list[StoryState]) -> None: ...

    def recall(self, first_day: int, last_day: int) -> list[StoryState]: ...


class MemoryArchive:
    """An archive in memory, for ``cluster`` over a batch (the store is the archive of the store-backed loop)."""

    def __init__(self) -> None:
        self.stories: dict[str, StoryState] = {}

    def keep(self, stories: list[StoryState]) -> None:
        self.stories.update((s.id, s) for s in stories)

    def recall(self, first_day: int, last_day: int) -> list[StoryState]:
        out = [s for s in self.stories.values() if s.last_day is not None and s.first_day is not None
               and s.last_day >= first_day and s.first_day <= last_day]
        for s in out:
            del self.stories[s.id]
        return out


@dataclass(frozen=True)
class Plan:
    """A report seen against the index, before the decision: what ``commit`` needs to record it."""

    report: Report
    features: Features
    key: str  # exact-copy key
    minhash: bytes
    terms: dict[str, float]  # unit tf-idf vectors
    names: dict[str, float]
    meaning: np.ndarray | None  # unit embedding of title and lead
    copy_of: str | None  # the report it copies, if any
    candidates: list[tuple[str, Pair, float]]  # (story id, pair features, probability), when it copies none


def embed_reports(reports: list[Report]) -> np.ndarray:
    """The story encoder's embeddings of the reports' titles and leads, one row each."""
    from eventwire.stories.embed import embed

    return embed([lead_text(r.text, r.title) for r in reports])


def story_id_for(report_id: str) -> str:
    """Stable story id from the report that opened it."""
    return "s" + hashlib.blake2b(report_id.encode("utf-8"), digest_size=6).hexdigest()


def _unit(v: dict[str, float]) -> dict[str, float]:
    n = math.sqrt(sum(x * x for x in v.values()))
    return {k: x / n for k, x in v.items()} if n else {}


def _norm(v: dict[str, float]) -> float:
    return math.sqrt(sum(x * x for x in v.values()))


def _cos(a: dict[str, float], b: dict[str, float], nb: float) -> float:
    """cos(a, b) for unit ``a`` and ``b`` of norm ``nb``."""
    if not a or not b or not nb:
        return 0.0
    if len(a) > len(b):
        get = a.get
        dot = sum(x * get(k, 0.0) for k, x in b.items())
    else:
        get = b.get
        dot = sum(x * get(k, 0.0) for k, x in a.items())
    return dot / nb


MAIN_NAMES = 5  # a story's main names: those a report of the same event is expected to name too
MAX_DATES = 12  # calendar days kept per story (the most often named)


def _count(into: dict[int, int], days: Any) -> None:
    """Add named days (a set, or counts) to a story's; keep the most named when there are too many."""
    for d in days:
        into[d] = into.get(d, 0) + (days[d] if isinstance(days, dict) else 1)
    if len(into) > MAX_DATES:
        keep = heapq.nlargest(MAX_DATES, into.items(), key=lambda kv: kv[1])
        into.clear()
        into.update(keep)


def _near(a: frozenset[int], b: dict[int, int], slack: int) -> bool:
    """Whether some day of ``a`` is within ``slack`` days of one of ``b`` (month * 32 + day, no year: the
    distance goes round the calendar, so 30 December and 2 January are near)."""
    for x in a:
        for y in b:
            g = abs(_day_of_year(x) - _day_of_year(y))
            if min(g, 365.25 - g) <= slack:
                return True
    return False


def _day_of_year(x: int) -> float:
    return (x // 32 - 1) * 30.44 + x % 32


def _add(into: dict[str, float], v: dict[str, float], cap: int) -> None:
    for k, x in v.items():
        into[k] = into.get(k, 0.0) + x
    if len(into) > 2 * cap:
        keep = heapq.nlargest(cap, into.items(), key=lambda kv: kv[1])
        into.clear()
        into.update(keep)


class StoryIndex:
    """The in-memory state of story assignment; load/save through the store (``Store.load_story_index``)."""

    def __init__(self, config: Config | None = None, *, persist: bool = False, pair_model: Model | None = None,
                 archive: Archive | None = None):
        """``persist``: keep track of changes for ``drain()`` (the store-backed loop); off in memory.
        ``pair_model``: the pair score (default: the trained one shipped with eventwire).
        ``archive``: where stories that left memory can be recalled from for a late report (the store, or
        ``MemoryArchive``); without one a report older than the memory horizon finds only what is left."""
        self.archive = archive
        self.config = config or Config()
        self.persist = persist
        self.encoder = ""  # the id of the encoder that embeds reports (set when the first vector comes)
        self.df: Counter[str] = Counter()
        self.n = 0
        self.tick = 0
        self.stories: dict[str, StoryState] = {}
        self.report_story: dict[str, str] = {}
        self.merged: dict[str, str] = {}  # story id → the story it was merged into
        self.postings: dict[str, dict[str, None]] = {}  # word/name → story ids, oldest first
        self.exact: dict[str, str] = {}  # exact key → report id
        self.lsh = MinHashLSH(threshold=self.config.copy_jaccard, num_perm=NUM_PERM)
        self.model: Model = pair_model or model()
        self.fingerprints: dict[str, tuple[str, bytes, int | None]] = {}  # report id → (exact, minhash, day)
        self.latest_day: int | None = None
        self._evicted_at: int | None = None
        # changes since the last drain, for the store
        self._dirty: set[str] = set()
        self._new_fps: list[str] = []
        self._df_changed: set[str] = set()
        self._df_removed: set[str] = set()

    # --- placing ----------------------------------------------------------------------------

    def story_of(self, report_id: str) -> str | None:
        sid = self.report_story.get(report_id)
        return self.resolve(sid) if sid else None

    def resolve(self, story_id: str) -> str:
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def place(self, report: Report, feats: Features | None = None, meaning: np.ndarray | None = None) -> Decision:
        """Put ``report`` in a story: the one it copies, else the most probable above the threshold, else a
        new one. ``meaning``: its embedding when already computed (``embed_reports`` does a batch at once)."""
        if report.id in self.report_story:
            return Decision(report.id, self.story_of(report.id) or "", False)
        plan = self.consider(report, feats, meaning)
        return self.commit(plan, self.choose(plan))

    def consider(self, report: Report, feats: Features | None = None, meaning: np.ndarray | None = None) -> Plan:
        """What ``place`` decides from: the copy it matches, else each candidate story's pair features."""
        f = feats or features(report.text, report.title, report.published)
        words = [w for w, _, _ in tokens(report.text)]
        key = exact_key(report.text)
        mh = minhash(words)
        copy_of = self.exact.get(key)
        if copy_of is None and words:
            near = [r for r in self.lsh.query(mh) if r in self.report_story and self._in_window(self.story_of(r), f.day)]
            if near:
                copy_of = max(near, key=lambda r: mh.jaccard(minhash_from_values(self.fingerprints[r][1])))
        if meaning is None and self.config.meaning:
            meaning = embed_reports([report])[0]
        if self.archive is not None and f.day is not None and self.latest_day is not None \
                and f.day < self.latest_day - self.config.keep_days:
            self._recall(f.day)
        term_vec, name_vec = self._vectors(f)
        candidates = [] if copy_of is not None else [(sid, x, self.model.probability(x))
                                                      for sid, x in self._pairs(term_vec, name_vec, meaning, f)]
        return Plan(report, f, key, minhash_bytes(mh), term_vec, name_vec, meaning, copy_of, candidates)

    def choose(self, plan: Plan) -> list[str]:
        """The stories the report joins: its copy's; or the most probable, with any it bridges; or none."""
        if plan.copy_of is not None:
            return [self.story_of(plan.copy_of) or ""]
        m = self.model
        ranked = sorted(((p, sid) for sid, _, p in plan.candidates), reverse=True)
        join = self.config.threshold if self.config.threshold is not None else m.threshold
        merge = self.config.merge_threshold if self.config.merge_threshold is not None else m.merge
        if not ranked or ranked[0][0] < join:
            return []
        if ranked[0][0] >= merge:
            return [sid for p, sid in ranked if p >= merge]
        return [ranked[0][1]]

    def commit(self, plan: Plan, stories: list[str]) -> Decision:
        """Record the decision: join ``stories`` (merging them when several), or open a new story when empty."""
        report, f = plan.report, plan.features
        self.tick += 1
        merged: tuple[str, ...] = ()
        if stories:
            sid = self._merge(stories) if len(stories) > 1 else stories[0]
            merged = tuple(s for s in stories if s != sid)
            opened = False
        else:
            sid = story_id_for(report.id)
            self.stories[sid] = StoryState(sid, report.id)
            opened = True
        self._add(sid, report.id, plan.terms, plan.names, f, plan.meaning)
        self._remember(report.id, plan.key, plan.minhash, f.day)
        if f.day is not None and (self.latest_day is None or f.day > self.latest_day):
            self.latest_day = f.day
            if self._evicted_at is None or f.day - self._evicted_at >= 1:  # at most once a day of news
                self._evicted_at = f.day
                self.evict(f.day - self.config.keep_days)
        score = 1.0 if plan.copy_of else max((p for s, _, p in plan.candidates if s == sid), default=0.0)
        return Decision(report.id, sid, opened, plan.copy_of, score, merged)

    def _vectors(self, f: Features) -> tuple[dict[str, float], dict[str, float]]:
        n, df, boost = self.n, self.df, self.config.lead_boost
        t = {k: (1 + math.log(c)) * idf(df.get(k, 0), n) * (boost if k in f.lead else 1.0) for k, c in f.terms.items()}
        m = {k: (1 + math.log(c)) * idf(df.get("N:" + k, 0), n) for k, c in f.names.items()}
        return _unit(t), _unit(m)

    def _in_window(self, sid: str | None, day: int | None) -> bool:
        if sid is None or sid not in self.stories:
            return False
        return self._gap(self.stories[sid], day) <= self.config.window_days

    @staticmethod
    def _gap(s: StoryState, day: int | None) -> int:
        if day is None or s.first_day is None or s.last_day is None:
            return 0
        if day < s.first_day:
            return s.first_day - day
        return max(0, day - s.last_day)

    def _candidates(self, term_vec: dict[str, float], name_vec: dict[str, float]) -> list[str]:
        """Stories sharing the report's most telling words, rarest first, within a fixed scanning budget."""
        cfg = self.config
        query = heapq.nlargest(cfg.query_terms, [*term_vec.items(), *(("N:" + k, x) for k, x in name_vec.items())],
                               key=lambda kv: kv[1])
        hits: dict[str, float] = {}
        budget = cfg.scan_budget
        for k, w in query:
            posting = self.postings.get(k)
            if not posting:
                continue
            for s in reversed(posting):  # most recent first
                hits[s] = hits.get(s, 0.0) + w
                budget -= 1
                if not budget:
                    break
            if budget <= 0:
                break
        best = heapq.nlargest(cfg.max_candidates, hits.items(), key=lambda kv: kv[1])
        return [s for s, _ in best if s in self.stories]

    def _pairs(self, term_vec: dict[str, float], name_vec: dict[str, float], meaning: np.ndarray | None,
               f: Features) -> list[tuple[str, Pair]]:
        cfg = self.config
        out = []
        lead = [(k, x) for k, x in name_vec.items() if k in f.lead_names]  # the report's side: once
        total = sum(x for _, x in lead)
        gaps = {sid: self._gap(self.stories[sid], f.day) for sid in self._candidates(term_vec, name_vec)}
        scored = [sid for sid, gap in gaps.items() if gap <= cfg.window_days]
        cos: dict[str, float] = {}
        if meaning is not None and len(scored) > cfg.max_scored:  # the nearest in meaning are scored in full
            cos = {sid: self._meaning_cos(self.stories[sid], meaning) for sid in scored}
            keep = set(heapq.nlargest(cfg.max_scored, scored, key=cos.__getitem__))
            scored = [sid for sid in scored if sid in keep]
        for sid in scored:
            s = self.stories[sid]
            gap = gaps[sid]
            tn, nn = s.norm()
            ct = _cos(term_vec, s.terms, tn)
            cn = _cos(name_vec, s.names, nn)
            mean = best = 0.0
            if meaning is not None and s.unit is not None:
                mean = cos[sid] if sid in cos else float(meaning @ s.unit)  # computed once when pruning
                best = float((s.latest @ meaning).max()) if s.latest is not None else mean
            near = _near(f.dates, s.dates, cfg.date_slack) if f.dates and s.dates else False
            new = sum(x for k, x in lead if k not in s.names) / total if total else 0.0
            main = s.main_names()
            lost = sum(x for k, x in main if k not in name_vec) / max(sum(x for _, x in main), 1e-9) if main else 0.0
            out.append((sid, Pair(
                terms=ct, names=cn, meaning=max(0.0, mean), meaning_best=max(0.0, best),
                no_names=not (name_vec and s.names), new_names=new, lost_names=lost,
                gap=gap / max(cfg.window_days, 1),
                no_day=f.day is None or s.first_day is None,
                other_year=f.year is not None and bool(s.years) and f.year not in s.years,
                other_date=bool(f.dates and s.dates) and not near,
                same_date=bool(f.dates.intersection(s.dates)),
                size=min(1.0, math.log(1 + s.size) / 4))))
        return out

    @staticmethod
    def _meaning_cos(s: StoryState, meaning: np.ndarray) -> float:
        """cos of the report's embedding and the story's mean one (-1 for a story embedded by nothing)."""
        s.norm()  # sets s.unit
        return float(meaning @ s.unit) if s.unit is not None else -1.0

    def _add(self, sid: str, report_id: str, term_vec: dict[str, float], name_vec: dict[str, float], f: Features,
             meaning: np.ndarray | None = None) -> None:
        cfg = self.config
        s = self.stories[sid]
        if meaning is not None:
            if not self.encoder:
                from eventwire.stories.embed import encoder_id

                self.encoder = encoder_id()
            s.encoder = s.encoder or self.encoder
            s.meaning = meaning.astype(np.float32) if s.meaning is None else s.meaning + meaning
            s.recent = [*s.recent[-(cfg.recent - 1):], meaning.astype(np.float16)] if cfg.recent > 1 else []
        _add(s.terms, term_vec, cfg.max_centroid)
        _add(s.names, name_vec, cfg.max_centroid)
        s.size += 1
        s.norms = None
        if f.year is not None:
            s.years[f.year] = s.years.get(f.year, 0) + 1
        _count(s.dates, f.dates)
        s.tick = self.tick
        if f.day is not None:
            s.first_day = f.day if s.first_day is None else min(s.first_day, f.day)
            s.last_day = f.day if s.last_day is None else max(s.last_day, f.day)
        self.report_story[report_id] = sid
        self._post(sid, [*term_vec, *("N:" + k for k in name_vec)])
        self.n += 1
        for k in f.terms:
            self.df[k] += 1
        for k in f.names:
            self.df["N:" + k] += 1
        if self.persist:
            self._df_changed.update(f.terms)
            self._df_changed.update("N:" + k for k in f.names)
            self._dirty.add(sid)
        if len(self.df) > cfg.max_terms:
            self._prune()

    def _prune(self) -> None:
        """Forget the document frequencies of the rarest words (a word seen once or twice in a long stream
        weighs as an unseen one: the idf barely moves), keeping memory bounded."""
        keep = dict(heapq.nlargest(int(0.8 * self.config.max_terms), self.df.items(), key=lambda kv: kv[1]))
        gone = [k for k in self.df if k not in keep]
        self.df = Counter(keep)
        if self.persist:
            self._df_removed.update(gone)
            self._df_changed.difference_update(gone)

    def _recall(self, day: int) -> None:
        """Bring back the archived stories a late report of ``day`` may belong to."""
        assert self.archive is not None
        w = self.config.window_days
        for s in self.archive.recall(day - w, day + w):
            if s.id not in self.stories and s.id not in self.merged:
                self.stories[s.id] = s
                self._post(s.id, [*s.terms, *("N:" + k for k in s.names)])
                self.changed(s.id)  # saved again: the archive may have renewed its embeddings (rare: late reports)

    def _post(self, sid: str, keys: list[str]) -> None:
        cap = self.config.max_posting
        for k in keys:
            posting = self.postings.setdefault(k, {})
            posting.pop(sid, None)
            posting[sid] = None  # most recent last
            if len(posting) > cap:
                del posting[next(iter(posting))]

    def _remember(self, report_id: str, key: str, mh: bytes, day: int | None) -> None:
        self.exact.setdefault(key, report_id)
        if report_id not in self.fingerprints:
            self.lsh.insert(report_id, minhash_from_values(mh))
        self.fingerprints[report_id] = (key, mh, day)
        if self.persist:
            self._new_fps.append(report_id)

    def _merge(self, sids: list[str]) -> str:
        """Merge stories into the one opened first (by tick of founding is unknown: the largest keeps its id)."""
        keep = max(sids, key=lambda s: (self.stories[s].size, -self.stories[s].tick))
        k = self.stories[keep]
        for sid in sids:
            if sid == keep:
                continue
            s = self.stories.pop(sid)
            _add(k.terms, s.terms, self.config.max_centroid)
            _add(k.names, s.names, self.config.max_centroid)
            k.size += s.size
            k.norms = None
            for y, c in s.years.items():
                k.years[y] = k.years.get(y, 0) + c
            _count(k.dates, s.dates)
            if s.meaning is not None:
                k.meaning = s.meaning.copy() if k.meaning is None else k.meaning + s.meaning
                k.recent = (k.recent + s.recent)[-self.config.recent:]
            for d in (s.first_day, s.last_day):
                if d is not None:
                    k.first_day = d if k.first_day is None else min(k.first_day, d)
                    k.last_day = d if k.last_day is None else max(k.last_day, d)
            self.merged[sid] = keep
            self._post(keep, [*s.terms, *("N:" + x for x in s.names)])
            if self.persist:
                self._dirty.add(sid)
        if self.persist:
            self._dirty.add(keep)
        return keep

    # --- memory bound -----------------------------------------------------------------------

    def evict(self, before_day: int) -> list[str]:
        """Forget stories whose last report is before ``before_day`` (they stay in the store)."""
        gone = [sid for sid, s in self.stories.items()
                if s.last_day is not None and s.last_day < before_day and sid not in self._dirty]
        if self.archive is not None and gone:
            self.archive.keep([self.stories[sid] for sid in gone])
        for sid in gone:
            s = self.stories.pop(sid)
            for k in [*s.terms, *("N:" + x for x in s.names)]:
                posting = self.postings.get(k)
                if posting is not None:
                    posting.pop(sid, None)
                    if not posting:
                        del self.postings[k]
        unsaved = set(self._new_fps)  # placed but not yet drained to the store: keep until they are
        for rid in [r for r, (_, _, d) in self.fingerprints.items()
                    if d is not None and d < before_day and r not in unsaved]:
            key = self.fingerprints.pop(rid)[0]
            self.lsh.remove(rid)
            if self.exact.get(key) == rid:
                del self.exact[key]
            self.report_story.pop(rid, None)  # out of the window: a copy of it now opens a story of its own
        return gone

    # --- persistence hooks ------------------------------------------------------------------

    def drain(self) -> dict[str, Any]:
        """Changes since the last drain: story states, merges, fingerprints and document frequencies."""
        out = {
            "stories": [self.stories[s] for s in self._dirty if s in self.stories],
            "merged": {s: self.resolve(s) for s in self._dirty if s in self.merged},
            "fingerprints": [(r, self.report_story[r], *self.fingerprints[r]) for r in self._new_fps
                             if r in self.fingerprints and r in self.report_story],
            "df": {k: self.df[k] for k in self._df_changed},
            "df_removed": sorted(k for k in self._df_removed if k not in self.df),  # unless seen again since
            "n": self.n,
            "tick": self.tick,
        }
        self._dirty.clear()
        self._new_fps.clear()
        self._df_changed.clear()
        self._df_removed.clear()
        return out

    def changed(self, sid: str) -> None:
        """Save this story's state with the next ``drain`` (something outside the index renewed it)."""
        if self.persist:
            self._dirty.add(sid)

    def restore(self, *, n: int, tick: int, df: dict[str, int],
                stories: list[tuple[str, dict[str, Any], int | None, int | None, int]],
                fingerprints: list[tuple[str, str, str, bytes, int | None]], merged: dict[str, str]) -> None:
        """Rebuild the in-memory state from what the store kept (stories in the window and their copies)."""
        self.n = n
        self.tick = tick
        self.df = Counter(df)
        self.merged = dict(merged)
        for sid, state, first, last, t in sorted(stories, key=lambda s: s[4]):
            s = StoryState.from_json(sid, state, first, last, t)
            self.stories[sid] = s
            self._post(sid, [*s.terms, *("N:" + k for k in s.names)])
        days = [s[3] for s in stories if s[3] is not None]
        self.latest_day = max(days) if days else None
        for rid, sid, key, mh, day in fingerprints:
            self.report_story[rid] = self.resolve(sid)
            self.exact.setdefault(key, rid)
            if rid not in self.fingerprints:
                self.lsh.insert(rid, minhash_from_values(mh))
            self.fingerprints[rid] = (key, mh, day)
