"""Commands fail loudly and cleanly (issue 8): a missing or unusable database, a filter that cannot mean
anything, an ingest that read nothing. Exit 2 for what the user gave, 1 for what went wrong; never a
traceback, never an empty database left behind."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from eventwire.cli import main  # noqa: E402

pytestmark = pytest.mark.issue(8)

READING = [["events"], ["articles"], ["stories"], ["show", "abc"], ["export"], ["serve"]]


@pytest.fixture(autouse=True)
def no_server(monkeypatch):
    """`serve` must stop before it serves: running uvicorn here is a failure."""
    import uvicorn

    def run(*args, **kwargs):
        raise AssertionError("uvicorn.run was called")

    monkeypatch.setattr(uvicorn, "run", run)




def _run(args: list[str]):
    return CliRunner().invoke(main, args)


def _clean_usage_error(r, *needles: str) -> None:
    assert r.exit_code == 2, r.output
    assert isinstance(r.exception, SystemExit), r.exception  # click's own exit, not an uncaught error
    assert "Traceback" not in r.output
    for needle in needles:
        assert needle in r.output


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_a_missing_database_is_refused_and_not_created(tmp_path, command):
    db = tmp_path / "none.db"
    r = _run([*command, "--db", str(db)])
    _clean_usage_error(r, f"no database at {db}; run `eventwire ingest` first")
    assert list(tmp_path.iterdir()) == []  # no empty database, no -wal or -shm


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_an_empty_file_is_no_database(tmp_path, command):
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    _clean_usage_error(_run([*command, "--db", str(db)]), "empty", str(db))
    assert db.stat().st_size == 0  # left as it was, not turned into a database


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_a_file_that_is_not_sqlite_is_refused(tmp_path, command):
    db = tmp_path / "notes.db"
    db.write_text("these are notes, not a database\n" * 10)
    _clean_usage_error(_run([*command, "--db", str(db)]), f"{db} is not an SQLite database")


@pytest.mark.parametrize("command", READING, ids=lambda c: c[0])
def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path, command):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes (x)")
    conn.close()
    _clean_usage_error(_run([*command, "--db", str(db)]), "not an eventwire database")
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["notes"]
    conn.close()


@pytest.mark.parametrize(
    "option, value, needle",
    [
        ("--since", "yesterday", "ISO 8601 date"),
        ("--since", "2025-13-45", "ISO 8601 date"),
        ("--until", "2025-02-30", "ISO 8601 date"),
        ("--country", "russia", "ISO 3166 alpha-3 code such as RUS"),
        ("--country", "XXX", "not a known ISO 3166 alpha-3 code"),
    ],
)
@pytest.mark.parametrize("command", ["events", "export"])
def test_filters_are_checked(sample_db, command, option, value, needle):
    r = _run([command, "--db", str(sample_db), option, value])
    _clean_usage_error(r, f"Invalid value for '{option}'", needle)
    assert r.stdout == ""


@pytest.mark.parametrize("value", ["²", "99999999999999999999999"])
def test_export_place_is_a_geonames_id_or_a_name(sample_db, value):
    _clean_usage_error(_run(["export", "--db", str(sample_db), "--place", value]), "GeoNames id")
    r = _run(["export", "--db", str(sample_db), "--place", "524901"])
    assert r.exit_code == 0 and r.stdout.count("\n") == 1


@pytest.mark.parametrize("command", [["events"], ["stories"], ["articles"]], ids=lambda c: c[0])
def test_limit_must_be_positive(sample_db, command):
    _clean_usage_error(_run([*command, "--db", str(sample_db), "--limit", "0"]), "'--limit'")


def test_good_filters_still_work(sample_db):
    r = _run(["events", "--db", str(sample_db), "--country", "ner", "--since", "2025-04", "--until", "2025"])
    assert r.exit_code == 0, r.output
    assert len(r.stdout.splitlines()) == 2 and "CONSULT" in r.stdout  # the header and the event


def test_ingest_of_nothing_readable_exits_1_after_its_summary(tmp_path):
    db = tmp_path / "ew.db"
    r = _run(["ingest", str(tmp_path / "nosuchfile.txt"), "--db", str(db), "--no-group", "--no-code"])
    assert r.exit_code == 1, r.output
    assert "nosuchfile.txt: not found" in r.stderr
    assert "read 0, stored 0, already known 0, rejected 1" in r.stdout


def test_ingest_of_good_and_bad_inputs_exits_0(tmp_path, fixtures):
    db = tmp_path / "ew.db"
    args = ["ingest", str(tmp_path / "nosuchfile.txt"), str(fixtures / "read" / "rewrite.txt"), "--db", str(db),
            "--no-group", "--no-code"]
    r = _run(args)
    assert r.exit_code == 0, r.output
    assert "read 1, stored 1, already known 0, rejected 1" in r.stdout


def test_ingest_into_a_file_that_is_not_sqlite_is_refused(tmp_path, fixtures):
    db = tmp_path / "notes.db"
    db.write_text("not a database\n")
    r = _run(["ingest", str(fixtures / "read" / "rewrite.txt"), "--db", str(db), "--no-group", "--no-code"])
    _clean_usage_error(r, f"{db} is not an SQLite database")
    assert db.read_text() == "not a database\n"
