"""The committed event model leaves out the word-embedding table training never changes; it is rebuilt from
the installed MiniLM package, and a package with other weights is refused with a clear error."""

from __future__ import annotations

import hashlib
import json
import struct

import numpy as np
import pytest

from eventwire import minilm
from eventwire.errors import ModelMissing
from eventwire.events import classifier


def write_safetensors(path, tensors: dict[str, np.ndarray]) -> None:
    header, blobs, at = {}, [], 0
    for name, a in tensors.items():
        raw = a.astype(np.float32).tobytes()
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [at, at + len(raw)]}
        blobs.append(raw)
        at += len(raw)
    head = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(head)) + head + b"".join(blobs))


def test_one_tensor_is_read_from_a_safetensors_file(tmp_path):
    a = np.arange(6, dtype=np.float32).reshape(2, 3)
    b = np.ones((4,), dtype=np.float32)
    write_safetensors(tmp_path / "m.safetensors", {"a": a, "b": b})
    assert np.array_equal(minilm.read_safetensor(tmp_path / "m.safetensors", "b"), b)
    assert np.array_equal(minilm.read_safetensor(tmp_path / "m.safetensors", "a"), a)


def _meta() -> dict:
    return json.loads(classifier._model_dir().joinpath("meta.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_the_committed_file_leaves_the_table_out_and_the_package_rebuilds_it_exactly():
    table = _meta()["packaged_table"]
    assert classifier._model_dir().joinpath("model.onnx").stat().st_size < 13_000_000  # 23 MB with the table
    rebuilt = minilm.packaged_table(table)
    assert rebuilt.dtype == np.uint8 and rebuilt.shape == (30522, 384)
    assert hashlib.sha256(rebuilt.tobytes()).hexdigest() == table["sha256"]


@pytest.mark.slow
def test_weights_that_are_not_the_trained_ones_are_refused():
    table = dict(_meta()["packaged_table"], sha256="0" * 64)
    with pytest.raises(ModelMissing, match="hash differs"):
        minilm.packaged_table(table)


def test_the_weights_are_in_a_form_no_cpu_saturates():
    """scripts/onnx_int8.py records the form: 7-bit signed weights (the fast kernel cannot overflow) or unsigned ones."""
    assert _meta()["packaged_table"]["weights"] in ("int7", "uint8")


@pytest.mark.slow
def test_this_machine_computes_what_the_training_machine_did():
    """The file's weights are in a form no CPU's int8 kernel saturates (scripts/onnx_int8.py), so the outputs
    recorded at export come out here too, whatever this CPU's instruction set."""
    check = _meta()["check"]
    tok, session, *_, feed = classifier._session()
    for text, want in zip(check["texts"], check["values"], strict=True):
        ids = np.array([tok.encode(text).ids], dtype=np.int64)
        got = session.run([check["output"]], {"input_ids": ids, "attention_mask": np.ones_like(ids), **feed})[0][0]
        assert np.abs(np.ravel(got) - np.array(want)).max() < 0.01, text
