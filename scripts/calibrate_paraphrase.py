"""Measure the paraphrase test of provenance on the pairs we wrote, and the thresholds around it.

Reads ``data/calibration/paraphrase/*.jsonl``: each line a wire report (``origin``, a list of sentences),
another outlet's rewrite of it (``rewrite``) and which rewrite sentence restates which origin sentence
(``pairs``: [rewrite index, origin index, "paraphrase" | "verbatim"]). The rewrite's other sentences are
its own background on the same story: the hard negatives.

For every rewrite sentence, as ``paraphrase.restated`` does: the origin sentence of highest Dice, kept when
the Dice and the shared stems reach the thresholds. Precision and recall over the gold paraphrase pairs (a
verbatim pair is the verbatim test's, and left out here), for the shipped thresholds and a grid around them,
with folds by topic (the files' first letter) so the choice is checked on topics it was not chosen on.

    python scripts/calibrate_paraphrase.py [--grid]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eventwire.stories import paraphrase as P

FOLDER = Path(__file__).resolve().parents[1] / "data" / "calibration" / "paraphrase"


def load() -> list[dict]:
    rows = []
    for f in sorted(FOLDER.glob("*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def scored(rows: list[dict]) -> list[tuple[str, float, int, bool, bool]]:
    """(story id, best Dice, shared stems, best is the gold origin sentence, sentence has a gold paraphrase)
    for every rewrite sentence that is not a verbatim copy."""
    out = []
    for row in rows:
        origin = [P.content(s, 0, len(s)) for s in row["origin"]]
        cands = [(0, 0, w) for w in origin]
        gold = {i: j for i, j, kind in row["pairs"] if kind == "paraphrase"}
        verbatim = {i for i, _, kind in row["pairs"] if kind == "verbatim"}
        for i, text in enumerate(row["rewrite"]):
            if i in verbatim or len(text.split()) < P.MIN_WORDS:
                continue
            words = P.content(text, 0, len(text))
            d, j = P.best_match(words, cands)
            shared = len(words & origin[j]) if j >= 0 else 0
            out.append((row["id"], d, shared, gold.get(i) == j, i in gold))
    return out


def prf(items, dice: float, shared: int) -> tuple[float, float, float, int, int]:
    tp = sum(1 for _, d, s, right, _ in items if d >= dice and s >= shared and right)
    fp = sum(1 for _, d, s, right, _ in items if d >= dice and s >= shared and not right)
    gold = sum(1 for *_, g in items if g)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), tp + fp, gold


GRID = [(d / 100, s) for d in range(25, 71, 5) for s in (3, 4, 5, 6)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", action="store_true", help="print every threshold pair of the grid")
    args = ap.parse_args()
    rows = load()
    if not rows:
        print("no calibration pairs in", FOLDER)
        return
    items = scored(rows)
    p, r, f, n, gold = prf(items, P.DICE, P.MIN_SHARED)
    print(f"stories {len(rows)}  rewrite sentences {len(items)}  gold paraphrases {gold}")
    print(f"shipped  DICE={P.DICE} MIN_SHARED={P.MIN_SHARED}: P={p:.3f} R={r:.3f} F1={f:.3f} (flagged {n})")
    if args.grid:
        for d, s in GRID:
            p, r, f, n, _ = prf(items, d, s)
            print(f"  dice>={d:.2f} shared>={s}: P={p:.3f} R={r:.3f} F1={f:.3f} (flagged {n})")
    # folds by topic: the files are written on different topics (a: politics and security; b: disasters,
    # courts, economy, health …); the best grid point of one, scored on the other
    for held_prefix in sorted({x[0][0] for x in items}):
        train = [x for x in items if x[0][0] != held_prefix]
        held = [x for x in items if x[0][0] == held_prefix]
        if not train:
            continue
        d, s = max(GRID, key=lambda g: (prf(train, *g)[2], g[0]))
        p, r, f, _, _ = prf(held, d, s)
        print(f"held out {held_prefix}*: chosen on the others dice>={d:.2f} shared>={s}; held out P={p:.3f} R={r:.3f} F1={f:.3f}")

if __name__ == "__main__":
    main()
