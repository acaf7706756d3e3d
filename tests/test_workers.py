"""Issue 10: `ingest --workers N` and `--dask` store what one process stores, and a report that kills its
worker costs that report only."""

from __future__ import annotations

import functools
import os
import signal
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire import pipeline, run
from eventwire.cli import main
from eventwire.ingest import sources
from eventwire.ingest.sources import Item
from eventwire.store import Store

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
TIMES = {"ingested_at", "at", "applied_at"}


def content(db: Path) -> dict[str, list]:
    """Every table's rows, times left out, in a stable order."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"):
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in TIMES]
            out[table] = sorted(map(repr, con.execute(f"SELECT {', '.join(cols)} FROM {table}")))
        return out
    finally:
        con.close()


def test_the_same_store_whatever_runs_the_work(tmp_path):
    pytest.importorskip("distributed")
    dbs = {n: tmp_path / f"w{n}.db" for n in (1, 2)}
    for n, db in dbs.items():
        result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", str(db), "--workers", str(n)])
        assert result.exit_code == 0, result.output
        assert "read 18, stored 18" in result.stdout
    dask_db = tmp_path / "dask.db"
    # a LocalCluster of threads in this process: the Dask path (plugin, tasks, results in order), quickly
    with Store(dask_db) as store, run.cluster("local", 1, pipeline.load_models, processes=False) as cluster:
        pipeline.ingest(sources.items([str(EXAMPLES)]), store, runner=cluster)
    one = content(dbs[1])
    assert one["events"] and one["placements"] and one["coded"]
    assert content(dbs[2]) == one
    assert content(dask_db) == one


# --- a report that kills its worker -------------------------------------------------------------------

ARTICLE = ("{title}\n\nNAIROBI, March 3 (Reuters) - Kenyan police arrested {n} protesters in Nairobi on Tuesday, "
           "a police spokesman said. {extra}\n")


def crash_on_marks(fn, chunk):
    """Dies as a segfault would on a document that says KILL-READER, or a report that says KILL-CODER."""
    for x in chunk:
        if isinstance(x, Item) and b"KILL-READER" in (x.data if isinstance(x.data, bytes) else x.data.encode()):
            os.kill(os.getpid(), signal.SIGSEGV)
        if isinstance(x, tuple) and "KILL-CODER" in x[0].text:
            os.kill(os.getpid(), signal.SIGSEGV)
    return fn(chunk)


class Crashing:
    """A pool whose workers die on the marked inputs."""

    def __init__(self, inner: run.Runner):
        self.inner = inner
        self.workers = inner.workers

    def map(self, fn, items, **kw):
        return self.inner.map(functools.partial(crash_on_marks, fn), items, **kw)


def test_a_report_that_kills_its_worker_costs_only_that_report(tmp_path, store):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, extra in enumerate(["", "KILL-CODER", "KILL-READER", "", ""]):
        (folder / f"r{i}.txt").write_text(ARTICLE.format(title=f"Arrests number {i}", n=10 + i, extra=extra))
    # no setup: the models load on first use, so that the workers killed while reading restart quickly
    with run.pool(2, preload=pipeline.WORKER_IMPORTS) as pool:
        summary = pipeline.ingest(sources.items([str(folder)]), store, runner=Crashing(pool))
    assert (summary.read, summary.stored, summary.rejected) == (4, 4, 1)
    reasons = {Path(x.path).name: x.reason for x in store.rejected()}
    assert reasons["r2.txt"] == "unreadable (worker died (signal SIGSEGV))"
    killer = next(r for r in store.reports() if "KILL-CODER" in r.text)
    assert reasons["r1.txt"] == f"coding failed for report {killer.id}: worker died (signal SIGSEGV)"
    coded = {r.id for r in store.reports() if store.is_coded(r.id)}
    assert coded == {r.id for r in store.reports()} - {killer.id}  # the rest of its batch is coded
    assert store.count_events() >= 1
