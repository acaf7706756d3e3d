"""Issue 10: where the per-report work runs. Every runner gives one result per item, in input order; a chunk
that fails is retried item by item, and an item whose worker dies (or whose work raises) alone is Lost."""

from __future__ import annotations

import functools
import os
import signal

import pytest

from eventwire import run
from eventwire.errors import ModelMissing
from eventwire.run import Lost


def double(chunk: list[int]) -> list[int]:
    return [2 * x for x in chunk]


def fussy(chunk: list[int]) -> list[int]:
    """Raises on 13; kills its worker on 66 (as a segfault in a parser would), exits it on 99."""
    if 66 in chunk:
        os.kill(os.getpid(), signal.SIGSEGV)
    if 99 in chunk:
        os._exit(3)
    if 13 in chunk:
        raise ValueError("unlucky")
    return [2 * x for x in chunk]


def pid(chunk: list[int]) -> list[int]:
    return [os.getpid() for _ in chunk]


@pytest.fixture(scope="module")
def pool():
    with run.pool(2) as p:
        yield p


def test_local_keeps_order_and_loses_only_the_failing_item():
    out = list(run.local().map(fussy, range(20), chunk=3))
    assert out[13] == Lost(13, "ValueError: unlucky")
    assert [x for i, x in enumerate(out) if i != 13] == [2 * i for i in range(20) if i != 13]


def test_pool_keeps_input_order(pool):
    assert list(pool.map(double, range(100), chunk=3, ahead=5)) == [2 * i for i in range(100)]


def test_pool_runs_in_other_processes(pool):
    pids = set(pool.map(pid, range(40), chunk=1))
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


def test_a_worker_that_dies_costs_only_its_item(pool):
    items = list(range(10)) + [66] + list(range(10, 20)) + [99]
    out = list(pool.map(fussy, items, chunk=4))
    assert out[10] == Lost(66, "worker died (signal SIGSEGV)")
    assert out[14] == Lost(13, "ValueError: unlucky")
    assert out[21] == Lost(99, "worker died (exit code 3)")
    assert [x for x in out if not isinstance(x, Lost)] == [2 * i for i in range(20) if i != 13]
    # the pool replaced its dead workers and goes on
    assert list(pool.map(double, range(8), chunk=2)) == [2 * i for i in range(8)]


def test_setup_runs_in_each_worker_and_its_failure_is_reported():
    with run.pool(1, setup=_broken_setup) as p:
        (out,) = p.map(double, [1])
    assert out == Lost(1, "worker setup failed: RuntimeError: no model here")


def _broken_setup() -> None:
    raise RuntimeError("no model here")


def _no_model(chunk: list[int]) -> list[int]:
    raise ModelMissing("spaCy model 'x' is not installed")


def test_a_missing_model_stops_the_run_wherever_it_runs():
    with pytest.raises(ModelMissing, match="not installed"):
        list(run.local().map(_no_model, range(3)))
    with run.pool(1, setup=functools.partial(_no_model, [])) as p, pytest.raises(ModelMissing, match="not installed"):
        list(p.map(double, range(3)))
    pytest.importorskip("distributed")
    with pytest.raises(ModelMissing, match="not installed"):
        run.cluster("local", 1, functools.partial(_no_model, []), processes=False)


def test_start_picks_the_runner():
    assert isinstance(run.start(1), run.Local)
    with run.start(2) as p:
        assert p.workers == 2


def test_dask_keeps_order_and_loses_only_the_failing_item():
    pytest.importorskip("distributed")
    with run.cluster("local", 1, processes=False) as c:
        out = list(c.map(fussy, range(20), chunk=3))
    assert out[13] == Lost(13, "ValueError: unlucky")
    assert [x for i, x in enumerate(out) if i != 13] == [2 * i for i in range(20) if i != 13]
