"""Our written event corpus (data/train/events/*.jsonl): check it and derive text and spans from the marks.

    python scripts/events_corpus.py --check      validate every line; print counts per type and modality

A line's ``marked`` sentence carries ``<s>…</s>`` (source), ``<t>…</t>`` (target), ``<v>…</v>`` (trigger)
and ``<d>…</d>`` (date expression); see data/train/README.md. ``load()`` returns clean records:
``{"text", "type", "mode", "cameo", "modality", "style", "spans": {"source": [start, end], …}, "file", "line"}``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "train" / "events"
DEV = ROOT / "data" / "dev" / "events_articles.jsonl"  # our dev articles: never trains, so never echoed here
ECHO = 5  # word 5-grams a line may share with one dev sentence before it counts as echoing it
sys.path.insert(0, str(ROOT / "src"))

from eventwire.events import ontology  # noqa: E402

MARKS = {"s": "source", "t": "target", "v": "trigger", "d": "date"}
MODALITIES = ("asserted", "planned", "hypothetical", "denied", "historical")
STYLES = ("wire", "broadcast", "local", "release", "translated", "analysis")
_TAG = re.compile(r"</?([stvd])>")


class CorpusError(ValueError):
    pass


def unmark(marked: str) -> tuple[str, dict[str, list[int]]]:
    """Clean text and {role: [start, end]} from a marked sentence; raises CorpusError on bad marks."""
    out: list[str] = []
    spans: dict[str, list[int]] = {}
    open_tag: str | None = None
    start = 0
    pos = 0
    length = 0
    for m in _TAG.finditer(marked):
        chunk = marked[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        tag, closing = m.group(1), m.group(0).startswith("</")
        if not closing:
            if open_tag is not None:
                raise CorpusError(f"<{tag}> inside <{open_tag}>")
            if MARKS[tag] in spans:
                raise CorpusError(f"<{tag}> twice")
            open_tag, start = tag, length
        else:
            if open_tag != tag:
                raise CorpusError(f"</{tag}> without <{tag}>")
            if length == start:
                raise CorpusError(f"empty <{tag}>")
            spans[MARKS[tag]] = [start, length]
            open_tag = None
    if open_tag is not None:
        raise CorpusError(f"<{open_tag}> not closed")
    out.append(marked[pos:])
    text = "".join(out)
    if "<" in text and re.search(r"</?[a-z]+>", text):
        raise CorpusError("unknown mark")
    # spans exclude surrounding blanks
    for k, (a, b) in list(spans.items()):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        spans[k] = [a, b]
    return text, spans


def check_record(rec: dict) -> dict:
    """A clean record from one line, or CorpusError saying what is wrong."""
    for key in ("marked", "type", "modality"):
        if key not in rec:
            raise CorpusError(f"no {key!r}")
    text, spans = unmark(rec["marked"])
    if len(text.split()) < 4:
        raise CorpusError("too short")
    ptype = rec["type"]
    if ptype is None:
        if spans:
            raise CorpusError("marks on a no-event sentence")
    else:
        _check_event(rec)
        if "trigger" not in spans:
            raise CorpusError("no <v> trigger")
    also = [_check_also(a, text) for a in rec.get("also") or ()]
    if also and ptype is None:
        raise CorpusError("'also' on a no-event sentence")
    return {"text": text, "type": ptype, "mode": rec.get("mode"), "cameo": rec.get("cameo"),
            "modality": rec.get("modality") if ptype else None, "style": rec.get("style"), "spans": spans,
            "also": also}


def _check_event(rec: dict, where: str = "") -> None:
    """The type, modality and CAMEO code of an event (a line's, or one in its ``also``)."""
    if rec.get("type") not in ontology.PLOVER_TYPES:
        raise CorpusError(f"{where}unknown type {rec.get('type')!r}")
    if rec.get("modality") not in MODALITIES:
        raise CorpusError(f"{where}modality {rec.get('modality')!r}")
    cameo = rec.get("cameo")
    if cameo and cameo not in ontology.CAMEO and cameo[:3] not in ontology.CAMEO:
        raise CorpusError(f"{where}unknown CAMEO code {cameo!r}")


def _check_also(a: dict, text: str) -> dict:
    """A further event of the same sentence: its type, mode, CAMEO code, modality, and the words of its
    trigger, source and target as they appear in the sentence (spans found by search)."""
    if not isinstance(a, dict):
        raise CorpusError("'also' holds objects")
    _check_event(a, "also: ")
    spans = {}
    for role in ("trigger", "source", "target"):
        words = a.get(role)
        if role == "trigger" and not words:
            raise CorpusError("also: no trigger")
        if words:
            at = text.find(words)
            if at < 0:
                raise CorpusError(f"also: {role} {words!r} is not in the sentence")
            spans[role] = [at, at + len(words)]
    return {"type": a["type"], "mode": a.get("mode"), "cameo": a.get("cameo"), "modality": a["modality"],
            "spans": spans}


def records(folder: Path = CORPUS):
    """(file name, line number, clean record or the CorpusError / JSONDecodeError) for every line."""
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                yield path.name, n, check_record(json.loads(line))
            except (CorpusError, json.JSONDecodeError) as e:
                yield path.name, n, e


def load(folder: Path = CORPUS, *, strict: bool = False) -> list[dict]:
    """Every good record of the corpus, in file and line order (bad lines skipped unless ``strict``)."""
    out = []
    for name, n, rec in records(folder):
        if isinstance(rec, Exception):
            if strict:
                raise CorpusError(f"{name}:{n}: {rec}") from rec
            continue
        rec["file"], rec["line"] = name, n
        out.append(rec)
    return out


def _grams(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"[\w']+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def dev_echoes(good: list[dict], dev: Path = DEV) -> list[tuple[dict, str]]:
    """(record, dev sentence) for corpus lines that share ECHO or more word 5-grams with one sentence of the
    dev articles: a line written from a dev sentence would let the dev set train the model."""
    if not dev.exists():
        return []
    from eventwire.ingest.sentences import sentences as spans

    owner: dict[tuple[str, ...], int] = {}
    sentences = []
    for line in dev.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        for sent in (text[a:b] for a, b in spans(text)):
            for g in _grams(sent):
                owner.setdefault(g, len(sentences))
            sentences.append(sent)
    out = []
    for rec in good:
        shared = Counter(owner[g] for g in _grams(rec["text"]) if g in owner)
        if shared and max(shared.values()) >= ECHO:
            out.append((rec, sentences[shared.most_common(1)[0][0]]))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="validate every line and print counts")
    ap.add_argument("folder", nargs="?", default=str(CORPUS))
    args = ap.parse_args()
    bad = 0
    good: list[dict] = []
    seen: Counter = Counter()
    for name, n, rec in records(Path(args.folder)):
        if isinstance(rec, Exception):
            bad += 1
            print(f"{name}:{n}: {rec}", file=sys.stderr)
            continue
        seen[rec["text"].lower()] += 1
        good.append(rec)
    dup = sum(c - 1 for c in seen.values() if c > 1)
    echoes = dev_echoes(good)
    for rec, sent in echoes:
        print(f"echoes a dev sentence: {rec['text'][:80]!r} ~ {sent[:80]!r}", file=sys.stderr)
    types = Counter(r["type"] or "none" for r in good)
    also = Counter(a["type"] for r in good for a in r["also"])
    mods = Counter(r["modality"] for r in good if r["type"])
    words = sum(len(r["text"].split()) for r in good) / max(len(good), 1)
    print(f"{len(good)} sentences ({bad} bad, {dup} duplicates, {len(echoes)} echoing dev), {words:.1f} words on average")
    print("types:", ", ".join(f"{k} {v}" for k, v in sorted(types.items())))
    print("modality:", ", ".join(f"{k} {v}" for k, v in sorted(mods.items())))
    if also:
        n = sum(1 for r in good if r["also"])
        print(f"sentences with further events: {n}; their types:", ", ".join(f"{k} {v}" for k, v in sorted(also.items())))
    return 1 if (bad or dup or echoes) and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
