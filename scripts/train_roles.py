"""Train the role model: is an actor mention the source, the target or neither of an event at a trigger?

    .venv/bin/python scripts/train_roles.py        # → src/eventwire/data/events_roles.json

Training data: the source / target / trigger spans of our written corpus (data/train/events/) and the
marked source and target of the PLV training sentences, read from ../shared/eval/events/plv_train.jsonl when
present (research use, credited in data/events_model/README.md, never committed). Each sentence is parsed,
its resolved actor mentions found as the coder finds them (``mentions.sentence_mentions``), each mention
described by ``features.role_features`` and labelled by the gold span that holds its head. A multinomial
logistic regression (scikit-learn) is fit and its weights written as JSON (small features pruned).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import events_corpus  # noqa: E402

from eventwire.events import detect, ontology, rules  # noqa: E402
from eventwire.events.features import role_features  # noqa: E402
from eventwire.events.memory import Memory  # noqa: E402
from eventwire.events.mentions import sentence_mentions  # noqa: E402
from eventwire.events.nlp import load  # noqa: E402

PLV = ROOT.parent / "shared" / "eval" / "events" / "plv_train.jsonl"
OUT = ROOT / "src" / "eventwire" / "data" / "events_roles.json"
CLASSES = ("none", "source", "target")


def examples() -> list[dict]:
    out = []
    for r in events_corpus.load():
        if r["type"]:
            out.append({"text": r["text"], "type": r["type"], "spans": r["spans"], "origin": "corpus"})
    if PLV.exists():
        for line in PLV.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            e = rec["events"][0]
            try:
                text, spans = events_corpus.unmark(e["marked"])
            except events_corpus.CorpusError:
                continue
            t = "CONCEDE" if e["type"] == "YIELD" else ontology.normalise_type(e["type"])
            out.append({"text": text, "type": t, "spans": spans, "origin": "plv"})
    return out


def trigger_of(doc, ex: dict):
    span = ex["spans"].get("trigger")
    if span:
        toks = [t for t in doc if span[0] <= t.idx < span[1]]
        heads = [t for t in toks if not (span[0] <= t.head.idx < span[1]) or t.head.i == t.i]
        if heads or toks:
            return (heads or toks)[0]
    cands = rules.code_sentence(doc)
    same = [c for c in cands if ontology.same_root_family(c.type, ex["type"])]
    if same:
        return doc[min(same, key=lambda c: c.depth).trigger_i]
    return detect.main_verb(doc)


def label(doc, m, spans: dict) -> str:
    h = doc[m.head]
    for role in ("source", "target"):
        s = spans.get(role)
        if s and s[0] <= h.idx < s[1]:
            return role
    return "none"


def featurise(nlp, exs: list[dict]):
    X, y, groups = [], [], []
    for k, (doc, ex) in enumerate(zip(nlp.pipe([e["text"] for e in exs], batch_size=64), exs, strict=True)):
        v = trigger_of(doc, ex)
        if v is None:
            continue
        mentions = sentence_mentions(doc, Memory(), None)
        for m in mentions:
            if m.start <= v.i < m.end:
                continue
            X.append({f: 1 for f in role_features(doc, m, v, ex["type"], mentions)})
            y.append(label(doc, m, ex["spans"]))
            groups.append(k)
    return X, y, groups


def main() -> int:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupShuffleSplit

    exs = examples()
    print(f"{len(exs)} sentences ({sum(e['origin'] == 'plv' for e in exs)} PLV)")
    X, y, groups = featurise(load(), exs)
    print(f"{len(X)} mentions: " + ", ".join(f"{c} {y.count(c)}" for c in CLASSES))
    vec = DictVectorizer()
    Xv = vec.fit_transform(X)
    tr, te = next(GroupShuffleSplit(1, test_size=0.2, random_state=0).split(Xv, y, groups))
    clf = LogisticRegression(C=1.0, max_iter=2000)
    clf.fit(Xv[tr], [y[i] for i in tr])
    acc = clf.score(Xv[te], [y[i] for i in te])
    print(f"held-out mention accuracy (20% of sentences): {acc:.3f}")
    clf = LogisticRegression(C=1.0, max_iter=2000)
    clf.fit(Xv, y)
    order = [list(clf.classes_).index(c) for c in CLASSES]
    weights = {}
    for name, j in vec.vocabulary_.items():
        w = [round(float(clf.coef_[k, j]), 4) for k in order]
        if max(abs(x) for x in w) >= 0.01:
            weights[name] = w
    model = {"classes": list(CLASSES), "intercept": [round(float(clf.intercept_[k]), 4) for k in order],
             "weights": dict(sorted(weights.items())), "heldout_accuracy": round(acc, 3),
             "trained_on": {"sentences": len(exs), "mentions": len(X)}}
    OUT.write_text(json.dumps(model, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(weights)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
