"""The BM25 top-k matrix of a large archive (storage/impacts.py), forced on the fixture PDFs with
``lexical_topk_from: 1``: built at publish, recorded in the manifest, ranking and filtering like
FTS5 does. Real index files, real CLI and the real app over its HTTP interface."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import CORPUS_SETTINGS, DOCS, current_dir, manifest, query, run_cli

QUERIES = ["domestic abuse", "Norfolk Constabulary budget", "body worn video cameras"]


@pytest.fixture(scope="module")
def topk_index(tmp_path_factory, docs_index):
    base = tmp_path_factory.mktemp("topk")
    config = base / "topk.json"
    config.write_text(json.dumps({**json.loads(CORPUS_SETTINGS.read_text()), "lexical_topk_from": 1}))
    d = base / "index"
    d.mkdir()
    shutil.copy2(docs_index.dir / "embeddings.sqlite", d / "embeddings.sqlite")
    res = run_cli("index", DOCS, "--index-dir", d, "--no-progress", "--config", config)
    assert res.returncode == 0, res.stderr
    return d


def _client(index_dir):
    from fastapi.testclient import TestClient

    from indexer.settings import RetrievalSettings, Settings
    from service.app import create_app

    return TestClient(create_app(Settings(index_dir=index_dir, retrieval=RetrievalSettings(mode="bm25"))))


def _search(client, q: str, **filters) -> list[dict]:
    res = client.get("/api/search", params={"q": q, "k": 5, **filters})
    assert res.status_code == 200, res.text
    return res.json()["results"]


def test_the_matrix_is_published_with_the_version(topk_index, docs_index):
    n = len(query(topk_index, "SELECT id FROM chunks"))
    assert manifest(topk_index)["lexical_topk"]["chunks"] == n
    assert (current_dir(topk_index) / "bm25s" / "chunk_ids.npy").exists()
    # Below the threshold (the default 20,000) there is none.
    assert "lexical_topk" not in manifest(docs_index.dir)
    assert not (current_dir(docs_index.dir) / "bm25s").exists()


def test_it_ranks_like_fts5_and_holds_the_words(topk_index, docs_index):
    with _client(topk_index) as topk, _client(docs_index.dir) as fts5:
        pairs = [(q, _search(topk, q), _search(fts5, q)) for q in QUERIES]
    for q, got, fts in pairs:
        assert got, q
        # Each holds a query word (stemmed: its first five letters) in what the lexical index reads.
        read = [" ".join(x or "" for x in (r["item_title"], r["heading"], r["lead"], r["text"])).lower() for r in got]
        assert all(any(w[:5] in t for w in q.lower().split()) for t in read), q
        assert [r["score"] for r in got] == sorted((r["score"] for r in got), reverse=True)
        assert len({r["id"] for r in got[:5]} & {r["id"] for r in fts[:5]}) >= 3, q


def test_filters_apply_inside_the_matrix(topk_index):
    body = "NCCSP Scrutiny Sub Panel"
    with _client(topk_index) as client:
        got = _search(client, "domestic abuse", body=body)
        assert got and all(r["document"]["body"] == body for r in got)
        assert _search(client, "domestic abuse", date_from="2030-01-01") == []
    # The CLI ranks the same way.
    res = run_cli("search", "domestic abuse", "--index-dir", topk_index, "--json", "--k", "5", "--mode", "bm25",
                  "--body", body)
    assert res.returncode == 0, res.stderr
    assert [r["id"] for r in json.loads(res.stdout)["results"]] == [r["id"] for r in got]
