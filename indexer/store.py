"""The index folder: SQLite (metadata + FTS5 lexical index), FAISS (vectors by chunk id), manifest.

Layout::

    DIR/current -> versions/<id>     symlink, swapped atomically on publish
    DIR/versions/<id>/meta.sqlite    documents, parts, chunks, chunks_fts, sentences (window vectors),
                                     decisions, failures
    DIR/versions/<id>/faiss.index    IndexIDMap2 over inner product (vectors are normalised)
    DIR/versions/<id>/manifest.json  settings, package versions, counts, checksums
    DIR/embeddings.sqlite            embedding cache by (model, text); append-only, shared
    DIR/sources/<sha256>.<ext>       the original files, for "open the source"

A writer copies the current version to a staging folder, changes it there and publishes it by
replacing the ``current`` symlink (``os.replace`` is atomic), so readers always see a complete
index and an interrupted run leaves the previous one intact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import uuid
from dataclasses import asdict
from pathlib import Path

import numpy as np

from .records import Chunk, Document

log = logging.getLogger(__name__)

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


def lexical_text(c: Chunk) -> str:
    return " · ".join(x for x in (c.item_title, c.heading, c.lead) if x) + "\n" + c.text


class IncompatibleIndex(Exception):
    """The index was built with other settings; ``reason`` says which, the message also how to fix it."""

    def __init__(self, message: str, reason: str | None = None):
        super().__init__(message)
        self.reason = reason or message


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    else:
        con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    return con


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def current_version(index_dir: Path) -> Path | None:
    link = Path(index_dir) / "current"
    if link.is_symlink() or link.exists():
        target = link.resolve()
        if (target / "manifest.json").exists():
            return target
    return None


def read_manifest(index_dir: Path) -> dict | None:
    v = current_version(index_dir)
    if v is None:
        return None
    return json.loads((v / "manifest.json").read_text())


class EmbeddingCache:
    """Vectors by sha256(model, text): unchanged chunks are never embedded twice."""

    def __init__(self, path: Path):
        self.con = sqlite3.connect(path)
        self.con.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB)")

    def get_many(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        out: dict[bytes, np.ndarray] = {}
        for i in range(0, len(keys), 500):
            batch = keys[i: i + 500]
            q = "SELECT key, vec FROM vectors WHERE key IN (%s)" % ",".join("?" * len(batch))
            for k, v in self.con.execute(q, batch):
                out[k] = np.frombuffer(v, dtype="float32")
        return out

    def put_many(self, items: list[tuple[bytes, np.ndarray]]) -> None:
        with self.con:
            self.con.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                 [(k, np.asarray(v, dtype="float32").tobytes()) for k, v in items])

    def close(self) -> None:
        self.con.close()


class OcrCache:
    """Page text read by OCR, by key (file hash, page, OCR settings; see indexer/ocr.py)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = sqlite3.connect(path)
        self.con.execute("CREATE TABLE IF NOT EXISTS ocr (key TEXT PRIMARY KEY, text TEXT)")

    def get(self, key: str) -> str | None:
        row = self.con.execute("SELECT text FROM ocr WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, text: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO ocr VALUES (?, ?)", (key, text))
        self.con.commit()

    def close(self) -> None:
        self.con.close()


def _resize(index):
    """Switch to the index type that suits the new size (exact while small, IVF when large)."""
    import faiss

    from .vectors import build, choose_kind

    inner = faiss.downcast_index(index)
    is_flat = isinstance(inner, (faiss.IndexIDMap2, faiss.IndexIDMap))
    want = choose_kind(index.ntotal)
    if (want == "flat") == is_flat or index.ntotal == 0:
        return index
    if is_flat:
        ids = faiss.vector_to_array(inner.id_map).astype("int64")
        vecs = faiss.downcast_index(inner.index).reconstruct_n(0, index.ntotal)
    else:
        ids = np.concatenate([faiss.rev_swig_ptr(inner.invlists.get_ids(l), inner.invlists.list_size(l)).copy()
                              for l in range(inner.nlist) if inner.invlists.list_size(l)])
        vecs = np.stack([inner.reconstruct(int(i)) for i in ids])
    log.info("switching FAISS index to %s for %d vectors", want, index.ntotal)
    return build(vecs, ids, want)


class IndexWriter:
    """Stages changes to an index folder and publishes them atomically."""

    def __init__(self, index_dir: Path, dimension: int | None = None, fresh: bool = False):
        """``fresh``: start from an empty index instead of the current version (``--rebuild``)."""
        self.dir = Path(index_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "versions").mkdir(exist_ok=True)
        (self.dir / "sources").mkdir(exist_ok=True)
        self._lock = open(self.dir / ".lock", "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"{self.dir} is being indexed by another process; wait for it to finish") from None
        self.stage = self.dir / "versions" / f".staging-{uuid.uuid4().hex[:8]}"
        base = None if fresh else current_version(self.dir)
        self.stage.mkdir()
        if base is not None:
            # sqlite's backup API gives a consistent copy even if a reader has the file open.
            src = connect(base / "meta.sqlite", readonly=True)
            dst = sqlite3.connect(self.stage / "meta.sqlite")
            src.backup(dst)
            src.close()
            dst.close()
            shutil.copy2(base / "faiss.index", self.stage / "faiss.index")
        self.con = connect(self.stage / "meta.sqlite")
        self.con.executescript(SCHEMA)
        self._faiss = None
        self._dimension = dimension

    # -- FAISS -------------------------------------------------------------------------------

    def faiss_index(self, dimension: int):
        import faiss

        if self._faiss is None:
            path = self.stage / "faiss.index"
            if path.exists():
                self._faiss = faiss.read_index(str(path))
                if self._faiss.d != dimension:
                    reason = f"index vectors have dimension {self._faiss.d}, model gives {dimension}"
                    raise IncompatibleIndex(f"{reason}; rebuild with --rebuild", reason)
            else:
                self._faiss = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        return self._faiss

    # -- changes -----------------------------------------------------------------------------

    def document_ids_for(self, path: str) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM documents WHERE path = ?", (path,))]

    def remove_document(self, doc_id: str, dimension: int | None) -> int:
        ids = [r[0] for r in self.con.execute("SELECT id FROM chunks WHERE document_id = ?", (doc_id,))]
        if ids and (dimension or self._dimension):
            self.faiss_index(dimension or self._dimension).remove_ids(np.asarray(ids, dtype="int64"))
        self.con.executemany("DELETE FROM chunks_fts WHERE rowid = ?", [(i,) for i in ids])
        self.con.execute("DELETE FROM chunks WHERE document_id = ?", (doc_id,))
        self.con.execute("DELETE FROM sentences WHERE document_id = ?", (doc_id,))
        self.con.execute("DELETE FROM decisions_fts WHERE rowid IN (SELECT rowid FROM decisions WHERE document_id = ?)",
                         (doc_id,))
        self.con.execute("DELETE FROM decisions WHERE document_id = ?", (doc_id,))
        self.con.execute("DELETE FROM parts WHERE document_id = ?", (doc_id,))
        self.con.execute("DELETE FROM items WHERE document_id = ?", (doc_id,))
        self.con.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return len(ids)

    def _insert(self, table: str, rows: list[dict]) -> None:
        if rows:
            cols = list(rows[0])
            self.con.executemany(f"INSERT INTO {table} ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
                                 f"VALUES ({', '.join('?' * len(cols))})", [[r[c] for c in cols] for r in rows])

    def add_document(self, doc: Document, chunks: list[Chunk], vectors: np.ndarray, source_file: str) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self._insert("documents", [{
            "id": doc.id, "path": doc.path, "kind": doc.kind, "sha256": doc.sha256, "title": doc.title,
            "body": doc.body, "meeting_date": doc.meeting_date, "doc_type": doc.doc_type, "text": doc.text,
            "pages": json.dumps([asdict(p) for p in doc.pages]), "source_file": source_file,
            "n_chunks": len(chunks), "indexed_at": now, "organisation": doc.organisation,
            "document_date": doc.document_date, "source_url": doc.source_url}])
        self._insert("parts", [{
            "document_id": doc.id, "ordinal": p.ordinal, "type": p.type, "title": p.title, "item": p.item,
            "item_title": p.item_title, "meeting_date": p.meeting_date, "body": p.body, "start": p.start,
            "end": p.end} for p in doc.parts])
        self._insert("items", [{
            "document_id": doc.id, "ordinal": k, "number": it.number, "minute": it.minute, "title": it.title,
            "part": it.part, "start": it.start, "page": it.page} for k, it in enumerate(doc.items)])
        self._insert("chunks", [{
            "id": c.id, "document_id": c.document_id, "part": c.part, "part_type": c.part_type, "item": c.item,
            "item_title": c.item_title, "heading": c.heading, "minute": c.minute, "meeting_date": c.meeting_date,
            "body": c.body, "start": c.start, "end": c.end, "page": c.page, "page_end": c.page_end,
            "printed_page": c.printed_page, "text": c.text, "embed_text": c.embed_text, "n_tokens": c.n_tokens,
            "lead": c.lead, "organisation": c.organisation, "ocr": int(c.ocr)} for c in chunks])
        self.con.executemany("INSERT INTO chunks_fts(rowid, context, text) VALUES (?, ?, ?)",
                             [(c.id, c.context, lexical_text(c)) for c in chunks])
        if chunks:
            self.faiss_index(vectors.shape[1]).add_with_ids(
                np.ascontiguousarray(vectors, dtype="float32"), np.asarray([c.id for c in chunks], dtype="int64"))

    def add_sentences(self, doc: Document, windows: list, vectors: np.ndarray) -> None:
        self.con.executemany(
            'INSERT INTO sentences VALUES (?,?,?,?,?,?)',
            [(w.chunk_id, w.ordinal, doc.id, w.start, w.end, np.asarray(v, dtype="float32").tobytes())
             for w, v in zip(windows, vectors)])

    def add_decisions(self, doc: Document, decisions: list, vectors: np.ndarray, chunks: list[Chunk]) -> None:
        """The document's decisions register, each linked to the chunk where it starts."""
        for d, vec in zip(decisions, vectors):
            home = next((c.id for c in chunks if c.start <= d.start < c.end), None)
            if home is None:  # starts in a skipped span or between chunks: take the next chunk
                home = next((c.id for c in chunks if c.start >= d.start), chunks[-1].id if chunks else None)
            row = {
                "id": d.id, "kind": d.kind, "outcome": d.outcome, "text": d.text, "decided_by": d.decided_by,
                "meeting_date": d.meeting_date, "item": d.item, "item_title": d.item_title, "document_id": d.document_id,
                "part": d.part, "start": d.start, "end": d.end, "page": d.page, "printed_page": d.printed_page,
                "owner": d.owner, "status": d.status, "set_at": d.set_at, "number": d.number, "title": d.title,
                "confidential": int(d.confidential),
                "body": doc.parts[d.part].body if d.part < len(doc.parts) else doc.body, "chunk_id": home,
                "vector": np.asarray(vec, dtype="float32").tobytes(),
                "votes": json.dumps(d.votes, sort_keys=True) if d.votes else None, "organisation": doc.organisation}
            cols = list(row)
            cur = self.con.execute(f"INSERT INTO decisions ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
                                   f"VALUES ({', '.join('?' * len(cols))})", [row[c] for c in cols])
            self.con.execute("INSERT INTO decisions_fts(rowid, text) VALUES (?, ?)", (cur.lastrowid, d.text))

    def chunk_texts(self):
        """Every chunk's text in the staged version (for the vocabulary)."""
        return (r[0] for r in self.con.execute("SELECT text FROM chunks"))

    def set_vocabulary(self, words: list[str], vectors: np.ndarray) -> None:
        self.con.execute("DELETE FROM vocabulary")
        self.con.executemany("INSERT INTO vocabulary VALUES (?, ?)",
                             [(w, np.asarray(v, dtype="float32").tobytes()) for w, v in zip(words, vectors)])

    def set_failure(self, path: str, sha: str | None, reason: str | None) -> None:
        if reason is None:
            self.con.execute("DELETE FROM failures WHERE path = ?", (path,))
        else:
            self.con.execute("INSERT OR REPLACE INTO failures VALUES (?,?,?)", (path, sha, reason))

    def store_source(self, data: bytes, sha: str, suffix: str) -> str:
        name = f"{sha}{suffix.lower()}"
        target = self.dir / "sources" / name
        if not target.exists():
            tmp = target.with_suffix(target.suffix + ".tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        return name

    # -- publish -----------------------------------------------------------------------------

    def counts(self) -> dict:
        q = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        return {"documents": q("SELECT COUNT(*) FROM documents"), "parts": q("SELECT COUNT(*) FROM parts"),
                "items": q("SELECT COUNT(*) FROM items"),
                "chunks": q("SELECT COUNT(*) FROM chunks"), "decisions": q("SELECT COUNT(*) FROM decisions"),
                "sentences": q("SELECT COUNT(*) FROM sentences"),
                "failed": q("SELECT COUNT(*) FROM failures")}

    def publish(self, manifest: dict) -> Path:
        import faiss

        self.con.commit()
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.con.close()
        if self._faiss is None and not (self.stage / "faiss.index").exists() and self._dimension:
            self.faiss_index(self._dimension)
        if self._faiss is not None:
            self._faiss = _resize(self._faiss)
            faiss.write_index(self._faiss, str(self.stage / "faiss.index"))
        manifest = dict(manifest)
        manifest["checksums"] = {n: sha256_file(self.stage / n) for n in ("meta.sqlite", "faiss.index")
                                 if (self.stage / n).exists()}
        (self.stage / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
        for n in ("meta.sqlite", "faiss.index", "manifest.json"):
            if (self.stage / n).exists():
                with open(self.stage / n, "rb") as f:
                    os.fsync(f.fileno())
        previous = current_version(self.dir)
        vid = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        final = self.dir / "versions" / vid
        os.rename(self.stage, final)
        tmp_link = self.dir / f".current-{uuid.uuid4().hex[:8]}"
        os.symlink(Path("versions") / vid, tmp_link)
        os.replace(tmp_link, self.dir / "current")
        self._cleanup(keep={final, previous})
        self._unlock()
        return final

    def abort(self) -> None:
        with contextlib.suppress(Exception):
            self.con.close()
        shutil.rmtree(self.stage, ignore_errors=True)
        self._unlock()

    def _cleanup(self, keep: set) -> None:
        # The version just replaced stays, so a running server can finish requests on it and
        # switch over (service.app reloads when ``current`` moves); older ones and staging go.
        for v in (self.dir / "versions").iterdir():
            if v not in keep:
                shutil.rmtree(v, ignore_errors=True)

    def _unlock(self) -> None:
        with contextlib.suppress(Exception):
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()
