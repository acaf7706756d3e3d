"""HTML reports: trafilatura's main text and our metadata, captions apart, clutter out."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import ReadError
from eventwire.ingest import read_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "read"


@pytest.fixture(scope="module")
def page():
    return read_bytes((FIXTURES / "page.html").read_bytes(), "page.html")


def test_metadata(page):
    assert page.title == "Lake Victoria ferry service resumes after repairs"
    assert page.outlet == "The Lakeside Courier"
    assert page.published == "2024-06-03T08:30"
    assert page.url == "https://courier.example/news/ferry-resumes"
    assert page.language == "en"
    assert page.credit == "AFP"


def test_body_without_clutter(page):
    assert page.text.startswith("KISUMU (AFP) - A passenger ferry")
    assert page.text.endswith("until then.")
    for furniture in ("Subscribe to our newsletter", "Read more:", "Related stories", "Home", "Comments are closed",
                      "All rights reserved", "Share on Facebook"):
        assert furniture not in page.text
    reasons = {r.line: r.reason for r in page.removed}
    assert reasons["Read more: Fishing communities count the cost of low water levels"] == "read-more"


def test_caption_kept_apart_once(page):
    caption = "The refitted ferry leaves the port of Kisumu on its first crossing since December."
    assert page.captions == (caption,)
    assert caption not in page.text


def test_headline_repeated_at_the_top_of_the_body_is_not_body():
    html = ("<html><head><title>Bridge reopens | Valley Weekly</title></head><body><article><h1>Bridge reopens</h1>"
            "<p>Bridge reopens</p><p>The river bridge reopened to heavy lorries on Tuesday after engineers finished "
            "strengthening its piers, the regional roads office said in a statement.</p></article></body></html>")
    r = read_bytes(html.encode(), "b.html")
    assert r.title == "Bridge reopens"
    assert r.text.startswith("The river bridge")


def test_page_without_article_text_is_rejected():
    with pytest.raises(ReadError) as e:
        read_bytes(b"<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>", "n.html")
    assert e.value.reason == "no article text"


def test_markup_garbage_is_rejected():
    with pytest.raises(ReadError):
        read_bytes(b"<<<>>><</</", "g.html")
