"""How long a filtered search spends finding the allowed chunk ids, by archive size.

Usage: .venv/bin/python benchmarks/filter_select.py [--sizes 10000,100000,1000000]

Synthetic chunk metadata (12 bodies, 8 part types, 40 items, one document per 200 chunks, dates
over ten years) in the service's ChunkColumns; the filter is body + date range, as the web form
sends it. For comparison, the per-chunk Python loop the service used before.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

import numpy as np


def main() -> int:
    from storage.columns import ChunkColumns, date_number

    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--repeats", type=int, default=20)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    print("| chunks | allowed | numpy columns p50 ms | Python loop p50 ms |")
    print("|---:|---:|---:|---:|")
    for n in [int(s) for s in args.sizes.split(",")]:
        ids = rng.integers(0, 2**62, n, dtype="int64")
        body = rng.integers(0, 12, n)
        ptype = rng.integers(0, 8, n)
        item = rng.integers(0, 40, n)
        doc = np.arange(n) // 200
        days = rng.integers(0, 3650, n)
        iso = (np.datetime64("2015-01-01") + days.astype("timedelta64[D]")).astype(str)
        codes = {"body": body.astype("int32"), "part_type": ptype.astype("int32"), "item": item.astype("int32"),
                 "document_id": doc.astype("int32")}
        vocab = {"body": {f"body{i}": i for i in range(12)}, "part_type": {f"type{i}": i for i in range(8)},
                 "item": {str(i): i for i in range(40)}, "document_id": {f"doc{i}": i for i in range(n // 200 + 1)}}
        cols = ChunkColumns(ids, codes, vocab, np.array([date_number(d) for d in iso], dtype="int32"))
        meta = {int(i): (f"body{b}", d, f"type{t}", str(it), f"doc{dc}")
                for i, b, d, t, it, dc in zip(ids, body, iso, ptype, item, doc)}
        want = dict(body="body3", date_from="2019-01-01", date_to="2021-12-31")

        def numpy_select():
            return cols.select(**want)

        def python_loop():
            return np.fromiter((i for i, m in meta.items() if m[0] == want["body"] and
                                want["date_from"] <= m[1] <= want["date_to"]), dtype="int64")

        def timed(fn):
            lat = []
            for _ in range(args.repeats):
                t = time.perf_counter()
                out = fn()
                lat.append((time.perf_counter() - t) * 1000)
            return statistics.median(lat), out

        a_ms, a = timed(numpy_select)
        b_ms, b = timed(python_loop)
        assert sorted(a.tolist()) == sorted(b.tolist())
        print(f"| {n:,} | {len(a):,} | {a_ms:.2f} | {b_ms:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
