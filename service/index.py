"""Read side of an index folder: loaded once, shared by every request of a process."""

from __future__ import annotations

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
    score: float = 0.0

    def to_json(self) -> dict:
        url = f"/documents/{self.document_id}?start={self.start}&end={self.end}#passage"
        return {
            "id": str(self.id),
            "text": self.text,
            "score": round(float(self.score), 6),
            "document": {"id": self.document_id, "title": self.document_title, "body": self.body,
                         "type": self.part_type, "document_type": self.doc_type,
                         "meeting_date": self.meeting_date},
            "item": self.item,
            "item_title": self.item_title,
            "heading": self.heading,
            "minute": self.minute,
            "page": self.page,
            "printed_page": self.printed_page,
            "start": self.start,
            "end": self.end,
            "url": url,
            "source_url": f"/api/documents/{self.document_id}/source" + (f"#page={self.page}" if self.page else ""),
        }


PASSAGE_SQL = """
SELECT c.id, c.text, c.document_id, d.title AS document_title, c.body, d.doc_type, c.part_type,
       c.meeting_date, c.item, c.item_title, c.heading, c.minute, c.page, c.printed_page, c.start,
       c."end", c.embed_text, d.kind AS source_kind
FROM chunks c JOIN documents d ON d.id = c.document_id
"""


class IndexReader:
    def __init__(self, index_dir: Path, embedder: Embedder | None = None, model_path: str | None = None):
        self.dir = Path(index_dir)
        version = current_version(self.dir)
        if version is None:
            raise IndexNotFound(
                f"no index in {self.dir}; build one with: minutebook index corpus/ --index-dir {self.dir}")
        self.version = version
        self.manifest = json.loads((version / "manifest.json").read_text())
        self.db_path = version / "meta.sqlite"
        self._local = None
        import faiss

        from indexer.vectors import prepare_for_search

        self.faiss = faiss.read_index(str(version / "faiss.index"))
        prepare_for_search(self.faiss)
        model = self.manifest["model"]
        self.embedder = embedder or Embedder(model_path or model["path"], model["name"])
        # Every chunk id -> row, so dense hits can be filtered without a query per hit.
        con = self.connect()
        self.meta = {r["id"]: (r["body"], r["meeting_date"], r["part_type"], r["item"], r["document_id"])
                     for r in con.execute('SELECT id, body, meeting_date, part_type, item, document_id FROM chunks')}
        self.bodies = sorted({m[0] for m in self.meta.values() if m[0]})
        self.types = sorted({m[2] for m in self.meta.values() if m[2]})
        con.close()

    @cached_property
    def acronyms(self) -> dict[str, str]:
        """Acronyms the archive defines; mined on first use (acronym expansion is off by default)."""
        from service.expansion import mine_acronyms

        con = self.connect()
        try:
            return mine_acronyms(r[0] for r in con.execute("SELECT text FROM chunks"))
        finally:
            con.close()

    def connect(self) -> sqlite3.Connection:
        """A new read-only connection (SQLite connections are cheap; one per request/thread)."""
        return connect(self.db_path, readonly=True)

    @property
    def n_chunks(self) -> int:
        return len(self.meta)

    def passages(self, con: sqlite3.Connection, ids: list[int]) -> dict[int, Passage]:
        out: dict[int, Passage] = {}
        for i in range(0, len(ids), 500):
            batch = ids[i: i + 500]
            q = PASSAGE_SQL + " WHERE c.id IN (%s)" % ",".join("?" * len(batch))
            for r in con.execute(q, batch):
                out[r["id"]] = Passage(**{k: r[k] for k in r.keys()})
        return out

    def dense(self, query_vec: np.ndarray, k: int) -> list[tuple[int, float]]:
        k = min(k, self.faiss.ntotal)
        if k <= 0:
            return []
        scores, ids = self.faiss.search(np.asarray(query_vec, dtype="float32").reshape(1, -1), k)
        # FAISS pads with -1 when fewer than k vectors exist.
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]
