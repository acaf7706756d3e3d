"""The story encoder: all-MiniLM-L6-v2 fine-tuned so that reports of one event embed close together and
reports of other events of the same topic apart (``scripts/train_stories.py`` calls it; training only).

Batches are made of whole topics (up to CHUNK reports of one topic, TOPICS topics a batch), so the negatives
the loss sees are the hard ones: another earthquake, another immigration bill. The loss is the supervised
contrastive loss (each report against every other report of the batch; its positives are the reports of its
event), at temperature TEMP. The word-embedding table stays as it is (so the file can leave it out, as the
event model's does). The tuned weights are then mixed with the pretrained ones (WiSE-FT: ``alpha`` × tuned +
(1 − alpha) × pretrained), which keeps most of the gain on the tuned-for sets and the pretrained model's
robustness elsewhere (measured: ``train_stories.py``'s note). Texts are read as the pipeline reads them (the
reader, then ``lead_text``): ECB+ texts of one sub-corpus open with their URL and those of the other do not,
and the reader takes that line out as the report's address, so the encoder cannot learn it.
Deterministic: fixed seed, fixed thread count, deterministic kernels.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import onnx_int8
from common import story_report
from train_events import _batch  # padded, masked torch batch of tokenised texts

from eventwire.minilm import minilm_dir
from eventwire.stories.embed import MAX_TOKENS
from eventwire.stories.fingerprint import lead_text

EPOCHS = 3
LR = 3e-5
TEMP = 0.05
CHUNK = 16  # reports of one topic in a batch
TOPICS = 2  # topics a batch
PAC_REPEAT = 2  # PAC's topics are seen twice an epoch (its events have two reports each; ECB+'s about eleven)
THREADS = 2


def training_text(row: dict) -> str:
    r = row.get("report") or story_report(row)  # train_stories reads each row once, beforehand
    return lead_text(r.text, r.title)


def _net():
    import torch
    from transformers import BertModel

    class Encoder(torch.nn.Module):
        """MiniLM, mean pooling over the mask, unit length: the runtime's embedding in one graph."""

        def __init__(self):
            super().__init__()
            self.bert = BertModel.from_pretrained(str(minilm_dir()), add_pooling_layer=False)

        def forward(self, ids, mask):
            hidden = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1)

    return Encoder()


def _tokenizer():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.no_padding()
    return tok


def train(rows: list[dict], *, alpha: float, seed: int = 13, log=print):
    """The encoder fine-tuned on ``rows`` (dicts with text, title, story, topic, set), mixed by ``alpha``."""
    import torch

    torch.set_num_threads(THREADS)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    tok = _tokenizer()
    net = _net()
    pretrained = {k: v.clone() for k, v in net.state_dict().items()}
    net.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    params = [p for p in net.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=LR, weight_decay=0.01)
    by_topic: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_topic.setdefault(r["topic"], []).append(i)
    texts = [training_text(r) for r in rows]
    story = [r["story"] for r in rows]

    def chunks() -> list[list[int]]:
        out = []
        for topic in sorted(by_topic):
            for _ in range(PAC_REPEAT if topic.startswith("pac:") else 1):
                members = by_topic[topic][:]
                rng.shuffle(members)
                out += [members[c:c + CHUNK] for c in range(0, len(members), CHUNK) if len(members[c:c + CHUNK]) > 1]
        rng.shuffle(out)
        return out

    steps = EPOCHS * -(-len(chunks()) // TOPICS)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / max(1, steps // 10)) * max(0.0, (steps - s) / steps))
    for epoch in range(EPOCHS):
        net.train()
        parts, total = chunks(), 0.0
        for c in range(0, len(parts), TOPICS):
            idx = [i for part in parts[c:c + TOPICS] for i in part]
            v = net(*_batch(tok, [texts[i] for i in idx]))
            n = len(idx)
            eye = torch.eye(n, dtype=torch.bool)
            pos = torch.tensor([[story[i] == story[j] for j in idx] for i in idx]) & ~eye
            sim = (v @ v.T / TEMP).masked_fill(eye, -1e4)
            logp = sim - torch.logsumexp(sim, dim=1, keepdim=True)
            has = pos.any(1)
            if not bool(has.any()):
                continue
            loss = (-(logp * pos).sum(1)[has] / pos.sum(1)[has]).mean()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            total += float(loss.detach())
        log(f"  encoder epoch {epoch + 1}: loss {total / max(1, -(-len(parts) // TOPICS)):.3f}")
    tuned = net.state_dict()
    net.load_state_dict({k: alpha * tuned[k] + (1 - alpha) * pretrained[k] if tuned[k].is_floating_point() else tuned[k]
                         for k in tuned})
    net.eval()
    return net


def pretrained():
    """all-MiniLM-L6-v2 as the package gives it (the anchor the tuned encoder is measured against)."""
    return _net().eval()


def encode(net, texts: list[str]) -> np.ndarray:
    """Unit vectors from the torch encoder (texts as the runtime reads them: ``lead_text``)."""
    import torch

    tok = _tokenizer()
    out = []
    with torch.no_grad():
        for i in range(0, len(texts), 64):
            out.append(net(*_batch(tok, texts[i:i + 64])).numpy())
    return np.concatenate(out) if out else np.zeros((0, 384), dtype=np.float32)


def export(net, out: Path) -> tuple[Path, dict]:
    """int8 ONNX at out/model.onnx: input_ids, attention_mask → vector (unit length, 384)."""
    import torch

    out.mkdir(parents=True, exist_ok=True)
    fp32 = out / "model.fp32.onnx"
    ids, mask = _batch(_tokenizer(), ["Police arrested 47 people after protests over a fuel levy in Nairobi."])
    torch.onnx.export(net, (ids, mask), str(fp32), input_names=["input_ids", "attention_mask"], output_names=["vector"],
                      opset_version=17, dynamo=False,
                      dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
                                    "vector": {0: "batch"}})
    final = out / "model.onnx"
    # uint8: the shipped encoder's form (7-bit weights, faster, are the event model's; for this encoder they are
    # not yet measured, and a rebuild must give the committed file)
    return final, onnx_int8.quantise(fp32, final, weights="uint8")
