"""Throughput of `eventwire ingest`, in one run on the same texts, beside a bare single-process spaCy parse.

    w1, w2, dask   `eventwire ingest FILE --workers 1` / `--workers 2` / `--dask local --workers 2`, each in a
                   fresh process on a fresh database: reports/s from start to exit (model loads included), peak
                   memory = the largest sum of RSS over the command's process tree (sampled 10 times a second),
                   and the CPU seconds of the whole tree (what the work cost, whatever else shares the machine)
    bare           the anchor: spaCy `nlp.pipe` over the same texts in one process, timed after the model loaded
    writer         the writer alone: `pipeline.ingest` with a runner that hands back reading and coding results
                   made beforehand, so that only this process's work is timed (store, group, merge, write)
    start          seconds until a pool of 2 workers has its models loaded, by multiprocessing start method

Texts: ECB+ (../shared/eval/stories/ecbplus.jsonl, 982 reports), else the bundled examples.
Run: .venv/bin/python benchmarks/throughput.py [--limit N] [--only w1,w2,dask,bare,writer,start]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict, deque
from pathlib import Path

from common import EVAL, ROOT, jsonl, row

from eventwire import pipeline, run

EXE = Path(sys.executable).parent / "eventwire"
CONFIGS = {
    "w1": ["--workers", "1"],
    "w2": ["--workers", "2"],
    "dask": ["--dask", "local", "--workers", "2"],
}


def texts(limit: int | None) -> tuple[str, list[str]]:
    ecb = EVAL / "stories" / "ecbplus.jsonl"
    if ecb.exists():
        return "ECB+", [r["text"] for r in jsonl(ecb)][:limit]
    from eventwire.ingest import read
    from eventwire.model import Report

    found = [r.text for r in read([ROOT / "examples"]) if isinstance(r, Report)][:limit]
    if not found:
        print("SKIP: neither ../shared/eval/stories/ecbplus.jsonl nor examples/ found")
        raise SystemExit(0)
    return "examples", found


def tree(pid: int, cpu: dict[int, float]) -> int:
    """The RSS of a process and its descendants now; notes the CPU seconds each has used so far in ``cpu``."""
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for q in procs:
        try:
            with q.oneshot():
                total += q.memory_info().rss
                t = q.cpu_times()
                cpu[q.pid] = t.user + t.system
        except psutil.Error:
            pass
    return total


def measured(cmd: list[str]) -> tuple[float, int, float, str]:
    """(seconds, peak MB of the process tree, CPU seconds of the tree, stdout) of a command."""
    started = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree(p.pid, cpu))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = p.communicate()  # (a process's last tenth of a second of CPU may go unseen)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if p.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode})")
    return seconds, peak // 2**20, sum(cpu.values()), out.strip()


def bare_child(path: str) -> None:
    """The anchor, in its own process: nlp.pipe over the texts, timed after the model loaded."""
    from eventwire.events.nlp import load

    items = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    nlp = load()
    started = time.perf_counter()
    for _ in nlp.pipe(items, batch_size=64):
        pass
    print(json.dumps({"seconds": time.perf_counter() - started}))


class Recording:
    """A runner that keeps every result of the runner it wraps, per function, in order."""

    def __init__(self, inner: run.Runner):
        self.inner, self.workers = inner, inner.workers
        self.kept: dict[str, list] = defaultdict(list)

    def map(self, fn, items, **kw):
        keep, results = self.kept[fn.__name__], self.inner.map(fn, items, **kw)  # started now, as the inner one

        def kept():
            for x in results:
                keep.append(x)
                yield x

        return kept()


class Replay:
    """A runner that hands back what a Recording kept: the work is done, only the writer is left."""

    workers = 1

    def __init__(self, kept: dict[str, list]):
        self.kept = {k: deque(v) for k, v in kept.items()}

    def map(self, fn, items, **kw):
        left = self.kept[fn.__name__]
        for _ in items:
            yield left.popleft()


def writer_alone(data: Path, n: int) -> None:
    from eventwire.ingest import sources
    from eventwire.store import Store

    with tempfile.TemporaryDirectory() as tmp, run.pool(2, pipeline.load_models, pipeline.WORKER_IMPORTS) as pool:
        recording = Recording(pool)
        with Store(Path(tmp) / "record.db") as store:
            pipeline.ingest(sources.items([str(data)]), store, runner=recording)
        spent: dict[str, float] = defaultdict(float)
        for name in ("_group", "_write"):
            real = getattr(pipeline, name)

            def timed(*a, _real=real, _name=name, **kw):
                t = time.perf_counter()
                try:
                    return _real(*a, **kw)
                finally:
                    spent[_name] += time.perf_counter() - t

            setattr(pipeline, name, timed)
        with Store(Path(tmp) / "replay.db") as store:
            started = time.perf_counter()
            summary = pipeline.ingest(sources.items([str(data)]), store, runner=Replay(recording.kept))
            seconds = time.perf_counter() - started
    print(row(f"writer alone ({n} reports)", reports_per_s=n / seconds, group_ms=1000 * spent["_group"] / n,
              events_ms=1000 * spent["_write"] / n, rest_ms=1000 * (seconds - sum(spent.values())) / n,
              events=summary.events))


def start_methods() -> None:
    for method in ("forkserver", "spawn", "fork"):
        code = (f"import time,sys; sys.path.insert(0, {str(ROOT / 'src')!r})\n"
                "from eventwire import pipeline\nfrom eventwire.run.processes import Pool\n"
                "if __name__ == '__main__':\n"
                "    t = time.perf_counter()\n"
                f"    with Pool(2, pipeline.load_models, pipeline.WORKER_IMPORTS, method={method!r}) as p:\n"
                "        list(p.map(pipeline._read_some, [[None], [None]], ahead=2))\n"
                "        print(time.perf_counter() - t)\n")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        print(row(f"pool of 2 ready, {method}", seconds=float(out.split()[-1])))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--only", default="w1,w2,dask,bare,writer,start")
    ap.add_argument("--bare-child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.bare_child:
        return bare_child(args.bare_child)
    only = set(args.only.split(","))
    name, found = texts(args.limit)
    n = len(found)
    words = sum(len(t.split()) for t in found) / n
    print(f"{n} {name} reports ({words:.0f} words on average); {run.cores()} cores; load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "reports.jsonl"
        data.write_text("".join(json.dumps({"text": t}) + "\n" for t in found), encoding="utf-8")
        bare = None
        if "bare" in only:
            seconds, peak, cpu, out = measured([sys.executable, __file__, "--bare-child", str(data)])
            bare = n / json.loads(out)["seconds"]
            print(row("bare nlp.pipe, one process (anchor)", reports_per_s=bare, peak_mb=peak, cpu_s=cpu))
        for key, flags in CONFIGS.items():
            if key not in only:
                continue
            db = Path(tmp) / f"{key}.db"
            seconds, peak, cpu, out = measured([str(EXE), "ingest", str(data), "--db", str(db), *flags])
            vs = {"vs_bare": n / seconds / bare} if bare else {}
            print(row(f"ingest {' '.join(flags)}", reports_per_s=n / seconds, seconds=seconds, peak_mb=peak,
                      cpu_s=cpu, **vs))
            print("   ", out.splitlines()[-1])
        if "writer" in only:
            writer_alone(data, n)
    if "start" in only:
        start_methods()


if __name__ == "__main__":
    main()
