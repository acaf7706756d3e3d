"""Where the per-report work runs: in this process, a pool of worker processes, or a Dask cluster.

One small interface, chosen by the caller (the CLI); the pipeline does not know which one it got:

    runner.map(fn, items, chunk=, ahead=)   fn over items, one result per item, in input order
    local()                                 in this process, each chunk when its results are asked for
    pool(workers, setup, preload)           worker processes on this machine (run/processes.py)
    cluster(address, workers, setup)        a Dask cluster, or "local" for a LocalCluster (run/dask_cluster.py)
    start(workers, dask, setup, preload)    the one the CLI options say

``fn`` takes a list of items (a chunk) and returns one result per item; it must be a module-level
function, since it travels to the workers by name. ``setup`` runs once in each worker process before its
first chunk (it loads the models); ``preload`` names modules worth importing once before the workers
fork (the heavy libraries their work imports). A chunk whose fn raises, or whose worker dies (a segfault, an
``os._exit``), is run again item by item; an item that fails alone comes out as ``Lost`` with the reason,
and the others go on. A model that is not installed (``ModelMissing``) is no item's fault: it stops the run.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from eventwire.errors import ModelMissing

Fn = Callable[[list[Any]], list[Any]]


@dataclass(frozen=True, slots=True)
class Lost:
    """An item whose work failed alone: fn raised on it, or its worker died while on it."""

    item: Any
    reason: str


@dataclass(frozen=True, slots=True)
class Failed:
    """What a chunk gave instead of its results (the runner retries the chunk's items one by one)."""

    reason: str


class Runner(Protocol):
    workers: int

    def map(self, fn: Fn, items: Iterable[Any], *, chunk: int = 1, ahead: int = 0) -> Iterator[Any]:
        """fn over items: one result (or Lost) per item, in input order; ``ahead`` chunks are in flight."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Runner: ...

    def __exit__(self, *exc: object) -> None: ...


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, max(1, size))):
        yield chunk


def call(fn: Fn, chunk: list[Any]) -> list[Any] | Failed:
    """fn(chunk), with its failure as a Failed (what a worker runs)."""
    try:
        out = fn(chunk)
    except ModelMissing:
        raise
    except Exception as e:
        return Failed(f"{type(e).__name__}: {e}"[:300])
    if len(out) != len(chunk):
        return Failed(f"{len(out)} results for {len(chunk)} items")
    return out


def ordered(submit: Callable[[Fn, list[Any], bool], Any], fn: Fn, items: Iterable[Any], chunk: int,
            ahead: int) -> Iterator[Any]:
    """The results of ``submit``ted chunks in input order, ``ahead`` chunks in flight; a failed chunk of
    several items is submitted again item by item (first in line), and an item that fails alone is Lost."""
    todo = chunks(items, chunk)
    flying: deque[tuple[list[Any], Any]] = deque()

    def fill() -> None:
        while len(flying) < max(1, ahead) and (c := next(todo, None)) is not None:
            flying.append((c, submit(fn, c, False)))

    def result(future: Any) -> list[Any] | Failed:
        out = future.result()
        if isinstance(out, ModelMissing):  # a worker's: nothing will work
            raise out
        return out

    def results() -> Iterator[Any]:
        while flying:
            c, future = flying.popleft()
            fill()
            out = result(future)
            if not isinstance(out, Failed):
                yield from out
                continue
            if len(c) == 1:
                yield Lost(c[0], out.reason)
                continue
            alone = [submit(fn, [x], True) for x in reversed(c)][::-1]
            for x, f in zip(c, alone, strict=True):
                one = result(f)
                yield Lost(x, one.reason) if isinstance(one, Failed) else one[0]

    fill()  # now, not at the first result: the work starts while the caller does something else
    return results()


class Local:
    """In this process: each chunk runs when its results are asked for."""

    workers = 1

    def map(self, fn: Fn, items: Iterable[Any], *, chunk: int = 1, ahead: int = 0) -> Iterator[Any]:
        for c in chunks(items, chunk):
            out = call(fn, c)
            if not isinstance(out, Failed):
                yield from out
                continue
            for x in c:
                one = call(fn, [x]) if len(c) > 1 else out
                yield Lost(x, one.reason) if isinstance(one, Failed) else one[0]

    def close(self) -> None:
        pass

    def __enter__(self) -> Local:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def local() -> Local:
    return Local()


def pool(workers: int, setup: Callable[[], None] | None = None, preload: Sequence[str] = ()) -> Runner:
    from eventwire.run.processes import Pool

    return Pool(workers, setup, preload)


def cluster(address: str, workers: int | None = None, setup: Callable[[], None] | None = None, *,
            processes: bool = True) -> Runner:
    """A Dask cluster at ``address``, or "local": a LocalCluster of ``workers`` processes (threads of this
    process with ``processes=False``, as the tests use)."""
    from eventwire.run.dask_cluster import Cluster

    return Cluster(address, workers, setup, processes=processes)


def start(workers: int | None = None, dask: str | None = None, setup: Callable[[], None] | None = None,
          preload: Sequence[str] = ()) -> Runner:
    """The runner the CLI options ask for: a Dask cluster when ``dask`` is given, else ``workers`` processes
    (default: one per core); one worker runs in this process."""
    if dask:
        return cluster(dask, workers, setup)
    workers = workers or cores()
    return local() if workers <= 1 else pool(workers, setup, preload)


__all__ = ["Failed", "Local", "Lost", "Runner", "call", "cluster", "cores", "local", "ordered", "pool", "start"]
