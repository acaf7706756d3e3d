"""Worker processes on this machine, each holding one chunk at a time, so that the pool always knows which
chunk a dead worker was on: that chunk alone fails (and is retried item by item), the worker is replaced,
and the other workers go on. (A ``ProcessPoolExecutor`` breaks whole when one worker dies.)

Workers start with "forkserver": a clean process forks them, never this one, whose threads (the pool's own,
onnxruntime's) must not be copied mid-lock. That process imports the ``preload`` modules once, so that the
workers start with them imported (2 workers ready in ~4 s instead of ~7 s with "spawn"). Each worker runs
``setup`` once, then serves chunks until told to stop or until this process goes away (its pipe closes).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from eventwire.errors import ModelMissing
from eventwire.run import Failed, Fn, call, ordered

METHOD = "forkserver"


def _serve(conn: Connection, setup: Callable[[], None] | None) -> None:
    """A worker: setup once, then one chunk at a time until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    broken: Failed | ModelMissing | None = None
    if setup:
        try:
            setup()
        except ModelMissing as e:  # the first chunk's answer stops the run
            broken = e
        except Exception as e:  # every chunk says why
            broken = Failed(f"worker setup failed: {type(e).__name__}: {e}"[:300])
    _one_thread()
    while True:
        try:
            task = conn.recv()
        except EOFError:  # the parent is gone
            return
        except Exception as e:  # a task that does not unpickle here
            conn.send(Failed(f"task not received: {type(e).__name__}: {e}"[:300]))
            continue
        if task is None:
            return
        try:
            out = broken or call(*task)
        except ModelMissing as e:
            out = e
        try:
            conn.send(out)
        except Exception as e:  # a result that does not pickle
            conn.send(Failed(f"result not sent: {type(e).__name__}: {e}"[:300]))


def _one_thread() -> None:
    """One BLAS thread per worker: the pool has a worker per core, and two workers each running OpenBLAS on
    every core ran the parser at a third of its speed."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(1)


@dataclass
class _Task:
    fn: Fn
    chunk: list[Any]
    future: Future = field(default_factory=Future)


@dataclass
class _Worker:
    process: Any
    conn: Connection
    task: _Task | None = None


def _death(process: Any) -> str:
    process.join(1)
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"worker died (signal {signal.Signals(-code).name})"
        except ValueError:
            pass
    return f"worker died (exit code {code})"


class Pool:
    """``workers`` processes fed by one thread of this process; chunks go out in submission order."""

    def __init__(self, workers: int, setup: Callable[[], None] | None = None, preload: Sequence[str] = (),
                 method: str = METHOD):
        self.workers = max(1, workers)
        self._ctx = mp.get_context(method)
        if preload and method == "forkserver":  # takes effect if the fork server has not started yet
            self._ctx.set_forkserver_preload(["__main__", *preload])
        self._setup = setup
        self._queue: deque[_Task] = deque()
        self._lock = threading.Lock()
        self._wake_r, self._wake_w = os.pipe()
        self._closed = False
        self._pool = [self._spawn() for _ in range(self.workers)]
        self._thread = threading.Thread(target=self._feed, name="eventwire-pool", daemon=True)
        self._thread.start()

    def _spawn(self) -> _Worker:
        here, there = self._ctx.Pipe()
        process = self._ctx.Process(target=_serve, args=(there, self._setup), daemon=True)
        process.start()
        there.close()
        return _Worker(process, here)

    def _restart(self, w: _Worker) -> _Worker:
        w.conn.close()
        return self._spawn()

    def submit(self, fn: Fn, chunk: list[Any], first: bool = False) -> Future:
        task = _Task(fn, chunk)
        with self._lock:
            if self._closed:
                raise RuntimeError("the pool is closed")
            self._queue.appendleft(task) if first else self._queue.append(task)
        os.write(self._wake_w, b"x")
        return task.future

    def map(self, fn: Fn, items: Iterable[Any], *, chunk: int = 1, ahead: int = 0) -> Iterator[Any]:
        return ordered(self.submit, fn, items, chunk, ahead or 2 * self.workers)

    def _feed(self) -> None:
        try:
            self._loop()
        except BaseException as e:  # the pool's own failure: nothing may wait for it forever
            with self._lock:
                self._closed = True
                tasks = list(self._queue) + [w.task for w in self._pool if w.task]
            for t in tasks:
                if not t.future.done():
                    t.future.set_result(Failed(f"the pool failed: {type(e).__name__}: {e}"[:300]))

    def _loop(self) -> None:
        """Hand queued chunks to idle workers; collect results; replace a worker that died."""
        while True:
            with self._lock:
                if self._closed:
                    return
                for i, w in enumerate(self._pool):
                    if w.task is None and self._queue:
                        if not w.process.is_alive():  # died after its last answer
                            w = self._pool[i] = self._restart(w)
                        w.task = self._queue.popleft()
                        try:
                            w.conn.send((w.task.fn, w.task.chunk))
                        except (BrokenPipeError, EOFError, OSError):
                            pass  # it died: its sentinel says so below
                        except Exception as e:  # a chunk that does not pickle
                            w.task.future.set_result(Failed(f"task not sent: {type(e).__name__}: {e}"[:300]))
                            w.task = None
                busy = [w for w in self._pool if w.task is not None]
            ready = wait([self._wake_r] + [w.conn for w in busy] + [w.process.sentinel for w in busy])
            if self._wake_r in ready:
                os.read(self._wake_r, 4096)
            for w in busy:
                if w.conn in ready or w.process.sentinel in ready:
                    self._collect(w)

    def _collect(self, w: _Worker) -> None:
        task = w.task
        assert task is not None
        try:
            out = w.conn.recv() if w.conn.poll() else None
        except (EOFError, OSError):
            out = None
        if out is None:
            if w.process.is_alive():
                return  # woken without a message yet
            out = Failed(_death(w.process))
            with self._lock:
                self._pool[self._pool.index(w)] = self._restart(w)
        w.task = None
        task.future.set_result(out)

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            left = list(self._queue)
            self._queue.clear()
        os.write(self._wake_w, b"x")
        self._thread.join(5)
        for t in left + [w.task for w in self._pool if w.task]:
            if not t.future.done():
                t.future.set_result(Failed("the pool was closed"))
        for w in self._pool:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in self._pool:
            w.process.join(5)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(1)
            w.conn.close()
        os.close(self._wake_r)
        os.close(self._wake_w)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
