"""The JSON API: search, ask, documents, the decisions register, health and stats."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, Query, Request
from fastapi.dependencies.utils import get_flat_params
from fastapi.responses import FileResponse, Response
from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from . import requests as rq
from .openapi import DATE_SCHEMA, ITEM_SCHEMA, QUERY_SCHEMA, TOPIC_SCHEMA, error_responses
from .requests import RequestError
from .serialise import (answer_json, decisions_csv, decisions_json, document_json, document_list_json,
                        search_json)
from .services import Services


def services(request: Request) -> Services:
    """The services of the current index version (a newer published version is switched to first)."""
    return request.app.state.mb.current()


def known_parameters(request: Request) -> None:
    """Refuse query parameters the operation does not take (a typo would otherwise be ignored)."""
    route = request.scope.get("route")
    if route is None or not hasattr(route, "dependant"):
        return
    known = {p.alias for p in get_flat_params(route.dependant)}
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise RequestError(400, "unknown_parameter", f"Unknown parameter {rq.shown(unknown[0])}; this operation "
                           f"takes: {', '.join(sorted(known)) or 'none'}.", rq.shown(unknown[0], 60, quote=False))


router = APIRouter(dependencies=[Depends(known_parameters)], responses=error_responses(400, 422, 500))

# The parameters of a search or a question, described as the request layer checks them.
Q = Query(None, description="the question or search words", json_schema_extra=QUERY_SCHEMA)
K = Query(rq.DEFAULT_K, description=f"passages to return (1-{rq.MAX_K})",
          json_schema_extra={"minimum": 1, "maximum": rq.MAX_K})
def _date():
    # One Query per parameter: FastAPI keeps each parameter's name on its Query.
    return Query(None, json_schema_extra=DATE_SCHEMA)
ITEM = Query(None, description="agenda item number", json_schema_extra=ITEM_SCHEMA)
SORT = Query("relevance", json_schema_extra={"enum": list(rq.SORTS)})
LIMIT = Query(rq.DEFAULT_DECISIONS, description=f"records to return (1-{rq.MAX_DECISIONS})",
              json_schema_extra={"minimum": 1, "maximum": rq.MAX_DECISIONS})
TOPIC = Query(None, description="a topic to rank decisions by (omit for newest first)", json_schema_extra=TOPIC_SCHEMA)


# In a JSON body a filter may also be null (not given).
BODY_DATE = {"anyOf": [*DATE_SCHEMA["anyOf"], {"type": "null"}], "description": DATE_SCHEMA["description"]}


class AskBody(BaseModel):
    """A question (``q``; ``question`` and ``query`` are accepted for it too) and its filters."""

    model_config = ConfigDict(extra="forbid")
    q: str = Field(validation_alias=AliasChoices("q", "question", "query"), json_schema_extra=QUERY_SCHEMA)
    body: str | None = None
    type: str | None = None
    date_from: str | None = Field(None, json_schema_extra=BODY_DATE)
    date_to: str | None = Field(None, json_schema_extra=BODY_DATE)
    item: str | None = Field(None, json_schema_extra=ITEM_SCHEMA)
    organisation: str | None = None

    def filter_args(self) -> dict:
        return {"body": self.body, "doc_type": self.type, "date_from": self.date_from, "date_to": self.date_to,
                "item": self.item, "organisation": self.organisation}


class SearchBody(AskBody):
    k: int = Field(rq.DEFAULT_K, json_schema_extra={"minimum": 1, "maximum": rq.MAX_K})
    sort: str = Field("relevance", json_schema_extra={"enum": list(rq.SORTS)})


def _search(svc: Services, req: rq.SearchRequest) -> dict:
    return search_json(svc.retriever.search(req.query, k=req.k, filters=req.filters, sort=req.sort, mode=req.mode))


def _ask(svc: Services, req: rq.AskRequest) -> dict:
    return answer_json(svc.answerer.ask(req.question, req.filters))


@router.get("/api/search")
def api_search(q: str | None = Q, k: int = K, body: str | None = None, type: str | None = None,
               date_from: str | None = _date(), date_to: str | None = _date(), item: str | None = ITEM,
               sort: str = SORT, organisation: str | None = None, svc: Services = Depends(services)) -> dict:
    return _search(svc, rq.search_request(svc.choices, q, k, sort, body=body, doc_type=type, date_from=date_from,
                                          date_to=date_to, item=item, organisation=organisation))


@router.post("/api/search", responses=error_responses(413))
def api_search_post(req: SearchBody, svc: Services = Depends(services)) -> dict:
    return _search(svc, rq.search_request(svc.choices, req.q, req.k, req.sort, **req.filter_args()))


@router.get("/api/ask")
def api_ask(q: str | None = Q, body: str | None = None, type: str | None = None,
            date_from: str | None = _date(), date_to: str | None = _date(), item: str | None = ITEM,
            organisation: str | None = None, svc: Services = Depends(services)) -> dict:
    return _ask(svc, rq.ask_request(svc.choices, q, body=body, doc_type=type, date_from=date_from, date_to=date_to,
                                    item=item, organisation=organisation))


@router.post("/api/ask", responses=error_responses(413))
def api_ask_post(req: AskBody, svc: Services = Depends(services)) -> dict:
    return _ask(svc, rq.ask_request(svc.choices, req.q, **req.filter_args()))


def _document(svc: Services, doc_id: str) -> tuple[dict, list[dict], list[dict]]:
    with svc.index.session() as db:
        doc = db.document(doc_id)
        if doc is None:
            raise RequestError(404, "unknown_document", f"No document {rq.shown(doc_id)}; list them at "
                               "/api/documents.", "id")
        return doc, db.parts(doc_id), db.items(doc_id)


@router.get("/api/documents")
def api_documents(svc: Services = Depends(services)) -> dict:
    with svc.index.session() as db:
        return document_list_json(db.documents())


@router.get("/api/documents/{doc_id}", responses=error_responses(404))
def api_document(doc_id: str, svc: Services = Depends(services)) -> dict:
    return document_json(*_document(svc, doc_id))


SOURCE_TYPES = {"pdf": "application/pdf", "md": "text/markdown; charset=utf-8"}
TEXT_TYPE = "text/plain; charset=utf-8"


@router.get("/api/documents/{doc_id}/source", response_class=FileResponse, responses={
    **error_responses(404),
    200: {"description": "The original file as indexed",
          "content": {t.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
                      for t in (*SOURCE_TYPES.values(), TEXT_TYPE)}}})
def api_source(doc_id: str, svc: Services = Depends(services)):
    doc, _, _ = _document(svc, doc_id)
    path = Path(svc.settings.index_dir) / "sources" / doc["source_file"]
    if not path.exists():
        raise RequestError(404, "source_missing", "The original file is not in the index folder; re-index it.")
    return FileResponse(path, media_type=SOURCE_TYPES.get(doc["kind"], TEXT_TYPE), filename=Path(doc["path"]).name,
                        content_disposition_type="inline")


@router.get("/api/decisions")
def api_decisions(q: str | None = TOPIC, kind: str | None = None, body: str | None = None,
                  date_from: str | None = _date(), date_to: str | None = _date(), limit: int = LIMIT,
                  organisation: str | None = None, svc: Services = Depends(services)) -> dict:
    query = rq.decisions_request(svc.choices, q, kind, body, date_from, date_to, limit, organisation)
    return decisions_json(*svc.register.search(query))


CSV_LIMIT = Query(rq.MAX_DECISIONS, description=f"records to return (1-{rq.MAX_DECISIONS})",
                  json_schema_extra={"minimum": 1, "maximum": rq.MAX_DECISIONS})


@router.get("/api/decisions.csv", response_class=Response, responses={
    200: {"description": "The register's records as CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}})
def api_decisions_csv(q: str | None = TOPIC, kind: str | None = None, body: str | None = None,
                      date_from: str | None = _date(), date_to: str | None = _date(), limit: int = CSV_LIMIT,
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
