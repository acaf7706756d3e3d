"""Issue 10: `eventwire watch` ingests the files that land in a folder, each once, never a half-written one,
while the API answers from the same database."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.ingest.inbox import Inbox
from eventwire.store import Store

ARTICLE = ("{title}\n\nLIMA, March 3 (Reuters) - Peru's government declared a state of emergency in {place} on "
           "Tuesday after floods cut the main roads, the interior ministry said.\n")


def test_a_file_written_after_the_start_comes_out_once_it_stopped_changing(tmp_path):
    (tmp_path / "old.txt").write_text("there before the start")
    inbox = Inbox(tmp_path)
    (tmp_path / "new.txt").write_text("landed")
    assert inbox.ready() == []  # seen once: it may still be growing
    assert inbox.ready() == [str(tmp_path / "new.txt")]
    assert inbox.ready() == []  # each file once
    (tmp_path / "new.txt").write_text("landed, then changed")
    assert inbox.ready() == [] and inbox.ready() == []


def test_files_there_at_the_start_count_only_when_asked(tmp_path):
    (tmp_path / "old.txt").write_text("there before the start")
    inbox = Inbox(tmp_path, existing=True)
    inbox.ready()
    assert inbox.ready() == [str(tmp_path / "old.txt")]


def test_a_half_written_file_is_not_read(tmp_path):
    inbox = Inbox(tmp_path)
    growing = tmp_path / "growing.txt"
    growing.write_text("first part")
    (tmp_path / "other.txt.part").write_text("written under a name that says so")
    (tmp_path / ".hidden.txt").write_text("a temporary file")
    (tmp_path / "empty.txt").write_text("")
    assert inbox.ready() == []
    with growing.open("a") as f:
        f.write(", second part")
    assert inbox.ready() == []  # it changed since the last look
    (tmp_path / "other.txt.part").rename(tmp_path / "other.txt")  # the writer is done
    assert inbox.ready() == [str(growing)]  # the same as at the last look; other.txt is new to it
    assert inbox.ready() == [str(tmp_path / "other.txt")]
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.txt").write_text("in a subfolder")
    inbox.ready()
    assert inbox.ready() == [str(tmp_path / "sub" / "deep.txt")]
    assert "empty.txt" not in " ".join(inbox.done)  # an empty file waits for its content


def _wait_for(check, what: str, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"no {what} after {seconds} s")
        time.sleep(0.2)


@pytest.mark.slow
def test_watch_ingests_new_files_while_the_api_reads(tmp_path):
    from fastapi.testclient import TestClient

    from eventwire.web.api import create_app

    folder, db = tmp_path / "inbox", tmp_path / "w.db"
    folder.mkdir()
    (folder / "old.txt").write_text(ARTICLE.format(title="Floods in Piura", place="Piura"))
    out, err = tmp_path / "out", tmp_path / "err"
    exe = Path(sys.executable).parent / "eventwire"
    with out.open("w") as o, err.open("w") as e:
        p = subprocess.Popen([str(exe), "watch", str(folder), "--db", str(db), "--workers", "1", "--interval", "0.2"],
                             stdout=o, stderr=e)
    try:
        _wait_for(lambda: "watching" in err.read_text(), "start")
        with TestClient(create_app(db)) as api:
            assert api.get("/stories").json()["total"] == 0
            (folder / "half.txt.part").write_text(ARTICLE.format(title="Floods in Cusco", place="Cusco")[:60])
            (folder / "new.txt").write_text(ARTICLE.format(title="Floods in Tumbes", place="Tumbes"))
            _wait_for(lambda: "read 1, stored 1" in out.read_text(), "ingest")
            stories = api.get("/stories").json()
            assert stories["total"] == 1 and "Tumbes" in stories["items"][0]["title"]
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait(60)
    assert p.returncode == 0, err.read_text()
    with Store(db, readonly=True) as store:
        assert [r.path for r in store.reports()] == [str(folder / "new.txt")]
        assert all(store.is_coded(r.id) for r in store.reports())
