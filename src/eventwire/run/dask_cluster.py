"""A Dask cluster: chunks go to its workers, results stream back in input order to this process (the one
writer). ``address`` is a running scheduler ("tcp://host:8786") or "local", which starts a LocalCluster
of ``workers`` single-threaded worker processes here.

The workers need eventwire installed as here (same requirements/base.txt and models): a worker plugin runs
``setup`` once in each worker process, when it joins. A task that kills its worker is retried by Dask on
another one and, after the scheduler's allowed failures (3 by default), ends as KilledWorker: its chunk is
then retried item by item and the item that kills workers alone is Lost.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin

from eventwire.errors import ModelMissing
from eventwire.run import Failed, Fn, call, cores, ordered


class Setup(WorkerPlugin):
    """Runs ``setup`` once in each worker process as it joins (it loads the models)."""

    name = "eventwire-setup"

    def __init__(self, setup: Callable[[], None]):
        self.setup_fn = setup

    async def setup(self, worker: Any) -> None:
        await asyncio.to_thread(self.setup_fn)  # off the worker's event loop, which keeps its heartbeats


class _Pending:
    """A Dask future whose result is the chunk's results or a Failed, never an exception."""

    def __init__(self, future: Any):
        self.future = future

    def result(self) -> list[Any] | Failed:
        try:
            return self.future.result()
        except ModelMissing:
            raise
        except Exception as e:  # KilledWorker, a lost connection: this chunk failed
            return Failed(f"{type(e).__name__}: {e}"[:300])
        finally:
            self.future.release()


class Cluster:
    def __init__(self, address: str, workers: int | None = None, setup: Callable[[], None] | None = None,
                 *, processes: bool = True):
        self._local = None
        if address == "local":
            with dask.config.set({"distributed.worker.profile.enabled": False}):  # it samples every 10 ms
                self._local = LocalCluster(n_workers=workers or cores(), threads_per_worker=1,
                                           processes=processes, dashboard_address=None)
            self.client = Client(self._local)
        else:
            self.client = Client(address)
        try:
            if setup:
                self.client.register_plugin(Setup(setup))
            self.workers = max(1, sum(self.client.nthreads().values()))
        except BaseException:  # a setup that failed on the workers (a model that is not installed)
            self.close()
            raise

    def submit(self, fn: Fn, chunk: list[Any], first: bool = False) -> _Pending:
        return _Pending(self.client.submit(call, fn, chunk, pure=False, priority=1 if first else 0))

    def map(self, fn: Fn, items: Iterable[Any], *, chunk: int = 1, ahead: int = 0) -> Iterator[Any]:
        return ordered(self.submit, fn, items, chunk, ahead or 2 * self.workers)

    def close(self) -> None:
        self.client.close()
        if self._local is not None:
            self._local.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
