"""The one request layer: what a search, a question or a register query may ask, checked the same
way for the CLI, the JSON API and the web pages, with every limit and default defined once."""

from __future__ import annotations

from dataclasses import dataclass

from .decisions import DecisionQuery
from .retrieval import Filters, iso_date

MAX_QUERY = 1000  # characters of a query, question or topic
DEFAULT_K = 10  # passages a search returns
MAX_K = 50
DEFAULT_DECISIONS = 50  # register records per API call or CLI run
MAX_DECISIONS = 500
SORTS = ("relevance", "date")
MODES = ("hybrid", "dense", "bm25")


class RequestError(Exception):
    """A request that cannot be served as asked: an HTTP status, a stable code, a message saying
    what to change, and the field at fault. The API sends it as {"error": {...}}, the pages say it
    in their words, the CLI prints it and exits 2."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


@dataclass(frozen=True)
class Choices:
    """The values a filter may take in the open index."""

    bodies: list[str]
    types: list[str]
    organisations: list[str]
    kinds: list[str]  # of decisions in the register

    @property
    def deciders(self) -> list[str]:
        """Who the register says decided: a body, or the commissioner (PCC notices)."""
        return sorted(set(self.bodies) | {"PCC"})


@dataclass(frozen=True)
class SearchRequest:
    query: str
    k: int
    filters: Filters
    sort: str = "relevance"
    mode: str | None = None  # None: the configured retrieval mode


@dataclass(frozen=True)
class AskRequest:
    question: str
    filters: Filters


def shown(value, limit: int = 60, quote: bool = True) -> str:
    """A value the user sent, as an error message may quote it: escaped (a lone surrogate or a
    control character cannot break the response) and cut to ``limit`` characters."""
    text = str(value)
    cut = text[:limit] + ("…" if len(text) > limit else "")
    return repr(cut) if quote else repr(cut)[1:-1]


def _valid_text(value: str | None, field: str) -> str | None:
    """Refuse what no search can use: text that is not valid Unicode (a lone surrogate from a JSON
    escape) or holds a NUL."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise RequestError(400, "malformed_query" if field == "q" else "malformed_value",
                           f"{field} is not valid text (it holds a lone surrogate); send UTF-8 text.", field) from None
    if "\x00" in value:
        raise RequestError(400, "malformed_query" if field == "q" else "malformed_value",
                           f"{field} contains a NUL character; remove it.", field)
    return value


def _text(q: str | None, field: str, required: bool) -> str | None:
    q = _valid_text(q, field)
    if q is None or not q.strip():
        if required:
            raise RequestError(400, "empty_query", f"Type a question or search words in {field}.", field)
        return None
    if len(q) > MAX_QUERY:
        raise RequestError(400, "query_too_long",
                           f"The query has {len(q)} characters; shorten it to at most {MAX_QUERY}.", field)
    return q.strip()


def _dates(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    checked = {}
    for name, val in (("date_from", date_from), ("date_to", date_to)):
        try:
            checked[name] = iso_date(val, name)
        except ValueError as exc:
            raise RequestError(400, "bad_date", f"{exc}.", name) from None
    if checked["date_from"] and checked["date_to"] and checked["date_from"] > checked["date_to"]:
        # The range given the wrong way round: what was meant is plain, so serve it.
        return checked["date_to"], checked["date_from"]
    return checked["date_from"], checked["date_to"]


def _one_of(value: str | None, allowed: list[str], code: str, what: str, field: str) -> str | None:
    if value and value not in allowed:
        raise RequestError(400, code, f"Unknown {what} {shown(value)}; use one of: {', '.join(allowed)}.", field)
    return value or None


MAX_ITEM = 100  # characters of an agenda item number


def _item(item: str | None) -> str | None:
    item = _valid_text(item, "item")
    if item and len(item) > MAX_ITEM:
        raise RequestError(400, "bad_item", f"item is an agenda item number; at most {MAX_ITEM} characters.", "item")
    return item or None


def filters(choices: Choices, body: str | None = None, doc_type: str | None = None, date_from: str | None = None,
            date_to: str | None = None, item: str | None = None, organisation: str | None = None,
            document_id: str | None = None) -> Filters:
    """Checked filters of a search or a question."""
    date_from, date_to = _dates(date_from, date_to)
    return Filters(body=_one_of(body, choices.bodies, "unknown_body", "body", "body"),
                   doc_type=_one_of(doc_type, choices.types, "unknown_type", "type", "type"),
                   date_from=date_from, date_to=date_to, item=_item(item),
                   organisation=_one_of(organisation, choices.organisations, "unknown_organisation",
                                        "organisation", "organisation"),
                   document_id=document_id or None)


def search_request(choices: Choices, q: str | None, k: int = DEFAULT_K, sort: str = "relevance",
                   mode: str | None = None, **filter_args) -> SearchRequest:
    query = _text(q, "q", required=True)
    if not 1 <= k <= MAX_K:
        raise RequestError(400, "bad_k", f"k must be between 1 and {MAX_K} (got {k}).", "k")
    if sort not in SORTS:
        raise RequestError(400, "bad_sort", "sort must be 'relevance' or 'date'.", "sort")
    if mode is not None and mode not in MODES:
        raise RequestError(400, "bad_mode", f"mode must be one of: {', '.join(MODES)}.", "mode")
    return SearchRequest(query, k, filters(choices, **filter_args), sort, mode)


def ask_request(choices: Choices, q: str | None, **filter_args) -> AskRequest:
    return AskRequest(_text(q, "q", required=True), filters(choices, **filter_args))


def decisions_request(choices: Choices, q: str | None = None, kind: str | None = None, body: str | None = None,
                      date_from: str | None = None, date_to: str | None = None, limit: int = DEFAULT_DECISIONS,
                      organisation: str | None = None) -> DecisionQuery:
    """Checked register filters (a topic is optional: without one, newest first)."""
    topic = _text(q, "q", required=False)
    kind = _one_of(kind, choices.kinds, "unknown_kind", "kind", "kind")
    if not 1 <= limit <= MAX_DECISIONS:
        raise RequestError(400, "bad_limit", f"limit must be between 1 and {MAX_DECISIONS} (got {limit}).", "limit")
    body = _one_of(body, choices.deciders, "unknown_body", "body", "body")
    organisation = _one_of(organisation, choices.organisations, "unknown_organisation", "organisation",
                           "organisation")
    date_from, date_to = _dates(date_from, date_to)
    return DecisionQuery(q=topic, kind=kind, body=body, date_from=date_from, date_to=date_to, limit=limit,
                         organisation=organisation)
