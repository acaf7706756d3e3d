"""Stage 2: reports → stories with provenance.

``cluster(reports)`` is the whole stage in memory: place each report as it comes (streaming), then work
out each story's provenance. The store-backed loop is ``pipeline._group``.
"""

from __future__ import annotations

from collections.abc import Iterable

from eventwire.model import Placement, Report, Story
from eventwire.stories.assign import Config, Decision, MemoryArchive, StoryIndex, embed_reports, story_id_for
from eventwire.stories.provenance import provenance

__all__ = ["Config", "Decision", "MemoryArchive", "StoryIndex", "cluster", "embed_reports", "provenance",
           "story_id_for", "summarise"]


def cluster(reports: Iterable[Report], config: Config | None = None) -> tuple[list[Placement], list[Story]]:
    """Placements (in input order) and stories of ``reports``, grouped in one streaming pass (embeddings
    are computed a batch at a time)."""
    index = StoryIndex(config, archive=MemoryArchive())
    seen: dict[str, Report] = {}
    placed: dict[str, str] = {}
    batch: list[Report] = []

    def flush() -> None:
        vectors = embed_reports(batch) if index.config.meaning else [None] * len(batch)
        for r, v in zip(batch, vectors, strict=True):
            placed[r.id] = index.place(r, meaning=v).story_id
        batch.clear()

    for r in reports:
        if r.id in seen:
            continue
        seen[r.id] = r
        batch.append(r)
        if len(batch) >= 64:
            flush()
    flush()
    members: dict[str, list[Report]] = {}
    for r in seen.values():
        members.setdefault(index.resolve(placed[r.id]), []).append(r)
    by_report: dict[str, Placement] = {}
    stories = []
    for sid, rs in members.items():
        for p in provenance(rs, sid):
            by_report[p.report_id] = p
        stories.append(summarise(sid, rs, by_report[rs[0].id].origin))
    return [by_report[rid] for rid in seen], stories


def summarise(story_id: str, reports: list[Report], origin: str) -> Story:
    times = sorted(r.published for r in reports if r.published)
    outlets = tuple(dict.fromkeys(r.outlet for r in reports if r.outlet))
    title = next((r.title for r in reports if r.id == origin and r.title), None) or next(
        (r.title for r in reports if r.title), None)
    return Story(story_id, origin, tuple(r.id for r in reports), times[0] if times else None,
                 times[-1] if times else None, outlets, title)
