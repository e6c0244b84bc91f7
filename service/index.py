"""Read side of an index folder: loaded once, shared by every request of a process."""

from __future__ import annotations

import datetime as dt

import json
import logging
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from indexer.embedding import Embedder
from indexer.store import connect, current_version

log = logging.getLogger(__name__)


class IndexNotFound(Exception):
    pass


@dataclass
class Passage:
    """A chunk as shown to people: bare text plus everything needed to cite it."""

    id: int
    text: str
    document_id: str
    document_title: str
    body: str | None
    doc_type: str
    part_type: str
    meeting_date: str | None
    item: str | None
    item_title: str | None
    heading: str
    minute: str | None
    page: int | None
    printed_page: str | None
    start: int
    end: int
    embed_text: str
    source_kind: str
    lead: str = ""  # the question cell of the table row this passage continues (see indexer.chunking)
    organisation: str | None = None
    document_date: str | None = None
    body_title: str | None = None  # how pages show the body (the index's name settings)
    ocr: bool = False  # its text was read by OCR
    score: float = 0.0

    @property
    def lead_label(self) -> str:
        """How to introduce the lead: a question's answer, or just the row it continues (actions,
        progress tables, letters from the public)."""
        return "In answer to" if "?" in self.lead else "Continues the row"

    def to_json(self) -> dict:
        url = f"/documents/{self.document_id}?start={self.start}&end={self.end}#passage"
        return {
            "id": str(self.id),
            "text": self.text,
            "score": round(float(self.score), 6),
            "document": {"id": self.document_id, "title": self.document_title,
                         "organisation": self.organisation, "body": self.body,
                         "type": self.part_type, "document_type": self.doc_type,
                         "meeting_date": self.meeting_date, "document_date": self.document_date},
            "item": self.item,
            "item_title": self.item_title,
            "heading": self.heading,
            "lead": self.lead or None,
            "minute": self.minute,
            "page": self.page,
            "printed_page": self.printed_page,
            "ocr": self.ocr,
            "start": self.start,
            "end": self.end,
            "url": url,
            "source_url": f"/api/documents/{self.document_id}/source" + (f"#page={self.page}" if self.page else ""),
        }


PASSAGE_SQL = """
SELECT c.id, c.text, c.document_id, d.title AS document_title, c.body, d.doc_type, c.part_type,
       c.meeting_date, c.item, c.item_title, c.heading, c.minute, c.page, c.printed_page, c.start,
       c."end", c.embed_text, d.kind AS source_kind, c.lead AS lead, c.organisation AS organisation,
       d.document_date AS document_date, c.ocr AS ocr
FROM chunks c JOIN documents d ON d.id = c.document_id
"""


class ChunkColumns:
    """The chunks' filter fields, column by column: ids, categorical codes, dates as yyyymmdd ints."""

    CATEGORICAL = ("body", "part_type", "item", "document_id", "organisation")

    def __init__(self, ids: np.ndarray, codes: dict[str, np.ndarray], vocab: dict[str, dict[str, int]],
                 dates: np.ndarray):
        self.ids, self.codes, self.vocab, self.dates = ids, codes, vocab, dates

    @classmethod
    def load(cls, con: sqlite3.Connection) -> "ChunkColumns":
        rows = con.execute("SELECT id, body, part_type, item, document_id, organisation, meeting_date FROM chunks").fetchall()
        ids = np.fromiter((r[0] for r in rows), dtype="int64", count=len(rows))
        codes, vocab = {}, {}
        for col, name in enumerate(cls.CATEGORICAL, 1):
            v: dict[str, int] = {}
            # -1 stands for NULL, so it never equals a requested value.
            codes[name] = np.fromiter((-1 if r[col] is None else v.setdefault(r[col], len(v)) for r in rows),
                                      dtype="int32", count=len(rows))
            vocab[name] = v
        dates = np.fromiter((date_number(r[6]) for r in rows), dtype="int32", count=len(rows))
        return cls(ids, codes, vocab, dates)

    def values(self, name: str) -> list[str]:
        return sorted(self.vocab[name])

    def select(self, body=None, part_type=None, item=None, document_id=None, date_from=None,
               date_to=None, organisation=None) -> np.ndarray:
        """Ids of the chunks matching every given field (dates inclusive; undated chunks never match a date bound)."""
        mask = np.ones(len(self.ids), dtype=bool)
        for name, want in (("body", body), ("part_type", part_type), ("item", item), ("document_id", document_id),
                           ("organisation", organisation)):
            if want is not None:
                code = self.vocab[name].get(want)
                if code is None:
                    return self.ids[:0]
                mask &= self.codes[name] == code
        if date_from is not None:
            mask &= self.dates >= date_number(date_from)
        if date_to is not None:
            mask &= (self.dates <= date_number(date_to)) & (self.dates > 0)
        return self.ids[mask]


def _table_header(text: str, a: int, clipped: bool) -> str:
    """First cell of the first line of the tab-separated block holding the line that starts at a
    ("" when the block starts before a text that was clipped)."""
    end = text.find("\n", a)
    head = text[a: len(text) if end < 0 else end].split("\t", 1)[0]
    while a > 0:
        start = text.rfind("\n", 0, a - 1) + 1
        if start == 0 and clipped:
            return ""
        line = text[start:a - 1]
        if "\t" not in line:
            break
        head, a = line.split("\t", 1)[0], start
    return head


def date_number(iso: str | None) -> int:
    """'2024-10-08' -> 20241008; None -> 0 (before every date). Only YYYY-MM-DD is accepted."""
    if not iso:
        return 0
    d = dt.date.fromisoformat(iso[:10])
    return d.year * 10000 + d.month * 100 + d.day


@dataclass
class Vocabulary:
    """Every word of the archive's chunks with its unit vector (indexer/vocabulary.py)."""

    words: list[str]
    vectors: np.ndarray

    def nearest(self, vector: np.ndarray) -> tuple[str, float]:
        sims = self.vectors @ vector
        i = int(np.argmax(sims))
        return self.words[i], float(sims[i])


class IndexReader:
    def __init__(self, index_dir: Path, embedder: Embedder | None = None, model_path: str | None = None):
        self.dir = Path(index_dir)
        version = current_version(self.dir)
        if version is None:
            raise IndexNotFound(
                f"no index in {self.dir}; build one with: minutebook index corpus/ --index-dir {self.dir}")
        self.version = version
        self.manifest = json.loads((version / "manifest.json").read_text())
        from indexer.store import FORMAT_VERSION

        if self.manifest.get("format_version") != FORMAT_VERSION:
            raise IndexNotFound(
                f"the index in {self.dir} was built by another version of Minutebook (format "
                f"{self.manifest.get('format_version')}, this one reads {FORMAT_VERSION}); rebuild it with: "
                f"minutebook index <papers> --index-dir {self.dir} --rebuild")
        self.db_path = version / "meta.sqlite"
        self._local = None
        import faiss

        from indexer.vectors import prepare_for_search

        self.faiss = faiss.read_index(str(version / "faiss.index"))
        prepare_for_search(self.faiss)
        model = self.manifest["model"]
        self.embedder = embedder or Embedder(model_path or model["path"], model["name"])
        # Every chunk's filter fields as numpy columns, so a filtered dense search finds its
        # allowed ids with a few vector comparisons (a Python loop is ~100 ms at a million chunks).
        con = self.connect()
        self.columns = ChunkColumns.load(con)
        self.passage_sql = PASSAGE_SQL
        # Indexes from before sentence windows (or built with them off) fuse two signals, not three.
        try:
            self.has_sentences = con.execute("SELECT 1 FROM sentences LIMIT 1").fetchone() is not None
        except sqlite3.OperationalError:
            self.has_sentences = False
        con.close()
        self.bodies = self.columns.values("body")
        self.types = self.columns.values("part_type")
        self.organisations = self.columns.values("organisation")
        from indexer.settings import DEFAULT_ARCHIVE_NAME, NameSettings

        # How names are shown and what the archive is called travel with the index (its manifest),
        # so a server started without the indexing settings shows them the same way.
        self.names = NameSettings.model_validate(self.manifest.get("settings", {}).get("names", {}))
        self.archive_name = self.manifest.get("archive_name") or DEFAULT_ARCHIVE_NAME

    @cached_property
    def acronyms(self) -> dict[str, str]:
        """Acronyms the archive defines; mined on first use (acronym expansion is off by default)."""
        from service.expansion import mine_acronyms

        con = self.connect()
        try:
            return mine_acronyms(r[0] for r in con.execute("SELECT text FROM chunks"))
        finally:
            con.close()

    @cached_property
    def vocabulary(self) -> Vocabulary | None:
        """The archive's words and their vectors, read on first use; None for an index built
        before they were stored (or an empty one)."""
        con = self.connect()
        try:
            rows = con.execute("SELECT word, vector FROM vocabulary").fetchall()
        except sqlite3.OperationalError:
            return None
        finally:
            con.close()
        if not rows:
            return None
        vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype="float32").reshape(len(rows), -1)
        return Vocabulary([r[0] for r in rows], vecs)

    def term_frequency(self, con: sqlite3.Connection, term: str, within: list[int] | None = None) -> int:
        """Chunks (of ``within``, if given) whose text or context holds the term, stemmed as the
        lexical index stems."""
        sql, args = "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?", ['"' + term.replace('"', '""') + '"']
        if within is not None:
            sql += f" AND rowid IN ({','.join('?' * len(within))})"
            args += [int(i) for i in within]
        try:
            return con.execute(sql, args).fetchone()[0]
        except sqlite3.OperationalError:
            return 0

    def connect(self) -> sqlite3.Connection:
        """A new read-only connection (SQLite connections are cheap; one per request/thread)."""
        return connect(self.db_path, readonly=True)

    @property
    def n_chunks(self) -> int:
        return len(self.columns.ids)

    def prompt_spans(self, con: sqlite3.Connection, p: Passage, margin: int = 8000) -> list[tuple[int, int]]:
        """Spans of the passage (document offsets) that are the question cell of a Q&A table row.

        In the accountability meetings' Question | Answer tables a question cell (often a long
        letter from the public) reads much like the user's question, but the answer is in the next
        cell. A row counts when a later cell holds at least a sentence and the row's first cell asks
        something ("?") or its table's header names a question. Other tables (actions, progress
        against objectives) are left alone: their first cell is often what the user wants. The row
        may begin or end outside the passage, so the document around it is read.
        """
        lo = max(0, p.start - margin)
        row = con.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                          (lo + 1, p.end - lo + margin, p.document_id)).fetchone()
        if not row or not row[0] or "\t" not in row[0]:
            return []
        text = row[0]
        nl = text.rfind("\n", 0, p.start - lo)
        if nl < 0 and lo > 0:
            # The line began before the window: its first cell is unknown, so start at the next line.
            nl = text.find("\n", p.start - lo)
            if nl < 0:
                return []
        out = []
        a = nl + 1
        while a < p.end - lo:
            b = text.find("\n", a)
            b = len(text) if b < 0 else b
            cells = text[a:b].split("\t")
            if len(cells) >= 2 and len(cells[0].split()) >= 3 and max(len(c.split()) for c in cells[1:]) >= 12 \
                    and ("?" in cells[0] or "question" in _table_header(text, a, lo > 0).lower()):
                out.append((lo + a, lo + a + len(cells[0])))
            a = b + 1
        return out

    def window_vectors(self, con: sqlite3.Connection, chunk_ids: list[int]) -> dict[tuple[int, int, int], np.ndarray]:
        """The stored vectors of these chunks' sentence windows, by (chunk id, start, end), the
        offsets being the document's (empty for an index without windows)."""
        if not chunk_ids or not self.has_sentences:
            return {}
        rows = con.execute('SELECT chunk_id, start, "end", vector FROM sentences WHERE chunk_id IN (%s)'
                           % ",".join("?" * len(chunk_ids)), chunk_ids)
        return {(c, a, b): np.frombuffer(v, dtype="float32") for c, a, b, v in rows}

    def passages(self, con: sqlite3.Connection, ids: list[int]) -> dict[int, Passage]:
        out: dict[int, Passage] = {}
        for i in range(0, len(ids), 500):
            batch = ids[i: i + 500]
            q = self.passage_sql + " WHERE c.id IN (%s)" % ",".join("?" * len(batch))
            for r in con.execute(q, batch):
                p = Passage(**{k: r[k] for k in r.keys()})
                p.ocr = bool(p.ocr)
                p.body_title = self.names.title(p.body)
                out[r["id"]] = p
        return out

    def documents(self, con: sqlite3.Connection) -> list[dict]:
        """Every document's metadata (no text), newest meeting first."""
        return [dict(r) for r in con.execute(
            "SELECT id, path, kind, sha256, title, organisation, body, doc_type, meeting_date, document_date, "
            "source_url, n_chunks FROM documents ORDER BY meeting_date DESC, id")]

    def items(self, con: sqlite3.Connection, doc_id: str) -> list[dict]:
        """The document's agenda items in printed order (its contents list)."""
        return [dict(r) for r in con.execute(
            "SELECT number, minute, title, page, start, part FROM items WHERE document_id = ? ORDER BY ordinal",
            (doc_id,))]

    def decision_texts(self, con: sqlite3.Connection, doc_id: str) -> list[dict]:
        return [dict(r) for r in con.execute(
            'SELECT id, kind, outcome, text, votes, meeting_date FROM decisions WHERE document_id = ? ORDER BY start',
            (doc_id,))]

    def dense(self, query_vec: np.ndarray, k: int) -> list[tuple[int, float]]:
        k = min(k, self.faiss.ntotal)
        if k <= 0:
            return []
        scores, ids = self.faiss.search(np.asarray(query_vec, dtype="float32").reshape(1, -1), k)
        # FAISS pads with -1 when fewer than k vectors exist.
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]
