"""Which FAISS index to use at which size.

Exact search (IndexFlatIP behind an IndexIDMap2) is the best choice while a brute-force scan is
cheap: up to ~200k vectors it stays within a few tens of milliseconds on one thread (see
benchmarks/faiss_scaling.py). Above that we switch to IVF (IndexIVFFlat, inner product), which
keeps ``add_with_ids``/``remove_ids`` for incremental updates; ``nprobe`` trades recall for speed.
"""

from __future__ import annotations

import math

import numpy as np

FLAT_MAX = 200_000
NPROBE = 32


def choose_kind(n: int) -> str:
    return "flat" if n <= FLAT_MAX else "ivf"


def nlist_for(n: int) -> int:
    # ~4·sqrt(n) lists, trained on 32 points per list (faiss's own minimum is 39; 32 keeps 1M
    # vectors' training to about a minute on 2 cores).
    return int(min(4096, max(64, 4 * math.sqrt(n))))


def build(vectors: np.ndarray, ids: np.ndarray, kind: str | None = None, seed: int = 0):
    import faiss

    n, d = vectors.shape
    kind = kind or choose_kind(n)
    vectors = np.ascontiguousarray(vectors, dtype="float32")
    ids = np.asarray(ids, dtype="int64")
    if kind == "flat":
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(d))
    else:
        nlist = nlist_for(n)
        quantizer = faiss.IndexFlatIP(d)
        index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(seed)
        sample = vectors[rng.choice(n, size=min(n, 32 * nlist), replace=False)]
        index.train(sample)
        index.nprobe = NPROBE
        # A hash-table direct map keeps reconstruct(id) (exact rescoring) and remove_ids working.
        index.set_direct_map_type(faiss.DirectMap.Hashtable)
    index.add_with_ids(vectors, ids)
    return index


def describe(index) -> str:
    import faiss

    inner = faiss.downcast_index(index)
    if isinstance(inner, faiss.IndexIDMap2) or isinstance(inner, faiss.IndexIDMap):
        return f"IDMap2(Flat), {index.ntotal} vectors, exact"
    if isinstance(inner, faiss.IndexIVFFlat):
        return f"IVFFlat(nlist={inner.nlist}, nprobe={inner.nprobe}), {index.ntotal} vectors"
    return f"{type(inner).__name__}, {index.ntotal} vectors"


def prepare_for_search(index) -> None:
    """Set search-time parameters that are not stored in the file."""
    import faiss

    inner = faiss.downcast_index(index)
    if isinstance(inner, faiss.IndexIVF):
        inner.nprobe = NPROBE
