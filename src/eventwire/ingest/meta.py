"""Metadata found in words: dates and times, agency credits and attributions, the language.

Shared by the plain-text and the HTML path. Agencies are the wire services the press names (a general
list, not any site's); a byline naming a person is not a credit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

# --- agencies ---------------------------------------------------------------------------------

_AGENCIES = {
    "reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "ap": "AP", "associated press": "AP", "the associated press": "AP", "bloomberg": "Bloomberg",
    "dpa": "dpa", "efe": "EFE", "xinhua": "Xinhua", "tass": "TASS", "ria novosti": "RIA Novosti",
    "interfax": "Interfax", "anadolu": "Anadolu", "anadolu agency": "Anadolu", "ansa": "ANSA",
    "kyodo": "Kyodo", "kyodo news": "Kyodo", "yonhap": "Yonhap", "pti": "PTI", "ians": "IANS", "upi": "UPI",
    "ani": "ANI", "sputnik": "Sputnik", "bernama": "Bernama", "antara": "Antara", "irna": "IRNA",
    "wafa": "WAFA", "kuna": "KUNA", "wam": "WAM", "mena": "MENA", "sapa": "SAPA", "nan": "NAN",
    "apa": "APA", "aps": "APS", "pap": "PAP", "ctk": "CTK", "belga": "Belga", "anp": "ANP", "tt": "TT",
    "ntb": "NTB", "aap": "AAP", "cna": "CNA", "jiji": "Jiji", "jiji press": "Jiji", "xinhua news agency": "Xinhua",
}
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in _AGENCIES), key=len, reverse=True))


def agency(name: str) -> str | None:
    """The canonical agency for a name, or None (``"Reuters"`` for ``"REUTERS"``).

    Names of four letters or fewer count only as written by the agency or in capitals ("AP", not "Ap").
    """
    raw = " ".join(name.replace("\u2013", "-").split())
    key = raw.lower().removeprefix("the ")
    found = _AGENCIES.get(key)
    if found and len(key) <= 4 and raw.removeprefix("the ") not in (found, found.upper()):
        return None
    return found


_DASH = r"(?:-|–|—|:)"
_CREDIT_PATTERNS = [
    # "By Reuters", "By Jane Doe, Reuters", "By Jane Doe and AFP", "By AFP staff"
    re.compile(rf"^\s*by\s+(?:[^,;|]{{1,60}}?(?:,|\band\b|\|)\s*)?(?P<a>{_AGENCY_ALT})(?:\s+(?:staff|reporters?|correspondents?|news agency))?\s*\.?$", re.IGNORECASE),
    # "MOSCOW (Reuters) -", "(AFP) -", "BAMAKO, April 2 (Reuters) -"
    re.compile(rf"^\s*(?:[A-Z][\w'’.-]*(?:[ ,/]+[\w'’.-]+){{0,6}}\s*)?\((?P<a>{_AGENCY_ALT})\)\s*{_DASH}", re.IGNORECASE),
    # "Source: Reuters", "Credit: AFP", "— Reuters", "Reuters" alone on a line
    re.compile(rf"^\s*(?:source|credit|agency|via)\s*:\s*(?P<a>{_AGENCY_ALT})\s*\.?$", re.IGNORECASE),
    re.compile(rf"^\s*(?:{_DASH}\s*)?(?P<a>{_AGENCY_ALT})\s*$", re.IGNORECASE),
]


def credit(line: str) -> str | None:
    """The agency a byline or dateline credits: ``By Reuters``, ``MOSCOW (Reuters) -`` → ``Reuters``."""
    for p in _CREDIT_PATTERNS:
        m = p.search(line)
        if m:
            a = agency(m.group("a"))
            if a:
                return a
    return None


_SPACES = re.compile(r"\s+")
# as written in running text: the agency's own form, Title Case or CAPITALS (a case-sensitive scan is fast)
_WRITTEN = {form for key, name in _AGENCIES.items() for form in (name, key.title(), key.upper(), "the " + key.title())}
_AGENCY_NAME = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, _WRITTEN), key=len, reverse=True)) + r")(?![\w-])")
_CUE_BEFORE = re.compile(
    r"(?:\b(?:reported|first reported|cited|quoted|told|carried|confirmed) by|\baccording to(?: a report (?:by|from)| reports? (?:by|from))?"
    r"|\btold|\bin an interview with|\bspeaking to|\bciting|\bvia)(?: the)?(?: news agency| wire service)?\s+$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(r"^(?:\s+news agency)?\s+(?:reported|said|quoted|cited|learned|has reported|first reported)\b", re.IGNORECASE)


def agencies_in(text: str) -> Iterator[str]:
    """Agencies named in running text, in order (canonical names)."""
    for m in _AGENCY_NAME.finditer(text):
        a = agency(m.group())
        if a:
            yield a


def attribution(text: str) -> str | None:
    """The first agency the body names as a source: ``reported by Reuters``, ``according to AFP``."""
    for m in _AGENCY_NAME.finditer(text):
        a = agency(m.group())
        if not a:
            continue
        before = _SPACES.sub(" ", text[max(0, m.start() - 40):m.start()])
        after = _SPACES.sub(" ", text[m.end():m.end() + 30])
        if _CUE_BEFORE.search(before) or _CUE_AFTER.match(after):
            return a
    return None


# --- dates ------------------------------------------------------------------------------------

_MONTHS = {
    m: i for i, names in enumerate([
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
        ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
        ("november", "nov"), ("december", "dec"),
    ], 1) for m in names
}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_TIME = r"(?:\s*(?:[-–—,|@]|\bat\b)?\s*(?P<h>\d{1,2})[:.h](?P<mi>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?(?:\s*(?:utc|gmt|(?-i:[A-Z]{2,4})\b|[+-]\d{2}:?\d{2}))?)?"
_DATES = [
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON},?\s+(?P<y>(?:19|20)\d\d)\b{_TIME}", re.IGNORECASE),
    re.compile(rf"\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b{_TIME}", re.IGNORECASE),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ](?P<h>\d\d):(?P<mi>\d\d)(?::\d\d(?:\.\d+)?)?(?P<ampm>)(?:Z|[+-]\d\d:?\d\d)?)?\b"),
]


def month_number(name: str) -> int | None:
    """1–12 for a month name or abbreviation ("Nov", "november"), else None."""
    return _MONTHS.get(name.lower().rstrip("."))


def find_date(line: str) -> tuple[str, tuple[int, int]] | None:
    """The first date (and time) in ``line`` as ISO 8601, with its span; None when there is none."""
    for p in _DATES:
        m = p.search(line)
        if not m:
            continue
        g = m.groupdict()
        month = int(g["m"]) if g.get("m") else _MONTHS[g["mon"].lower()]
        try:
            day = date(int(g["y"]), month, int(g["d"]))
        except ValueError:
            continue
        if not g.get("h"):
            return day.isoformat(), m.span()
        hour, minute = int(g["h"]), int(g["mi"])
        ampm = (g.get("ampm") or "").replace(".", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return day.isoformat(), m.span()
        return datetime(day.year, day.month, day.day, hour, minute).isoformat(timespec="minutes"), m.span()
    return None


def iso_date(value: str | None) -> str | None:
    """A date string from metadata (ISO, RFC 822 or words) to ISO 8601; None when it cannot be read."""
    if not value:
        return None
    found = find_date(value)
    if found:
        return found[0]
    try:
        from email.utils import parsedate_to_datetime

        dt = parsedate_to_datetime(value)
        return dt.replace(tzinfo=None).isoformat(timespec="minutes")
    except (TypeError, ValueError, IndexError):
        return None


# --- language ---------------------------------------------------------------------------------

_STOP = {
    "en": "the of and to in a is that for on was with as by at from it his said have has are be an were not this but",
    "fr": "le la les de des du et un une est en que qui dans pour pas sur au avec ce il elle a été par plus",
    "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an wurde bei",
    "es": "el la los las de del y que en un una es por con para se no al lo como más fue su sus ha",
    "it": "il lo la le gli di del della e che in un una è per con non si al dei sono ha anche da",
    "pt": "o a os as de do da dos das e que em um uma é para com não se no na por mais foi ao",
    "nl": "de het een en van in is op te dat die voor met zijn niet aan er ook als bij door werd",
    "sv": "och att det som en på är av för med till den har inte om ett var men från",
    "pl": "i w na z się że do nie jest to o jak po przez od za oraz są być",
    "tr": "ve bir bu da de için ile olarak çok daha gibi olan ama en",
    "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada ke adalah juga oleh",
}
_STOPSETS = {lang: set(ws.split()) for lang, ws in _STOP.items()}
_SCRIPTS = [
    ("ru", re.compile(r"[\u0400-\u04ff]")), ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")), ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")), ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
]
_KANA = re.compile(r"[\u3040-\u30ff]")
_WORD = re.compile(r"[^\W\d_]+")


def language(text: str) -> str | None:
    """ISO 639-1 code by script, then by the share of common function words; None when unsure."""
    sample = text[:2000]
    letters = sum(ch.isalpha() for ch in sample)
    if not letters:
        return None
    if not sample.isascii():
        if len(_KANA.findall(sample)) > letters * 0.05:
            return "ja"
        for lang, script in _SCRIPTS:
            if len(script.findall(sample)) > letters * 0.3:
                return lang
    tokens = [w.lower() for w in _WORD.findall(sample)]
    if len(tokens) < 3:
        return None
    scores = {lang: sum(t in stop for t in tokens) for lang, stop in _STOPSETS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= max(2, len(tokens) * 0.08) else None
