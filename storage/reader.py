"""The read side: every query the service, the web pages, the evals and the benchmarks make.

``IndexStore`` opens one published version; ``ReadSession`` is one read-only connection (SQLite
connections are cheap: one per request or per thread) with a method per question asked of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from .folder import connect
from .records import Passage
from .schema import (BM25, DECISION_FIELDS, DOCUMENT_FIELDS, FILTER_SQL, ITEM_FIELDS, LOCATOR_FIELDS,
                     PART_FIELDS, PASSAGE_SQL, columns, decision_record)

# How many ids go into one "IN (...)" list (SQLite's default limit on variables is 32766).
ID_BATCH = 500
# Filters of a lexical search: keyword -> (chunks column, comparison).
LEXICAL_FILTERS = (("body", "body", "="), ("part_type", "part_type", "="), ("date_from", "meeting_date", ">="),
                   ("date_to", "meeting_date", "<="), ("item", "item", "="), ("document_id", "document_id", "="),
                   ("organisation", "organisation", "="))


def _phrase(term: str) -> str:
    """One term as an FTS5 phrase (quotes doubled), so it is never read as query syntax."""
    return '"' + term.replace('"', '""') + '"'


class IndexStore:
    """Read access to the ``meta.sqlite`` of one published version."""

    def __init__(self, version: Path):
        self.db_path = Path(version) / "meta.sqlite"

    def session(self) -> "ReadSession":
        return ReadSession(connect(self.db_path, readonly=True))


class ReadSession:
    def __init__(self, con: sqlite3.Connection):
        self.con = con

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "ReadSession":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- chunks ------------------------------------------------------------------------------

    def filter_rows(self) -> list[tuple]:
        """Every chunk's filter fields (``FILTER_FIELDS``), in storage order."""
        return [tuple(r) for r in self.con.execute(FILTER_SQL)]

    def chunk_texts(self) -> Iterator[str]:
        return (r[0] for r in self.con.execute("SELECT text FROM chunks"))

    def chunk_text_by_id(self) -> dict[str, str]:
        """Every chunk's text by its id as a string (the evals' collection)."""
        return {str(r[0]): r[1] for r in self.con.execute("SELECT id, text FROM chunks")}

    def chunk_catalogue(self) -> list[dict]:
        """Every chunk with its document's title, in document order (BEIR export)."""
        return [dict(r) for r in self.con.execute(
            "SELECT c.id, c.text, c.document_id, d.title, c.heading, c.meeting_date, c.page, c.part_type "
            "FROM chunks c JOIN documents d ON d.id = c.document_id ORDER BY c.document_id, c.start")]

    def embed_texts(self) -> list[str]:
        """What each chunk was embedded as, in id order."""
        return [r[0] for r in self.con.execute("SELECT embed_text FROM chunks ORDER BY id")]

    def passages(self, ids: list[int]) -> dict[int, Passage]:
        out: dict[int, Passage] = {}
        for i in range(0, len(ids), ID_BATCH):
            batch = ids[i: i + ID_BATCH]
            for r in self.con.execute(PASSAGE_SQL + " WHERE c.id IN (%s)" % ",".join("?" * len(batch)), batch):
                p = Passage(**{k: r[k] for k in r.keys()})
                p.ocr = bool(p.ocr)
                out[r["id"]] = p
        return out

    def window_vectors(self, chunk_ids: list[int]) -> dict[tuple[int, int, int], np.ndarray]:
        """The stored vectors of these chunks' sentence windows, by (chunk id, start, end)."""
        if not chunk_ids:
            return {}
        rows = self.con.execute('SELECT chunk_id, start, "end", vector FROM sentences WHERE chunk_id IN (%s)'
                                % ",".join("?" * len(chunk_ids)), chunk_ids)
        return {(c, a, b): np.frombuffer(v, dtype="float32") for c, a, b, v in rows}

    def sentence_spans(self) -> list[tuple[str, int, int]]:
        """(document id, start, end) of every sentence window, chunk by chunk."""
        return [tuple(r) for r in self.con.execute(
            'SELECT document_id, start, "end" FROM sentences ORDER BY chunk_id, ordinal')]

    def locate(self, doc_id: str, start: int, end: int) -> dict | None:
        """The structure fields of the chunk that is exactly [start, end), else of the chunk that
        holds ``start`` (a decision, or any other range inside a passage)."""
        row = self.con.execute(f"SELECT {columns(LOCATOR_FIELDS)} FROM chunks "
                               'WHERE document_id = ? AND start = ? AND "end" = ?', (doc_id, start, end)).fetchone()
        if row is None:
            row = self.con.execute(f"SELECT {columns(LOCATOR_FIELDS)} FROM chunks "
                                   'WHERE document_id = ? AND start <= ? AND ? < "end" ORDER BY start DESC LIMIT 1',
                                   (doc_id, start, start)).fetchone()
        return dict(row) if row is not None else None

    def chunk_items(self) -> list[dict]:
        """(document, part, item, item title, where it starts) of every item the chunks carry,
        in order of position."""
        return [dict(r) for r in self.con.execute(
            "SELECT document_id, part, item, item_title, MIN(start) AS start FROM chunks "
            "WHERE item IS NOT NULL AND item != '' GROUP BY document_id, part, item ORDER BY start")]

    # -- lexical index -----------------------------------------------------------------------

    def lexical_search(self, match: str, k: int, **filters) -> list[tuple[int, float]]:
        """The ``k`` best chunks for an FTS5 query by BM25 (higher is better), filtered by any of
        ``LEXICAL_FILTERS`` given; [] when the query is not valid FTS5."""
        sql = [f"SELECT f.rowid AS id, -{BM25} AS score FROM chunks_fts f"]
        where, args = ["chunks_fts MATCH ?"], [match]
        active = [(col, op, filters[key]) for key, col, op in LEXICAL_FILTERS if filters.get(key) is not None]
        if active:
            sql.append("JOIN chunks c ON c.id = f.rowid")
            for col, op, val in active:
                where.append(f"c.{col} {op} ?")
                args.append(val)
        sql.append("WHERE " + " AND ".join(where))
        sql.append(f"ORDER BY {BM25} LIMIT ?")
        args.append(k)
        try:
            return [(r[0], float(r[1])) for r in self.con.execute(" ".join(sql), args)]
        except sqlite3.OperationalError:
            return []

    def term_frequency(self, term: str, within: list[int] | None = None) -> int:
        """Chunks (of ``within``, if given) whose text or context holds the term, stemmed as the
        lexical index stems."""
        sql, args = "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?", [_phrase(term)]
        if within is not None:
            sql += f" AND rowid IN ({','.join('?' * len(within))})"
            args += [int(i) for i in within]
        try:
            return self.con.execute(sql, args).fetchone()[0]
        except sqlite3.OperationalError:
            return 0

    def has_term(self, term: str) -> bool:
        """Whether any chunk holds the term (stemmed): one posting read, where a count reads all."""
        try:
            return self.con.execute("SELECT 1 FROM chunks_fts WHERE chunks_fts MATCH ? LIMIT 1",
                                    [_phrase(term)]).fetchone() is not None
        except sqlite3.OperationalError:
            return False

    def matching(self, term: str, ids: list[int]) -> list[int]:
        """Which of ``ids`` hold the term (stemmed)."""
        return [r[0] for r in self.con.execute(
            f"SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH ? AND rowid IN ({','.join('?' * len(ids))})",
            [_phrase(term), *ids])]

    def vocabulary(self) -> tuple[list[str], np.ndarray] | None:
        """The archive's words and their vectors (None: an empty index)."""
        rows = self.con.execute("SELECT word, vector FROM vocabulary").fetchall()
        if not rows:
            return None
        vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype="float32").reshape(len(rows), -1)
        return [r[0] for r in rows], vecs

    # -- documents ---------------------------------------------------------------------------

    def documents(self) -> list[dict]:
        """Every document's metadata (no text), newest meeting first."""
        return [dict(r) for r in self.con.execute(
            f"SELECT {columns(DOCUMENT_FIELDS)} FROM documents ORDER BY meeting_date DESC, id")]

    def failures(self) -> list[tuple[str, str]]:
        """(path, reason) of every file that could not be indexed."""
        return [(r[0], r[1]) for r in self.con.execute("SELECT path, reason FROM failures ORDER BY path")]

    def document_count(self) -> int:
        return self.con.execute("SELECT count(*) FROM documents").fetchone()[0]

    def document(self, doc_id: str) -> dict | None:
        """A document's whole row: metadata, text, pages (JSON), stored source file."""
        row = self.con.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return dict(row) if row is not None else None

    def document_title(self, doc_id: str) -> str | None:
        row = self.con.execute("SELECT title FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row["title"] if row else None

    def document_text(self, doc_id: str, start: int, length: int) -> str | None:
        """``length`` characters of a document's text from offset ``start``."""
        row = self.con.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                               (start + 1, length, doc_id)).fetchone()
        return row[0] if row else None

    def document_texts(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.con.execute("SELECT id, text FROM documents")}

    def document_sources(self) -> list[tuple[str, str, str]]:
        """(id, title, stored source file) of every document, by id."""
        return [(r["id"], r["title"], r["source_file"])
                for r in self.con.execute("SELECT id, title, source_file FROM documents ORDER BY id")]

    def parts(self, doc_id: str, by_position: bool = False) -> list[dict]:
        """A document's parts in their order (or by where they start)."""
        order = "start, ordinal" if by_position else "ordinal"
        return [dict(r) for r in self.con.execute(
            f"SELECT {columns(PART_FIELDS)} FROM parts WHERE document_id = ? ORDER BY {order}", (doc_id,))]

    def items(self, doc_id: str) -> list[dict]:
        """The document's agenda items in printed order (its contents list)."""
        return [dict(r) for r in self.con.execute(
            f"SELECT {columns(ITEM_FIELDS)} FROM items WHERE document_id = ? ORDER BY ordinal", (doc_id,))]

    def meeting_parts(self) -> list[dict]:
        """Every part with its document's metadata, document by document (the meetings page)."""
        return [dict(r) for r in self.con.execute(
            'SELECT p.document_id, p.ordinal, p.type, p.title, p.item, p.item_title, p.meeting_date, p.body, '
            'p.start, d.title AS doc_title, d.doc_type, d.kind, d.body AS doc_body, d.meeting_date AS doc_date, '
            'd.organisation FROM parts p JOIN documents d ON d.id = p.document_id ORDER BY p.document_id, p.ordinal')]

    # -- decisions ---------------------------------------------------------------------------

    def decisions(self) -> list[tuple[int, dict, np.ndarray]]:
        """(rowid, record, vector) of every decision in the register."""
        return [(r["rowid"], decision_record(r), np.frombuffer(r["vector"], dtype="float32"))
                for r in self.con.execute(f"SELECT rowid, {columns(DECISION_FIELDS)}, vector FROM decisions")]

    def decisions_lexical(self, match: str) -> dict[int, float]:
        """BM25 (higher is better) of every decision matching an FTS5 query, by rowid."""
        try:
            return {r[0]: float(r[1]) for r in self.con.execute(
                "SELECT rowid, -bm25(decisions_fts) FROM decisions_fts WHERE decisions_fts MATCH ?", (match,))}
        except sqlite3.OperationalError:
            return {}

    def decision_texts(self, doc_id: str) -> list[dict]:
        return [dict(r) for r in self.con.execute(
            'SELECT id, kind, outcome, text, votes, meeting_date FROM decisions WHERE document_id = ? ORDER BY start',
            (doc_id,))]
