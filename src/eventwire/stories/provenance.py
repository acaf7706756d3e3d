"""Provenance of one story: its origin, each report's relation to it, and the passages reused.

Pure functions over the reports of a story. Reused passages are maximal runs of at least ``MIN_RUN``
words (compared lower-cased, quotes and dashes made plain) that appear in both reports, mapped back to
character offsets in each; in a rewrite, also the sentences it restates in other words (``paraphrase``).
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwire.ingest import meta
from eventwire.model import Passage, Placement, Report, Reuse
from eventwire.stories.fingerprint import day_number, exact_key, tokens
from eventwire.stories.paraphrase import restated

MIN_RUN = 7  # words: shorter common runs ("said in a statement on Tuesday") happen by chance
COPY_SHARE = 0.8  # both reports covered this much by common passages: the same text
FOLLOW_UP_DAYS = 1  # published a day or more after the origin, taking little or nothing from it
REWRITE_SHARE = 0.2  # a report that takes less than this and credits no one wrote its own text: shared
# quotes of one statement are what separately written reports of one event have in common
MAX_SOURCES = 8  # earlier reports of the story a report is compared with (the nearest in time)

# Agency names and how a credit or an attribution is written are the reader's knowledge (ingest.meta);
# these helpers only apply it to report lines that arrive without the reader's fields.


def agency(name: str | None) -> str | None:
    """Canonical agency name for a credit or attribution string ("Reuters", "AP" …), or None."""
    if not name:
        return None
    return meta.agency(name) or next(meta.agencies_in(name), None)


def detect_credit(text: str) -> str | None:
    """Agency credited in the first lines (dateline "(Reuters) -", byline "By Reuters"), when the reader gave none."""
    for line in text[:400].splitlines()[:6]:
        found = meta.find_date(line)
        rest = (line[: found[1][0]] + " " + line[found[1][1]:]).strip(" -–—|,") if found else line
        credit = meta.credit(rest) if rest else None
        if credit:
            return credit
    return None


def detect_attribution(text: str) -> str | None:
    """The agency the body names as its source ("reported by Reuters"), when the reader gave none."""
    return meta.attribution(text)


# --- passages --------------------------------------------------------------------------------


def passages(text: str, source: str, min_run: int = MIN_RUN) -> list[Passage]:
    """Maximal common word runs of ``text`` and ``source``: [start, end) in text, [from_start, from_end) in source."""
    a, b = tokens(text), tokens(source)
    if len(a) < min_run or len(b) < min_run:
        return []
    bw = [w for w, _, _ in b]
    aw = [w for w, _, _ in a]
    grams: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(bw) - min_run + 1):
        grams.setdefault(tuple(bw[j:j + min_run]), []).append(j)
    out: list[Passage] = []
    covered_to, diagonal = 0, None  # end (in words) of the last passage and its offset i - j
    for i in range(len(aw) - min_run + 1):
        starts = grams.get(tuple(aw[i:i + min_run]))
        if not starts:
            continue
        best_j, best_len = -1, 0
        for j in starts[:20]:
            if i < covered_to and i - j == diagonal:
                continue  # the same run as the last passage, seen from inside it
            n = min_run
            while i + n < len(aw) and j + n < len(bw) and aw[i + n] == bw[j + n]:
                n += 1
            if n > best_len:
                best_j, best_len = j, n
        if best_len and i + best_len > covered_to:  # a run that reaches further than what is covered
            out.append(Passage(a[i][1], a[i + best_len - 1][2], b[best_j][1], b[best_j + best_len - 1][2]))
            covered_to, diagonal = i + best_len, i - best_j
    return out


def _covered(spans: list[tuple[int, int]]) -> int:
    total, end = 0, -1
    for s, e in sorted(spans):
        if e <= end:
            continue
        total += e - max(s, end)
        end = e
    return total


def share(text: str, spans: list[tuple[int, int]]) -> float:
    size = len(text.strip())
    return round(min(1.0, _covered(spans) / size), 4) if size else 0.0


# --- origin and relations --------------------------------------------------------------------


def _credit(r: Report) -> str | None:
    return agency(r.credit) or detect_credit(r.text)


def _attribution(r: Report) -> str | None:
    return agency(r.attribution) or detect_attribution(r.text)


def origin(reports: Sequence[Report]) -> Report:
    """The earliest report that carries an agency credit; else the earliest published; else the first to arrive.

    ``reports`` are in arrival order; unknown publication times count as later than any known one.
    """
    when = _chronology(reports)
    credited = [r for r in reports if _credit(r)]
    return min(credited or reports, key=when)


def _chronology(reports: Sequence[Report]):
    """Sort key: publication time, unknown times after known ones, then arrival order."""
    order = {r.id: i for i, r in enumerate(reports)}

    def when(r: Report) -> tuple[int, str, int]:
        return (r.published is None, r.published or "", order[r.id])

    return when


def provenance(reports: Sequence[Report], story_id: str) -> list[Placement]:
    """Placements of a story's reports (given in arrival order), in the same order."""
    if not reports:
        return []
    o = origin(reports)
    o_credit = _credit(o)
    o_key = exact_key(o.text)
    o_day = day_number(o.published)
    out = []
    chrono = sorted(reports, key=_chronology(reports))
    for r in reports:
        if r.id == o.id:
            out.append(Placement(r.id, story_id, "origin", o.id))
            continue
        # a report can only take from what was out before it
        before = chrono[: chrono.index(r)]
        sources = [o] + _nearest([x for x in before if x.id != o.id and exact_key(x.text) != o_key], r)
        reuses, spans_all = [], []
        copy = False
        for src in sources:
            ps = passages(r.text, src.text)
            if not ps:
                continue
            spans = [(p.start, p.end) for p in ps]
            reuses.append(Reuse(src.id, tuple(ps), share(r.text, spans)))
            spans_all += spans
            if src.id == o.id:
                copy = reuses[-1].share >= COPY_SHARE and share(o.text, [(p.from_start, p.from_end) for p in ps]) >= COPY_SHARE
        total = share(r.text, spans_all)
        credits_origin = o_credit is not None and o_credit in (_attribution(r), _credit(r))
        day = day_number(r.published)
        late = day is not None and o_day is not None and day - o_day >= FOLLOW_UP_DAYS
        if exact_key(r.text) == o_key or copy:
            relation = "republication"
        elif credits_origin or total >= REWRITE_SHARE:
            relation = "rewrite"
        else:
            # its own report of the event (or, a day on, later news of it); quotes or a little background
            # in common are still listed in ``reused``
            relation = "follow-up" if late else "independent"
        if relation == "rewrite":  # (a republication is the text itself: nothing is left to restate)
            reuses = _with_restated(r, o, sources, reuses)
            total = share(r.text, [(p.start, p.end) for u in reuses for p in u.passages])
        out.append(Placement(r.id, story_id, relation, o.id, tuple(reuses), total))  # type: ignore[arg-type]
    return out


def _with_restated(r: Report, o: Report, sources: list[Report], reuses: list[Reuse]) -> list[Reuse]:
    """A rewrite's reuses with the sentences it restates in other words added: from the origin, and
    from every other source it took words from. The relation is already decided (on verbatim reuse)."""
    by_source = {u.source: u for u in reuses}
    out = []
    for src in sources:
        u = by_source.get(src.id)
        if u is None and src.id != o.id:
            continue
        verbatim = list(u.passages) if u else []
        ps = sorted(verbatim + restated(r.text, src.text, verbatim), key=lambda p: p.start)
        if ps:
            out.append(Reuse(src.id, tuple(ps), share(r.text, [(p.start, p.end) for p in ps])))
    return out


def _nearest(earlier: list[Report], r: Report) -> list[Report]:
    """Up to MAX_SOURCES - 1 earlier reports, the latest first (a rewrite most often takes from recent copy)."""
    return earlier[-(MAX_SOURCES - 1):][::-1]
