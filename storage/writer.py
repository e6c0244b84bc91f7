"""The write side: stage changes to a copy of the current version, then publish it atomically.

A writer copies the current version to a staging folder, changes it there and publishes it by
replacing the ``current`` symlink (``os.replace`` is atomic), so readers always see a complete
index and an interrupted run leaves the previous one intact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import uuid
from pathlib import Path

import numpy as np

from indexer.records import Chunk, Document

from .columns import ChunkColumns
from .folder import IncompatibleIndex, IndexLock, connect, current_version, sha256_file, unusable
from .schema import (FILTER_SQL, SCHEMA, chunk_rows, columns, decision_row, document_row, item_rows, lexical_string,
                     lexical_text, part_rows, vector_blob)

log = logging.getLogger(__name__)


def _resize(index):
    """Switch to the index type that suits the new size (exact while small, IVF when large)."""
    import faiss

    from indexer.vectors import build, choose_kind

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

    def __init__(self, index_dir: Path, dimension: int | None = None, fresh: bool = False,
                 lock: IndexLock | None = None, topk_from: int | None = None):
        """``fresh``: start from an empty index instead of the current version (``--rebuild``);
        ``lock``: the folder's lock, taken already by the caller (else the writer takes it);
        ``topk_from``: from this many chunks on, publish a BM25 top-k matrix too (None: never)."""
        self.dir = Path(index_dir)
        self._owns_lock = lock is None
        self._lock = lock or IndexLock(self.dir)
        self.stage = self.dir / "versions" / f".staging-{uuid.uuid4().hex[:8]}"
        try:
            self._stage(fresh)
        except BaseException as exc:
            # Nothing half-copied stays behind (a full disk would keep every failed try's copy).
            shutil.rmtree(self.stage, ignore_errors=True)
            self._unlock()
            raise unusable(exc, self.dir) or exc from None
        self._faiss = None
        self._dimension = dimension
        self._topk_from = topk_from

    def _stage(self, fresh: bool) -> None:
        """A copy of the current version (or an empty index) to change."""
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

    @staticmethod
    def _insert_sql(table: str, cols: list[str]) -> str:
        return f"INSERT INTO {table} ({columns(cols)}) VALUES ({', '.join('?' * len(cols))})"

    def _insert(self, table: str, rows: list[dict]) -> None:
        if rows:
            cols = list(rows[0])
            self.con.executemany(self._insert_sql(table, cols), [[r[c] for c in cols] for r in rows])

    def _insert_one(self, table: str, row: dict) -> sqlite3.Cursor:
        cols = list(row)
        return self.con.execute(self._insert_sql(table, cols), [row[c] for c in cols])

    def add_document(self, doc: Document, chunks: list[Chunk], vectors: np.ndarray, source_file: str) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self._insert("documents", [document_row(doc, len(chunks), source_file, now)])
        self._insert("parts", part_rows(doc))
        self._insert("items", item_rows(doc))
        self._insert("chunks", chunk_rows(chunks))
        self.con.executemany("INSERT INTO chunks_fts(rowid, context, text) VALUES (?, ?, ?)",
                             [(c.id, c.context, lexical_text(c)) for c in chunks])
        if chunks:
            self.faiss_index(vectors.shape[1]).add_with_ids(
                np.ascontiguousarray(vectors, dtype="float32"), np.asarray([c.id for c in chunks], dtype="int64"))

    def add_sentences(self, doc: Document, windows: list, vectors: np.ndarray) -> None:
        self._insert("sentences", [{"chunk_id": w.chunk_id, "ordinal": w.ordinal, "document_id": doc.id,
                                    "start": w.start, "end": w.end, "vector": vector_blob(v)}
                                   for w, v in zip(windows, vectors)])

    def add_decisions(self, doc: Document, decisions: list, vectors: np.ndarray, chunks: list[Chunk]) -> None:
        """The document's decisions register, each linked to the chunk where it starts."""
        for d, vec in zip(decisions, vectors):
            home = next((c.id for c in chunks if c.start <= d.start < c.end), None)
            if home is None:  # starts in a skipped span or between chunks: take the next chunk
                home = next((c.id for c in chunks if c.start >= d.start), chunks[-1].id if chunks else None)
            cur = self._insert_one("decisions", decision_row(doc, d, vec, home))
            self.con.execute("INSERT INTO decisions_fts(rowid, text) VALUES (?, ?)", (cur.lastrowid, d.text))

    def chunk_texts(self):
        """Every chunk's text in the staged version (for the vocabulary)."""
        return (r[0] for r in self.con.execute("SELECT text FROM chunks"))

    def set_vocabulary(self, words: list[str], vectors: np.ndarray) -> None:
        self.con.execute("DELETE FROM vocabulary")
        self._insert("vocabulary", [{"word": w, "vector": vector_blob(v)} for w, v in zip(words, vectors)])

    def set_failure(self, path: str, sha: str | None, reason: str | None) -> None:
        if reason is None:
            self.con.execute("DELETE FROM failures WHERE path = ?", (path,))
        else:
            self.con.execute("INSERT OR REPLACE INTO failures (path, sha256, reason) VALUES (?, ?, ?)",
                             (path, sha, reason))

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

    def _lexical_rows(self) -> list[tuple[int, str]]:
        """(id, what the lexical index reads) of every chunk, in storage order (as the service's
        filter columns are)."""
        return [(r[0], lexical_string(*r[1:])) for r in self.con.execute(
            "SELECT id, item_title, heading, lead, text FROM chunks")]

    def publish(self, manifest: dict) -> Path:
        import faiss

        from .impacts import build_impacts

        manifest = dict(manifest)
        n_chunks = self.con.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        if self._topk_from is not None and n_chunks >= max(1, self._topk_from):
            # Rebuilt whole at each publish (a few minutes at a million chunks): the matrix has no updates.
            manifest["lexical_topk"] = build_impacts(self.stage, self._lexical_rows())
        ChunkColumns.from_rows([tuple(r) for r in self.con.execute(FILTER_SQL)]).save(self.stage)
        self.con.commit()
        self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.con.close()
        if self._faiss is None and not (self.stage / "faiss.index").exists() and self._dimension:
            self.faiss_index(self._dimension)
        if self._faiss is not None:
            self._faiss = _resize(self._faiss)
            faiss.write_index(self._faiss, str(self.stage / "faiss.index"))
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
        if self._owns_lock:
            with contextlib.suppress(Exception):
                self._lock.release()
