"""API throughput and latency on a store of 100,000 generated events, from a load generator on loopback.

    python benchmarks/api.py [--events 100000] [--duration 10] [--concurrency 8]

Generates the events into a temporary database (through Store.save_events, in big batches), starts
`eventwire serve` on 127.0.0.1 in a subprocess, and for each endpoint sends requests from `concurrency`
threads (httpx, keep-alive) for `duration` seconds. Prints requests/s, p50 and p99 latency, beside the
anchor measured the same way in the same run: GET /health (the cheapest route of the same server).
Everything stays on 127.0.0.1 and is bounded in time.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import ROOT, row

from eventwire.model import Actor, Event, Mention, Place, Report, When
from eventwire.store import Store

COUNTRIES = ["MLI", "NER", "RUS", "FRA", "USA", "CHN", "BFA", "SEN", "GHA", "NGA", "UKR", "DEU", "IND", "BRA"]
SECTORS = ["GOV", "MIL", "REB", "CVL", "BUS", None]
TYPES = [("CONSULT", "043", 2.8), ("ASSAULT", "190", -10.0), ("PROTEST", "141", -6.5), ("AID", "070", 7.0),
         ("AGREE", "057", 8.0), ("ACCUSE", "112", -2.0), ("THREATEN", "138", -7.0), ("COOPERATE", "061", 6.4)]
PLACES = [Place("Bamako", "ML", 2460596, 12.65, -8.0), Place("Moscow", "RU", 524901, 55.75, 37.62),
          Place("Niamey", "NE", 2440485, 13.51, 2.11), Place("Paris", "FR", 2988507, 48.85, 2.35),
          Place("Accra", "GH", 2306104, 5.56, -0.2), Place("Kyiv", "UA", 703448, 50.45, 30.52)]
WORDS = "officials said talks would continue next week after the meeting in the capital on security and trade".split()


def generate(path: Path, n_events: int, seed: int = 7) -> float:
    rng = random.Random(seed)
    t0 = time.perf_counter()
    n_reports = max(1, n_events // 50)
    with Store(path) as store:
        reports = [
            Report(id=f"r{i:06d}", text=" ".join(rng.choice(WORDS) for _ in range(90)) + ".",
                   outlet=f"outlet-{i % 40}", title=f"Report {i}", published=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                   url=f"https://example.org/{i}")
            for i in range(n_reports)
        ]
        store.add_reports(reports)
        batch: list[Event] = []
        for i in range(n_events):
            typ, cameo, gold = TYPES[i % len(TYPES)]
            src = Actor(f"actor {i % 97}", rng.choice(COUNTRIES), rng.choice(SECTORS))
            tgt = Actor(f"actor {i % 89}", rng.choice(COUNTRIES), rng.choice(SECTORS))
            mentions = tuple(
                Mention(f"r{(i + k * 7) % n_reports:06d}", 10 * k, 10 * k + 25, "officials said talks would", 0,
                        f"outlet-{(i + k) % 40}")
                for k in range(1 + i % 3)
            )
            batch.append(Event(
                id=f"e{i:07d}", type=typ, cameo=cameo, goldstein=gold, source=(src,), target=(tgt,),
                date=When(f"{2020 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}"), location=rng.choice(PLACES),
                mentions=mentions,
            ))
            if len(batch) >= 5000:
                store.save_events(batch)
                batch = []
        if batch:
            store.save_events(batch)
    return time.perf_counter() - t0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(base: str, make_url, duration: float, concurrency: int) -> dict[str, float]:
    """Requests from ``concurrency`` keep-alive clients for ``duration`` seconds: req/s, p50, p99 (ms)."""
    import httpx

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + duration

    def worker(k: int) -> None:
        rng = random.Random(k)
        mine: list[float] = []
        bad = 0
        with httpx.Client(base_url=base, timeout=30.0) as client:
            while time.perf_counter() < deadline:
                url = make_url(rng)
                t = time.perf_counter()
                r = client.get(url)
                mine.append(time.perf_counter() - t)
                if r.status_code != 200:
                    bad += 1
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    latencies.sort()
    n = len(latencies)
    return {
        "requests": n, "errors": errors[0], "rps": n / elapsed,
        "p50_ms": 1000 * latencies[n // 2] if n else float("nan"),
        "p99_ms": 1000 * latencies[min(n - 1, int(n * 0.99))] if n else float("nan"),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint (bounded)")
    ap.add_argument("--concurrency", type=int, default=8)
    args = ap.parse_args()
    duration = min(args.duration, 60.0)

    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as tmp:
        db = Path(tmp) / "bench.db"
        secs = generate(db, args.events)
        with Store(db, readonly=True) as s:
            n = s.count_events()
        print(row("generate events", events=n, seconds=secs, events_per_s=n / secs))

        port = _free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        env.pop("EVENTWIRE_TOKEN", None)
        proc = subprocess.Popen(
            [sys.executable, "-c", "from eventwire.cli import main; main()", "serve", "--db", str(db),
             "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            import httpx

            start = time.perf_counter()
            while True:
                try:
                    if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None or time.perf_counter() - start > 60:
                    raise SystemExit(f"server did not start: {proc.stderr.read().decode() if proc.stderr else ''}")
                time.sleep(0.2)
            print(f"# uvicorn on {base}, {args.concurrency} clients, {duration:.0f} s per endpoint")
            cases = [
                ("anchor: GET /health", lambda rng: "/health"),
                ("GET /events (first page, 50)", lambda rng: "/events?limit=50"),
                ("GET /events (random page, 50)", lambda rng: f"/events?limit=50&offset={rng.randrange(0, n - 50)}"),
                ("GET /events?type=&country= (50)",
                 lambda rng: f"/events?limit=50&type={rng.choice(TYPES)[0]}&country={rng.choice(COUNTRIES)}"),
                ("GET /events/{id}", lambda rng: f"/events/e{rng.randrange(n):07d}"),
            ]
            for label, make_url in cases:
                r = load(base, make_url, duration, args.concurrency)
                print(row(label, requests=int(r["requests"]), errors=int(r["errors"]), req_per_s=r["rps"],
                          p50_ms=r["p50_ms"], p99_ms=r["p99_ms"]))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
