"""Date expressions (spaCy DATE spans) → When, resolved against the publication date.

    resolve("on Tuesday", "2025-04-02", "past")   → 2025-04-01
    resolve("this week", "2025-04-02")            → 2025-03-31 / 2025-04-06
    resolve("April 3 and 4", "2025-04-02")        → 2025-04-03 / 2025-04-04
    resolve("13 years ago", "2025-04-02")         → 2012 (a year)

Our own rules cover what dateparser misses (ranges, "April 3 and 4", "late on Saturday", "overnight",
"N years ago" as a year, weeks and months as periods); dateparser (RELATIVE_BASE = publication date,
PREFER_DATES_FROM from the tense) reads the rest. Without a publication date only absolute dates resolve.

The event's date: ``_date_for`` picks the DATE phrase of a parsed sentence that dates a trigger (one in its
clause, not one hanging off a speech verb) and resolves it; ``_background_date`` a date well before
publication, fronted or in the trigger's clause, that makes the event background.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from eventwire.events.lexicon import SPEECH
from eventwire.model import Modality, When

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_DAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
            "fifteen": 15, "twenty": 20, "thirty": 30, "several": 3, "a few": 3, "few": 3, "a couple of": 2,
            "couple of": 2, "a dozen": 12}

_M = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_D = r"(\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(?:,?\s+(\d{4}))?"
_TO = r"\s*(?:-|–|—|to|and|through|until|till)\s*"

_NOISE = re.compile(
    r"^(?:(?:on|in|at|by|since|from|during|between|of|the|late|early|earlier|later|until|before|after|"
    r"around|about|as of|as early as|as late as|this past|past)\s+)+"
)
_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night|overnight|midday|noon|at dawn)$")


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date()
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published.strip())
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _iso(d: date) -> str:
    return d.isoformat()


def _one(d: date) -> When:
    return When(_iso(d), _iso(d))


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month_num(word: str) -> int:
    w = word.lower().rstrip(".")
    return _MONTHS.get(w) or _MONTHS[w[:3]]


def _pick_year(month: int, day: int, base: date | None, tense: str | None) -> int | None:
    """The year of a month-day without one: the nearest, or the one the tense asks for."""
    if base is None:
        return None
    y = base.year
    try:
        this = date(y, month, day)
    except ValueError:
        return y
    # a week's slack: "will meet on March 30" written on April 2 is a slip or a time zone, not next year
    if tense == "future" and this < base - timedelta(days=7):
        return y + 1
    if tense == "past" and this > base + timedelta(days=7):
        return y - 1
    if tense not in ("past", "future"):
        if (this - base).days > 183:
            return y - 1
        if (base - this).days > 183:
            return y + 1
    return y


def _day(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _number(word: str) -> int | None:
    w = word.lower().strip()
    if w.isdigit():
        return int(w)
    return _NUMBERS.get(w)


def _ranges(s: str, base: date | None, tense: str | None) -> When | None:
    # March 30 to April 2 (, 2025)
    m = re.fullmatch(rf"{_M}\s+{_D}{_Y}{_TO}{_M}\s+{_D}{_Y}", s)
    if m:
        m1, d1, y1, m2, d2, y2 = m.groups()
        mo1, mo2 = _month_num(m1), _month_num(m2)
        year2 = int(y2) if y2 else (int(y1) if y1 else _pick_year(mo2, int(d2), base, tense))
        year1 = int(y1) if y1 else (year2 - 1 if year2 and mo1 > mo2 else year2)
        a, b = _day(year1, mo1, int(d1)), _day(year2, mo2, int(d2))
        return When(_iso(a), _iso(b)) if a and b else None
    # 30 March to 2 April
    m = re.fullmatch(rf"{_D}\s+{_M}{_TO}{_D}\s+{_M}{_Y}", s)
    if m:
        d1, m1, d2, m2, y = m.groups()
        mo1, mo2 = _month_num(m1), _month_num(m2)
        year2 = int(y) if y else _pick_year(mo2, int(d2), base, tense)
        year1 = year2 - 1 if year2 and mo1 > mo2 else year2
        a, b = _day(year1, mo1, int(d1)), _day(year2, mo2, int(d2))
        return When(_iso(a), _iso(b)) if a and b else None
    # April 3 and 4, April 3-4, April 3 to 5 (, 2025)
    m = re.fullmatch(rf"{_M}\s+{_D}{_TO}{_D}{_Y}", s)
    if m:
        mo, d1, d2, y = m.groups()
        return _month_range(mo, d1, d2, y, base, tense)
    # 3 and 4 April, 3-4 April
    m = re.fullmatch(rf"{_D}{_TO}{_D}\s+(?:of\s+)?{_M}{_Y}", s)
    if m:
        d1, d2, mo, y = m.groups()
        return _month_range(mo, d1, d2, y, base, tense)
    return None


def _month_range(mo: str, d1: str, d2: str, y: str | None, base: date | None, tense: str | None) -> When | None:
    """Days d1..d2 of one month; the year as written, else the one the tense points to."""
    month = _month_num(mo)
    year = int(y) if y else _pick_year(month, int(d1), base, tense)
    a, b = _day(year, month, int(d1)), _day(year, month, int(d2))
    return When(_iso(a), _iso(b)) if a and b else None


def _single(s: str, base: date | None, tense: str | None) -> When | None:
    m = re.fullmatch(rf"{_M}\s+{_D}{_Y}", s) or None
    if m:
        mo, d, y = m.groups()
    else:
        m = re.fullmatch(rf"{_D}\s+(?:of\s+)?{_M}{_Y}", s)
        if not m:
            return None
        d, mo, y = m.groups()
    month = _month_num(mo)
    year = int(y) if y else _pick_year(month, int(d), base, tense)
    day = _day(year, month, int(d))
    return _one(day) if day else None


def _years(s: str, base: date | None) -> When | None:
    m = re.fullmatch(r"(?:the\s+)?(?:year\s+)?(\d{4})", s)
    if m:
        return When(m.group(1), m.group(1))
    m = re.fullmatch(r"(?:the\s+)?(\d{3})0s", s)
    if m:
        return When(m.group(1) + "0", m.group(1) + "9")
    m = re.fullmatch(rf"{_M}\s*,?\s*(\d{{4}})", s)
    if m:
        month = _month_num(m.group(1))
        return When(f"{m.group(2)}-{month:02d}", f"{m.group(2)}-{month:02d}")
    if base is None:
        return None
    m = re.fullmatch(r"(?:more than |nearly |almost |about |some |over |around )?(\w+(?: few| couple of)?|\d+)\s+"
                     r"(year|month|week|day|decade)s?\s+(ago|earlier|before)", s)
    if m:
        n = _number(m.group(1))
        if n is None:
            return None
        unit = m.group(2)
        if unit == "decade":
            n, unit = n * 10, "year"
        if unit == "year":
            return When(str(base.year - n), str(base.year - n))
        if unit == "month":
            y, mo = divmod(base.year * 12 + base.month - 1 - n, 12)
            return When(f"{y}-{mo + 1:02d}", f"{y}-{mo + 1:02d}")
        days = n * (7 if unit == "week" else 1)
        return _one(base - timedelta(days=days))
    m = re.fullmatch(r"(?:in\s+)?(\w+|\d+)\s+(year|month|week|day)s?(?:\s+time)?", s)
    if m and s.startswith("in "):
        n = _number(m.group(1))
        if n is not None and m.group(2) == "year":
            return When(str(base.year + n), str(base.year + n))
    return None


def _periods(s: str, base: date, tense: str | None) -> When | None:
    monday = base - timedelta(days=base.weekday())
    table = {
        "today": _one(base), "tonight": _one(base), "this morning": _one(base), "this afternoon": _one(base),
        "this evening": _one(base), "now": _one(base), "yesterday": _one(base - timedelta(days=1)),
        "last night": _one(base - timedelta(days=1)), "overnight": When(_iso(base - timedelta(days=1)), _iso(base)),
        "the day before yesterday": _one(base - timedelta(days=2)), "day before yesterday": _one(base - timedelta(days=2)),
        "tomorrow": _one(base + timedelta(days=1)), "the day after tomorrow": _one(base + timedelta(days=2)),
        "this week": When(_iso(monday), _iso(monday + timedelta(days=6))),
        "last week": When(_iso(monday - timedelta(days=7)), _iso(monday - timedelta(days=1))),
        "past week": When(_iso(base - timedelta(days=7)), _iso(base)),
        "next week": When(_iso(monday + timedelta(days=7)), _iso(monday + timedelta(days=13))),
        "this weekend": When(_iso(monday + timedelta(days=5)), _iso(monday + timedelta(days=6)))
        if tense != "past" or base.weekday() >= 5 else When(_iso(monday - timedelta(days=2)), _iso(monday - timedelta(days=1))),
        "last weekend": When(_iso(monday - timedelta(days=2)), _iso(monday - timedelta(days=1))),
        "next weekend": When(_iso(monday + timedelta(days=12)), _iso(monday + timedelta(days=13))),
        "this month": When(_iso(base.replace(day=1)), _iso(_month_end(base.year, base.month))),
        "this year": When(str(base.year), str(base.year)),
        "last year": When(str(base.year - 1), str(base.year - 1)),
        "next year": When(str(base.year + 1), str(base.year + 1)),
        "earlier this year": When(_iso(date(base.year, 1, 1)), _iso(base)),
        "later this year": When(_iso(base), _iso(date(base.year, 12, 31))),
        "earlier this month": When(_iso(base.replace(day=1)), _iso(base)),
        "later this month": When(_iso(base), _iso(_month_end(base.year, base.month))),
        "earlier this week": When(_iso(monday), _iso(base)),
        "later this week": When(_iso(base), _iso(monday + timedelta(days=6))),
        "weekend": When(_iso(monday + timedelta(days=5)), _iso(monday + timedelta(days=6)))
        if tense == "future" or base.weekday() >= 5 else When(_iso(monday - timedelta(days=2)), _iso(monday - timedelta(days=1))),
        "past month": When(_iso(base - timedelta(days=30)), _iso(base)),
        "past year": When(_iso(base - timedelta(days=365)), _iso(base)),
        "recent days": When(_iso(base - timedelta(days=7)), _iso(base)),
        "recent weeks": When(_iso(base - timedelta(days=28)), _iso(base)),
    }
    if s in table:
        return table[s]
    m = re.fullmatch(r"(?:past|last|previous)\s+(\w+)\s+(day|week|month|year)s", s)
    if m and _number(m.group(1)):
        n = _number(m.group(1)) or 0
        days = n * {"day": 1, "week": 7, "month": 30, "year": 365}[m.group(2)]
        return When(_iso(base - timedelta(days=days)), _iso(base))
    m = re.fullmatch(r"(?:coming|next)\s+(?:few\s+)?(day|week|month)s", s)
    if m:
        days = {"day": 7, "week": 28, "month": 90}[m.group(1)]
        return When(_iso(base), _iso(base + timedelta(days=days)))
    first = base.replace(day=1)
    if s == "last month":
        prev = first - timedelta(days=1)
        return When(_iso(prev.replace(day=1)), _iso(prev))
    if s == "next month":
        nxt = _month_end(base.year, base.month) + timedelta(days=1)
        return When(_iso(nxt), _iso(_month_end(nxt.year, nxt.month)))
    return None


def _weekday(s: str, base: date, tense: str | None) -> When | None:
    m = re.fullmatch(r"(last|next|this|coming|past)?\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?", s)
    if not m:
        return None
    which, day = m.group(1), _DAYS[m.group(2)]
    delta = day - base.weekday()
    if which in ("next", "coming") or (which is None and tense == "future") or (which == "this" and tense == "future"):
        return _one(base + timedelta(days=delta if delta >= 0 else delta + 7))
    if which == "this" and tense != "past":
        return _one(base + timedelta(days=delta))  # the same week
    return _one(base + timedelta(days=delta if delta <= 0 else delta - 7))


def _month_alone(s: str, base: date, tense: str | None) -> When | None:
    m = re.fullmatch(rf"(last|next|this|early|late|mid|mid-)?\s*{_M}", s)
    if not m:
        return None
    which, month = m.group(1), _month_num(m.group(2))
    y = base.year
    if which == "last" or (which is None and tense == "past" and month > base.month):
        y = base.year - 1 if month >= base.month else base.year
    elif which == "next" or (which is None and tense == "future" and month < base.month):
        y = base.year + 1 if month <= base.month else base.year
    return When(f"{y}-{month:02d}", f"{y}-{month:02d}")


def _clean(expr: str) -> str:
    s = " ".join(expr.lower().replace("’", "'").split()).strip(" .,;:")
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^(?:the\s+)?weekend\s+of\s+", "", s)
    s = _NOISE.sub("", s)
    s = re.sub(r"^(?:the\s+)?(?:early|late|mid)\s+hours\s+of\s+", "", s)
    s = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", s)
    t = _TIME_OF_DAY.sub("", s)
    return t or s


def resolve(expr: str, published: str | None, tense: str | None = None) -> When | None:
    """A date expression → When; ``tense`` ("past" / "future" / "present") decides a bare weekday or
    month-day that could be either. Relative expressions need ``published``; without it → None."""
    if not expr or not expr.strip():
        return None
    base = _parse_published(published)
    s = _clean(expr)
    plain = re.sub(r"^(?:(?:on|in|during|over|the)\s+)+", "", " ".join(expr.lower().replace("’", "'").split()).strip(" .,;:"))
    plain = re.sub(r"'s$", "", plain)
    if base is not None:
        w = _periods(plain, base, tense)
        if w is not None:
            return w
    w = _ranges(s, base, tense) or _years(s, base)
    if w is not None:
        return w
    w = _single(s, base, tense)
    if w is not None or base is None:
        return w if w is not None else _absolute(s)
    if s.startswith("this past "):
        s, tense = s[10:], "past"
    return (_periods(s, base, tense) or _weekday(s, base, tense) or _month_alone(s, base, tense)
            or _dateparser(s, base, tense))


def _absolute(s: str) -> When | None:
    """Without a publication date: only what names its own year."""
    if not re.search(r"\b\d{4}\b", s):
        return None
    import dateparser

    d = dateparser.parse(s, languages=["en"], settings={"STRICT_PARSING": True})
    return _one(d.date()) if d else None


def _dateparser(s: str, base: date, tense: str | None) -> When | None:
    import dateparser

    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day, 12),
                "PREFER_DATES_FROM": {"past": "past", "future": "future"}.get(tense or "", "current_period"),
                "RETURN_TIME_AS_PERIOD": True}
    try:
        d = dateparser.parse(s, languages=["en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return _one(d.date()) if d else None


# --- the event's date: which DATE phrase of a sentence dates a trigger ------------------------------
# ``resolve_date`` is the caller's (``rules.resolve_date``: this module's ``resolve``, degrading to None).

Resolver = Callable[[str, str | None, str | None], When | None]
_MONTH = timedelta(days=31)
_DAY = timedelta(days=1)


FRONTED_DATES = True  # measured switch: see _fronted. Dev modality of events found 0.836 -> 0.840, background
# coded historical 0.550 -> 0.564; one act told twice in a sentence ("attacked Kosovo police …, killing an
# officer") now has one date and merges into one event (a false event fewer), but so do "strikes and protests"
# of one sentence, which dev codes as two (dev event F1 0.642 -> 0.641); GSR, PETR-2, seeds the same
_LEADING = {"in", "on", "earlier", "later", "during", "by", "at", "early", "late"}


def _fronted(e, sent) -> bool:
    """A date that opens the sentence before a comma ("Last year,", "In 2021,", "Earlier this year,"): it sets
    the time of every past act the sentence tells, not only of the verb the parse hangs it on."""
    doc, start, end = sent.doc, sent[0].i, sent[-1].i + 1  # a sentence span, or a sentence parsed alone
    return all(t.lower_ in _LEADING for t in doc[start:e.start]) and e.end < end and doc[e.end].text == ","


def _date_for(tok, sent, published: str | None, modality: Modality,
              resolve_date: Resolver) -> tuple[When, str | None]:
    """When of the trigger: a DATE entity in its clause (not one hanging off a speech verb)."""
    dates = [e for e in sent.ents if e.label_ == "DATE"]
    if not dates:
        return When(), None
    own, free = [], []
    for e in dates:
        h = e.root
        seen = 0
        governor = None
        while h.head.i != h.i and seen < 8:
            h = h.head
            seen += 1
            if h.pos_ in ("VERB", "AUX") or h.i == tok.i:
                governor = h
                break
        if governor is not None and governor.i == tok.i:
            own.append(e)
        elif governor is None or governor.lemma_ not in SPEECH:
            free.append(e)
    pick = own[0] if own else None
    if pick is None:
        # a date on a conjoined verb or the verb governing this one ("will visit X and hold talks on Friday")
        rel = {tok.head.i} if tok.dep_ in ("conj", "xcomp") else set()
        rel |= {c.i for c in tok.children if c.dep_ == "conj"}
        for e in free:
            h = e.root.head
            while h.pos_ not in ("VERB", "AUX") and h.head.i != h.i:
                h = h.head
            if h.i in rel:
                pick = e
                break
    if pick is None and FRONTED_DATES and modality in ("asserted", "denied"):
        pick = next((e for e in free if _fronted(e, sent)), None)  # "Last year, protests … forced Ruto to drop …"
    if pick is None:
        return When(), None
    tense = "future" if modality == "planned" else ("past" if tok.tag_ in ("VBD", "VBN") else None)
    text = _with_range_end(pick)
    w = resolve_date(text, published, tense)
    if w is None or not published and not re.search(r"\b(1[89]|20)\d\d\b", text):
        return When(), text
    return w, text


def _background_date(sent, tok, published: str, resolve_date: Resolver) -> When | None:
    """A date that lies well before publication, fronted ("Last year, …", "In 2023, …") or in the trigger's own
    clause ("seized Goma … in January last year"), when the parse did not attach it: the event is background,
    dated so. Dates of other clauses ("a militia founded in 1994") and "since 2022" do not count."""
    pub = _published_day(published)
    if pub is None:
        return None
    start = sent[0].i if len(sent) else 0
    clause = {tok.i, tok.head.i} if tok.dep_ in ("conj", "xcomp", "advcl") else {tok.i}
    for e in sent.ents:
        if e.label_ != "DATE" or (e.start > 0 and sent.doc[e.start - 1].lower_ == "since"):
            continue
        h = e.root
        for _ in range(8):
            if h.pos_ in ("VERB", "AUX") or h.head.i == h.i:
                break
            h = h.head
        if e.start - start > 2 and h.i not in clause:
            continue
        w = resolve_date(_with_range_end(e), published, "past")
        if w is None or not w.start:
            continue
        try:
            end = date.fromisoformat(_pad(w.end or w.start))
        except ValueError:
            continue
        if end < pub - _MONTH:
            return w
    return None


def _with_range_end(span) -> str:
    """A DATE entity with the day that ends its range when NER left it out: "March 17" + "and 18"."""
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and doc[end].lower_ in ("and", "to", "-", "–", "through", "until"):
        nxt = doc[end + 1]
        if nxt.like_num and nxt.text.isdigit() and 1 <= int(nxt.text) <= 31 and nxt.ent_type_ != "DATE":
            return f"{span.text} {doc[end].text} {nxt.text}"
    return span.text


def _published_day(published: str) -> date | None:
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _pad(d: str) -> str:
    return d if len(d) == 10 else (d + "-12-31" if len(d) == 4 else d + "-28")
