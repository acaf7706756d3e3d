"""Parsed pieces → a Report: the stable id, the attribution, the language, the caller's hints."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from eventwire.ingest import clutter, meta
from eventwire.model import Removed, Report


def normalise(text: str) -> str:
    """The body as the id sees it: casefolded, plain quotes and dashes, whitespace collapsed."""
    return clutter.norm(text)


def report_id(text: str) -> str:
    """First 16 hex digits of SHA-256 over the normalised body: the same body gets the same id anywhere."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:16]


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

    published_hint = meta.iso_date(hints.get("published")) if isinstance(hints.get("published"), str) else None
    return Report(
        id=report_id(text),
        text=text,
        path=path,
        url=hint("url", url),
        outlet=hint("outlet", outlet),
        title=hint("title", title),
        published=published_hint or published,
        credit=credit,
        attribution=meta.attribution(text),
        language=language or meta.language(text),
        captions=captions,
        removed=removed,
    )
