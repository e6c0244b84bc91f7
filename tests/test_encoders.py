"""The int8 ONNX encoder (indexer/encoders.py): exported from the bundled weights, recorded in the
manifest, never mixed with torch vectors, and close to them. Real model, real export, real CLI."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from conftest import CORPUS_SETTINGS, DOCS, manifest, query, run_cli


@pytest.fixture(scope="module")
def onnx_index(tmp_path_factory, docs_index):
    """The fixture PDFs indexed with encoder onnx-int8, over a copy of the torch index's cache."""
    base = tmp_path_factory.mktemp("onnx")
    config = base / "onnx.json"
    config.write_text(json.dumps({**json.loads(CORPUS_SETTINGS.read_text()), "encoder": "onnx-int8"}))
    d = base / "index"
    d.mkdir()
    shutil.copy2(docs_index.dir / "embeddings.sqlite", d / "embeddings.sqlite")
    res = run_cli("index", DOCS, "--index-dir", d, "--no-progress", "--config", config)
    assert res.returncode == 0, res.stderr
    return d, config, res


def _vectors(index_dir) -> dict[int, np.ndarray]:
    import faiss

    from conftest import current_dir

    index = faiss.read_index(str(current_dir(index_dir) / "faiss.index"))
    ids = faiss.vector_to_array(faiss.downcast_index(index).id_map)
    return {int(i): index.reconstruct(int(i)) for i in ids}


def test_manifest_names_the_export_and_torch_vectors_are_not_reused(onnx_index):
    d, _, res = onnx_index
    model = manifest(d)["model"]
    assert model["encoder"] == "onnx-int8"
    export = d / "encoders" / model["encoder_file"]
    from storage.folder import sha256_file

    assert sha256_file(export) == model["encoder_sha256"]
    assert manifest(d)["settings"]["encoder"].startswith("onnx-int8/export-v")
    # The cache held every text's torch vector; none of them may stand in for the export's.
    n = len(query(d, "SELECT id FROM chunks"))
    assert f"{n} chunks embedded, 0 from cache" in res.stdout


def test_vectors_are_close_to_torch_and_rank_the_same_top_passage(onnx_index, docs_index):
    d, config, _ = onnx_index
    torch_vecs, onnx_vecs = _vectors(docs_index.dir), _vectors(d)
    assert set(torch_vecs) == set(onnx_vecs)
    cos = np.array([float(torch_vecs[i] @ onnx_vecs[i]) for i in torch_vecs])
    assert cos.min() > 0.97 and cos.mean() > 0.985, (cos.min(), cos.mean())
    q = "How many people were detained under section 136?"
    tops = [json.loads(run_cli("search", q, "--index-dir", x, "--json", "--k", "3").stdout)["results"][0]["id"]
            for x in (docs_index.dir, d)]
    assert tops[0] == tops[1]


def test_an_index_of_one_encoder_refuses_the_other(onnx_index, tmp_path):
    d, _, _ = onnx_index
    copy = tmp_path / "index"
    shutil.copytree(d, copy, symlinks=True)
    res = run_cli("index", DOCS, "--index-dir", copy, "--no-progress")  # the corpus settings: torch
    assert res.returncode == 2
    assert "encoder" in res.stderr and "--rebuild" in res.stderr


def test_a_changed_export_is_refused_by_the_server_side(onnx_index, tmp_path):
    d, _, _ = onnx_index
    copy = tmp_path / "index"
    shutil.copytree(d, copy, symlinks=True)
    export = copy / "encoders" / manifest(copy)["model"]["encoder_file"]
    export.write_bytes(export.read_bytes()[:-16] + b"\0" * 16)
    res = run_cli("search", "police", "--index-dir", copy)
    assert res.returncode == 2
    assert export.name in res.stderr and "--rebuild" in res.stderr
