"""Streaming story assignment over a time-bounded candidate index.

``StoryIndex.place(report)`` puts one report in a story in one step: a copy joins its original's story
(exact key, then MinHash LSH); otherwise the report is scored against the stories that share its most
telling words and names within the time window, joins the best one above the threshold or opens a new
story. When a report scores high with two stories it bridges them and they merge. Nothing is ever
re-clustered: the cost of a report depends on the stories in its window, not on the size of the store.

The score of a report against a story is ``TERM_WEIGHT * cos(terms) + NAME_WEIGHT * cos(names)`` over
tf-idf vectors (the idf is learnt from the stream itself), times a factor that falls with the days between
the report and the story. Names (capitalised words, numbers) carry more weight than topic words because
they are what tells two earthquakes apart.
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from datasketch import MinHashLSH

from eventwire.model import Report
from eventwire.stories.fingerprint import (
    NUM_PERM,
    Features,
    exact_key,
    features,
    idf,
    minhash,
    minhash_bytes,
    minhash_from_values,
    tokens,
)


@dataclass(frozen=True)
class Config:
    """Parameters. The structural ones (window, budgets, caps) are set by cost, not by data. The threshold
    (0.3) and the name weight (0.7) were picked from a coarse grid on shuffled ECB+ runs; each half of its
    topics scores the same with them (benchmarks/stories.py), and the ablations there show what each adds.
    The date factor is soft (0.8, with ten days' slack): reports of one event also name other days (the
    background, the follow-up), so a day named in the lead is a hint of when it happened, not a proof."""

    threshold: float = 0.3  # score to join a story
    merge_threshold: float = 0.6  # a report scoring this with two stories bridges them
    term_weight: float = 0.3
    name_weight: float = 0.7
    lead_boost: float = 2.0  # title and lead words count double: they say what the report is about
    window_days: int = 7  # a report may join a story whose reports are at most this many days away
    copy_jaccard: float = 0.7  # MinHash LSH threshold for near copies (5-word shingles)
    query_terms: int = 30  # most telling words/names of a report used to find candidates
    max_candidates: int = 60
    max_posting: int = 400  # stories kept per word (the most recent)
    scan_budget: int = 2000  # posting entries read per report: bounds the cost when the window is full
    max_centroid: int = 300  # words kept per story summary
    other_year: float = 0.8  # factor when the report's year is not a year of the story's reports
    other_date: float = 0.8  # factor when no day named in the report's lead is near a day named in the story's
    date_slack: int = 10  # days apart that still count as one event's time (follow-ups name later days)
    keep_days: int = 21  # stories whose last report is older than this (behind the newest) leave memory


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

    def norm(self) -> tuple[float, float]:
        if self.norms is None:
            self.norms = (_norm(self.terms), _norm(self.names))
        return self.norms

    def to_json(self) -> dict[str, Any]:
        return {"founder": self.founder, "terms": self.terms, "names": self.names, "size": self.size,
                "years": self.years, "dates": self.dates}


@dataclass(frozen=True)
class Decision:
    """Where ``place`` put a report: its story, whether it opened it, a copy it matched, stories merged in."""

    report_id: str
    story_id: str
    opened: bool
    copy_of: str | None = None
    score: float = 0.0
    merged: tuple[str, ...] = ()


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

    def __init__(self, config: Config | None = None, *, persist: bool = False):
        """``persist``: keep track of changes for ``drain()`` (the store-backed loop); off in memory."""
        self.config = config or Config()
        self.persist = persist
        self.df: Counter[str] = Counter()
        self.n = 0
        self.tick = 0
        self.stories: dict[str, StoryState] = {}
        self.report_story: dict[str, str] = {}
        self.merged: dict[str, str] = {}  # story id → the story it was merged into
        self.postings: dict[str, dict[str, None]] = {}  # word/name → story ids, oldest first
        self.exact: dict[str, str] = {}  # exact key → report id
        self.lsh = MinHashLSH(threshold=self.config.copy_jaccard, num_perm=NUM_PERM)
        self.fingerprints: dict[str, tuple[str, bytes, int | None]] = {}  # report id → (exact, minhash, day)
        self.latest_day: int | None = None
        self._evicted_at: int | None = None
        # changes since the last drain, for the store
        self._dirty: set[str] = set()
        self._new_fps: list[str] = []
        self._df_changed: set[str] = set()

    # --- placing ----------------------------------------------------------------------------

    def story_of(self, report_id: str) -> str | None:
        sid = self.report_story.get(report_id)
        return self.resolve(sid) if sid else None

    def resolve(self, story_id: str) -> str:
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    def place(self, report: Report, feats: Features | None = None) -> Decision:
        if report.id in self.report_story:
            return Decision(report.id, self.story_of(report.id) or "", False)
        cfg = self.config
        f = feats or features(report.text, report.title, report.published)
        words = [w for w, _, _ in tokens(report.text)]
        key = exact_key(report.text)
        mh = minhash(words)
        self.tick += 1

        copy_of = self.exact.get(key)
        if copy_of is None and words:
            near = [r for r in self.lsh.query(mh) if r in self.report_story and self._in_window(self.story_of(r), f.day)]
            if near:
                copy_of = max(near, key=lambda r: mh.jaccard(minhash_from_values(self.fingerprints[r][1])))
        term_vec, name_vec = self._vectors(f)
        merged: tuple[str, ...] = ()
        score = 1.0
        if copy_of is not None:
            sid = self.story_of(copy_of)
            opened = False
        else:
            ranked = self._score(term_vec, name_vec, f.day, f.year, f.dates)
            if ranked and ranked[0][0] >= cfg.threshold:
                score, sid = ranked[0]
                opened = False
                bridged = [s for sc, s in ranked[1:] if sc >= cfg.merge_threshold]
                if bridged and score >= cfg.merge_threshold:
                    sid = self._merge([sid, *bridged])
                    merged = tuple(s for s in [ranked[0][1], *bridged] if s != sid)
            else:
                score = ranked[0][0] if ranked else 0.0
                sid = story_id_for(report.id)
                self.stories[sid] = StoryState(sid, report.id)
                opened = True
        assert sid is not None
        self._add(sid, report.id, term_vec, name_vec, f)
        self._remember(report.id, key, minhash_bytes(mh), f.day)
        if f.day is not None and (self.latest_day is None or f.day > self.latest_day):
            self.latest_day = f.day
            if self._evicted_at is None or f.day - self._evicted_at >= 1:  # at most once a day of news
                self._evicted_at = f.day
                self.evict(f.day - cfg.keep_days)
        return Decision(report.id, sid, opened, copy_of, score, merged)

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

    def _score(self, term_vec: dict[str, float], name_vec: dict[str, float], day: int | None,
               year: int | None = None, dates: frozenset[int] = frozenset()) -> list[tuple[float, str]]:
        cfg = self.config
        out = []
        for sid in self._candidates(term_vec, name_vec):
            s = self.stories[sid]
            gap = self._gap(s, day)
            if gap > cfg.window_days:
                continue
            tn, nn = s.norm()
            ct = _cos(term_vec, s.terms, tn)
            if name_vec and s.names:
                sc = cfg.term_weight * ct + cfg.name_weight * _cos(name_vec, s.names, nn)
            else:
                sc = ct
            sc *= 1.0 - 0.5 * gap / max(cfg.window_days, 1)  # nearer in time, more alike
            if year is not None and s.years and year not in s.years:
                sc *= cfg.other_year
            if dates and s.dates and not _near(dates, s.dates, cfg.date_slack):
                sc *= cfg.other_date
            out.append((sc, sid))
        out.sort(reverse=True)
        return out

    def _add(self, sid: str, report_id: str, term_vec: dict[str, float], name_vec: dict[str, float], f: Features) -> None:
        cfg = self.config
        s = self.stories[sid]
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
            "n": self.n,
            "tick": self.tick,
        }
        self._dirty.clear()
        self._new_fps.clear()
        self._df_changed.clear()
        return out

    def restore(self, *, n: int, tick: int, df: dict[str, int],
                stories: list[tuple[str, dict[str, Any], int | None, int | None, int]],
                fingerprints: list[tuple[str, str, str, bytes, int | None]], merged: dict[str, str]) -> None:
        """Rebuild the in-memory state from what the store kept (stories in the window and their copies)."""
        self.n = n
        self.tick = tick
        self.df = Counter(df)
        self.merged = dict(merged)
        for sid, state, first, last, t in sorted(stories, key=lambda s: s[4]):
            s = StoryState(sid, state["founder"], state["terms"], state["names"], first, last, state["size"], t,
                           {int(y): c for y, c in state.get("years", {}).items()},
                           {int(d): c for d, c in state.get("dates", {}).items()})
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
