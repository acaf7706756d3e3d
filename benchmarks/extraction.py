"""Article extraction: eventwire's reader against trafilatura on the scrapinghub benchmark (181 pages).

Scoring as in ../shared/eval/README.md (the benchmark's own): per page, precision and recall of word
4-gram shingles of the extracted body against the ground truth; P averaged over pages that extracted
something, R over pages with a ground truth; F1 from the two averages. The anchor is trafilatura as the
benchmark runs it (``extract(html, include_comments=False)``), timed in the same process.

    .venv/bin/python benchmarks/extraction.py
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable

from common import eval_path, row

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_counts(truth: str, pred: str) -> tuple[int, int, int]:
    t, p = shingles(truth), shingles(pred)
    tp = sum((t & p).values())
    return tp, sum(p.values()) - tp, sum(t.values()) - tp


def score(truths: dict[str, str], preds: dict[str, str]) -> tuple[float, float, float]:
    """(F1, P, R) over pages."""
    ps, rs = [], []
    for key, truth in truths.items():
        tp, fp, fn = page_counts(truth, preds.get(key) or "")
        if tp + fp:
            ps.append(1.0 if fp == fn == 0 else tp / (tp + fp))
        if tp + fn:
            rs.append(1.0 if fp == fn == 0 else tp / (tp + fn))
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def run(label: str, pages: dict[str, bytes], extract: Callable[[bytes], str]) -> tuple[float, float, float, float]:
    preds = {}
    start = time.perf_counter()
    for key, html in pages.items():
        preds[key] = extract(html)
    ms = (time.perf_counter() - start) * 1000 / len(pages)
    return (*score(TRUTH, preds), ms)


def _ours(html: bytes) -> str:
    from eventwire.errors import ReadError
    from eventwire.ingest import read_bytes

    try:
        return read_bytes(html, "page.html").text
    except ReadError:
        return ""


def _trafilatura(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html.decode("utf-8", "replace"), include_comments=False) or ""


if __name__ == "__main__":
    folder = eval_path("extraction", "scrapinghub")
    TRUTH = {k: v.get("articleBody") or "" for k, v in json.loads((folder / "ground-truth.json").read_text()).items()}
    pages = {k: gzip.decompress((folder / "html" / f"{k}.html.gz").read_bytes()) for k in TRUTH}
    import trafilatura  # noqa: F401  (imported before timing, for both)

    _ours(pages[next(iter(pages))])  # warm both paths once (lazy imports, compiled patterns)
    _trafilatura(pages[next(iter(pages))])
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    results: dict[str, list] = {"trafilatura 2.3.1 (anchor)": [], "eventwire read": []}
    for _ in range(rounds):  # interleaved, so that both see the same machine load
        results["trafilatura 2.3.1 (anchor)"].append(run("t", pages, _trafilatura))
        results["eventwire read"].append(run("e", pages, _ours))
    print(f"extraction: scrapinghub, {len(pages)} pages, best of {rounds} round(s) for time")
    ms = {}
    for label, runs in results.items():
        f1, p, r, _ = runs[-1]
        ms[label] = min(x[3] for x in runs)
        print(row(label, F1=f1, P=p, R=r, ms_per_page=ms[label]))
    print(row("time ratio (eventwire / trafilatura)", ratio=ms["eventwire read"] / ms["trafilatura 2.3.1 (anchor)"]))
