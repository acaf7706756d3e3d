"""`eventwire read`, `ingest`, `articles` and `show`: exit codes, output lines and the rows written."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.cli.reading import FIELDS, format_report
from eventwire.ingest import read_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "read"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("seed_like.txt", "rewrite.txt", "page.html", "feed.xml", "reports.jsonl"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_read_writes_one_json_line_per_report(runner):
    result = runner.invoke(main, ["read", str(FIXTURES / "seed_like.txt"), str(FIXTURES / "rewrite.txt")])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == 2
    assert all(tuple(x) == FIELDS for x in lines)
    first = lines[0]
    assert first["published"] == "2024-03-14T09:05" and first["credit"] == "AFP"
    assert len(first["captions"]) == 1
    assert {"line": "Subscribe today", "reason": "subscribe"} in first["removed"]
    assert lines[1]["attribution"] == "AFP" and lines[1]["published"] is None


def test_read_reports_bad_input_on_stderr_and_goes_on(runner, inputs):
    result = runner.invoke(main, ["read", str(inputs)])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 7  # 2 text + 1 html + 2 feed items + 2 json lines
    assert f"{inputs / 'empty.txt'}: empty" in result.stderr
    assert "reports.jsonl:line 3: malformed JSON" in result.stderr


def test_read_stdin(runner):
    result = runner.invoke(main, ["read", "-"], input=(FIXTURES / "rewrite.txt").read_bytes())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["path"] == "-"


def test_read_nothing_readable_exits_1(runner, tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    result = runner.invoke(main, ["read", str(tmp_path / "e.txt")])
    assert result.exit_code == 1
    assert result.stdout == ""


def test_ingest_stores_once_and_records_rejections(runner, inputs, tmp_path):
    db = tmp_path / "ew.db"
    args = ["ingest", str(inputs), "--db", str(db), "--no-group", "--no-code"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "read 7, stored 7, already known 0, rejected 3" in result.stdout
    assert "empty.txt: empty" in result.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 7
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        reasons = sorted(r[0].split(" (")[0] for r in conn.execute("SELECT reason FROM rejected"))
    assert reasons == ["empty", "malformed JSON", "no text or html field"]
    again = runner.invoke(main, args)
    assert again.exit_code == 0
    assert "read 7, stored 0, already known 7, rejected 3" in again.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 7
        assert conn.execute("SELECT COUNT(*) FROM rejected").fetchone()[0] == 3


def test_ingest_size_limit(runner, tmp_path):
    db = tmp_path / "ew.db"
    result = runner.invoke(main, ["ingest", str(FIXTURES / "page.html"), "--db", str(db), "--max-bytes", "100",
                                  "--no-group", "--no-code"])
    assert result.exit_code == 1  # its one input was rejected
    assert "too large (over 100 bytes)" in result.stderr
    assert "stored 0" in result.stdout


def test_articles_and_show(runner, inputs, tmp_path):
    db = str(tmp_path / "ew.db")
    runner.invoke(main, ["ingest", str(inputs / "seed_like.txt"), str(inputs / "page.html"), "--db", db,
                         "--no-group", "--no-code"])
    listed = runner.invoke(main, ["articles", "--db", db])
    assert listed.exit_code == 0
    header, *rows = listed.stdout.splitlines()
    assert header.split() == ["ID", "PUBLISHED", "OUTLET", "TITLE"]
    assert len(rows) == 2
    assert "Kenya, Tanzania, Uganda trade ministers" in rows[0] and "  —  " in rows[0]  # no outlet, no URL
    assert "The Lakeside Courier" in rows[1]
    as_json = runner.invoke(main, ["articles", "--db", db, "--json", "--limit", "1"])
    assert len(as_json.stdout.splitlines()) == 1
    report_id = rows[1].split()[0]
    shown = runner.invoke(main, ["show", report_id[:8], "--db", db])
    assert shown.exit_code == 0
    assert "title:       Lake Victoria ferry service resumes after repairs" in shown.stdout
    assert "captions:" in shown.stdout and "KISUMU (AFP)" in shown.stdout
    missing = runner.invoke(main, ["show", "ffffffffffff", "--db", db])
    assert missing.exit_code == 1
    assert "no report" in missing.output


def test_articles_outlet_is_the_outlet_else_the_host_else_a_dash():
    from eventwire.cli.reading import format_line
    from eventwire.model import Report

    text = "Harbour reopens after storms."
    own = Report("a" * 16, text, outlet="Coast Daily", url="https://x.example/a")
    assert format_line(own)["OUTLET"] == "Coast Daily"
    assert format_line(Report("b" * 16, text, url="https://news.example.org/2026/a", path="feeds/x.xml"))["OUTLET"] \
        == "news.example.org"
    assert format_line(Report("c" * 16, text, path="a/very/long/path/to/a/file.txt"))["OUTLET"] == "—"
    row = format_line(Report("d" * 16, text, published="2026-03-14T09:12:00+00:00"))
    assert (row["ID"], row["PUBLISHED"], row["TITLE"]) == ("d" * 12, "2026-03-14 09:12", text)


def test_articles_fit_the_terminal(runner, tmp_path):
    from eventwire.model import Report
    from eventwire.store import Store

    db = str(tmp_path / "ew.db")
    with Store(db) as store:
        store.add_reports([
            Report(f"{i:016x}", f"Body {i}.", title=f"A long headline about the harbour reopening, number {i}",
                   outlet="The Lakeside Courier and Evening Times", published="2026-03-14T09:12")
            for i in range(3)
        ])
    wide = runner.invoke(main, ["articles", "--db", db]).stdout.splitlines()
    assert len(wide) == 4 and max(len(x) for x in wide) > 80  # written to a pipe: titles are not cut
    for columns in (60, 80, 120):
        lines = runner.invoke(main, ["articles", "--db", db], env={"COLUMNS": str(columns)}).stdout.splitlines()
        assert len(lines) == len(wide) and max(len(x) for x in lines) <= columns
        assert ("OUTLET" in lines[0]) is (columns >= 80)


def test_format_report_lists_removed_lines():
    r = read_bytes((FIXTURES / "seed_like.txt").read_bytes(), "seed_like.txt")
    out = format_report(r)
    assert out.startswith(f"id:          {r.id}")
    assert "[image-credit] Image: AFP/Jane Placeholder" in out


def test_show_finds_stories_and_events_too(tmp_path):
    from click.testing import CliRunner

    from eventwire.cli import main
    from eventwire.model import Actor, Event, Mention, Placement, Report, Story
    from eventwire.store import Store

    db = tmp_path / "s.db"
    with Store(db) as store:
        store.add_reports([Report(id="r1", text="Ministers met in Lisbon.", title="Talks")])
        store.save_stories([Story("s-one", "r1", ("r1",))], [Placement("r1", "s-one", "origin", "r1")])
        store.save_events([Event("e-one", "CONSULT", (Actor("Portugal", "PRT", "GOV"),), (),
                                 mentions=(Mention("r1", 0, 24, "Ministers met in Lisbon.", 0),))])
    runner = CliRunner()
    out = runner.invoke(main, ["show", "s-one", "--db", str(db)])
    assert out.exit_code == 0 and "origin" in out.output
    out = runner.invoke(main, ["show", "e-one", "--db", str(db)])
    assert out.exit_code == 0 and "CONSULT" in out.output and "Ministers met in Lisbon." in out.output
    out = runner.invoke(main, ["show", "zzz", "--db", str(db)])
    assert out.exit_code != 0 and "no report, story or event" in out.output
