"""The optional cross-encoder stage, loaded from a local folder named in settings.

No trained cross-encoder weights can be installed here, so the folder is made from the bundled
MiniLM weights with a fresh one-output head: a real CrossEncoder, untrained. That checks the wiring
(local loading, rescoring of the fused candidates, order by its scores), not its quality."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def cross_encoder_dir(tmp_path_factory):
    from sentence_transformers import CrossEncoder

    from indexer.settings import bundled_model_path

    d = tmp_path_factory.mktemp("cross-encoder")
    CrossEncoder(bundled_model_path(), num_labels=1, device="cpu", local_files_only=True).save(str(d))
    return d


def test_reranker_orders_fused_candidates_by_its_scores(docs_index, cross_encoder_dir):
    from sentence_transformers import CrossEncoder

    from indexer.settings import Settings
    from service.app import create_app

    plain = create_app(Settings(index_dir=docs_index.dir))
    reranked = create_app(Settings(index_dir=docs_index.dir, retrieval={"reranker_path": str(cross_encoder_dir)}))
    q = "speed watch volunteers"
    with TestClient(plain) as a, TestClient(reranked) as b:
        base = a.get("/api/search", params={"q": q, "k": 20}).json()["results"]
        got = b.get("/api/search", params={"q": q, "k": 5}).json()["results"]
    assert len(got) == 5
    # Reranking only reorders what hybrid retrieval found.
    assert {r["id"] for r in got} <= {r["id"] for r in base}
    ce = CrossEncoder(str(cross_encoder_dir), device="cpu", local_files_only=True)
    scores = ce.predict([(q, r["text"]) for r in base], show_progress_bar=False)
    expected = [r["id"] for _, r in sorted(zip(scores, base), key=lambda x: -x[0])][:5]
    assert [r["id"] for r in got] == expected
    assert [r["score"] for r in got] == sorted((r["score"] for r in got), reverse=True)


def test_missing_reranker_folder_is_a_clear_error(docs_index, tmp_path):
    from indexer.settings import Settings
    from service.app import create_app

    with pytest.raises(FileNotFoundError, match="reranker_path"):
        create_app(Settings(index_dir=docs_index.dir, retrieval={"reranker_path": str(tmp_path / "nope")}))


def test_search_ask_and_cli_share_one_retrieval_path(docs_index, cross_encoder_dir, tmp_path):
    """With a reranker configured, the API's search and ask and ``minutebook search`` return the
    same passages in the same order (the reranker is not a stage of one entry point only)."""
    import json

    from conftest import run_cli

    from indexer.settings import Settings
    from service.app import create_app

    q = "How many speed watch volunteers are there?"
    app = create_app(Settings(index_dir=docs_index.dir, retrieval={"reranker_path": str(cross_encoder_dir)}))
    with TestClient(app) as c:
        searched = [r["id"] for r in c.get("/api/search", params={"q": q, "k": 8}).json()["results"]]
        asked = [p["id"] for p in c.get("/api/ask", params={"q": q}).json()["passages"]]
        plain = create_app(Settings(index_dir=docs_index.dir))
    with TestClient(plain) as c:
        unranked = [r["id"] for r in c.get("/api/search", params={"q": q, "k": 8}).json()["results"]]
    config = tmp_path / "settings.json"
    config.write_text(json.dumps({"retrieval": {"reranker_path": str(cross_encoder_dir)}}))
    res = run_cli("search", q, "--index-dir", docs_index.dir, "--config", config, "--k", "8", "--json")
    assert res.returncode == 0, res.stderr
    cli = [r["id"] for r in json.loads(res.stdout)["results"]]
    assert len(searched) == 8
    assert asked == searched == cli
    assert unranked != searched, "the untrained cross-encoder reorders the fused passages"
