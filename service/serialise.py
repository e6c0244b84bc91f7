"""The one serialiser of each record the service hands out (JSON API, ``--json`` CLI output, CSV),
and the addresses of documents and their sources (used by the API, the CLI and the pages)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from storage.records import Passage

if TYPE_CHECKING:
    from .answers import Answer
    from .retrieval import SearchResult


def query_string(**params) -> str:
    """URL query of the given parameters, empty ones left out."""
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def cited_url(doc_id: str, start: int, end: int, q: str | None = None) -> str:
    """The document page opened at a cited range (with the question's words marked, if given)."""
    return f"/documents/{doc_id}?" + query_string(start=start, end=end, q=q) + "#passage"


def source_url(doc_id: str, page: int | None = None) -> str:
    """The original file as published (a PDF opened at ``page``)."""
    return f"/api/documents/{doc_id}/source" + (f"#page={page}" if page else "")


def passage_json(p: Passage) -> dict:
    return {
        "id": str(p.id),
        "text": p.text,
        "score": round(float(p.score), 6),
        "document": {"id": p.document_id, "title": p.document_title, "organisation": p.organisation,
                     "body": p.body, "type": p.part_type, "document_type": p.doc_type,
                     "meeting_date": p.meeting_date, "document_date": p.document_date},
        "item": p.item,
        "item_title": p.item_title,
        "heading": p.heading,
        "lead": p.lead or None,
        "minute": p.minute,
        "page": p.page,
        "printed_page": p.printed_page,
        "ocr": p.ocr,
        "start": p.start,
        "end": p.end,
        "url": cited_url(p.document_id, p.start, p.end),
        "source_url": source_url(p.document_id, p.page),
    }


def search_json(result: "SearchResult") -> dict:
    return {"query": result.query, "results": [passage_json(p) for p in result.passages],
            "took_ms": round(result.took_ms, 1)}


def answer_json(a: "Answer") -> dict:
    return {"question": a.question, "answer": a.answer, "answered": a.answered, "reason": a.reason,
            "missing_terms": a.missing_terms, "note": a.note, "history": a.history,
            "citations": [{"n": c.n, "passage_id": c.passage_id, "quote": c.quote} for c in a.citations],
            "passages": [passage_json(p) for p in a.passages], "took_ms": round(a.took_ms, 1)}


def decision_json(record: dict) -> dict:
    """A register record (``service.decisions``) with the address of its place in the papers."""
    return record | {"url": cited_url(record["document_id"], record["start"], record["end"])}


def decisions_json(records: list[dict], total: int) -> dict:
    return {"decisions": [decision_json(r) for r in records], "total": total}


DOCUMENT_LIST_FIELDS = ("id", "title", "organisation", "body", "doc_type", "meeting_date", "document_date", "path",
                        "kind", "n_chunks", "source_url")


def document_list_json(rows: list[dict]) -> dict:
    return {"documents": [{k: r[k] for k in DOCUMENT_LIST_FIELDS} for r in rows]}


def document_json(d: dict, parts: list[dict], items: list[dict]) -> dict:
    """A document with its parts, agenda items and text (``d`` is its stored row)."""
    return {"id": d["id"], "title": d["title"], "organisation": d["organisation"], "body": d["body"],
            "type": d["doc_type"], "meeting_date": d["meeting_date"], "document_date": d["document_date"],
            "path": d["path"], "kind": d["kind"], "sha256": d["sha256"], "published_at": d["source_url"],
            "items": [{"number": it["number"], "minute": it["minute"], "title": it["title"], "page": it["page"],
                       "offset": it["start"], "part": it["part"]} for it in items],
            "parts": parts, "text": d["text"], "source_url": source_url(d["id"])}


CSV_COLUMNS = ["meeting_date", "organisation", "decided_by", "kind", "outcome", "item", "item_title", "number",
               "title", "text", "votes_for", "votes_against", "votes_abstain", "owner", "status", "set_at",
               "confidential", "document_id", "page", "printed_page", "start", "end", "url"]


def decisions_csv(records: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    w.writeheader()
    for r in map(decision_json, records):
        votes = r.get("votes") or {}
        w.writerow({k: r.get(k) for k in CSV_COLUMNS} | {f"votes_{k}": votes.get(k) for k in ("for", "against", "abstain")})
    return buf.getvalue()
