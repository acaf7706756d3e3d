"""Where reports come from (files, folders, .gz, feeds, JSON lines, stdin) and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest

from eventwire import pipeline
from eventwire.errors import ReadError
from eventwire.ingest import read, read_bytes, read_data
from eventwire.model import Rejected, Report

FIXTURES = Path(__file__).parent / "fixtures" / "read"
ARTICLE = ("Harbour reopens\n\nThe harbour reopened on Monday after a week of storms that kept every boat in port, "
           "the port authority said in a short statement.\n")


def split(items):
    items = list(items)
    return [x for x in items if isinstance(x, Report)], [x for x in items if isinstance(x, Rejected)]


def test_rss_feed_items_with_full_text_and_summary():
    reports, rejected = split(read([FIXTURES / "feed.xml"]))
    assert rejected == []
    assert [r.title for r in reports] == ["Dock workers agree new shift pattern", "Lighthouse to open to visitors"]
    first = reports[0]
    assert first.url == "https://gazette.example/news/dock-shifts"
    assert first.published == "2024-07-02T10:15"
    assert first.outlet == "Harbour Gazette"
    assert first.text.startswith("Dock workers and port managers settled")
    assert "cranes return to full use" in first.text  # the full content, not the summary
    assert "Share this article" not in first.text
    assert first.path.endswith("feed.xml:item 1")
    assert reports[1].text.startswith("The old lighthouse")


def test_atom_feed():
    (r,) = read([FIXTURES / "atom.xml"])
    assert r.title == "River bridge reopens to lorries"
    assert r.url == "https://valley.example/bridge"
    assert r.published == "2024-09-10T11:45"
    assert r.outlet == "Valley Weekly"
    assert "weight check station" in r.text


def test_json_lines_bad_line_does_not_stop_the_file():
    reports, rejected = split(read([FIXTURES / "reports.jsonl"]))
    assert [r.url for r in reports] == ["https://wire.example/a", "https://wire.example/b"]
    assert reports[0].title == "Early rains bring early planting"
    assert reports[0].published == "2024-04-12"
    assert reports[0].outlet == "Wire Example"
    assert reports[1].text.startswith("A new bus line")
    assert [(Path(x.path).name, x.reason.split(" (")[0]) for x in rejected] == [
        ("reports.jsonl:line 3", "malformed JSON"), ("reports.jsonl:line 4", "no text or html field")]


def test_json_document_and_list(tmp_path):
    record = json.dumps({"text": ARTICLE})
    (tmp_path / "one.json").write_text(json.dumps({"text": ARTICLE}, indent=2))
    (tmp_path / "many.json").write_text(f"[{record}, 5]")
    reports, rejected = split(read([tmp_path / "one.json", tmp_path / "many.json"]))
    assert len(reports) == 2 and reports[0].id == reports[1].id
    assert [x.reason for x in rejected] == ["expected a JSON object"]


def test_folders_recursive_and_gzip(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(FIXTURES / "page.html", tmp_path / "a" / "page.html")
    (tmp_path / "a" / "b" / "story.txt.gz").write_bytes(gzip.compress(ARTICLE.encode()))
    (tmp_path / "a" / "notes.bin").write_bytes(b"\x00\x01")  # unknown suffix inside a folder: skipped
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    reports, rejected = split(read([tmp_path]))
    assert rejected == []
    assert sorted(Path(r.path).name for r in reports) == ["page.html", "story.txt.gz"]
    gz = next(r for r in reports if r.path.endswith(".gz"))
    assert gz.title == "Harbour reopens"


def test_stdin():
    reports, _ = split(read(["-"], stdin=io.BytesIO(ARTICLE.encode())))
    assert reports[0].path == "-" and reports[0].title == "Harbour reopens"
    reports, _ = split(read(["-"], stdin=io.BytesIO((FIXTURES / "feed.xml").read_bytes())))
    assert len(reports) == 2


def test_read_data_as_a_file_of_that_name():
    reports, _ = split(read_data((FIXTURES / "feed.xml").read_bytes(), "upload.xml"))
    assert len(reports) == 2
    (r,) = read_data(gzip.compress(ARTICLE.encode()), "upload.txt.gz", {"outlet": "Posted"})
    assert r.outlet == "Posted"


def test_text_in_other_encodings():
    text = "Port news\n\nLe café du port a rouvert lundi après une semaine de tempêtes, a indiqué la capitainerie du port."
    r = read_bytes(text.encode("utf-16"), "fr.txt")
    assert "café" in r.text
    r = read_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "bom.txt")
    assert r.title == "Port news"



def test_latin1_text_is_not_read_as_a_dos_code_page():
    from eventwire.ingest.sources import decode

    assert decode("Café au lait in Paris".encode("latin-1"), "c.txt") == "Café au lait in Paris"
    text = ("Café au lait in Paris\n\nThe café by the harbour serves crème brûlée and café au lait again, déjà "
            "a favourite of the fishermen, its owner said.")
    r = read_bytes(text.encode("latin-1"), "paris.txt")
    assert (r.title, r.text) == ("Café au lait in Paris", text.split("\n\n")[1])
    quoted = "Naïve façade – “quoted” déjà vu, said the owner of the café on the quay."
    assert decode(quoted.encode("cp1252"), "q.txt") == quoted
    german = "Der Hafen wurde am Montag nach einer Woche voller Stürme wieder geöffnet. Größere Schäden gab es nicht."
    assert decode(german.encode("latin-1"), "de.txt") == german


def test_legacy_text_the_detector_is_sure_of_keeps_its_code_page():
    from eventwire.ingest.sources import decode

    polish = "Port w Gdańsku został ponownie otwarty w poniedziałek po tygodniu sztormów, poinformował zarząd portu."
    assert decode(polish.encode("cp1250"), "pl.txt") == polish
    russian = "Паром снова вышел в рейс в понедельник после шести месяцев ремонта, сообщил оператор порта."
    assert decode(russian.encode("cp1251"), "ru.txt") == russian
    greek = "Το λιμάνι άνοιξε ξανά τη Δευτέρα μετά από μια εβδομάδα καταιγίδων, ανακοίνωσε η λιμενική αρχή."
    assert decode(greek.encode("cp1253"), "el.txt") == greek


def test_a_dos_code_page_proposed_for_valid_cp1252_gives_cp1252(monkeypatch):
    import charset_normalizer

    from eventwire.ingest.sources import decode

    data = "Café au lait in Paris, served on the terrace again.".encode("latin-1")

    class Proposal:  # what charset-normalizer proposed for such text in the report: cp850, "CafÚ"
        encoding, chaos, coherence, language = "cp850", 0.0, 0.6, "Unknown"

        def __str__(self):
            return data.decode("cp850")

    class Matches(list):
        def best(self):
            return self[0]

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda b: Matches([Proposal()]))
    assert decode(data, "c.txt") == "Café au lait in Paris, served on the terrace again."


def test_json_record_with_html_only():
    record = {"html": "<p>The harbour reopened on Monday after a week of storms that kept every boat in port.</p>"}
    (r,) = read_data(json.dumps(record).encode(), "one.json")
    assert isinstance(r, Report), r
    assert r.text == "The harbour reopened on Monday after a week of storms that kept every boat in port."
    page = {"html": "<html><head><title>Harbour reopens</title></head><body><article><p>" + ARTICLE.split("\n\n")[1]
            + "</p></article></body></html>", "url": "https://wire.example/h"}
    lines = f"{json.dumps(record)}\n{json.dumps(page)}\n"
    reports, rejected = split(read_data(lines.encode(), "both.jsonl"))
    assert rejected == [] and len(reports) == 2
    assert reports[1].title == "Harbour reopens" and reports[1].url == "https://wire.example/h"

# --- bad input: each has a short, stable reason and never stops the rest -----------------------------

BAD = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\n \t", "empty"),
    "binary.txt": (b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50, "binary"),
    "undecodable.txt": (bytes(range(128, 256)) * 20, "undecodable"),
    "truncated.txt.gz": (gzip.compress(ARTICLE.encode() * 20)[:-30], "truncated gzip"),
    "notgzip.txt.gz": (b"this is not gzip at all", "bad gzip"),
    "broken.json": (b'{"text": "unterminated', "malformed JSON"),
    "broken.xml": (b"<?xml version='1.0'?><rss><channel><<item>>", "malformed XML"),
    "nothing.html": (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_is_rejected_with_a_reason(tmp_path, name):
    data, reason = BAD[name]
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(ARTICLE)
    reports, rejected = split(read([tmp_path / name, tmp_path / "good.txt"]))
    assert len(reports) == 1, "the good file after the bad one is still read"
    assert len(rejected) == 1
    assert rejected[0].path == str(tmp_path / name)
    assert rejected[0].reason.startswith(reason)


def test_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text(ARTICLE * 10)
    (tmp_path / "big.txt.gz").write_bytes(gzip.compress((ARTICLE * 10).encode()))
    _, rejected = split(read([tmp_path / "big.txt", tmp_path / "big.txt.gz"], max_bytes=500))
    assert [x.reason for x in rejected] == ["too large (over 500 bytes)"] * 2
    reports, _ = split(read([tmp_path / "big.txt"], max_bytes=10_000))
    assert len(reports) == 1


def test_missing_path():
    (x,) = read(["/no/such/file.txt"])
    assert x == Rejected("/no/such/file.txt", "not found")


def test_read_bytes_raises_read_error():
    with pytest.raises(ReadError) as e:
        read_bytes(b"", "e.txt")
    assert (e.value.path, e.value.reason) == ("e.txt", "empty")


# --- idempotence through the store -----------------------------------------------------------------


def test_ingest_twice_stores_once(store, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "bad.txt").write_bytes(b"")
    first = pipeline.ingest(read([tmp_path]), store, group=False, code=False)
    assert (first.read, first.stored, first.known, first.rejected) == (1, 1, 0, 1)
    again = pipeline.ingest(read([tmp_path]), store, group=False, code=False)
    assert (again.read, again.stored, again.known) == (1, 0, 1)
    assert store.count_reports() == 1
    (tmp_path / "a.txt").write_text(ARTICLE.replace("Monday", "Tuesday"))
    changed = pipeline.ingest(read([tmp_path]), store, group=False, code=False)
    assert changed.stored == 1 and store.count_reports() == 2
    assert [r.reason for r in store.rejected()] == ["empty"]


def test_html_in_its_declared_charset():
    html = ("<html><head><meta charset='windows-1251'><title>Новости</title></head><body><article>"
            "<p>Паром снова вышел в рейс в понедельник после шести месяцев ремонта, сообщил оператор порта.</p>"
            "</article></body></html>")
    r = read_bytes(html.encode("windows-1251"), "ru.html")
    assert "Паром снова" in r.text
    assert r.language == "ru"


def test_folder_walk_skips_markdown_but_reads_it_when_named(tmp_path):
    from eventwire.ingest import read

    (tmp_path / "README.md").write_text("# Notes\n\nThis folder holds reports written for the tests, nothing else.")
    (tmp_path / "a.txt").write_text("Harbour reopens\n\nThe harbour reopened on Monday after a week of storms.")
    assert [r.path.rsplit("/", 1)[-1] for r in read([tmp_path])] == ["a.txt"]
    assert len(list(read([tmp_path / "README.md"]))) == 1
