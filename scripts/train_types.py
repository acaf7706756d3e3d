"""Train the small event-type classifier the coder falls back on when its verb lexicon finds no trigger.

Data: ../shared/eval/events/plv_train.jsonl (the PLV training split of Zero-Shot-PLOVER, ACL 2024; no licence
file: research use). Only the sentence text and its PLOVER root are used (never the marked actors); YIELD is
trained as CONCEDE. Model: word 1–2-gram TF-IDF + multinomial logistic regression (scikit-learn), written as
plain JSON (vocabulary, idf, weights) to src/eventwire/data/events_types.json so that it loads offline
without pickle. Prints 5-fold cross-validated accuracy of the classifier alone and of the coder's hybrid.

Run: .venv/bin/python scripts/train_types.py [--cv-only]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT.parent / "shared" / "eval" / "events" / "plv_train.jsonl"
OUT = ROOT / "src" / "eventwire" / "data" / "events_types.json"
MAX_FEATURES = 6000
C = 10.0


def load() -> tuple[list[str], list[str]]:
    texts, labels = [], []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if not r["events"]:
            continue
        t = r["events"][0]["type"]
        texts.append(r["text"])
        labels.append("CONCEDE" if t == "YIELD" else t)
    return texts, labels


def fit(texts: list[str], labels: list[str]):
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=MAX_FEATURES,
                          lowercase=True, token_pattern=r"(?u)\b\w\w+\b")
    X = vec.fit_transform(texts)
    clf = LogisticRegression(C=C, max_iter=2000)
    clf.fit(X, labels)
    return vec, clf


def export(vec, clf) -> dict:
    vocab = {k: int(v) for k, v in vec.vocabulary_.items()}
    return {
        "about": "eventwire event-type fallback: TF-IDF (1-2 grams, sublinear, l2) + logistic regression; "
                 "trained by scripts/train_types.py on plv_train.jsonl (text only)",
        "classes": list(clf.classes_),
        "vocabulary": vocab,
        "idf": [round(float(x), 4) for x in vec.idf_],
        "coef": [[round(float(x), 4) for x in row] for row in clf.coef_],
        "intercept": [round(float(x), 4) for x in clf.intercept_],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv-only", action="store_true")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"SKIP: {DATA} not found")
        return
    texts, labels = load()
    y = np.array(labels)
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    correct_clf = 0
    preds = np.empty(len(texts), dtype=object)
    probs = np.zeros(len(texts))
    for train, test in skf.split(texts, y):
        vec, clf = fit([texts[i] for i in train], list(y[train]))
        P = clf.predict_proba(vec.transform([texts[i] for i in test]))
        preds[test] = clf.classes_[P.argmax(1)]
        probs[test] = P.max(1)
    correct_clf = int((preds == y).sum())
    print(f"5-fold CV accuracy, classifier alone: {correct_clf / len(y):.3f} (n={len(y)})")
    np.save("/tmp/plv_cv_preds.npy", np.stack([preds, probs, y]).astype(object), allow_pickle=True)
    if args.cv_only:
        return
    vec, clf = fit(texts, labels)
    OUT.write_text(json.dumps(export(vec, clf), separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
