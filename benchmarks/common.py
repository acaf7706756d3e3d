"""Shared by the benchmarks: where the evaluation data is, and a clean skip when it is absent."""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

EVAL = Path(os.environ.get("EVENTWIRE_EVAL", ROOT.parent / "shared" / "eval"))


def eval_path(*parts: str) -> Path:
    """Path under ../shared/eval; exits 0 with a message when it is not there."""
    p = EVAL.joinpath(*parts)
    if not p.exists():
        print(f"SKIP: {p} not found (evaluation data lives in ../shared/eval)")
        raise SystemExit(0)
    return p


def jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def row(label: str, **figures: float | int | str) -> str:
    parts = [f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items()]
    return f"{label:<34} " + "  ".join(parts)


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """BCubed precision, recall and F1 of a clustering ``pred`` (item → cluster) against ``gold``."""
    pc, gc = defaultdict(set), defaultdict(set)
    for i, c in pred.items():
        pc[c].add(i)
    for i in pred:
        gc[gold[i]].add(i)
    p = sum(len(pc[pred[i]] & gc[gold[i]]) / len(pc[pred[i]]) for i in pred) / len(pred)
    r = sum(len(pc[pred[i]] & gc[gold[i]]) / len(gc[gold[i]]) for i in pred) / len(pred)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def story_report(r: dict[str, Any]):
    """A stories-set record as the pipeline meets it: its text through the reader (a leading address line is
    metadata, page clutter goes), its title and date as a feed would give them, the set's id kept."""
    from dataclasses import replace

    from eventwire.errors import ReadError
    from eventwire.ingest import read_bytes
    from eventwire.model import Report

    hints = {k: r[k] for k in ("title", "published") if r.get(k)}
    try:
        return replace(read_bytes(r["text"].encode("utf-8"), f"{r['id']}.txt", hints), id=r["id"])
    except ReadError:
        return Report(id=r["id"], text=r["text"], title=r.get("title"), published=r.get("published"))
