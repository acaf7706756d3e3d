"""Where reports come from: files, folders, .gz, feeds, JSON lines and stdin → raw items.

This module is the reading stage's I/O. It turns paths into ``Item``s (bytes or a decoded string, the
kind of document, hints such as a feed item's link) or ``Rejected`` records; nothing here parses an
article. Every failure is a short, stable reason and never stops the rest.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from eventwire.errors import ReadError
from eventwire.model import Rejected

Kind = Literal["text", "html", "json", "feed"]

MAX_BYTES = 20_000_000  # default size limit of one input, after decompression

_SUFFIXES: dict[str, Kind] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "json", ".ndjson": "json",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}


@dataclass(frozen=True, slots=True)
class Item:
    """One document to read: ``data`` as found (bytes) or already text (from a JSON field or feed)."""

    path: str
    data: bytes | str
    kind: Kind | None = None  # None: decide from the content
    hints: dict[str, Any] = field(default_factory=dict)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

# --- bytes -------------------------------------------------------------------------------------


def kind_of(path: str) -> Kind | None:
    name = path.lower().removesuffix(".gz")
    return _SUFFIXES.get(os.path.splitext(name)[1])


def gunzip(data: bytes, path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Decompress a .gz payload, within the size limit. Raises ReadError when truncated or not gzip."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=_Bytes(data)) as f:
            while chunk := f.read(1 << 16):
                out += chunk
                if len(out) > max_bytes:
                    raise ReadError(path, f"too large (over {max_bytes} bytes)")
    except EOFError as e:
        raise ReadError(path, "truncated gzip") from e
    except (gzip.BadGzipFile, zlib.error) as e:
        raise ReadError(path, "bad gzip") from e
    return bytes(out)


def _Bytes(data: bytes) -> BinaryIO:
    import io

    return io.BytesIO(data)


def sniff(data: bytes | str) -> Kind:
    """The kind of an unnamed document, from its first characters."""
    head = data[:2048]
    if isinstance(head, bytes):
        head = head.decode("utf-8", "replace")
    s = head.lstrip("\ufeff \t\r\n").lower()
    if s.startswith(("{", "[")):
        return "json"
    if s.startswith("<"):
        if "<rss" in s or "<feed" in s or "<rdf:rdf" in s:
            return "feed"
        return "html"
    return "text"


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else what charset-normalizer finds.

    Raises ReadError "empty", "binary" (NUL bytes or mostly control characters) or "undecodable".
    """
    if not data.strip():
        raise ReadError(path, "empty")
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(path, "binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _declared(data) or _detected(data, path)
    control = len(_CONTROL.findall(text, 0, 4096))
    if control > len(text[:4096]) * 0.05:
        raise ReadError(path, "binary")
    if not text.strip():
        raise ReadError(path, "empty")
    return text


_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _declared(data: bytes) -> str | None:
    """The text in the charset an HTML or XML head declares, when that decodes cleanly."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return data.decode(m.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _detected(data: bytes, path: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError(path, "undecodable")
    return str(best)


# --- paths --------------------------------------------------------------------------------------


def expand(paths: Iterable[str | os.PathLike]) -> Iterator[str | Rejected]:
    """Paths named, with folders walked (recursively, sorted, hidden names skipped, known suffixes only)."""
    for p in paths:
        p = os.fspath(p)
        if p == "-":
            yield p
        elif os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    # Markdown is read when named, not when walking a folder (a README is not a report)
                    if not name.startswith(".") and kind_of(name) is not None and not name.lower().endswith(".md"):
                        yield os.path.join(root, name)
        elif os.path.exists(p):
            yield p
        else:
            yield Rejected(p, "not found")


def load(path: str, max_bytes: int = MAX_BYTES, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of one path ("-" is stdin), decompressed when .gz; ReadError when too large or unreadable."""
    try:
        if path == "-":
            stream = stdin or sys.stdin.buffer
            data = stream.read(max_bytes + 1)
        else:
            if os.path.getsize(path) > max_bytes and not path.lower().endswith(".gz"):
                raise ReadError(path, f"too large (over {max_bytes} bytes)")
            data = Path(path).read_bytes()
    except OSError as e:
        raise ReadError(path, f"unreadable ({e.strerror or type(e).__name__})") from e
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, path, max_bytes)
    elif path.lower().endswith(".gz"):
        raise ReadError(path, "bad gzip")
    if len(data) > max_bytes:
        raise ReadError(path, f"too large (over {max_bytes} bytes)")
    return data


def items(paths: Iterable[str | os.PathLike], *, max_bytes: int = MAX_BYTES, stdin: BinaryIO | None = None) -> Iterator[Item | Rejected]:
    """Every document under ``paths``: one per text or HTML file, one per JSON record or feed item."""
    for path in expand(paths):
        if isinstance(path, Rejected):
            yield path
            continue
        try:
            data = load(path, max_bytes, stdin)
        except ReadError as e:
            yield Rejected(e.path, e.reason)
            continue
        yield from document_items(data, path)


def document_items(data: bytes, path: str, hints: dict[str, Any] | None = None) -> Iterator[Item | Rejected]:
    """The documents in one input's bytes (already decompressed): one, or one per JSON record or feed item.
    ``hints`` apply to a single text or HTML document."""
    try:
        kind = (kind_of(path) if path != "-" else None) or sniff(data)
        if kind == "json":
            yield from json_items(decode(data, path), path)
        elif kind == "feed":
            from eventwire.ingest.feeds import feed_items

            yield from feed_items(data, path)
        else:
            yield Item(path, data, kind, dict(hints or {}))
    except ReadError as e:
        yield Rejected(e.path, e.reason)


# --- JSON ---------------------------------------------------------------------------------------

_FIELDS = ("url", "title", "published", "outlet")


def json_record(record: Any, path: str) -> Item | Rejected:
    """One JSON object with ``text`` or ``html`` (and optional url, title, published, outlet)."""
    if not isinstance(record, dict):
        return Rejected(path, "expected a JSON object")
    hints = {k: record[k] for k in _FIELDS if isinstance(record.get(k), str)}
    for key, kind in (("html", "html"), ("text", "text")):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return Item(path, value, kind, hints)  # type: ignore[arg-type]
    return Rejected(path, "no text or html field")


def json_items(text: str, path: str) -> Iterator[Item | Rejected]:
    """A JSON document (an object or a list of them) or JSON lines; a bad line is rejected alone."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except ValueError as e:
            yield Rejected(path, f"malformed JSON ({_why(e)})")
            return
        for n, record in enumerate(records, 1):
            yield json_record(record, f"{path}:item {n}")
        return
    single = len([x for x in stripped.splitlines() if x.strip()]) == 1
    if not single:
        try:  # a pretty-printed single object
            yield json_record(json.loads(stripped), path)
            return
        except ValueError:
            pass
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = path if single else f"{path}:line {n}"
        try:
            record = json.loads(line)
        except ValueError as e:
            yield Rejected(where, f"malformed JSON ({_why(e)})")
            continue
        yield json_record(record, where)


def _why(e: ValueError) -> str:
    return e.msg if isinstance(e, json.JSONDecodeError) else "invalid value"
