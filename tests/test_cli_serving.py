"""`eventwire export` and `eventwire serve` (the command wiring; the app itself is tested in test_api)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
import serving_sample as sample  # noqa: E402

from eventwire.cli import main, serving  # noqa: E402
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
    assert r.exit_code == 2 and "no database at" in r.output and "run `eventwire ingest` first" in r.output
    assert not (tmp_path / "none.db").exists()


def test_export_to_a_missing_folder_is_a_clear_error(tmp_path):
    db = _db(tmp_path)
    out = tmp_path / "no" / "such" / "events.csv"
    r = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "csv", "--out", str(out)])
    assert r.exit_code == 2 and isinstance(r.exception, SystemExit)
    assert f"no folder {out.parent}" in r.output and "Traceback" not in r.output
    assert not out.parent.exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "gdelt", "plover"])
def test_export_to_a_full_device_is_a_clear_error(tmp_path, fmt):
    db = _db(tmp_path)
    r = CliRunner().invoke(main, ["export", "--db", str(db), "--format", fmt, "--out", "/dev/full"])
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit), r.exception
    assert "cannot write /dev/full: No space left on device" in r.output
    assert "exported" not in r.output


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_export_to_standard_output_on_a_full_device(tmp_path):
    db = _db(tmp_path)
    code = "import sys; from eventwire.cli import main; sys.exit(main())"
    with open("/dev/full", "wb") as full:
        p = subprocess.run([sys.executable, "-c", code, "export", "--db", str(db), "--format", "csv"],
                           stdout=full, stderr=subprocess.PIPE, timeout=120)
    err = p.stderr.decode()
    assert p.returncode == 1, err
    assert err.strip() == "Error: cannot write standard output: No space left on device"  # nothing else


def test_export_leaves_no_half_written_file(tmp_path, monkeypatch):
    import eventwire.store.export as export_module

    def failing(store, fmt, out, f=None, **options):
        out.write(b"event_id,type\n")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module, "write_events", failing)
    db = _db(tmp_path)
    out = tmp_path / "events.csv"
    r = CliRunner().invoke(main, ["export", "--db", str(db), "--format", "csv", "--out", str(out)])
    assert r.exit_code == 1 and "No space left on device" in r.output
    assert not out.exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_runs_uvicorn_with_the_app(tmp_path, monkeypatch):
    db = _db(tmp_path)
    token = tmp_path / "token"
    token.write_text("abc123\n")
    seen = {}

    def fake_run(server, sockets=None):
        c = server.config
        seen.update(app=c.app, host=c.host, port=c.port, grace=c.timeout_graceful_shutdown)

    import uvicorn

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    port = _free_port()
    r = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", str(port), "--token-file", str(token)])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == port
    assert seen["app"].state.writing is True
    assert seen["grace"] == serving.SHUTDOWN_GRACE  # open requests do not hold up a SIGTERM for long
    empty = tmp_path / "empty"
    empty.write_text("  \n")
    r = CliRunner().invoke(main, ["serve", "--db", str(db), "--token-file", str(empty)])
    assert r.exit_code != 0 and "empty" in r.output


def test_serve_on_a_busy_port_says_so_before_serving(tmp_path, monkeypatch):
    import uvicorn

    db = _db(tmp_path)
    called = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda *a, **k: called.append(a))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", str(port)])
    assert r.exit_code == 2 and isinstance(r.exception, SystemExit), r.output
    assert f"port {port} on 127.0.0.1 is already in use" in r.output
    assert "serving" not in r.output and not called


def test_serve_refuses_a_bad_post_timeout(tmp_path, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn.Server, "run", lambda *a, **k: None)
    monkeypatch.setenv("EVENTWIRE_POST_TIMEOUT", "soon")
    r = CliRunner().invoke(main, ["serve", "--db", str(_db(tmp_path)), "--port", str(_free_port())])
    assert r.exit_code == 1 and "EVENTWIRE_POST_TIMEOUT must be a positive number" in r.output


SERVE = "import sys; from eventwire.cli import main; sys.exit(main())"


def _get(url: str, timeout: float = 5):
    import urllib.request

    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, json.loads(r.read())


@pytest.mark.slow
def test_sigterm_stops_serve_while_a_big_post_is_ingested(tmp_path):
    """`eventwire serve` in its own process, a large POST being ingested: reads are still answered, and on
    SIGTERM the writer stops at its next report and the process exits within seconds."""
    import signal
    import threading
    import time
    import urllib.error
    import urllib.request

    db = _db(tmp_path)
    token = tmp_path / "token"
    token.write_text("s3cret\n")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, "serve", "--db", str(db), "--port", str(port), "--token-file", str(token),
         "--max-body", str(50 * 1024 * 1024)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    answer: dict = {}
    poster = None
    try:
        for _ in range(600):  # up to a minute to start
            try:
                if _get(f"{base}/health", 1)[0] == 200:
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode()
                time.sleep(0.1)
        body = "\n".join(json.dumps({
            "text": f"Officials from Chile met delegates from Peru in Lima on Monday to discuss fishing quota {i}."
                    f" The talks will continue next month, minister {i} said.",
            "outlet": f"Desk {i % 7}", "url": f"https://example.org/{i}",
        }) for i in range(5000)).encode()

        def post():
            req = urllib.request.Request(f"{base}/reports?path=big.jsonl", data=body, method="POST",
                                         headers={"Authorization": "Bearer s3cret"})
            try:
                with urllib.request.urlopen(req, timeout=60) as r:
                    answer["status"] = r.status
            except urllib.error.HTTPError as e:  # kept raw here: a 500's body is no JSON, and must fail below
                answer["status"], answer["body"] = e.code, e.read()
            except OSError as e:  # the connection closed by the stopping server
                answer["error"] = e

        poster = threading.Thread(target=post, daemon=True)
        poster.start()
        for _ in range(1200):  # the first batch is stored: the ingest is under way; reads are answered meanwhile
            status, health = _get(f"{base}/health")
            assert status == 200
            if health["counts"]["reports"] > 3:
                break
            time.sleep(0.05)
        else:
            pytest.fail("the post was never ingested")
        assert poster.is_alive(), answer  # 5,000 reports are still being ingested
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
        poster.join(10)
        assert not poster.is_alive()
        assert answer.get("status") in (503, None), answer  # told to post again, or cut off: never a success
        if answer.get("status") == 503:
            body = json.loads(answer["body"])
            assert "shutting down" in body["error"] and body["detail"]["unread"] > 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    with Store(db, readonly=True) as s:  # what was stored is whole batches
        assert 3 < s.stats()["reports"] < 5003


def test_commands_have_help():
    for cmd in ("serve", "export"):
        r = CliRunner().invoke(main, [cmd, "--help"])
        assert r.exit_code == 0 and "Example:" in r.output
