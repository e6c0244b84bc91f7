"""What a hostile or careless client sends gets one clear error in the one shape: never a 500,
never an echo of what was sent, always the security headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

SHAPE = {"code", "message", "field"}


@pytest.fixture(scope="module")
def client(docs_index):
    from indexer.settings import Settings
    from service.app import create_app

    with TestClient(create_app(Settings(index_dir=docs_index.dir)), raise_server_exceptions=False) as c:
        yield c


def _error(r, status: int, code: str, field: str | None = "q") -> dict:
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert set(err) == SHAPE and err["code"] == code and err["field"] == field, err
    assert len(err["message"]) < 300, "an error never echoes a long value back"
    return err


@pytest.mark.parametrize("path", ["/api/search", "/api/ask"])
def test_a_lone_surrogate_is_a_clear_error(client, path):
    # JSON may escape half a surrogate pair; no text search can use it.
    body = b'{"q": "police \\ud800 budget"}'
    _error(client.post(path, content=body, headers={"content-type": "application/json"}), 400, "malformed_query")
    body = b'{"q": "police", "item": "\\udfff"}'
    _error(client.post(path, content=body, headers={"content-type": "application/json"}), 400, "malformed_value",
           "item")


def test_a_huge_offset_opens_the_document_unmarked(client):
    doc = client.get("/api/documents").json()["documents"][0]["id"]
    for start, end in (("9223372036854775808", "9223372036854775809"), ("-5", "10"), ("1e9", "2")):
        r = client.get(f"/documents/{doc}", params={"start": start, "end": end}, headers={"accept": "text/html"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert 'id="passage"' not in r.text


def test_request_bodies_and_addresses_have_limits(client):
    _error(client.post("/api/search", content=b'{"q": "' + b"x" * 10_000_000 + b'"}',
                       headers={"content-type": "application/json"}), 413, "body_too_large", None)
    _error(client.get("/api/search", params={"q": "ok", "body": "B" * 60_000}), 414, "uri_too_long", None)
    err = _error(client.get("/api/search", params={"q": "ok", "body": "B" * 5_000}), 400, "unknown_body", "body")
    assert "B" * 61 not in err["message"]
    err = _error(client.get("/api/documents/" + "z" * 6000), 404, "unknown_document", "id")
    assert "z" * 61 not in err["message"]


def test_method_not_allowed_lists_the_methods(client):
    r = client.put("/api/search", json={"q": "ok"})
    _error(r, 405, "method_not_allowed", None)
    assert r.headers["allow"] == "GET, POST"
    assert client.delete("/api/decisions").headers["allow"] == "GET"


@pytest.mark.parametrize("params, code, field", [
    ({"q": "budget", "date_to": "20200101"}, "bad_date", "date_to"),
    ({"q": "budget", "date_from": "2024-W03-1"}, "bad_date", "date_from"),
    ({"q": "budget", "k": 5, "colour": "red"}, "unknown_parameter", "colour"),
])
def test_parameters_are_checked_alike_on_get_and_post(client, params, code, field):
    _error(client.get("/api/search", params=params), 400, code, field)
    if field != "colour":
        _error(client.post("/api/search", json=params), 400, code, field)
    else:
        assert client.post("/api/search", json=params).status_code == 422  # the body's model forbids it


def test_ask_refuses_a_k_it_would_ignore_and_nul_everywhere(client):
    _error(client.get("/api/ask", params={"q": "budget", "k": 3}), 400, "unknown_parameter", "k")
    assert client.post("/api/ask", json={"q": "budget", "k": 3}).status_code == 422
    _error(client.get("/api/decisions", params={"q": "speed\x00watch"}), 400, "malformed_query")
    _error(client.get("/api/decisions.csv", params={"q": "speed\x00watch"}), 400, "malformed_query")


def test_a_date_range_given_backwards_is_served_the_right_way_round(client):
    right = client.get("/api/search", params={"q": "speed watch", "date_from": "2018-01-01", "date_to": "2025-12-31"})
    back = client.get("/api/search", params={"q": "speed watch", "date_from": "2025-12-31", "date_to": "2018-01-01"})
    assert right.status_code == back.status_code == 200
    assert [r["id"] for r in back.json()["results"]] == [r["id"] for r in right.json()["results"]]
    assert right.json()["results"]


def test_every_response_carries_the_security_headers(client):
    doc = client.get("/api/documents").json()["documents"][0]["id"]
    for path in ("/api/stats", "/", "/api/search?q=", f"/api/documents/{doc}/source", "/docs", "/openapi.json",
                 "/static/style.css", "/nothing"):
        r = client.get(path)
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], path
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]


def test_docs_are_served_from_this_site(client):
    page = client.get("/docs").text
    assert "cdn" not in page.lower() and "http" not in page
    for src in ("/docs-static/swagger-ui-bundle.js", "/docs-static/swagger-ui.css", "/static/docs.js"):
        assert src in page
        assert client.get(src).status_code == 200
    assert client.get("/redoc").status_code == 404


def test_openapi_declares_the_error_shape_and_media_types(client):
    doc = client.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and set(schemas["ErrorBody"]["properties"]) == {"error"}
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            for status in ("400", "422", "500"):
                ref = op["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorBody"), (path, method, status)
            if method == "post":
                assert "413" in op["responses"], path
    assert "404" in doc["paths"]["/api/documents/{doc_id}"]["get"]["responses"]
    assert "text/csv" in doc["paths"]["/api/decisions.csv"]["get"]["responses"]["200"]["content"]
    source = doc["paths"]["/api/documents/{doc_id}/source"]["get"]["responses"]["200"]["content"]
    assert {"application/pdf", "text/plain", "text/markdown"} <= set(source)
    # The limits the request layer checks are in the document, and the open index's filter values.
    q = next(p for p in doc["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "q")
    assert q["required"] and q["schema"]["maxLength"] == 1000
    k = next(p for p in doc["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "k")
    assert (k["schema"]["minimum"], k["schema"]["maximum"]) == (1, 50)
    body = next(p for p in doc["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "body")
    bodies = client.get("/api/stats").json()["bodies"]
    assert body["schema"]["anyOf"][0]["enum"] == bodies
