"""Benchmark the running server: /api/search and /api/ask latency, a concurrent soak, memory.

Start the server first (one thread per worker), e.g.
    .venv/bin/minutebook serve --index-dir index --port 8000 --workers 2 &
then
    .venv/bin/python benchmarks/service_latency.py --url http://127.0.0.1:8000 [--soak 60 --clients 8]

Only talks to the URL given (use a loopback address). Prints figures for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

QUESTIONS = [
    "what was decided about body-worn video", "Operation Gravity", "KSI figures on Norfolk roads",
    "S136 detentions", "hare coursing", "£1.036m overspend", "Athena crime recording system",
    "officers' cameras", "domestic abuse perpetrators", "speed watch volunteers", "police and fire collaboration",
    "who chairs the community safety partnership", "999 calls answered within 10 seconds",
    "serious violence duty", "PCC decision 2017-25", "rural crime", "drones", "budget consultation 2018/19",
]


def pct(v: list[float], p: float) -> float:
    v = sorted(v)
    k = (len(v) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def get(url: str) -> tuple[int, float]:
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()
            code = r.status
    except urllib.error.HTTPError as e:
        code = e.code
    except OSError:
        code = 0
    return code, (time.perf_counter() - t) * 1000


def measure(base: str, path: str, n: int) -> list[float]:
    out = []
    for i in range(n):
        q = QUESTIONS[i % len(QUESTIONS)]
        code, ms = get(f"{base}{path}?" + urllib.parse.urlencode({"q": q}))
        if code != 200:
            raise SystemExit(f"{path} returned {code} for {q!r}")
        out.append(ms)
    return out


def soak(base: str, seconds: float, clients: int) -> tuple[int, int, list[float]]:
    stop = time.time() + seconds
    lock = threading.Lock()
    ok = err = 0
    lat: list[float] = []

    def worker(wid: int):
        nonlocal ok, err
        i = wid
        while time.time() < stop:
            q = QUESTIONS[i % len(QUESTIONS)]
            path = "/api/ask" if i % 4 == 0 else "/api/search"
            code, ms = get(f"{base}{path}?" + urllib.parse.urlencode({"q": q}))
            with lock:
                if code == 200:
                    ok += 1
                    lat.append(ms)
                else:
                    err += 1
            i += clients

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return ok, err, lat


def server_memory_mb(port: int) -> tuple[float, float] | None:
    """Resident memory of the serving processes (parent + workers) listening on the port."""
    try:
        out = subprocess.run(["ps", "-eo", "pid,ppid,rss,args"], capture_output=True, text=True).stdout
    except OSError:
        return None
    procs = [l.split(None, 3) for l in out.splitlines()[1:]]
    roots = [p for p in procs if "minutebook" in p[3] and "serve" in p[3] and f"{port}" in p[3]]
    if not roots:
        return None
    pids = {roots[0][0]}
    for p in procs:  # uvicorn workers are children of the serving process
        if p[1] in pids:
            pids.add(p[0])
    rss = sum(int(p[2]) for p in procs if p[0] in pids) / 1024
    # RSS counts shared library pages once per process; PSS shares them out (the real total).
    pss = 0.0
    for pid in pids:
        try:
            for line in open(f"/proc/{pid}/smaps_rollup"):
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) / 1024
        except OSError:
            pass
    return rss, pss


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8000")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--soak", type=float, default=60)
    ap.add_argument("--clients", type=int, default=8)
    args = ap.parse_args()
    base = args.url.rstrip("/")
    stats = json.loads(urllib.request.urlopen(base + "/api/stats").read())
    print(f"index: {stats['documents']} documents, {stats['chunks']} chunks, model {stats['model']}")
    measure(base, "/api/search", 10)  # warm up
    s = measure(base, "/api/search", args.n)
    print(f"/api/search sequential n={args.n}: p50 {statistics.median(s):.1f} ms, p95 {pct(s, 95):.1f} ms "
          f"(targets 60 / 150)")
    a = measure(base, "/api/ask", max(20, args.n // 4))
    print(f"/api/ask sequential n={len(a)}: p50 {statistics.median(a):.1f} ms, p95 {pct(a, 95):.1f} ms (target p50 400)")
    if args.soak > 0:
        ok, err, lat = soak(base, args.soak, args.clients)
        print(f"soak {args.clients} clients x {args.soak:.0f} s (1 in 4 requests is /api/ask): {ok} ok, {err} errors, "
              f"{ok / args.soak:.1f} req/s, p50 {statistics.median(lat):.0f} ms, p95 {pct(lat, 95):.0f} ms")
    port = urllib.parse.urlparse(base).port or 80
    mem = server_memory_mb(port)
    if mem is not None:
        print(f"server memory after the soak, all serving processes: PSS {mem[1]:.0f} MB, RSS {mem[0]:.0f} MB "
              f"(target <= 1536)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
