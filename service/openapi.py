"""The OpenAPI document says what the API accepts and returns, exactly: the request layer's limits
and the open index's filter values on every parameter, the one error shape on every status the
API can return, and the media types of the CSV export and the original files.

The request layer (``service.requests``) does the checking, so its errors keep their 400 codes;
this module only describes it (``json_schema_extra`` on the parameters, and the filter values,
which change with the index, filled in when the document is built).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from . import requests as rq
from .requests import Choices

# A question or topic: at least one character that is not a space, no NUL, at most MAX_QUERY.
QUERY_SCHEMA = {"minLength": 1, "maxLength": rq.MAX_QUERY, "pattern": "^[^\\u0000]*\\S[^\\u0000]*$"}
TOPIC_SCHEMA = {"maxLength": rq.MAX_QUERY, "pattern": "^[^\\u0000]*$"}
DATE_SCHEMA = {"anyOf": [{"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
                         {"type": "string", "maxLength": 0}],
               "description": "YYYY-MM-DD (empty: no bound)"}
ITEM_SCHEMA = {"maxLength": 100, "pattern": "^[^\\u0000]*$"}


class ErrorDetail(BaseModel):
    code: str
    message: str
    field: str | None = None


class ErrorBody(BaseModel):
    """Every 4xx and 5xx of the API."""

    error: ErrorDetail


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    descriptions = {400: "The request cannot be served as asked (the message says what to change)",
                    404: "No such document or page", 405: "Method not allowed here",
                    413: "Request body too large", 414: "Request address too long",
                    422: "The request is not well-formed (a number that is not one, malformed JSON)",
                    500: "Something went wrong on the server"}
    return {s: {"model": ErrorBody, "description": descriptions[s]} for s in statuses}


# Filter parameters whose values come from the open index: (parameter name, Choices attribute).
FILTERS = {"body": "bodies", "type": "types", "organisation": "organisations", "kind": "kinds"}


def _filter_schema(values: list[str], nullable: bool) -> dict:
    options = [{"type": "string", "enum": values}, {"type": "string", "maxLength": 0}]
    return {"anyOf": options + ([{"type": "null"}] if nullable else []),
            "description": "one of the open index's values (empty: any)"}


def _fill(schema: dict, name: str, choices: Choices, deciders: bool, nullable: bool = False) -> None:
    attr = FILTERS.get(name)
    if attr is None:
        return
    values = choices.deciders if (name == "body" and deciders) else getattr(choices, attr)
    schema.clear()
    schema.update(_filter_schema(values, nullable))


# Operations that need a question: its absence is the request layer's 400, but the document must
# say it is required.
NEEDS_Q = ("/api/search", "/api/ask")


def build_openapi(app: FastAPI, choices: Choices) -> dict:
    """The OpenAPI document of ``app`` with the filter values of the open index filled in."""
    doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    for path, ops in doc.get("paths", {}).items():
        for op in ops.values():
            for param in op.get("parameters", []):
                _fill(param["schema"], param["name"], choices, deciders=path.startswith("/api/decisions"))
                if param["name"] == "q" and path in NEEDS_Q:
                    param["required"] = True
    for name, comp in doc.get("components", {}).get("schemas", {}).items():
        if name.endswith("Body") and name != "ErrorBody":
            for field, schema in comp.get("properties", {}).items():
                _fill(schema, field, choices, deciders=False, nullable=True)
    return doc
