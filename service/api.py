"""The JSON API: search, ask, documents, the decisions register, health and stats."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, ConfigDict

from . import requests as rq
from .requests import RequestError
from .serialise import (answer_json, decisions_csv, decisions_json, document_json, document_list_json,
                        search_json)
from .services import Services

router = APIRouter()


def services(request: Request) -> Services:
    """The services of the current index version (a newer published version is switched to first)."""
    return request.app.state.mb.current()


class SearchBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    q: str | None = None
    query: str | None = None
    question: str | None = None
    k: int = rq.DEFAULT_K
    body: str | None = None
    type: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    item: str | None = None
    organisation: str | None = None
    sort: str = "relevance"

    def filter_args(self) -> dict:
        return {"body": self.body, "doc_type": self.type, "date_from": self.date_from, "date_to": self.date_to,
                "item": self.item, "organisation": self.organisation}


def _search(svc: Services, req: rq.SearchRequest) -> dict:
    return search_json(svc.retriever.search(req.query, k=req.k, filters=req.filters, sort=req.sort, mode=req.mode))


def _ask(svc: Services, req: rq.AskRequest) -> dict:
    return answer_json(svc.answerer.ask(req.question, req.filters))


@router.get("/api/search")
def api_search(q: str | None = None, k: int = rq.DEFAULT_K, body: str | None = None, type: str | None = None,
               date_from: str | None = None, date_to: str | None = None, item: str | None = None,
               sort: str = "relevance", organisation: str | None = None,
               svc: Services = Depends(services)) -> dict:
    return _search(svc, rq.search_request(svc.choices, q, k, sort, body=body, doc_type=type, date_from=date_from,
                                          date_to=date_to, item=item, organisation=organisation))


@router.post("/api/search")
def api_search_post(req: SearchBody, svc: Services = Depends(services)) -> dict:
    return _search(svc, rq.search_request(svc.choices, req.q or req.query or req.question, req.k, req.sort,
                                          **req.filter_args()))


@router.get("/api/ask")
def api_ask(q: str | None = None, body: str | None = None, type: str | None = None,
            date_from: str | None = None, date_to: str | None = None, item: str | None = None,
            organisation: str | None = None, svc: Services = Depends(services)) -> dict:
    return _ask(svc, rq.ask_request(svc.choices, q, body=body, doc_type=type, date_from=date_from, date_to=date_to,
                                    item=item, organisation=organisation))


@router.post("/api/ask")
def api_ask_post(req: SearchBody, svc: Services = Depends(services)) -> dict:
    return _ask(svc, rq.ask_request(svc.choices, req.question or req.q or req.query, **req.filter_args()))


def _document(svc: Services, doc_id: str) -> tuple[dict, list[dict], list[dict]]:
    with svc.index.session() as db:
        doc = db.document(doc_id)
        if doc is None:
            raise RequestError(404, "unknown_document", f"No document {doc_id!r}; list them at /api/documents.", "id")
        return doc, db.parts(doc_id), db.items(doc_id)


@router.get("/api/documents")
def api_documents(svc: Services = Depends(services)) -> dict:
    with svc.index.session() as db:
        return document_list_json(db.documents())


@router.get("/api/documents/{doc_id}")
def api_document(doc_id: str, svc: Services = Depends(services)) -> dict:
    return document_json(*_document(svc, doc_id))


@router.get("/api/documents/{doc_id}/source")
def api_source(doc_id: str, svc: Services = Depends(services)):
    doc, _, _ = _document(svc, doc_id)
    path = Path(svc.settings.index_dir) / "sources" / doc["source_file"]
    if not path.exists():
        raise RequestError(404, "source_missing", "The original file is not in the index folder; re-index it.")
    media = {"pdf": "application/pdf", "md": "text/markdown; charset=utf-8"}.get(doc["kind"], "text/plain; charset=utf-8")
    return FileResponse(path, media_type=media, filename=Path(doc["path"]).name, content_disposition_type="inline")


@router.get("/api/decisions")
def api_decisions(q: str | None = None, kind: str | None = None, body: str | None = None,
                  date_from: str | None = None, date_to: str | None = None, limit: int = rq.DEFAULT_DECISIONS,
                  organisation: str | None = None, svc: Services = Depends(services)) -> dict:
    query = rq.decisions_request(svc.choices, q, kind, body, date_from, date_to, limit, organisation)
    return decisions_json(*svc.register.search(query))


@router.get("/api/decisions.csv")
def api_decisions_csv(q: str | None = None, kind: str | None = None, body: str | None = None,
                      date_from: str | None = None, date_to: str | None = None, limit: int = rq.MAX_DECISIONS,
                      organisation: str | None = None, svc: Services = Depends(services)):
    records, _ = svc.register.search(rq.decisions_request(svc.choices, q, kind, body, date_from, date_to, limit,
                                                          organisation))
    return Response(decisions_csv(records), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="decisions.csv"'})


@router.get("/healthz")
def healthz(svc: Services = Depends(services)) -> dict:
    return {"status": "ok", "chunks": svc.index.n_chunks}


@router.get("/api/stats")
def stats(svc: Services = Depends(services)) -> dict:
    m = svc.index.manifest
    return {"archive": svc.archive_name, "documents": m.counts["documents"], "parts": m.counts["parts"],
            "items": m.counts.get("items", 0), "chunks": m.counts["chunks"], "failed": m.counts.get("failed", 0),
            "decisions": m.counts.get("decisions", 0), "model": m.model.name, "dimension": m.model.dimension,
            "index_built_at": m.built_at, "organisations": svc.index.organisations, "bodies": svc.index.bodies,
            "types": svc.index.types}
