"""`eventwire export` and `eventwire serve` (the command wiring; the app itself is tested in test_api)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
import serving_sample as sample  # noqa: E402

from eventwire.cli import main  # noqa: E402
from eventwire.store import Store  # noqa: E402


def _db(tmp_path) -> Path:
    path = tmp_path / "cli.db"
    with Store(path) as s:
        sample.fill(s)
    return path


def test_export_jsonl_to_stdout(tmp_path):
    db = _db(tmp_path)
    r = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "jsonl", "--type", "CONSULT"])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
    assert [x["id"] for x in lines] == ["ev-visit"]


def test_export_every_format_to_a_file(tmp_path):
    db = _db(tmp_path)
    for fmt in ("csv", "jsonl", "parquet", "gdelt", "plover"):
        out = tmp_path / f"events.{fmt}"
        r = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, "--out", str(out)])
        assert r.exit_code == 0, r.output
        assert out.stat().st_size > 0
        assert "exported 3 events" in r.stderr
    assert (tmp_path / "events.parquet").read_bytes()[:4] == b"PAR1"


def test_export_missing_db_is_a_clear_error(tmp_path):
    r = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert r.exit_code != 0 and "no database" in r.output


def test_serve_runs_uvicorn_with_the_app(tmp_path, monkeypatch):
    db = _db(tmp_path)
    token = tmp_path / "token"
    token.write_text("abc123\n")
    seen = {}

    def fake_run(app, host, port, log_level):
        seen.update(app=app, host=host, port=port)

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", fake_run)
    r = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", "8123", "--token-file", str(token)])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123
    assert seen["app"].state.writing is True
    empty = tmp_path / "empty"
    empty.write_text("  \n")
    r = CliRunner().invoke(main, ["serve", "--db", str(db), "--token-file", str(empty)])
    assert r.exit_code != 0 and "empty" in r.output


def test_commands_have_help():
    for cmd in ("serve", "export"):
        r = CliRunner().invoke(main, [cmd, "--help"])
        assert r.exit_code == 0 and "Example:" in r.output
