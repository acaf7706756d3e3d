"""RSS 2.0 and Atom feeds → one item per entry, with feedparser.

An entry's full content (``content:encoded``, Atom ``content``) is read as HTML when it has markup;
otherwise its summary. The entry's link, publication date and title, and the feed's title as the outlet,
go along as hints.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eventwire.ingest.sources import Item
from eventwire.model import Rejected

_MARKUP = re.compile(r"<(?:p|div|br|h\d|ul|ol|li|figure|blockquote|span|a|img)\b", re.IGNORECASE)


def _content(entry) -> str:
    best = ""
    for c in entry.get("content") or []:
        value = c.get("value") or ""
        if len(value) > len(best):
            best = value
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def feed_items(data: bytes, path: str) -> Iterator[Item | Rejected]:
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if parsed.get("bozo"):
        # a broken feed still gives what it holds before the break; empty shells are dropped
        entries = [e for e in entries if _content(e).strip()]
    if not entries:
        if parsed.get("bozo"):
            yield Rejected(path, "malformed XML")
        else:
            yield Rejected(path, "no feed items")
        return
    outlet = (parsed.get("feed") or {}).get("title")
    for n, entry in enumerate(entries, 1):
        where = f"{path}:item {n}"
        body = _content(entry)
        if not body.strip():
            yield Rejected(where, "no article text")
            continue
        hints = {
            "url": entry.get("link"),
            "title": entry.get("title"),
            "published": entry.get("published") or entry.get("updated"),
            "outlet": outlet,
        }
        hints = {k: v for k, v in hints.items() if isinstance(v, str) and v.strip()}
        kind = "html" if _MARKUP.search(body) else "text"
        yield Item(where, body, kind, hints)
