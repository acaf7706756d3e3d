"""Plain-text reports: metadata from the head, a clean body, captions apart, the stable id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.ingest import meta, read, read_bytes, report_id

FIXTURES = Path(__file__).parent / "fixtures" / "read"
SHARED = Path(__file__).resolve().parents[2] / "shared"

CLUTTER = [
    "subscribe Only R15 for your first month. Back fearless reporting by subscribing to our digital edition.",
    "Subscribe today",
    "Image: AFP/Jane Placeholder",
    "Want to share your view on this story?",
    "Register (it's free and takes a minute) or log in now.",
    "Chat Icons",
    "Please check our Comment Policy before commenting.",
]


def _read(name: str):
    return read_bytes((FIXTURES / name).read_bytes(), str(FIXTURES / name))


def test_wire_copy_republished_with_clutter():
    """Same shape as the mission's seed 000: headline, dateline + byline, paywall, caption twice, credit."""
    r = _read("seed_like.txt")
    assert r.title == "Kenya, Tanzania, Uganda trade ministers to meet in Arusha next week"
    assert r.published == "2024-03-14T09:05"
    assert r.credit == "AFP"
    assert r.language == "en"
    assert r.text.startswith("The trade ministers of Kenya, Tanzania and Uganda will meet in Arusha next week")
    assert r.text.endswith("in Kampala nine years ago.")
    assert len(r.captions) == 1 and r.captions[0].startswith("Cargo containers stacked at the port of Mombasa")
    assert "Cargo containers" not in r.text
    removed = [x.line for x in r.removed]
    for line in CLUTTER:
        assert line in removed
        assert line not in r.text
    assert all(x.reason for x in r.removed)


def test_rewrite_with_attribution_and_no_dateline():
    """Same shape as seed 001: headline, no date, no byline, the agency named in the body."""
    r = _read("rewrite.txt")
    assert r.title == "East African Ministers Head to Arusha For Trade Talks"
    assert r.published is None
    assert r.credit is None
    assert r.attribution == "AFP"
    assert r.text.startswith("THE trade ministers")
    assert "Border queues weigh on traders" in r.text  # a subheading is body
    assert r.removed == ()


def test_id_is_the_same_for_the_same_body_under_other_clutter():
    body = ("The harbour reopened on Monday after a week of storms, the port authority said.\n\n"
            "Fishing crews returned to sea at dawn.")
    a = read_bytes(f"Harbour reopens\n\n{body}\n\nShare this article\nSubscribe now\n".encode(), "a.txt")
    b = read_bytes(f"Harbour reopens after storms\n\nAdvertisement\n\n{body.replace(' ', '  ')}\n\nLeave a comment".encode(), "b.txt")
    assert a.id == b.id == report_id(a.text)
    assert len(a.id) == 16
    changed = read_bytes(f"Harbour reopens\n\n{body} More boats followed.".encode(), "c.txt")
    assert changed.id != a.id


def test_id_ignores_quote_and_dash_styles():
    assert report_id("It’s a “test” — really") == report_id("It's a \"test\" - really")


@pytest.mark.parametrize(
    ("line", "published", "credit"),
    [
        ("02 April 2025 - 14:49 By Reuters", "2025-04-02T14:49", "Reuters"),
        ("April 2, 2025 2:49 PM", "2025-04-02T14:49", None),
        ("Published: 2025-04-02", "2025-04-02", None),
        ("By Jane Doe, AFP | 3 May 2024", "2024-05-03", "AFP"),
    ],
)
def test_head_metadata(line, published, credit):
    text = f"Harbour reopens after storms\n\n{line}\n\nThe harbour reopened on Monday after a week of storms, the port authority said."
    r = read_bytes(text.encode(), "x.txt")
    assert r.published == published
    assert r.credit == credit
    assert line not in r.text


@pytest.mark.parametrize(
    ("lead", "credit"),
    [
        ("MOSCOW (Reuters) - Officials met on Monday to discuss the grain deal and its renewal terms.", "Reuters"),
        ("(AFP) - Officials met on Monday to discuss the grain deal and its renewal terms.", "AFP"),
        ("NAIROBI, March 3 (AP) — Officials met on Monday to discuss the grain deal and its renewal terms.", "AP"),
    ],
)
def test_dateline_credit_in_the_body(lead, credit):
    assert read_bytes(lead.encode(), "x.txt").credit == credit


@pytest.mark.parametrize(
    ("sentence", "agency"),
    [
        ("The talks were first reported by Reuters on Sunday.", "Reuters"),
        ("Five people were hurt, according to AFP.", "AFP"),
        ("The minister told the Associated Press that talks would go on.", "AP"),
        ("Xinhua reported that the bridge had opened.", "Xinhua"),
        ("According to the joint statement, the ministers will meet.", None),
    ],
)
def test_attribution(sentence, agency):
    assert meta.attribution(sentence) == agency


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The ministers said that the talks with the delegation were useful and that they would meet again.", "en"),
        ("Les ministres ont dit que les discussions avec la délégation étaient utiles et qu'ils se reverraient.", "fr"),
        ("Die Minister sagten, dass die Gespräche mit der Delegation nützlich waren und sie sich wieder treffen.", "de"),
        ("Los ministros dijeron que las conversaciones con la delegación fueron útiles y que se verán de nuevo.", "es"),
        ("Министры заявили, что переговоры с делегацией были полезными.", "ru"),
    ],
)
def test_language(text, lang):
    assert meta.language(text) == lang


def test_first_line_that_is_a_sentence_is_not_a_title():
    r = read_bytes(b"The harbour reopened on Monday after a week of storms, the port authority said.\n\nMore boats followed.", "x.txt")
    assert r.title is None
    assert r.text.startswith("The harbour reopened")


def test_hard_wrapped_paragraphs_are_joined():
    text = ("Harbour news\n\nThe harbour reopened on Monday after a week of storms that kept\n"
            "every boat in port, the port authority said in a short statement.\n")
    r = read_bytes(text.encode(), "x.txt")
    assert "kept every boat" in r.text


# --- the mission's own seed reports, read where they are (never copied into the repository) ----------


@pytest.mark.skipif(not (SHARED / "corpus" / "seeds").exists(), reason="../shared/corpus/seeds not present")
def test_mission_seeds_read_as_gold_says():
    gold = json.loads((SHARED / "eval" / "seeds" / "gold.json").read_text())["articles"]
    reports = {Path(r.path).name: r for r in read([SHARED / "corpus" / "seeds"])}
    for name, want in gold.items():
        r = reports[name]
        assert r.title == want["title"]
        assert r.published == want["published"]
        assert r.credit == want["credit"]
        if "body_starts" in want:
            assert r.text.startswith(want["body_starts"])
            assert r.text.endswith(want["body_ends"])
        if "caption" in want:
            assert len(r.captions) == 1 and r.captions[0].startswith(want["caption"])
            assert want["caption"] not in r.text
        for line in want.get("boilerplate_lines", []):
            assert line in [x.line for x in r.removed]
            assert line not in r.text
        if want.get("attribution"):
            assert r.attribution == want["attribution"].split()[0]


def test_byline_first_is_not_a_title():
    r = read_bytes(b"By Reuters\n\nThe harbour reopened on Monday after a week of storms, the port authority said.", "x.txt")
    assert r.title is None and r.credit == "Reuters"
    r = read_bytes(b"Storm closes harbour\nBy Jane Doe\n\nThe harbour reopened on Monday after a week of storms.", "x.txt")
    assert r.title == "Storm closes harbour" and r.credit is None
    assert ("By Jane Doe", "byline") in [(x.line, x.reason) for x in r.removed]


def test_same_body_from_another_publisher_is_another_report():
    body = "The harbour reopened on Monday after a week of storms, the port authority said."
    a = read_bytes(body.encode(), "a.txt", {"outlet": "Harbour Times"})
    b = read_bytes(body.encode(), "b.txt", {"outlet": "harbour  times"})
    c = read_bytes(body.encode(), "c.txt", {"outlet": "Coast Daily"})
    d = read_bytes(body.encode(), "d.txt", {"url": "https://www.coast.example/a"})
    e = read_bytes(body.encode(), "e.txt", {"url": "https://coast.example/b"})
    assert a.id == b.id  # the same publisher: ingesting again stores nothing
    assert a.id != c.id  # a republication elsewhere is a report of its own
    assert d.id == e.id != a.id


def test_date_line_with_a_person_byline():
    r = read_bytes(b"Port talks resume\n\n15 March 2026 - 08:30 By Ana Reyes\n\n"
                   b"Talks on the port dispute resumed on Monday after a pause of two weeks, officials said.", "p.txt")
    assert r.published == "2026-03-15T08:30"
    assert r.credit is None
    assert r.text.startswith("Talks on the port")
    from eventwire.ingest import meta
    assert meta.find_date("2 April 2025 - 14:49 GMT")[0] == "2025-04-02T14:49"


@pytest.mark.parametrize("line, url", [
    ("https://www.example.org/world/2024/05/01/talks-resume/", "https://www.example.org/world/2024/05/01/talks-resume/"),
    ("www.example.co.uk/news/world-123", "http://www.example.co.uk/news/world-123"),
    ("http : / / www . example . com / 2013 / 05 / story - page", "http://www.example.com/2013/05/story-page"),
])
def test_a_leading_address_line_is_metadata(line, url):
    """Scraped text often opens with the page's address: it is the report's url, not its headline or text."""
    text = f"{line}\nFerry capsizes off island, dozens missing\n\nRescuers searched the sea on Tuesday for dozens of " \
           "people missing after a ferry capsized off the island in rough weather, the coast guard said.\n"
    r = read_bytes(text.encode(), "page.txt")
    assert r.url == url
    assert r.title == "Ferry capsizes off island, dozens missing"
    assert r.text.startswith("Rescuers searched the sea on Tuesday")
    assert any(x.reason == "url" for x in r.removed)


def test_an_address_inside_prose_stays():
    for first in ("www.example.com was down for hours on Monday after a cable cut, the operator said.",
                  "See https://example.org for the full statement issued by the ministry on Monday."):
        r = read_bytes(f"{first}\nMore text follows here about the outage and its causes.\n".encode(), "a.txt")
        assert r.url is None
        assert r.text.startswith(first[:20])


def test_a_lone_headline_is_kept_as_the_text():
    """A report of one short line is not emptied by taking that line as its title."""
    r = read_bytes(b"Robbers steal jewels worth millions from city store\n", "a.txt")
    assert r.text == "Robbers steal jewels worth millions from city store"
