"""FastAPI application: JSON API and the server-rendered web form, built by ``create_app``."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from indexer.embedding import set_threads
from indexer.settings import Settings

from .answers import answerer_for
from .decisions import DecisionQuery, to_csv
from .index import IndexReader
from .retrieval import Filters, iso_date

log = logging.getLogger(__name__)

MAX_QUERY = 1000
MAX_K = 50


class ApiError(Exception):
    """Every 4xx/5xx leaves the API as {"error": {"code", "message", "field"}}."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def error_body(code: str, message: str, field: str | None = None) -> dict:
    return {"error": {"code": code, "message": message, "field": field}}


class SearchBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    q: str | None = None
    query: str | None = None
    question: str | None = None
    k: int = 10
    body: str | None = None
    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    item: str | None = None
    organisation: str | None = None
    sort: str = "relevance"


class AppState:
    """Everything a request needs, loaded once per process."""

    def __init__(self, settings: Settings):
        import threading

        from .retrieval import Reranker

        set_threads(settings.threads)
        self.settings = settings
        self._lock = threading.Lock()
        self.reranker = Reranker(settings.reranker_path) if settings.reranker_path else None
        self._load(IndexReader(settings.index_dir, model_path=settings.model_path))
        # Warm the model so the first user does not pay for loading it.
        self.index.embedder.encode_query("warm up")

    @property
    def archive_name(self) -> str:
        """What pages and the API call the archive: the serving settings', else the index's."""
        return self.settings.archive_name or self.index.archive_name

    def _load(self, index: IndexReader) -> None:
        settings, reranker = self.settings, self.reranker
        self.index = index
        self.answerer = answerer_for(self.index, settings, reranker)
        self.retriever = self.answerer.retriever
        self.register = self.answerer.register

    def refresh(self) -> None:
        """Switch to a newly published index version (``minutebook index`` while serving).

        The model stays loaded; requests already running finish on the version they started with.
        """
        from indexer.store import current_version

        latest = current_version(self.settings.index_dir)
        if latest is None or latest == self.index.version:
            return
        with self._lock:
            if current_version(self.settings.index_dir) != self.index.version:
                log.info("index changed: loading %s", latest.name)
                self._load(IndexReader(self.settings.index_dir, embedder=self.index.embedder))


def _check_dates(date_from: str | None, date_to: str | None) -> None:
    checked = {}
    for name, val in (("date_from", date_from), ("date_to", date_to)):
        try:
            checked[name] = iso_date(val, name)
        except ValueError as exc:
            raise ApiError(400, "bad_date", f"{exc}.", name) from None
    if checked["date_from"] and checked["date_to"] and checked["date_from"] > checked["date_to"]:
        raise ApiError(400, "bad_date_range", "date_from is after date_to; swap them.", "date_from")


def decisions_query(state: AppState, q: str | None, kind: str | None, body: str | None, date_from: str | None,
                    date_to: str | None, limit: int, organisation: str | None = None) -> DecisionQuery:
    """Check the register's filters (for the API and the Decisions page alike)."""
    if q is not None and len(q) > MAX_QUERY:
        raise ApiError(400, "query_too_long", f"Shorten q to at most {MAX_QUERY} characters.", "q")
    if kind and kind not in state.register.kinds:
        raise ApiError(400, "unknown_kind", f"Unknown kind {kind!r}; use one of: {', '.join(state.register.kinds)}.",
                       "kind")
    if not 1 <= limit <= 500:
        raise ApiError(400, "bad_limit", f"limit must be between 1 and 500 (got {limit}).", "limit")
    bodies = set(state.index.bodies) | {"PCC"}
    if body and body not in bodies:
        raise ApiError(400, "unknown_body", f"Unknown body {body!r}; use one of: {', '.join(sorted(bodies))}.", "body")
    if organisation and organisation not in state.index.organisations:
        raise ApiError(400, "unknown_organisation", f"Unknown organisation {organisation!r}; use one of: "
                       f"{', '.join(state.index.organisations)}.", "organisation")
    _check_dates(date_from, date_to)
    return DecisionQuery(q=(q or "").strip() or None, kind=kind or None, body=body or None,
                         date_from=date_from or None, date_to=date_to or None, limit=limit,
                         organisation=organisation or None)


def _validate(q: str | None, k: int, body: str | None, doc_type: str | None, date_from: str | None,
              date_to: str | None, item: str | None, sort: str, state: AppState, field: str = "q",
              organisation: str | None = None) -> tuple[str, Filters]:
    if q is None or not q.strip():
        raise ApiError(400, "empty_query", "Type a question or search words in q.", field)
    if len(q) > MAX_QUERY:
        raise ApiError(400, "query_too_long", f"The query has {len(q)} characters; shorten it to at most {MAX_QUERY}.", field)
    if "\x00" in q:
        raise ApiError(400, "malformed_query", "The query contains a NUL character; remove it.", field)
    if not 1 <= k <= MAX_K:
        raise ApiError(400, "bad_k", f"k must be between 1 and {MAX_K} (got {k}).", "k")
    _check_dates(date_from, date_to)
    if body and body not in state.index.bodies:
        raise ApiError(400, "unknown_body", f"Unknown body {body!r}; use one of: {', '.join(state.index.bodies)}.", "body")
    if doc_type and doc_type not in state.index.types:
        raise ApiError(400, "unknown_type", f"Unknown type {doc_type!r}; use one of: {', '.join(state.index.types)}.", "type")
    if organisation and organisation not in state.index.organisations:
        raise ApiError(400, "unknown_organisation", f"Unknown organisation {organisation!r}; use one of: "
                       f"{', '.join(state.index.organisations)}.", "organisation")
    if sort not in ("relevance", "date"):
        raise ApiError(400, "bad_sort", "sort must be 'relevance' or 'date'.", "sort")
    return q.strip(), Filters(body=body or None, doc_type=doc_type or None, date_from=date_from or None,
                              date_to=date_to or None, item=item or None, organisation=organisation or None)


def create_app(settings: Settings) -> FastAPI:
    state = AppState(settings)
    app = FastAPI(title="Minutebook", version="0.1.0",
                  description=f"Cited answers from the meeting papers in this archive ({state.archive_name}).")
    app.state.mb = state

    @app.middleware("http")
    async def _fresh_index(request: Request, call_next):
        state.refresh()
        return await call_next(request)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return JSONResponse(error_body(exc.code, exc.message, exc.field), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        err = exc.errors()[0] if exc.errors() else {}
        loc = [str(x) for x in err.get("loc", []) if x not in ("query", "body")]
        field = loc[-1] if loc else None
        msg = err.get("msg", "invalid request")
        return JSONResponse(error_body("invalid_request", f"{field or 'request'}: {msg}.", field), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        msg = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and msg == "Not Found":
            if not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", ""):
                # A person who mistyped a page address gets a page, not JSON.
                from fastapi.responses import HTMLResponse

                return HTMLResponse(
                    "<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><title>Page not found – Minutebook"
                    "</title><link rel='stylesheet' href='/static/style.css'></head><body><main id='main' class='wrap'>"
                    "<h1>Page not found</h1><p>Check the address, or <a href='/'>ask a question</a>.</p></main>"
                    "</body></html>", status_code=404)
            msg = f"No such page: {request.url.path}. See /docs for the API."
        return JSONResponse(error_body(code, msg), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse(error_body("internal_error", "Something went wrong on the server; try again, "
                                       "and report it if it keeps happening."), status_code=500)

    def search_json(q, k, body, type_, date_from, date_to, item, sort, organisation=None) -> dict:
        query, filters = _validate(q, k, body, type_, date_from, date_to, item, sort, state, organisation=organisation)
        res = state.retriever.search(query, k=k, filters=filters, sort=sort)
        return {"query": query, "results": [p.to_json() for p in res.passages], "took_ms": round(res.took_ms, 1)}

    @app.get("/api/search")
    def api_search(q: str | None = None, k: int = 10, body: str | None = None, type: str | None = None,
                   date_from: str | None = None, date_to: str | None = None, item: str | None = None,
                   sort: str = "relevance", organisation: str | None = None) -> dict:
        return search_json(q, k, body, type, date_from, date_to, item, sort, organisation)

    @app.post("/api/search")
    def api_search_post(req: SearchBody) -> dict:
        return search_json(req.q or req.query or req.question, req.k, req.body, req.type, req.date_from,
                           req.date_to, req.item, req.sort, req.organisation)

    def ask_json(q, body, type_, date_from, date_to, item, organisation=None) -> dict:
        query, filters = _validate(q, 10, body, type_, date_from, date_to, item, "relevance", state,
                                   field="q", organisation=organisation)
        return state.answerer.ask(query, filters).to_json()

    @app.get("/api/ask")
    def api_ask(q: str | None = None, body: str | None = None, type: str | None = None,
                date_from: str | None = None, date_to: str | None = None, item: str | None = None,
                organisation: str | None = None) -> dict:
        return ask_json(q, body, type, date_from, date_to, item, organisation)

    @app.post("/api/ask")
    def api_ask_post(req: SearchBody) -> dict:
        return ask_json(req.question or req.q or req.query, req.body, req.type, req.date_from, req.date_to, req.item,
                        req.organisation)

    def load_document(doc_id: str) -> dict[str, Any]:
        con = state.index.connect()
        try:
            row = con.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                raise ApiError(404, "unknown_document", f"No document {doc_id!r}; list them at /api/documents.", "id")
            parts = [dict(r) for r in con.execute(
                'SELECT ordinal, type, title, item, item_title, meeting_date, body, start, "end" FROM parts '
                "WHERE document_id = ? ORDER BY ordinal", (doc_id,))]
            items = state.index.items(con, doc_id)
        finally:
            con.close()
        d = dict(row)
        return d | {"parts": parts, "items": items}

    @app.get("/api/documents")
    def api_documents() -> dict:
        con = state.index.connect()
        try:
            rows = state.index.documents(con)
        finally:
            con.close()
        return {"documents": [{k: r[k] for k in ("id", "title", "organisation", "body", "doc_type", "meeting_date",
                                                 "document_date", "path", "kind", "n_chunks", "source_url")}
                              for r in rows]}

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str) -> dict:
        d = load_document(doc_id)
        return {"id": d["id"], "title": d["title"], "organisation": d["organisation"], "body": d["body"],
                "type": d["doc_type"], "meeting_date": d["meeting_date"], "document_date": d["document_date"],
                "path": d["path"], "kind": d["kind"], "sha256": d["sha256"], "published_at": d["source_url"],
                "items": [{"number": it["number"], "minute": it["minute"], "title": it["title"], "page": it["page"],
                           "offset": it["start"], "part": it["part"]} for it in d["items"]],
                "parts": d["parts"], "text": d["text"], "source_url": f"/api/documents/{doc_id}/source"}

    @app.get("/api/documents/{doc_id}/source")
    def api_source(doc_id: str):
        d = load_document(doc_id)
        path = Path(settings.index_dir) / "sources" / d["source_file"]
        if not path.exists():
            raise ApiError(404, "source_missing", "The original file is not in the index folder; re-index it.")
        media = {"pdf": "application/pdf", "md": "text/markdown; charset=utf-8"}.get(d["kind"], "text/plain; charset=utf-8")
        return FileResponse(path, media_type=media, filename=Path(d["path"]).name,
                            content_disposition_type="inline")

    @app.get("/api/decisions")
    def api_decisions(q: str | None = None, kind: str | None = None, body: str | None = None,
                      date_from: str | None = None, date_to: str | None = None, limit: int = 50,
                      organisation: str | None = None) -> dict:
        records, total = state.register.search(decisions_query(state, q, kind, body, date_from, date_to, limit,
                                                               organisation))
        return {"decisions": records, "total": total}

    @app.get("/api/decisions.csv")
    def api_decisions_csv(q: str | None = None, kind: str | None = None, body: str | None = None,
                          date_from: str | None = None, date_to: str | None = None, limit: int = 500,
                          organisation: str | None = None):
        from fastapi.responses import Response

        records, _ = state.register.search(decisions_query(state, q, kind, body, date_from, date_to, limit,
                                                           organisation))
        return Response(to_csv(records), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="decisions.csv"'})

    @app.get("/healthz")
    def healthz() -> dict:
        return {"status": "ok", "chunks": state.index.n_chunks}

    @app.get("/api/stats")
    def stats() -> dict:
        m = state.index.manifest
        return {"archive": state.archive_name, "documents": m["counts"]["documents"],
                "parts": m["counts"]["parts"], "items": m["counts"].get("items", 0), "chunks": m["counts"]["chunks"],
                "failed": m["counts"].get("failed", 0), "decisions": m["counts"].get("decisions", 0),
                "model": m["model"]["name"], "dimension": m["model"]["dimension"], "index_built_at": m["built_at"],
                "organisations": state.index.organisations, "bodies": state.index.bodies, "types": state.index.types}

    from .web import mount_web

    mount_web(app, state)
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory service.app:app_from_env`` (worker processes)."""
    import os

    return create_app(Settings.load(os.environ.get("MINUTEBOOK_CONFIG"),
                                    index_dir=os.environ.get("MINUTEBOOK_INDEX_DIR", "index")))
