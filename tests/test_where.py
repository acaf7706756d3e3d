"""Toponyms → GeoNames places."""

from __future__ import annotations

from eventwire.events import where


def test_moscow_is_the_russian_capital():
    p = where.resolve_place("Moscow")
    assert (p.country, p.geonameid, p.lat, p.lon) == ("RU", 524901, 55.75, 37.62)


def test_context_countries_rank_namesakes():
    assert where.resolve_place("Moscow", ["US"]).country == "US"
    assert where.resolve_place("Moscow", ["USA"]).country == "US"  # alpha-3 works too


def test_alternate_names_and_countries():
    assert where.resolve_place("Kiev").geonameid == where.resolve_place("Kyiv").geonameid
    mali = where.resolve_place("Mali")
    assert mali.country == "ML" and mali.geonameid == 2453866 and mali.lat is not None
    assert where.resolve_place("Ivory Coast").country == "CI"


def test_is_place():
    assert where.is_place("Bamako")
    assert where.is_place("burkina faso")
    assert not where.is_place("Sergei Lavrov")
    assert where.resolve_place("") is None


def test_a_part_is_not_its_country():
    gaza = where.resolve_place("Gaza")
    assert gaza is not None and gaza.name != "Palestinian Territory"
