"""Is this report about the same event as that story? A learned score over pair features.

The features compare a report with a story's summary: word and name tf-idf cosines, the cosine of MiniLM
embeddings of title and lead (what happened, whatever the wording), how far apart in time they are and
whether the days named in their leads agree. A logistic regression turns them into a probability; its
weights are data (``data/story_pairs.json``), trained by ``scripts/train_stories.py`` on report-story
pairs from ECB+ and PAC (read at training time, never committed), with folds by topic.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

NAMES = ("terms", "names", "meaning", "meaning_best", "terms_x_meaning", "no_names", "new_names", "lost_names",
         "gap", "no_day", "other_year", "other_date", "same_date", "size")


@dataclass(frozen=True, slots=True)
class Pair:
    """What the score sees of one (report, story) pair; every value is in [0, 1] or a 0/1 flag."""

    terms: float  # cos of tf-idf content words (report vs story centroid)
    names: float  # cos of tf-idf names (capitalised words, numbers)
    meaning: float  # cos of the report's embedding and the story's mean embedding
    meaning_best: float  # the highest cos with one of the story's recent reports
    no_names: bool  # one side has no names: the names cosine says nothing
    new_names: float  # share (by weight) of the names in the report's lead that the story never names
    lost_names: float  # share of the story's main names that the report never names
    gap: float  # days between the report and the story's span, over the window
    no_day: bool  # a publication day is unknown on one side
    other_year: bool  # the report's year is none of the story's
    other_date: bool  # the days named in the leads are far apart
    same_date: bool  # a day named in the report's lead is named in the story's
    size: float  # log of the story's size, scaled

    def vector(self) -> list[float]:
        return [self.terms, self.names, self.meaning, self.meaning_best, self.terms * self.meaning,
                float(self.no_names), self.new_names, self.lost_names, self.gap, float(self.no_day), float(self.other_year), float(self.other_date),
                float(self.same_date), self.size]


@dataclass(frozen=True)
class Model:
    weights: tuple[float, ...]
    bias: float
    threshold: float  # probability to join a story
    merge: float  # probability with two stories that bridges them

    def probability(self, pair: Pair) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, pair.vector(), strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def model_note() -> dict:
    """The model's file: weights, thresholds, what it was trained on and what it scored."""
    return json.loads(resources.files("eventwire.data").joinpath("story_pairs.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def model() -> Model:
    data = model_note()
    if list(data["features"]) != list(NAMES):
        raise ValueError("story_pairs.json was trained on other features; rebuild it with scripts/train_stories.py")
    return Model(tuple(data["weights"]), data["bias"], data["threshold"], data["merge"])
