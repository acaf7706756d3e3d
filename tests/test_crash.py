"""Issue 8: kill -9 an ingest at several moments, run it again: the store ends as a clean run leaves it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

COUNTRIES = [("Kenya", "Nairobi"), ("Peru", "Lima"), ("Nepal", "Kathmandu"), ("Ghana", "Accra"), ("Chile", "Santiago"),
             ("Poland", "Warsaw"), ("Japan", "Tokyo"), ("Egypt", "Cairo"), ("Brazil", "Brasilia"), ("Turkey", "Ankara")]


def _corpus(folder: Path, n: int = 30) -> None:
    folder.mkdir()
    for i in range(n):
        a, city = COUNTRIES[i % len(COUNTRIES)]
        b, _ = COUNTRIES[(i * 3 + 1) % len(COUNTRIES)]
        (folder / f"r{i:03d}.txt").write_text(
            f"{a} and {b} sign accord number {i}\n\n{city.upper()}, March {i % 27 + 1} (Reuters) - The foreign "
            f"ministers of {a} and {b} met in {city} on Tuesday and signed agreement number {i} on trade, officials "
            f"said.\n\nPolice in {city} arrested {i + 3} protesters outside the venue, a spokesman said.\n",
            encoding="utf-8")


def _ingest(folder: Path, db: Path) -> subprocess.Popen:
    exe = Path(sys.executable).parent / "eventwire"
    return subprocess.Popen([str(exe), "ingest", str(folder), "--db", str(db)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _state(db: Path) -> tuple:
    con = sqlite3.connect(db)
    try:
        reports = {r[0] for r in con.execute("SELECT id FROM reports")}
        placed = {r[0] for r in con.execute("SELECT report_id FROM placements")}
        coded = {r[0] for r in con.execute("SELECT report_id FROM coded")}
        mentions = sorted(con.execute("SELECT report_id, start_char, end_char FROM mentions").fetchall())
    finally:
        con.close()
    return reports, placed, coded, mentions


def test_killed_runs_are_finished_by_the_next_run(tmp_path):
    folder = tmp_path / "in"
    _corpus(folder)
    clean = tmp_path / "clean.db"
    assert _ingest(folder, clean).wait(timeout=300) == 0
    crashed = tmp_path / "crashed.db"
    # kill -9 while loading; once reports are stored (grouping and coding still to come); mid-coding
    for moment in ("loading", "stored", "coding"):
        p = _ingest(folder, crashed)
        deadline = time.monotonic() + 120
        while p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
            if moment == "loading" or not crashed.exists():
                if moment == "loading" and time.monotonic() > deadline - 118:
                    break
                continue
            try:
                reports, _, coded, _ = _state(crashed)
            except sqlite3.Error:
                continue
            if (moment == "stored" and reports) or (moment == "coding" and coded and len(coded) < len(reports)):
                break
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
        p.wait(timeout=60)
    assert _ingest(folder, crashed).wait(timeout=300) == 0
    want, got = _state(clean), _state(crashed)
    assert got[0] == want[0]  # the same reports
    assert got[1] == got[0] and got[2] == got[0]  # every one placed and coded
    assert got[3] == want[3]  # every evidence sentence stored once, as in the clean run
