"""Optional generative answers: an OpenAI-compatible endpoint phrases the answer; every sentence's
citation is checked and unsupported sentences are dropped. The endpoint here is a small local fake
server speaking the same HTTP protocol (no model weights exist offline)."""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from fastapi.testclient import TestClient

INVENTED = "The Panel also abolished the Constabulary's helicopter fleet."


class FakeLLM(BaseHTTPRequestHandler):
    requests: list = []

    def do_POST(self):  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeLLM.requests.append((self.path, body))
        prompt = body["messages"][-1]["content"]
        # Echo the first sentence of passage [1] (supported) and add an invented one citing [2].
        first = re.search(r"\[1\] (.+?[.!?])(\s|$)", prompt, re.S).group(1).replace("\n", " ")
        content = f"{first} [1] {INVENTED} [2]"
        out = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, *args):
        pass


@pytest.fixture
def llm_url():
    server = HTTPServer(("127.0.0.1", 0), FakeLLM)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


def test_generative_answer_keeps_only_verified_sentences(docs_index, llm_url):
    from indexer.settings import Settings
    from service.app import create_app

    FakeLLM.requests.clear()
    app = create_app(Settings(index_dir=docs_index.dir, answers={"llm_url": llm_url}))
    with TestClient(app) as c:
        data = c.get("/api/ask", params={"q": "What was said about speed watch volunteers?"}).json()
    assert FakeLLM.requests and FakeLLM.requests[0][0] == "/v1/chat/completions"
    assert data["answered"]
    assert "helicopter" not in data["answer"]  # the unsupported sentence was dropped
    assert re.search(r"\[1\]", data["answer"])
    by_id = {p["id"]: p for p in data["passages"]}
    for c in data["citations"]:
        assert c["quote"] in by_id[c["passage_id"]]["text"]


def test_llm_off_by_default(docs_index, llm_url, monkeypatch):
    from indexer.settings import Settings
    from service.app import create_app

    monkeypatch.delenv("MINUTEBOOK_LLM_URL", raising=False)
    FakeLLM.requests.clear()
    app = create_app(Settings(index_dir=docs_index.dir))
    assert app.state.mb.services.answerer.llm_url is None
    with TestClient(app) as c:
        data = c.get("/api/ask", params={"q": "What was said about speed watch volunteers?"}).json()
    # An LLM endpoint is listening (the fixture), but nothing is configured: none is asked, and the
    # answer is the extractive one, every sentence verbatim in its passage.
    assert FakeLLM.requests == [] and data["answered"], data
    by_id = {p["id"]: p for p in data["passages"]}
    assert all(c["quote"] in by_id[c["passage_id"]]["text"] for c in data["citations"])
