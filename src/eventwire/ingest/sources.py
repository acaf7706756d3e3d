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
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
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
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f]")


def shown(path: str | bytes | os.PathLike) -> str:
    """A path as text that can be stored and printed: bytes of a name that are not UTF-8 (a name written in
    another encoding) become backslash escapes ("caf\\xe9.txt"), and so do control characters."""
    try:
        raw = os.fsencode(path)
    except TypeError:  # not a path at all
        return repr(path)
    text = raw.decode("utf-8", "backslashreplace")
    return _CONTROL_IN_NAME.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def unreadable(e: BaseException) -> str:
    """The reason for an input that failed in an unforeseen way (an OS error, a parser's own bug)."""
    if isinstance(e, OSError):
        return f"unreadable ({e.strerror or type(e).__name__})"
    if isinstance(e, RecursionError):
        return "unreadable (nested too deeply)"
    return f"unreadable ({type(e).__name__})"


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


# code pages charset-normalizer proposes for Western text it is unsure of: DOS, Mac, EBCDIC and the like
_UNLIKELY = re.compile(r"cp(?:0\d\d|[2-5]\d\d|7\d\d|8[5-6]\d|875|10[0-2]\d|1125|114\d)|mac_\w+|hp_roman8|kz1048|ptcp154")
_UNSURE = 0.1  # a best guess whose language coherence is below this is a guess about the bytes alone
# languages cp1252 was made for: when the detector finds one of them, another code page is only its tie-break
_WESTERN = frozenset({
    "Danish", "Dutch", "English", "Finnish", "French", "German", "Indonesian", "Italian", "Norwegian",
    "Portuguese", "Spanish", "Swedish",
})


def _detected(data: bytes, path: str) -> str:
    """Text that is not UTF-8 and declares no charset: what charset-normalizer finds, unless the bytes are
    valid cp1252 (which covers latin-1 text) and the detector is unsure, proposes a DOS or Mac page, or
    finds a Western language (it reads latin-1 French as cp1257 "Dutch": "déją"); then cp1252, the usual
    legacy encoding of news text. Polish in cp1250, Greek in cp1253 and the like keep their code page."""
    from charset_normalizer import from_bytes
    from charset_normalizer.utils import is_multi_byte_encoding

    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    best = from_bytes(data).best()
    if best is None:
        if western is None:
            raise ReadError(path, "undecodable")
        return western
    single_byte = not is_multi_byte_encoding(best.encoding)  # UTF-16 with a BOM is "valid cp1252" too
    if western is not None and single_byte and best.encoding != "cp1252" and (
        best.coherence < _UNSURE or _UNLIKELY.fullmatch(best.encoding)
        or (best.language or "").rstrip("\u2014") in _WESTERN  # "English\u2014" is its second English table
    ):
        return western
    return str(best)


# --- paths --------------------------------------------------------------------------------------


def expand(paths: Iterable[str | bytes | os.PathLike]) -> Iterator[str | Rejected]:
    """Paths named, with folders walked (recursively, sorted, hidden names skipped, known suffixes only).

    Paths are the operating system's (a name that is not UTF-8 keeps its bytes as surrogates, so that it can
    be opened); a Rejected's path is ``shown``. A folder that cannot be listed is rejected, the rest goes on.
    """
    for p in paths:
        try:
            p = os.fsdecode(p)
            if p == "-":
                yield p
            elif os.path.isdir(p):
                yield from _walk(p)
            elif os.path.exists(p):
                yield p
            else:
                yield Rejected(shown(p), "not found")
        except Exception as e:  # one odd path must not stop the others
            yield Rejected(shown(p), unreadable(e))


def _walk(folder: str) -> Iterator[str | Rejected]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        yield from _unlisted(errors)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            # Markdown is read when named, not when walking a folder (a README is not a report)
            if not name.startswith(".") and kind_of(name) is not None and not name.lower().endswith(".md"):
                yield os.path.join(root, name)
    yield from _unlisted(errors)


def _unlisted(errors: list[OSError]) -> Iterator[Rejected]:
    for e in errors:
        yield Rejected(shown(e.filename or "?"), unreadable(e))
    errors.clear()


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"),
)


def _regular(mode: int, path: str) -> None:
    """ReadError unless ``mode`` is a regular file's: a FIFO, device or socket could block or never end."""
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _NOT_REGULAR if test(mode)), "a special file")
        raise ReadError(path, f"not a regular file ({what})")


def read_bounded(stream: BinaryIO, max_bytes: int, path: str) -> bytes:
    """At most ``max_bytes`` from ``stream``: reads no more than one byte past the limit, then ReadError."""
    out = bytearray()
    while len(out) <= max_bytes:
        chunk = stream.read(min(1 << 20, max_bytes + 1 - len(out)))
        if not chunk:
            break
        out += chunk
    if len(out) > max_bytes:
        raise ReadError(path, f"too large (over {max_bytes} bytes)")
    return bytes(out)


def load(path: str, max_bytes: int = MAX_BYTES, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of one path ("-" is stdin), decompressed when .gz; ReadError when too large, unreadable or
    not a regular file. Only regular files are opened, and every read stops one byte past ``max_bytes``."""
    try:
        if path == "-":
            data = read_bounded(stdin or sys.stdin.buffer, max_bytes, path)
        else:
            _regular(os.stat(path).st_mode, path)  # never open a FIFO or a device to find out
            # O_NONBLOCK: should the path have become a FIFO since, opening it does not wait for a writer
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
            with open(fd, "rb") as f:
                _regular(os.fstat(f.fileno()).st_mode, path)
                data = read_bounded(f, max_bytes, path)
    except OSError as e:
        raise ReadError(path, unreadable(e)) from e
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data, path, max_bytes)
    elif path.lower().endswith(".gz"):
        raise ReadError(path, "bad gzip")
    if len(data) > max_bytes:
        raise ReadError(path, f"too large (over {max_bytes} bytes)")
    return data


def items(
    paths: Iterable[str | bytes | os.PathLike], *, max_bytes: int = MAX_BYTES, stdin: BinaryIO | None = None
) -> Iterator[Item | Rejected]:
    """Every document under ``paths``: one per text or HTML file, one per JSON record or feed item.

    Whatever goes wrong with one input (listing, reading, decoding, parsing) rejects that input alone."""
    for path in expand(paths):
        if isinstance(path, Rejected):
            yield path
            continue
        name = shown(path)
        try:
            data = load(path, max_bytes, stdin)
        except ReadError as e:
            yield Rejected(name, e.reason)
            continue
        except Exception as e:  # a FIFO's open, a full disk: this input alone
            yield Rejected(name, unreadable(e))
            continue
        yield from document_items(data, name)


def document_items(data: bytes, path: str, hints: dict[str, Any] | None = None) -> Iterator[Item | Rejected]:
    """The documents in one input's bytes (already decompressed): one, or one per JSON record or feed item.
    ``hints`` apply to a single text or HTML document. Any failure ends this input with a Rejected."""
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
    except Exception as e:  # a parser's own failure (feedparser, a deeply nested document)
        yield Rejected(path, unreadable(e))


# --- JSON ---------------------------------------------------------------------------------------

_FIELDS = ("url", "title", "published", "outlet")


def json_record(record: Any, path: str) -> Item | Rejected:
    """One JSON object with ``text`` or ``html`` (and optional url, title, published, outlet).

    JSON may escape lone surrogates ("\\ud800"), which no database or terminal takes: they become U+FFFD."""
    if not isinstance(record, dict):
        return Rejected(path, "expected a JSON object")
    hints = {k: _SURROGATE.sub("\ufffd", record[k]) for k in _FIELDS if isinstance(record.get(k), str)}
    for key, kind in (("html", "html"), ("text", "text")):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return Item(path, _SURROGATE.sub("\ufffd", value), kind, hints)  # type: ignore[arg-type]
    return Rejected(path, "no text or html field")


def json_items(text: str, path: str) -> Iterator[Item | Rejected]:
    """A JSON document (an object or a list of them) or JSON lines; a bad line is rejected alone."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except (ValueError, RecursionError) as e:
            yield Rejected(path, f"malformed JSON ({_why(e)})")
            return
        for n, record in enumerate(records, 1):
            yield json_record(record, f"{path}:item {n}")
        return
    single = len([x for x in stripped.splitlines() if x.strip()]) == 1
    if not single:
        try:  # a pretty-printed single object
            record = json.loads(stripped)
        except (ValueError, RecursionError):
            pass
        else:
            yield json_record(record, path)
            return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = path if single else f"{path}:line {n}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as e:
            yield Rejected(where, f"malformed JSON ({_why(e)})")
            continue
        yield json_record(record, where)


def _why(e: ValueError | RecursionError) -> str:
    if isinstance(e, RecursionError):
        return "nested too deeply"
    return e.msg if isinstance(e, json.JSONDecodeError) else "invalid value"
