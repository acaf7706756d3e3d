"""Date expressions against a publication date. 2025-04-02 is a Wednesday."""

from __future__ import annotations

import pytest

from eventwire.events.when import resolve
from eventwire.model import When

PUB = "2025-04-02T14:49"


@pytest.mark.parametrize(
    "expr, tense, start, end",
    [
        ("on Tuesday", "past", "2025-04-01", "2025-04-01"),
        ("on Tuesday", "future", "2025-04-08", "2025-04-08"),
        ("Thursday", "future", "2025-04-03", "2025-04-03"),
        ("last Friday", None, "2025-03-28", "2025-03-28"),
        ("late on Saturday", "past", "2025-03-29", "2025-03-29"),
        ("Sunday night", "past", "2025-03-30", "2025-03-30"),
        ("this week", None, "2025-03-31", "2025-04-06"),
        ("last week", None, "2025-03-24", "2025-03-30"),
        ("next week", None, "2025-04-07", "2025-04-13"),
        ("April 3 and 4", "future", "2025-04-03", "2025-04-04"),
        ("April 3-4", None, "2025-04-03", "2025-04-04"),
        ("7 to 9 May", None, "2025-05-07", "2025-05-09"),
        ("March 30 to April 2", None, "2025-03-30", "2025-04-02"),
        ("December 30 to January 2", "past", "2024-12-30", "2025-01-02"),
        ("April 3", "past", "2025-04-03", "2025-04-03"),
        ("April 20", "past", "2024-04-20", "2024-04-20"),
        ("March 20", "future", "2026-03-20", "2026-03-20"),
        ("April 3 and 4", "past", "2025-04-03", "2025-04-04"),
        ("April 3", "future", "2025-04-03", "2025-04-03"),
        ("13 years ago", None, "2012", "2012"),
        ("a decade ago", None, "2015", "2015"),
        ("in 2023", None, "2023", "2023"),
        ("yesterday", None, "2025-04-01", "2025-04-01"),
        ("overnight", None, "2025-04-01", "2025-04-02"),
        ("next month", None, "2025-05-01", "2025-05-31"),
        ("last month", None, "2025-03-01", "2025-03-31"),
        ("earlier this year", None, "2025-01-01", "2025-04-02"),
        ("June 2019", None, "2019-06", "2019-06"),
        ("Feb. 14, 2020", None, "2020-02-14", "2020-02-14"),
        ("Tuesday's", "past", "2025-04-01", "2025-04-01"),
        ("the past two weeks", None, "2025-03-19", "2025-04-02"),
        ("in the coming days", None, "2025-04-02", "2025-04-09"),
        ("the weekend of March 29-30", None, "2025-03-29", "2025-03-30"),
        ("over the weekend", "past", "2025-03-29", "2025-03-30"),
    ],
)
def test_resolve(expr, tense, start, end):
    assert resolve(expr, PUB, tense) == When(start, end)


def test_without_publication_date_only_absolute_dates():
    assert resolve("on Tuesday", None, "past") is None
    assert resolve("13 years ago", None) is None
    assert resolve("in 2023", None) == When("2023", "2023")
    assert resolve("3 April 2025", None) == When("2025-04-03", "2025-04-03")


def test_nonsense_is_none():
    assert resolve("", PUB) is None
    assert resolve("the foreseeable future of bananas", PUB) is None
