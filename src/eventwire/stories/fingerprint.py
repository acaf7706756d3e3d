"""Normalised text, word tokens with offsets, shingles, MinHash and the features stories are told apart by.

Everything here is a pure function of a report's text. Tokens are runs of letters and digits, so text
tokenised with spaces around punctuation ("family 's privacy") and ordinary text ("family's privacy")
give the same tokens.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 64  # MinHash permutations: Jaccard error ~ 1/sqrt(64) = 0.125, plenty to spot copies
SCHEME = "affine32"  # datasketch 2.0's hashing scheme; kept explicit so stored values stay comparable
SHINGLE = 5  # words per shingle
LEAD_WORDS = 60  # the lead: title plus the first words of the body
YEAR_WORDS = 100  # where a dateline's year is looked for when the publication date is unknown

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SENT_END = re.compile(r"[.!?\n]")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "`": "'",
                         "–": "-", "—": "-", "‐": "-", "\u00a0": " "})

# Function words and the words every news report uses: they say nothing about which event it is.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself yourselves
said says say told according reported report reports news new one two three per cent percent year years
would could may might must shall s t don didn doesn isn wasn weren won aren hasn haven hadn couldn shouldn
wouldn nt ll re ve d m mr mrs ms dr st http https www com html htm org net co uk
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks day days
time times last first next since ago still well like get got going made make many much people way back
""".split())

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
for _m, _i in list(_MONTHS.items()):
    if _m != "may":
        _MONTHS.setdefault(_m[:3], _i)
_MONTHS["sept"] = 9
DATE_WORDS = 80  # where the dates of the event are looked for: the lead (title, dateline, first sentences)


def normalise(text: str) -> str:
    """Text for comparing copies: NFKC, plain quotes and dashes, lower case, words only, one space."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return " ".join(_WORD.findall(text))


def exact_key(text: str) -> str:
    """Hash of the normalised text: equal for copies that differ only in case, spacing or punctuation."""
    return hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=16).hexdigest()


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(lower-case word, start, end) for every word of ``text``; offsets index the original text."""
    t = unicodedata.normalize("NFKC", text) if not text.isascii() else text
    if len(t) != len(text):  # NFKC changed lengths: keep offsets honest by not normalising
        t = text
    return [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(t.translate(_QUOTES))]


def shingles(words: list[str], k: int = SHINGLE) -> set[str]:
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> np.ndarray:
    return MinHash(num_perm=num_perm, scheme=SCHEME).permutations


def minhash(words: list[str], num_perm: int = NUM_PERM) -> MinHash:
    m = MinHash(num_perm=num_perm, scheme=SCHEME, permutations=_permutations(num_perm))
    sh = shingles(words)
    if sh:
        m.update_batch([s.encode("utf-8") for s in sh])
    return m


def minhash_from_values(values: bytes | np.ndarray, num_perm: int = NUM_PERM) -> MinHash:
    hv = np.frombuffer(values, dtype=np.uint32) if isinstance(values, bytes | bytearray | memoryview) else values
    return MinHash(num_perm=num_perm, hashvalues=np.array(hv, dtype=np.uint32), scheme=SCHEME)


def minhash_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def stem(word: str) -> str:
    """A light suffix stripper: 'quakes'/'quake', 'killed'/'killing'/'kill' meet; enough for matching."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in ("ied", "ies"):
                return base + "y"
            return base
    return word


# --- features --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Features:
    """What a report says, in the terms used to tell events apart.

    ``terms``: stemmed content words with counts; ``names``: capitalised words and numbers (people, places,
    organisations, magnitudes, tolls), lower-cased; ``lead``: content words of the title and lead.
    """

    terms: dict[str, int]
    names: dict[str, int]
    lead: frozenset[str]
    day: int | None  # days since 1970-01-01 of the publication, None when unknown
    year: int | None = None  # the publication year, or else the latest year named near the top (a dateline)
    dates: frozenset[int] = frozenset()  # calendar days (month * 32 + day) named in the lead: when it happened
    lead_names: frozenset[str] = frozenset()  # names in the title and lead: who and where it is about


def features(text: str, title: str | None = None, published: str | None = None) -> Features:
    full = f"{title}\n{text}" if title and not text.startswith(title) else text
    words = tokens(full)
    terms: Counter[str] = Counter()
    names: Counter[str] = Counter()
    lead: set[str] = set()
    lead_names: set[str] = set()
    prev_end = -1
    for i, (w, start, end) in enumerate(words):
        sentence_start = i == 0 or bool(_SENT_END.search(full, prev_end, start))
        prev_end = end
        if w in STOPWORDS or len(w) < 2:
            continue
        raw = full[start:end]
        if w.isdigit():
            if len(w) <= 4:  # years, tolls, magnitudes; longer digit runs are ids and urls
                names["#" + w] += 1
                if i < LEAD_WORDS:
                    lead_names.add("#" + w)
            continue
        s = stem(w)
        terms[s] += 1
        if i < LEAD_WORDS:
            lead.add(s)
        # A capitalised word that does not open a sentence is a name (the tokeniser-independent test).
        if raw[0].isupper() and not sentence_start:
            names[w] += 1
            if i < LEAD_WORDS:
                lead_names.add(w)
    day = day_number(published)
    if day is not None:
        year: int | None = date.fromordinal(day + 719163).year
    else:
        years = [int(w) for w, _, _ in words[:YEAR_WORDS] if len(w) == 4 and w.isdigit() and 1900 <= int(w) <= 2100]
        year = max(years) if years else None
    return Features(dict(terms), dict(names), frozenset(lead), day, year, lead_dates(full, words[:DATE_WORDS]),
                    frozenset(lead_names))


def lead_text(text: str, title: str | None = None, words: int = LEAD_WORDS) -> str:
    """Title and the first words of the body: what a report says happened (what its embedding encodes)."""
    body = text.split(maxsplit=words)[:words]
    lead = " ".join(body)
    return f"{title}. {lead}" if title and not text.startswith(title) else lead


def lead_dates(text: str, words: list[tuple[str, int, int]]) -> frozenset[int]:
    """Calendar days named as a month and a day ("March 17", "17 March", "Mar. 17th"), as month * 32 + day."""
    out: set[int] = set()
    for i, (w, start, _) in enumerate(words):
        m = _MONTHS.get(w)
        if m is None or not text[start].isupper():
            continue
        for j in (i + 1, i - 1):
            if 0 <= j < len(words):
                d = words[j][0]
                d = d[:-2] if d[-2:] in ("st", "nd", "rd", "th") else d
                if d.isdigit() and len(d) <= 2 and 1 <= int(d) <= 31:
                    out.add(m * 32 + int(d))
                    break
    return frozenset(out)


def day_number(published: str | None) -> int | None:
    if not published:
        return None
    try:
        d = datetime.fromisoformat(published[:19]).date() if len(published) > 10 else date.fromisoformat(published[:10])
    except ValueError:
        return None
    return d.toordinal() - 719163  # 1970-01-01


def idf(df: int, n: int) -> float:
    """Smoothed inverse document frequency (as scikit-learn's smooth_idf)."""
    return math.log((1 + n) / (1 + df)) + 1.0
