"""How dense search latency grows with index size, and which FAISS index the service picks.

Usage: .venv/bin/python benchmarks/faiss_scaling.py [--sizes 10000,100000,1000000] [--queries 200]

Vectors are synthetic (384-d, normalised, clustered like sentence embeddings: points around random
centres), searched with one thread, as the service runs. For IVF the recall@10 against exact
search is reported too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np


def synth(n: int, d: int = 384, centres: int = 2000, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    c = rng.standard_normal((centres, d)).astype("float32")
    out = np.empty((n, d), dtype="float32")
    step = 100_000
    for i in range(0, n, step):
        m = min(step, n - i)
        out[i:i + m] = c[rng.integers(0, centres, m)] + 0.6 * rng.standard_normal((m, d)).astype("float32")
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def time_search(index, queries: np.ndarray, k: int = 10) -> tuple[list[float], np.ndarray]:
    lat, ids_all = [], []
    for q in queries:
        t = time.perf_counter()
        _, ids = index.search(q.reshape(1, -1), k)
        lat.append((time.perf_counter() - t) * 1000)
        ids_all.append(ids[0])
    return lat, np.stack(ids_all)


def main() -> int:
    import faiss

    from indexer.vectors import build, choose_kind, describe

    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    faiss.omp_set_num_threads(1)
    print(f"faiss {faiss.__version__}, search on 1 thread, 384-d, k=10, {args.queries} queries")
    print("| chunks | index the service picks | build s | p50 ms | p95 ms | recall@10 vs exact | exact p50 ms |")
    print("|---|---|---|---|---|---|---|")
    for n in [int(s) for s in args.sizes.split(",")]:
        vecs = synth(n)
        queries = synth(args.queries, seed=1) if n else vecs[: args.queries]
        ids = np.arange(n, dtype="int64")
        faiss.omp_set_num_threads(2)  # building may use both cores; searching is timed on one
        t = time.perf_counter()
        exact = build(vecs, ids, "flat")
        exact_build = time.perf_counter() - t
        faiss.omp_set_num_threads(1)
        exact_lat, exact_ids = time_search(exact, queries)
        kind = choose_kind(n)
        if kind == "flat":
            chosen, build_s, lat, recall = exact, exact_build, exact_lat, 1.0
        else:
            faiss.omp_set_num_threads(2)
            t = time.perf_counter()
            chosen = build(vecs, ids, kind)
            build_s = time.perf_counter() - t
            faiss.omp_set_num_threads(1)
            lat, got = time_search(chosen, queries)
            recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(got, exact_ids)]))
        print(f"| {n:,} | {describe(chosen)} | {build_s:.1f} | {statistics.median(lat):.2f} | "
              f"{np.percentile(lat, 95):.2f} | {recall:.3f} | {statistics.median(exact_lat):.2f} |", flush=True)
        del exact, chosen, vecs
    return 0


if __name__ == "__main__":
    sys.exit(main())
