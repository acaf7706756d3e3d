"""Parsed pieces → a Report: the stable id, the attribution, the language, the caller's hints."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from eventwire.ingest import clutter, dateline, meta
from eventwire.model import Removed, Report


def normalise(text: str) -> str:
    """The body as the id sees it: casefolded, plain quotes and dashes, whitespace collapsed."""
    return clutter.norm(text)


def publisher(outlet: str | None, url: str | None) -> str | None:
    """Who published a report: its outlet's name, else its URL's host, else unknown."""
    if outlet and outlet.strip():
        return " ".join(outlet.split()).casefold()
    if url:
        host = urlsplit(url).netloc.casefold().removeprefix("www.")
        return host or None
    return None


def report_id(text: str, publisher: str | None = None) -> str:
    """First 16 hex digits of SHA-256 over the normalised body (and the publisher, when known).

    The same body from the same publisher gets the same id wherever it is read, so ingesting it again
    stores nothing; the same body republished by another outlet is another report, so that the stories
    stage can record it as a republication.
    """
    key = normalise(text) if not publisher else f"{normalise(text)}\x00{publisher}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def make_report(
    *,
    text: str,
    path: str | None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    published: str | None = None,
    credit: str | None = None,
    language: str | None = None,
    captions: tuple[str, ...] = (),
    removed: tuple[Removed, ...] = (),
    hints: Mapping[str, Any] | None = None,
) -> Report:
    """Assemble a Report; non-empty ``hints`` (url, title, published, outlet) from a feed or a JSON
    record take precedence over what was found in the text."""
    hints = hints or {}

    def hint(key: str, found: str | None) -> str | None:
        value = hints.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
        return found

    place = dateline.find(text)
    published_hint = meta.iso_date(hints.get("published")) if isinstance(hints.get("published"), str) else None
    url, outlet = hint("url", url), hint("outlet", outlet)
    return Report(
        id=report_id(text, publisher(outlet, url)),
        text=text,
        path=path,
        url=url,
        outlet=outlet,
        title=hint("title", title),
        published=published_hint or published or (place.date if place else None),
        credit=credit,
        attribution=meta.attribution(text),
        language=language or meta.language(text),
        dateline=place.place if place else None,
        captions=captions,
        removed=removed,
    )
