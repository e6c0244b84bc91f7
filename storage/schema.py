"""The SQLite schema of ``meta.sqlite`` and the mapping between its rows and the typed records.

Column lists are written once, here: the writer inserts with them and the reader selects with them.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import numpy as np

from indexer.records import Chunk, Document

FORMAT_VERSION = 3

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, path TEXT NOT NULL UNIQUE, kind TEXT, sha256 TEXT, title TEXT, body TEXT,
    meeting_date TEXT, doc_type TEXT, text TEXT, pages TEXT, source_file TEXT, n_chunks INTEGER,
    indexed_at TEXT, organisation TEXT, document_date TEXT, source_url TEXT
);
-- The agenda items a document prints, in order (its contents list).
CREATE TABLE IF NOT EXISTS items (
    document_id TEXT NOT NULL, ordinal INTEGER NOT NULL, number TEXT, minute TEXT, title TEXT, part INTEGER,
    start INTEGER, page INTEGER, PRIMARY KEY (document_id, ordinal)
);
CREATE TABLE IF NOT EXISTS parts (
    document_id TEXT, ordinal INTEGER, type TEXT, title TEXT, item TEXT, item_title TEXT,
    meeting_date TEXT, body TEXT, start INTEGER, "end" INTEGER, PRIMARY KEY (document_id, ordinal)
);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY, document_id TEXT NOT NULL, part INTEGER, part_type TEXT, item TEXT,
    item_title TEXT, heading TEXT, minute TEXT, meeting_date TEXT, body TEXT, start INTEGER,
    "end" INTEGER, page INTEGER, page_end INTEGER, printed_page TEXT, text TEXT, embed_text TEXT,
    n_tokens INTEGER, lead TEXT, organisation TEXT, ocr INTEGER
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(document_id);
CREATE INDEX IF NOT EXISTS chunks_filter ON chunks(body, meeting_date, part_type);
-- Two columns: the meeting context (body, date, type; weighted low at query time, as it is shared
-- by every chunk of a document) and the passage with its item title and headings.
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(context, text, tokenize='porter unicode61');
-- Sentence windows of each chunk with their vectors (indexer/sentences.py); the service reads
-- the windows of its candidate chunks only, so they need no RAM of their own.
CREATE TABLE IF NOT EXISTS sentences (
    chunk_id INTEGER NOT NULL, ordinal INTEGER NOT NULL, document_id TEXT NOT NULL, start INTEGER,
    "end" INTEGER, vector BLOB, PRIMARY KEY (chunk_id, ordinal)
);
CREATE INDEX IF NOT EXISTS sentences_doc ON sentences(document_id);
CREATE TABLE IF NOT EXISTS failures (path TEXT PRIMARY KEY, sha256 TEXT, reason TEXT);
CREATE TABLE IF NOT EXISTS decisions (
    id TEXT PRIMARY KEY, kind TEXT, outcome TEXT, text TEXT, decided_by TEXT, meeting_date TEXT,
    item TEXT, item_title TEXT, document_id TEXT NOT NULL, part INTEGER, start INTEGER, "end" INTEGER,
    page INTEGER, printed_page TEXT, owner TEXT, status TEXT, set_at TEXT, number TEXT, title TEXT,
    confidential INTEGER, body TEXT, chunk_id INTEGER, vector BLOB, votes TEXT, organisation TEXT
);
CREATE INDEX IF NOT EXISTS decisions_doc ON decisions(document_id);
CREATE VIRTUAL TABLE IF NOT EXISTS decisions_fts USING fts5(text, tokenize='porter unicode61');
-- Every word of the chunks with its vector (indexer/vocabulary.py).
CREATE TABLE IF NOT EXISTS vocabulary (word TEXT PRIMARY KEY, vector BLOB);
"""

# Column weights (context, text): body/date/type are shared by all of a document's chunks, so they
# count for less; measured on the dev split: MRR@10 0.801 -> 0.815 against one combined column.
BM25 = "bm25(chunks_fts, 0.2, 1.0)"

# A passage as the service shows it: the chunk's columns and its document's, by record field.
PASSAGE_COLUMNS = (
    ("id", "c.id"), ("text", "c.text"), ("document_id", "c.document_id"), ("document_title", "d.title"),
    ("body", "c.body"), ("doc_type", "d.doc_type"), ("part_type", "c.part_type"),
    ("meeting_date", "c.meeting_date"), ("item", "c.item"), ("item_title", "c.item_title"),
    ("heading", "c.heading"), ("minute", "c.minute"), ("page", "c.page"), ("printed_page", "c.printed_page"),
    ("start", "c.start"), ("end", 'c."end"'), ("embed_text", "c.embed_text"), ("source_kind", "d.kind"),
    ("lead", "c.lead"), ("organisation", "c.organisation"), ("document_date", "d.document_date"),
    ("ocr", "c.ocr"),
)
PASSAGE_SQL = ("SELECT " + ", ".join(f'{expr} AS "{name}"' for name, expr in PASSAGE_COLUMNS)
               + " FROM chunks c JOIN documents d ON d.id = c.document_id")

# The register's columns as records carry them (the vector stays in storage).
DECISION_FIELDS = ("id", "kind", "outcome", "text", "decided_by", "meeting_date", "item", "item_title",
                   "document_id", "part", "start", "end", "page", "printed_page", "owner", "status", "set_at",
                   "number", "title", "confidential", "body", "chunk_id", "votes", "organisation")
# What a document's metadata is, without its text.
DOCUMENT_FIELDS = ("id", "path", "kind", "sha256", "title", "organisation", "body", "doc_type", "meeting_date",
                   "document_date", "source_url", "n_chunks")
PART_FIELDS = ("ordinal", "type", "title", "item", "item_title", "meeting_date", "body", "start", "end")
ITEM_FIELDS = ("number", "minute", "title", "page", "start", "part")
# Where a cited range lies: the chunk's structure fields.
LOCATOR_FIELDS = ("part_type", "item", "item_title", "page", "printed_page", "minute", "heading")
# The fields the service filters chunks on, loaded as numpy columns at start-up.
FILTER_FIELDS = ("id", "body", "part_type", "item", "document_id", "organisation", "meeting_date")


def columns(fields) -> str:
    """A select list of quoted column names ("end" is an SQL keyword)."""
    return ", ".join(f'"{f}"' for f in fields)


# Every chunk's filter fields, in storage order (id order: the chunks' INTEGER PRIMARY KEY).
FILTER_SQL = f"SELECT {columns(FILTER_FIELDS)} FROM chunks"


def lexical_text(c: Chunk) -> str:
    """What the lexical index reads of a chunk besides its context: titles, headings, row lead, text."""
    return lexical_string(c.item_title, c.heading, c.lead, c.text)


def lexical_string(item_title: str | None, heading: str | None, lead: str | None, text: str) -> str:
    return " · ".join(x for x in (item_title, heading, lead) if x) + "\n" + text


def vector_blob(v) -> bytes:
    return np.asarray(v, dtype="float32").tobytes()


def document_row(doc: Document, n_chunks: int, source_file: str, indexed_at: str) -> dict:
    return {"id": doc.id, "path": doc.path, "kind": doc.kind, "sha256": doc.sha256, "title": doc.title,
            "body": doc.body, "meeting_date": doc.meeting_date, "doc_type": doc.doc_type, "text": doc.text,
            "pages": json.dumps([asdict(p) for p in doc.pages]), "source_file": source_file,
            "n_chunks": n_chunks, "indexed_at": indexed_at, "organisation": doc.organisation,
            "document_date": doc.document_date, "source_url": doc.source_url}


def part_rows(doc: Document) -> list[dict]:
    return [{"document_id": doc.id, "ordinal": p.ordinal, "type": p.type, "title": p.title, "item": p.item,
             "item_title": p.item_title, "meeting_date": p.meeting_date, "body": p.body, "start": p.start,
             "end": p.end} for p in doc.parts]


def item_rows(doc: Document) -> list[dict]:
    return [{"document_id": doc.id, "ordinal": k, "number": it.number, "minute": it.minute, "title": it.title,
             "part": it.part, "start": it.start, "page": it.page} for k, it in enumerate(doc.items)]


def chunk_rows(chunks: list[Chunk]) -> list[dict]:
    return [{"id": c.id, "document_id": c.document_id, "part": c.part, "part_type": c.part_type, "item": c.item,
             "item_title": c.item_title, "heading": c.heading, "minute": c.minute, "meeting_date": c.meeting_date,
             "body": c.body, "start": c.start, "end": c.end, "page": c.page, "page_end": c.page_end,
             "printed_page": c.printed_page, "text": c.text, "embed_text": c.embed_text, "n_tokens": c.n_tokens,
             "lead": c.lead, "organisation": c.organisation, "ocr": int(c.ocr)} for c in chunks]


def decision_row(doc: Document, d, vector, chunk_id: int | None) -> dict:
    """A decision (``indexer.decisions.Decision``) of ``doc`` as stored, linked to its chunk."""
    return {"id": d.id, "kind": d.kind, "outcome": d.outcome, "text": d.text, "decided_by": d.decided_by,
            "meeting_date": d.meeting_date, "item": d.item, "item_title": d.item_title,
            "document_id": d.document_id, "part": d.part, "start": d.start, "end": d.end, "page": d.page,
            "printed_page": d.printed_page, "owner": d.owner, "status": d.status, "set_at": d.set_at,
            "number": d.number, "title": d.title, "confidential": int(d.confidential),
            "body": doc.parts[d.part].body if d.part < len(doc.parts) else doc.body, "chunk_id": chunk_id,
            "vector": vector_blob(vector), "votes": json.dumps(d.votes, sort_keys=True) if d.votes else None,
            "organisation": doc.organisation}


def decision_record(row) -> dict:
    """A stored decision as the register holds it (confidential as bool, votes parsed)."""
    r = {k: row[k] for k in DECISION_FIELDS}
    r["confidential"] = bool(r["confidential"])
    r["votes"] = json.loads(r["votes"]) if r["votes"] else None
    return r
