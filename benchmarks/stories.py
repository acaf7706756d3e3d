"""Stories: BCubed and pairwise F1 on ECB+ and PAC beside batch anchors, then time per report at scale.

    .venv/bin/python benchmarks/stories.py [--quick] [--scale N]

1. ECB+ (../shared/eval/stories/ecbplus.jsonl, 982 reports, 86 events, two events of one kind per topic) and
   PAC (stories/pac.jsonl, 292 articles, 146 events each reported by two outlets in their own words).
   Anchors, run here: TF-IDF + average-link agglomerative clustering (scikit-learn), and the same over TF-IDF
   and MiniLM title+lead similarity mixed half and half, each at its best threshold (chosen on the very
   data it is scored on: an upper bound for that method). Ours: the streaming StoryIndex, reports fed in
   shuffled orders (seeds 0-2), defaults. The pair score is trained on these two sets (scripts/
   train_stories.py): its cross-validated figure by topic is printed beside (from the model's file).
   Also: ablations (what each signal adds).
2. Scale: a synthetic stream (templates with shared and unique events, ~1,000 reports a day) through the
   same StoryIndex.place; time per report around 1k, 10k and 100k stored, and peak memory (max RSS). The
   embedding of a report costs the same whatever the store holds: it is timed apart on real leads and
   added; the stream's reports carry a stand-in vector per event (random unit vector, jittered per report).
"""

from __future__ import annotations

import argparse
import random
import resource
import string
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import replace

from common import bcubed, eval_path, jsonl, row, story_report

from eventwire.model import Report
from eventwire.stories import Config, MemoryArchive, StoryIndex, cluster, embed_reports

# --- scoring ---------------------------------------------------------------------------------


def pairwise_f1(pred: dict[str, str], gold: dict[str, str]) -> float:
    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups = defaultdict(list)
        for i, c in labels.items():
            groups[c].append(i)
        return {(a, b) for g in groups.values() for a in g for b in g if a < b}

    pp, gp = pairs(pred), pairs(gold)
    tp = len(pp & gp)
    p = tp / len(pp) if pp else 0.0
    r = tp / len(gp) if gp else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


# --- ECB+ and PAC ----------------------------------------------------------------------------


def baseline(records: list[dict], gold: dict[str, str], meaning=None) -> tuple[float, float, tuple[float, float, float], float]:
    """TF-IDF (+ MiniLM when ``meaning`` is given, mixed half and half) average-link HAC, best threshold."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    texts = [f"{r.get('title') or ''}\n{r['text']}" for r in records]
    sim = cosine_similarity(TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts))
    if meaning is not None:
        m = np.stack([meaning[r["id"]] for r in records])
        sim = 0.5 * sim + 0.5 * (m @ m.T)
    dist = np.clip(1.0 - sim, 0.0, None)
    best = (0.0, 0.0, (0.0, 0.0, 0.0), 0.0)
    for t in np.arange(0.40, 1.0, 0.02):
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=float(t)).fit_predict(dist)
        pred = {r["id"]: str(c) for r, c in zip(records, labels, strict=True)}
        b = bcubed(pred, gold)
        if b[2] > best[2][2]:
            best = (float(t), b[2], b, pairwise_f1(pred, gold))
    return best


def streaming(records: list[dict], gold: dict[str, str], config: Config, meaning, seeds=(0, 1, 2)):
    runs = []
    for seed in seeds:
        order = records[:]
        random.Random(seed).shuffle(order)
        t0 = time.perf_counter()
        index = StoryIndex(config, archive=MemoryArchive())
        placed = {r["id"]: index.place(r["report"], meaning=meaning[r["id"]] if config.meaning else None).story_id
                  for r in order}
        dt = time.perf_counter() - t0
        pred = {i: index.resolve(s) for i, s in placed.items()}
        runs.append((bcubed(pred, gold), pairwise_f1(pred, gold), dt))
    return runs


def report_runs(label: str, runs, n: int) -> float:
    f1s = [b[2] for b, _, _ in runs]
    mean = sum(f1s) / len(f1s)
    p = sum(b[0] for b, _, _ in runs) / len(runs)
    r = sum(b[1] for b, _, _ in runs) / len(runs)
    pw = sum(x for _, x, _ in runs) / len(runs)
    print(row(label, bcubed_P=p, R=r, F1=mean, F1_min=min(f1s), F1_max=max(f1s), pairwise_F1=pw,
              ms_per_report=1000 * sum(d for _, _, d in runs) / len(runs) / max(1, n)))
    return mean


def story_sets(quick: bool) -> None:
    from eventwire.stories.pairs import model_note

    note = model_note()
    for name in ("ecbplus", "pac"):
        records = list(jsonl(eval_path("stories", f"{name}.jsonl")))
        for r in records:  # read once, as the pipeline reads it; every shuffled order places the same reports
            r["report"] = story_report(r)
        gold = {r["id"]: r["story"] for r in records}
        print(f"{name}: {len(records)} reports, {len(set(gold.values()))} events, "
              f"{len({r['topic'] for r in records})} topics")
        t0 = time.perf_counter()
        vectors = embed_reports([r["report"] for r in records])
        embed_ms = 1000 * (time.perf_counter() - t0) / len(records)
        meaning = {r["id"]: v for r, v in zip(records, vectors, strict=True)}
        t, f1, b, pw = baseline(records, gold)
        print(row("  anchor: tfidf avg-link (best t)", threshold=t, bcubed_P=b[0], R=b[1], F1=f1, pairwise_F1=pw))
        t, f1, b, pw = baseline(records, gold, meaning)
        print(row("  anchor: tfidf+MiniLM (best t)", threshold=t, bcubed_P=b[0], R=b[1], F1=f1, pairwise_F1=pw))
        cfg = Config()
        report_runs("  ours: streaming, shuffled x3", streaming(records, gold, cfg, meaning), len(records))
        cv = note.get("cv_by_topic", {}).get(name)
        if cv:
            print(row("  ours, CV by topic (training)", bcubed_P=cv["P"], R=cv["R"], F1=cv["F1"]))
        print(row("  embedding title+lead", ms_per_report=embed_ms))
        if quick:
            continue
        for label, c in [
            ("    MiniLM signals zeroed (same model)", replace(cfg, meaning=False)),
            ("    no merges", replace(cfg, merge_threshold=1.01)),
            ("    join at p 0.2", replace(cfg, threshold=0.2)),
            ("    join at p 0.5", replace(cfg, threshold=0.5)),
        ]:
            report_runs(label, streaming(records, gold, c, meaning), len(records))


# --- the mission's seeds ----------------------------------------------------------------------


def seeds() -> None:
    """Both seed articles through the reader and `cluster`: one story, Reuters origin, 001 a rewrite."""
    from eventwire.ingest import read

    folder = eval_path("..", "corpus", "seeds")
    eval_path("seeds", "gold.json")
    reports = sorted((r for r in read([str(folder)]) if isinstance(r, Report)), key=lambda r: r.path or "")
    placements, stories = cluster(reports)
    by = {r.path.rsplit("/", 1)[-1][:3]: (r, p) for r, p in zip(reports, placements, strict=True)}
    (r0, p0), (r1, p1) = by["000"], by["001"]
    spans = [r1.text[x.start:x.end].lower() for u in p1.reused for x in u.passages]
    gold = {"quoted joint statement": "represents an important step", "April 3 and 4 / Lavrov": "april 3 and 4",
            "jihadist insurgency": "jihadist insurgency"}
    found = [k for k, v in gold.items() if any(v in s for s in spans)]
    print(row("seeds", stories=len(stories), origin_is_000=str(p1.origin == r0.id), relation_000=p0.relation,
              relation_001=p1.relation, reused_share_001=p1.share,
              gold_reuse_found=f"{len(found)}/{len(gold)} ({', '.join(found)})"))


# --- scale -----------------------------------------------------------------------------------

KINDS = {
    "quake": ["earthquake", "magnitude", "tremor", "collapsed", "rescuers", "rubble", "epicentre", "aftershocks"],
    "flood": ["flood", "river", "rain", "evacuated", "homes", "water", "levee", "submerged"],
    "election": ["election", "votes", "candidate", "ballot", "turnout", "polling", "parliament", "coalition"],
    "strike": ["strike", "workers", "union", "wages", "picket", "factory", "talks", "walkout"],
    "summit": ["summit", "ministers", "talks", "agreement", "trade", "delegation", "communique", "visit"],
    "fire": ["fire", "blaze", "firefighters", "hectares", "wind", "smoke", "evacuation", "burned"],
    "protest": ["protest", "demonstrators", "police", "march", "square", "tear", "gas", "arrests"],
    "crash": ["crash", "plane", "runway", "passengers", "investigators", "airline", "flight", "wreckage"],
}
FILLER = ("officials said the situation remained serious and that more details would follow later in the day "
          "as teams continued their work across the area while residents waited for news").split()


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(5, 8))).capitalize()


def synthetic(n: int, seed: int = 7, per_day: int = 1000):
    """Reports of invented events: each event has a kind, a place, a person, a number and a day; its reports
    are variations (sentence subsets, exact copies); about a third of events have a single report."""
    rng = random.Random(seed)
    i = 0
    event = 0
    while i < n:
        event += 1
        kind = rng.choice(list(KINDS))
        words = KINDS[kind]
        place, person, org = _name(rng), f"{_name(rng)} {_name(rng)}", _name(rng)
        number = rng.randint(2, 900)
        day = 19000 + i // per_day
        base = [
            f"A {words[0]} hit {place} on the day , with {number} people affected , {person} said .",
            f"The {words[1]} and the {words[2]} were reported near {place} by the {org} agency .",
            f"{person} told reporters the {words[3]} and {words[4]} in {place} were severe .",
            f"Local {words[5]} and {words[6]} were expected to continue , the {org} agency said .",
            f"Witnesses in {place} described {words[7]} and " + " ".join(rng.sample(FILLER, 12)) + " .",
        ]
        for k in range(rng.choice([1, 1, 2, 3, 4, 6, 8])):
            if i >= n:
                return
            if k and rng.random() < 0.3:
                sentences = base  # a republication
            else:
                sentences = rng.sample(base, rng.randint(3, 5)) + [" ".join(rng.sample(FILLER, 15)) + " ."]
            published = f"{_iso(day + (k > 2))}"
            yield Report(id=f"syn{i}", text="\n".join(sentences), published=published), event
            i += 1


def _iso(day: int) -> str:
    from datetime import date
    return date.fromordinal(day + 719163).isoformat()


def peak_mb() -> float:
    """Peak resident memory of this process (VmHWM; ru_maxrss survives exec, so it would show the parent's)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def stand_in(event: int, k: int):
    """A unit vector per event, jittered per report: what embeddings of one event's reports look like."""
    import numpy as np

    v = np.random.default_rng(event).standard_normal(384) + 0.6 * np.random.default_rng([event, k]).standard_normal(384)
    return (v / np.linalg.norm(v)).astype(np.float32)


def embedding_cost(sample: int = 512) -> float:
    """ms per report to embed title and lead (batches of 16), on synthetic reports; then the model is loaded."""
    reports = [r for r, _ in synthetic(sample, seed=3)]
    embed_reports(reports[:16])  # load the model
    c0 = time.process_time()
    embed_reports(reports)
    return 1000 * (time.process_time() - c0) / len(reports)


def scale(n: int) -> None:
    index = StoryIndex()
    embed_ms = embedding_cost()
    seen_events: dict[int, int] = {}
    marks = {1_000, 10_000, 100_000, n}
    times: list[float] = []  # CPU time of this process per report: other users of the machine do not count
    walls: list[float] = []
    gold: dict[str, str] = {}
    pred: dict[str, str] = {}
    t_all = time.perf_counter()
    print(f"scale: {n:,} synthetic reports, ~1,000 a day, StoryIndex.place (same code path and defaults)")
    print(row("  embedding (timed apart, CPU)", ms_per_report=embed_ms))
    print(row("  before the stream", peak_rss_mb=peak_mb()))
    for k, (report, event) in enumerate(synthetic(n), 1):
        seen_events[event] = seen_events.get(event, 0) + 1
        vector = stand_in(event, seen_events[event])
        t0, c0 = time.perf_counter(), time.process_time()
        d = index.place(report, meaning=vector)
        times.append(time.process_time() - c0)
        walls.append(time.perf_counter() - t0)
        if k <= 20_000:
            gold[report.id] = str(event)
            pred[report.id] = d.story_id
        if k in marks:
            window = times[-1000:]
            rss = peak_mb()
            cpu = 1000 * sum(window) / len(window)
            print(row(f"  at {k:>7,} stored", cpu_ms_per_report=cpu, with_embedding=cpu + embed_ms,
                      wall_ms=1000 * sum(walls[-1000:]) / len(window),
                      stories_in_memory=len(index.stories), peak_rss_mb=rss))
    resolved = {r: index.resolve(s) for r, s in pred.items()}
    b = bcubed(resolved, gold)
    print(row("  synthetic quality (first 20k)", bcubed_P=b[0], R=b[1], F1=b[2]))
    print(row("  total", seconds=time.perf_counter() - t_all))
    per = {m: 1000 * sum(times[m - 1000:m]) / 1000 for m in sorted(marks) if m <= len(times)}
    first, last = per[min(per)], per[max(per)]
    print(row("  ratio last/1k, CPU time (target <= 1.5)", ratio=last / first))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="headlines only, no ablations")
    ap.add_argument("--scale", type=int, default=100_000, help="synthetic reports (0 to skip)")
    ap.add_argument("--scale-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.scale_only:
        scale(args.scale)
        return
    seeds()
    story_sets(args.quick)
    sys.stdout.flush()
    if args.scale:  # in a process of its own, so that its peak memory is its own
        subprocess.run([sys.executable, __file__, "--scale-only", "--scale", str(args.scale)], check=True)


if __name__ == "__main__":
    main()
