"""The training corpus we wrote (data/train/events): every line valid, every type covered."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import events_corpus  # noqa: E402

from eventwire.events.ontology import PLOVER_TYPES  # noqa: E402


def test_unmark_gives_clean_text_and_spans():
    text, spans = events_corpus.unmark("<s>Kenyan police</s> <v>arrested</v> <t>40 protesters</t> in Nairobi <d>on Tuesday</d>.")
    assert text == "Kenyan police arrested 40 protesters in Nairobi on Tuesday."
    assert {k: text[a:b] for k, (a, b) in spans.items()} == {
        "source": "Kenyan police", "trigger": "arrested", "target": "40 protesters", "date": "on Tuesday"}


@pytest.mark.parametrize("marked", ["<s>A <t>B</t></s> met.", "<s>A</s> met <s>B</s>.", "<s>A met.", "A</s> met.", "<v></v> x y z"])
def test_bad_marks_are_refused(marked):
    with pytest.raises(events_corpus.CorpusError):
        events_corpus.unmark(marked)


def test_the_corpus_is_valid_and_covers_every_type():
    recs = events_corpus.load(strict=True)
    types = Counter(r["type"] for r in recs)
    assert all(types[t] >= 150 for t in PLOVER_TYPES), types
    assert types[None] >= 1000
    texts = [r["text"].lower() for r in recs]
    assert len(texts) == len(set(texts)), "duplicate sentences"
    for r in recs:
        if r["type"]:
            assert r["modality"] in events_corpus.MODALITIES
            a, b = r["spans"]["trigger"]
            assert r["text"][a:b].strip()


def test_further_events_name_words_of_their_sentence():
    rec = events_corpus.check_record({
        "marked": "<s>Police</s> <v>fired tear gas</v> at <t>teachers</t> who had marched on the ministry.",
        "type": "COERCE", "mode": "repress", "cameo": "175", "modality": "asserted",
        "also": [{"type": "PROTEST", "modality": "asserted", "trigger": "marched", "source": "teachers",
                  "target": "the ministry"}]})
    (also,) = rec["also"]
    assert rec["text"][slice(*also["spans"]["trigger"])] == "marched"
    with pytest.raises(events_corpus.CorpusError):
        events_corpus.check_record({**{k: v for k, v in rec.items() if k != "also"},
                                    "marked": "<s>Police</s> <v>fired</v> at teachers.",
                                    "also": [{"type": "PROTEST", "modality": "asserted", "trigger": "rioted"}]})


def test_no_corpus_line_echoes_a_dev_sentence(tmp_path):
    assert events_corpus.dev_echoes(events_corpus.load()) == []
    dev = tmp_path / "dev.jsonl"
    dev.write_text('{"text": "Lagos police fired tear gas at striking dock workers outside the port on Monday."}\n')
    copy = {"text": "Lagos police fired tear gas at striking dock workers outside the port on Friday, witnesses said."}
    assert len(events_corpus.dev_echoes([copy], dev)) == 1


def test_the_trigger_output_is_taught_the_trigger_words_and_none_elsewhere():
    import train_events

    tok = train_events.tokenizer()
    text = "Kenyan police fired tear gas at nurses who marched on parliament."
    full = {"text": text, "triggers": [(14, 27, "COERCE"), (43, 50, "PROTEST")]}
    labels = train_events.trigger_labels(tok, full)
    pieces = tok.encode(text)
    named = {text[a:b]: train_events.TYPES[k] for (a, b), k in zip(pieces.offsets, labels, strict=True) if k >= 0}
    assert labels[0] == labels[-1] == -100  # [CLS], [SEP]
    assert named["fired"] == named["gas"] == "COERCE" and named["marched"] == "PROTEST"
    assert named["police"] == named["nurses"] == "NONE"
    partial = train_events.trigger_labels(tok, {**full, "partial": True})  # a PLV sentence: the lexicon's word only
    assert sorted({train_events.TYPES[k] for k in partial if k >= 0}) == ["COERCE", "PROTEST"]
    assert train_events.trigger_labels(tok, {"text": text, "triggers": None}) is None
