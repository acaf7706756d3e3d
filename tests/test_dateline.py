"""Datelines: recognised at the start of a body, kept as metadata, never read by the coder."""

import pytest

from eventwire.ingest import dateline, read_bytes


@pytest.mark.parametrize(("text", "place", "month_day", "agency"), [
    ("DHAKA, Nov 9 (Reuters) - Police fired tear gas at students.", "Dhaka", (11, 9), "Reuters"),
    ("PARIS (AFP) — France recalled its ambassador.", "Paris", None, "AFP"),
    ("GAZA CITY — Jets struck a camp overnight.", "Gaza City", None, None),
    ("KATHMANDU, Jan. 5 (Xinhua) -- Nepal's government said.", "Kathmandu", (1, 5), "Xinhua"),
    ("KYIV/MOSCOW, March 1 (Reuters) - Russia said.", "Kyiv", (3, 1), "Reuters"),
    ("NAIROBI, Kenya, March 4 (AP) — Kenyan police said.", "Nairobi", (3, 4), "AP"),
    ("United Nations, April 13 (IANS) Under pressure, the court dropped the case.", "United Nations", (4, 13), "IANS"),
    ("LYON: Interpol said it would send a team.", "Lyon", None, None),
    ("GAZA CITY, Palestinian Territories: Four people were killed.", "Gaza City", None, None),
])
def test_datelines_are_found(text, place, month_day, agency):
    d = dateline.find(text)
    assert d is not None and (d.place, d.month_day, d.agency) == (place, month_day, agency)
    assert text[d.end:][0].isupper()


@pytest.mark.parametrize("text", [
    "The foreign ministers of Mali will visit Moscow.", "US - China talks resumed.", "NATO: allies agree on aid.",
    "BREAKING - a strong earthquake hit the coast.", "Iran: the talks failed.", "IRAN: the talks failed.",
    "JORDAN: talks resume.", "DEAL: both sides sign.", "TRUMP: I will win.",
])
def test_prose_and_headlines_are_not_datelines(text):
    assert dateline.find(text) is None


def test_mask_keeps_offsets():
    text = "JEDDAH (Reuters) - Saudi Arabia hosted talks."
    masked = dateline.mask(text)
    assert len(masked) == len(text) and masked.strip().startswith("Saudi") and "JEDDAH" not in masked


def test_reader_keeps_the_dateline_as_metadata_and_its_dated_form_as_publication_date():
    r = read_bytes(b"BAMAKO, April 2, 2025 (Reuters) - Mali's army said it had repelled an attack near the border.", "a.txt")
    assert r.dateline == "Bamako" and r.published == "2025-04-02"
    assert r.text.startswith("BAMAKO")  # the body is kept whole; the coder blanks the dateline


@pytest.mark.slow
def test_the_dateline_is_never_an_actor():
    from eventwire.events import code
    from eventwire.events.nlp import load

    r = read_bytes(b"DHAKA, Nov 9 (Reuters) - Police fired tear gas at thousands of garment workers protesting "
                   b"over unpaid wages in the capital, witnesses said.", "d.txt", {"published": "2024-11-09"})
    ((_, events),) = list(code([r], load()))
    for e in events:
        for a in e.source + e.target:
            assert "DHAKA" not in a.text and a.text.lower() != "dhaka"
