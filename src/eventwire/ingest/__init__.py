"""Stage 1, reading: bytes → Report (or Rejected), for files, folders, .gz, feeds, JSON lines and stdin.

    read(paths)              every report under paths, and a Rejected for each input that could not be read
    read_data(data, path)    the reports in one input's bytes (a document, JSON lines or a feed; .gz allowed)
    read_bytes(data, path)   one document → Report; raises ReadError
    read_safely(item)        one document (a sources.Item) → Report, or Rejected with the reason
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO

from eventwire.errors import ReadError
from eventwire.ingest import sources
from eventwire.ingest.report import make_report, report_id
from eventwire.ingest.sources import MAX_BYTES, Item
from eventwire.model import Rejected, Report

__all__ = ["MAX_BYTES", "read", "read_bytes", "read_data", "read_item", "read_safely", "report_id"]


def read(
    paths: Iterable[str | bytes | os.PathLike], *, max_bytes: int = MAX_BYTES, stdin: BinaryIO | None = None
) -> Iterator[Report | Rejected]:
    """Read every document under ``paths`` ("-" is stdin); bad input becomes a Rejected, never an error.

    Only regular files are read (a FIFO or a device is rejected unopened), each read stops past
    ``max_bytes``, and a name that is not UTF-8 is kept with backslash escapes (``sources.shown``)."""
    for item in sources.items(paths, max_bytes=max_bytes, stdin=stdin):
        if isinstance(item, Rejected):
            yield item
            continue
        yield read_safely(item)


def read_safely(item: Item) -> Report | Rejected:
    """read_item, with any failure as a Rejected: one odd document must not stop a batch."""
    try:
        return read_item(item)
    except ReadError as e:
        return Rejected(e.path, e.reason)
    except Exception as e:  # a parser's own bug, a document nested too deeply for it
        return Rejected(item.path, sources.unreadable(e))


def read_data(
    data: bytes, path: str, hints: Mapping[str, Any] | None = None, *, max_bytes: int = MAX_BYTES
) -> Iterator[Report | Rejected]:
    """The reports in one input's bytes, read as ``read`` reads a file named ``path`` (the name's suffix
    decides the kind, else the content): a text or HTML document, JSON (lines) or a feed, gzip allowed.
    ``hints`` (url, title, published, outlet) apply to a single document."""
    try:
        if data[:2] == b"\x1f\x8b" or path.lower().endswith(".gz"):
            data = sources.gunzip(data, path, max_bytes)
        if len(data) > max_bytes:
            raise ReadError(path, f"too large (over {max_bytes} bytes)")
    except ReadError as e:
        yield Rejected(e.path, e.reason)
        return
    except Exception as e:  # gzip's own failure (a corrupt header it does not name)
        yield Rejected(path, sources.unreadable(e))
        return
    for item in sources.document_items(data, path, dict(hints or {})):
        yield item if isinstance(item, Rejected) else read_safely(item)


def read_bytes(data: bytes, path: str, hints: Mapping[str, Any] | None = None) -> Report:
    """One document (text or HTML, gzip allowed) → Report. Raises ReadError when it cannot be read."""
    if data[:2] == b"\x1f\x8b" or path.lower().endswith(".gz"):
        data = sources.gunzip(data, path)
    return read_item(Item(path, data, sources.kind_of(path), dict(hints or {})))


def read_item(item: Item) -> Report:
    data = item.data
    text = sources.decode(data, item.path) if isinstance(data, bytes) else data
    if not text.strip():
        raise ReadError(item.path, "empty")
    kind = item.kind or sources.sniff(text)
    if kind in ("json", "feed"):
        raise ReadError(item.path, f"a {kind} file holds many reports: use read()")
    if kind == "html":
        return _from_html(text, item)
    return _from_text(text, item)


def _from_text(text: str, item: Item) -> Report:
    from eventwire.ingest import text as plain

    p = plain.parse(text)
    if not p.text.strip():
        raise ReadError(item.path, "no article text")
    return make_report(
        text=p.text, path=item.path, url=p.url, title=p.title, published=p.published, credit=p.credit,
        captions=p.captions, removed=p.removed, hints=item.hints,
    )


def _from_html(text: str, item: Item) -> Report:
    from eventwire.ingest import html

    try:
        p = html.parse(text, url=item.hints.get("url"), path=item.path)
    except ReadError:
        # a feed's or a JSON record's HTML (text already, maybe a bare fragment), or a posted document that
        # came with hints: read its text instead
        if item.hints or isinstance(item.data, str):
            fallback = html.fragment_text(text)
            if fallback.strip():
                return _from_text(fallback, item)
        raise
    return make_report(
        text=p.text, path=item.path, url=p.url, outlet=p.outlet, title=p.title, published=p.published,
        credit=p.credit, language=p.language, captions=p.captions, removed=p.removed, hints=item.hints,
    )
