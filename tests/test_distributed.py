"""Embedding on Ray (indexer/distributed.py): a local Ray instance over the fixture PDFs gives the
vectors the single-machine path gives, in the embedding cache the indexer reads."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from conftest import DOCS, query, run_cli

pytestmark = pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                                reason="Ray is an optional extra (pip install -e '.[ray]'; scripts/install adds it)")


def _vectors(index_dir, table: str, key: str) -> dict:
    return {r[0]: np.frombuffer(r[1], dtype="float32") for r in query(index_dir, f"SELECT {key}, vector FROM {table}")}


def test_ray_index_matches_the_single_machine_one(tmp_path, docs_index):
    import faiss

    from conftest import current_dir

    d = tmp_path / "index"
    res = run_cli("index", DOCS, "--index-dir", d, "--no-progress", "--ray", "local", "--ray-workers", "1",
                  timeout=600)
    assert res.returncode == 0, res.stderr
    n = len(query(d, "SELECT id FROM chunks"))
    assert f"{n} chunks embedded, 0 from cache" in res.stdout

    def chunk_vectors(index_dir):
        index = faiss.read_index(str(current_dir(index_dir) / "faiss.index"))
        ids = faiss.vector_to_array(faiss.downcast_index(index).id_map)
        return {int(i): index.reconstruct(int(i)) for i in ids}

    for ray_vecs, local_vecs in [
        (chunk_vectors(d), chunk_vectors(docs_index.dir)),
        (_vectors(d, "sentences", "chunk_id || '/' || ordinal"),
         _vectors(docs_index.dir, "sentences", "chunk_id || '/' || ordinal")),
        (_vectors(d, "decisions", "id"), _vectors(docs_index.dir, "decisions", "id")),
    ]:
        assert ray_vecs and set(ray_vecs) == set(local_vecs)
        worst = max(float(np.abs(ray_vecs[k] - local_vecs[k]).max()) for k in ray_vecs)
        assert worst < 1e-5, worst

    # The cache Ray wrote is the one the indexer reads: a rebuild embeds nothing.
    again = run_cli("index", DOCS, "--index-dir", d, "--no-progress", "--rebuild")
    assert again.returncode == 0, again.stderr
    assert f"0 chunks embedded, {n} from cache" in again.stdout
