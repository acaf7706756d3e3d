"""One bad input is rejected with its reason and the batch goes on: whatever fails while listing, reading,
decoding or parsing it, and whatever it is (a FIFO, a device, a name that is not UTF-8, a document nested
too deeply for a parser)."""

from __future__ import annotations

import io
import json
import os
import socket
import sys
import threading
from pathlib import Path

import pytest

from eventwire import pipeline
from eventwire.errors import ReadError
from eventwire.ingest import read, read_data, sources
from eventwire.model import Rejected, Report

ARTICLE = ("Harbour reopens\n\nThe harbour reopened on Monday after a week of storms that kept every boat in port, "
           "the port authority said in a short statement.\n")


def split(items):
    items = list(items)
    return [x for x in items if isinstance(x, Report)], [x for x in items if isinstance(x, Rejected)]


def within(seconds, fn, *, unblock=None):
    """fn() in a thread; fails (after calling ``unblock`` so that the thread can end) when it does not
    return within ``seconds``: a read that waits on a FIFO would otherwise hang the test run."""
    out: dict = {}

    def run():
        try:
            out["value"] = fn()
        except BaseException as e:  # handed to the test below
            out["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        if unblock:
            unblock()
        pytest.fail(f"still running after {seconds} s")
    if "error" in out:
        raise out["error"]
    return out["value"]


# --- JSON nested too deeply for the parser ---------------------------------------------------------


@pytest.mark.parametrize("deep", ["[" * 100_000, '{"a": ' * 100_000, "[" + '{"text": [' * 50_000])
def test_deeply_nested_json_is_rejected_and_the_batch_goes_on(tmp_path, deep):
    (tmp_path / "a.json").write_text(deep)
    (tmp_path / "b.txt").write_text(ARTICLE)
    reports, rejected = split(read([tmp_path / "a.json", tmp_path / "b.txt"]))
    assert len(reports) == 1
    assert rejected == [Rejected(str(tmp_path / "a.json"), "malformed JSON (nested too deeply)")]


def test_deeply_nested_json_line_is_rejected_alone(tmp_path):
    good = json.dumps({"text": ARTICLE})
    (tmp_path / "r.jsonl").write_text(f"{good}\n{'[' * 100_000}\n{good}\n")
    reports, rejected = split(read([tmp_path / "r.jsonl"]))
    assert len(reports) == 2
    assert [(Path(x.path).name, x.reason) for x in rejected] == [("r.jsonl:line 2", "malformed JSON (nested too deeply)")]


def test_a_parsers_own_failure_rejects_that_input_alone(tmp_path, monkeypatch):
    from eventwire.ingest import feeds, html

    def boom(*args, **kwargs):
        raise RuntimeError("a parser bug")

    monkeypatch.setattr(feeds, "feed_items", boom)
    monkeypatch.setattr(html, "parse", boom)
    (tmp_path / "a.xml").write_text("<rss><channel><item><title>T</title></item></channel></rss>")
    (tmp_path / "b.html").write_text("<html><body><p>Anything</p></body></html>")
    (tmp_path / "c.txt").write_text(ARTICLE)
    reports, rejected = split(read([tmp_path]))
    assert len(reports) == 1
    assert sorted((Path(x.path).name, x.reason) for x in rejected) == [
        ("a.xml", "unreadable (RuntimeError)"), ("b.html", "unreadable (RuntimeError)")]


# --- names that are not UTF-8 ------------------------------------------------------------------------


@pytest.fixture
def latin1_names(tmp_path):
    folder = os.fsencode(tmp_path)
    try:
        with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as f:
            f.write(ARTICLE.encode())
        with open(os.path.join(folder, b"vid\xe9.txt"), "wb") as f:
            f.write(b"")
    except (OSError, UnicodeError):
        pytest.skip("this file system takes no name that is not UTF-8")
    return tmp_path


def test_a_name_that_is_not_utf8_is_read_and_shown_escaped(latin1_names):
    reports, rejected = split(read([latin1_names]))
    assert [r.path for r in reports] == [f"{latin1_names}/caf\\xe9.txt"]
    assert rejected == [Rejected(f"{latin1_names}/vid\\xe9.txt", "empty")]
    # named as bytes, or as the str os.walk gives (surrogates), it is the same file
    named = [os.path.join(os.fsencode(latin1_names), b"caf\xe9.txt"), os.path.join(latin1_names, "caf\udce9.txt")]
    assert [r.path for r in read(named)] == [f"{latin1_names}/caf\\xe9.txt"] * 2


def test_a_name_that_is_not_utf8_is_stored(latin1_names, store):
    summary = pipeline.ingest(read([latin1_names]), store, group=False, code=False)
    assert (summary.read, summary.stored, summary.rejected) == (1, 1, 1)
    (report,) = store.search_reports().items
    assert store.get_report(report.id).path == f"{latin1_names}/caf\\xe9.txt"
    assert store.rejected() == [Rejected(f"{latin1_names}/vid\\xe9.txt", "empty")]


def test_shown_paths():
    assert sources.shown("plain/name.txt") == "plain/name.txt"
    assert sources.shown(b"caf\xe9.txt") == "caf\\xe9.txt"
    assert sources.shown("caf\udce9.txt") == "caf\\xe9.txt"
    assert sources.shown("caf\u00e9.txt") == "caf\u00e9.txt"
    assert sources.shown("line\nbreak.txt") == "line\\x0abreak.txt"


def test_lone_surrogates_from_json_are_replaced(store):
    record = '{"text": "Harbour reopens\\n\\nThe harbour reopened on Monday \\ud800 after a week of storms.",' \
             ' "title": "Bad \\udc00 title"}'
    (report,) = read_data(record.encode(), "r.json")
    assert "\ud800" not in report.text and "\ufffd" in report.text and report.title == "Bad \ufffd title"
    assert pipeline.ingest([report], store, group=False, code=False).stored == 1


# --- only regular files are read ---------------------------------------------------------------------


def _unblock(fifo: Path):
    def go():  # a writer that opens and closes lets a reader blocked in open() see the end
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
    return go


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_folder_is_rejected_unopened(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    os.mkfifo(tmp_path / "pipe.txt")
    reports, rejected = within(10, lambda: split(read([tmp_path])), unblock=_unblock(tmp_path / "pipe.txt"))
    assert len(reports) == 1
    assert rejected == [Rejected(str(tmp_path / "pipe.txt"), "not a regular file (a FIFO)")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_is_rejected_unopened(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (x,) = within(10, lambda: list(read([tmp_path / "pipe"])), unblock=_unblock(tmp_path / "pipe"))
    assert x == Rejected(str(tmp_path / "pipe"), "not a regular file (a FIFO)")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_device_is_rejected_unread():
    (x,) = within(10, lambda: list(read(["/dev/zero", "/dev/null"])))[:1]
    assert x == Rejected("/dev/zero", "not a regular file (a character device)")
    assert list(read(["/dev/null"])) == [Rejected("/dev/null", "not a regular file (a character device)")]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_in_a_folder_is_rejected(tmp_path):
    path = tmp_path / "s.txt"
    if len(os.fsencode(path)) > 100:
        pytest.skip("temporary path too long for a Unix socket")
    (tmp_path / "a.txt").write_text(ARTICLE)
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        reports, rejected = within(10, lambda: split(read([tmp_path])))
    assert len(reports) == 1
    assert rejected == [Rejected(str(path), "not a regular file (a socket)")]


# --- every read is bounded while reading -------------------------------------------------------------


class Endless(io.RawIOBase):
    """A stream that never ends (as /dev/zero), counting what was asked of it."""

    def __init__(self):
        self.given = 0

    def readable(self):
        return True

    def readinto(self, b):
        n = len(b)
        b[:n] = b"a" * n
        self.given += n
        return n


def test_an_endless_stream_is_read_one_byte_past_the_limit():
    stream = Endless()
    with pytest.raises(ReadError) as e:
        sources.read_bounded(stream, 5_000, "-")
    assert e.value.reason == "too large (over 5000 bytes)"
    assert stream.given == 5_001
    assert sources.read_bounded(io.BytesIO(b"x" * 5_000), 5_000, "-") == b"x" * 5_000


def test_endless_stdin_is_rejected_as_too_large():
    stream = Endless()
    assert list(read(["-"], stdin=stream, max_bytes=2_000)) == [Rejected("-", "too large (over 2000 bytes)")]
    assert stream.given == 2_001


def test_a_file_is_read_through_the_bounded_read(tmp_path, monkeypatch):
    """A file's size as stat gives it decides nothing (a file may grow while read, /proc says 0)."""
    (tmp_path / "big.txt").write_text(ARTICLE * 100)
    calls = []
    bounded = sources.read_bounded

    def spy(stream, max_bytes, path):
        calls.append((path, max_bytes))
        return bounded(stream, max_bytes, path)

    monkeypatch.setattr(sources, "read_bounded", spy)
    (x,) = read([tmp_path / "big.txt"], max_bytes=1_000)
    assert x == Rejected(str(tmp_path / "big.txt"), "too large (over 1000 bytes)")
    assert calls == [(str(tmp_path / "big.txt"), 1_000)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_a_proc_file_with_size_zero_is_bounded():
    (x,) = read(["/proc/self/maps"], max_bytes=10)
    assert x == Rejected("/proc/self/maps", "too large (over 10 bytes)")
