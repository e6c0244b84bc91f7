"""Read side of an index folder: loaded once, shared by every request of a process."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from indexer.embedding import Embedder
from storage.folder import IndexNotFound, current_version, sha256_file
from storage.impacts import ImpactIndex
from storage.manifest import Manifest
from storage.reader import IndexStore, ReadSession
from storage.records import Passage
from storage.columns import ChunkColumns

log = logging.getLogger(__name__)


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
    """One published index version, loaded once and shared by every request of a process: its
    manifest, FAISS vectors, the chunks' filter columns, and read sessions on its SQLite file."""

    def __init__(self, index_dir: Path, embedder: Embedder | None = None, model_path: str | None = None,
                 threads: int | None = None):
        self.dir = Path(index_dir)
        version = current_version(self.dir)
        if version is None:
            raise IndexNotFound(
                f"no index in {self.dir}; build one with: minutebook index corpus/ --index-dir {self.dir}")
        self.version = version
        self.manifest = Manifest.read(version)
        self.manifest.check_format(self.dir)
        self.store = IndexStore(version)
        import faiss

        from indexer.vectors import prepare_for_search

        self.faiss = faiss.read_index(str(version / "faiss.index"))
        prepare_for_search(self.faiss)
        self.embedder = self._embedder(embedder, model_path, threads)
        # Every chunk's filter fields as numpy columns, so a filtered dense search finds its
        # allowed ids with a few vector comparisons (a Python loop is ~100 ms at a million chunks).
        self.columns = ChunkColumns.read(version)  # saved at publish; an older version: from its rows
        if self.columns is None:
            with self.session() as db:
                self.columns = ChunkColumns.from_rows(db.filter_rows())
        # A large archive's BM25 top-k (storage/impacts.py), in the filter columns' order.
        self.impacts = ImpactIndex.load(version)
        if self.impacts is not None and not np.array_equal(self.impacts.ids, self.columns.ids):
            raise IndexNotFound(f"the lexical matrix of {version} does not match its chunks; rebuild it with: "
                                f"minutebook index <papers> --index-dir {self.dir} --rebuild")
        # An index built with sentence windows off fuses two signals, not three.
        self.has_sentences = self.manifest.counts.get("sentences", 0) > 0
        self.bodies = self.columns.values("body")
        self.types = self.columns.values("part_type")
        self.organisations = self.columns.values("organisation")
        from indexer.settings import DEFAULT_ARCHIVE_NAME, NameSettings

        # How names are shown and what the archive is called travel with the index (its manifest),
        # so a server started without the indexing settings shows them the same way.
        self.names = NameSettings.model_validate(self.manifest.settings.get("names", {}))
        self.archive_name = self.manifest.archive_name or DEFAULT_ARCHIVE_NAME

    def session(self) -> ReadSession:
        """A new read-only session (SQLite connections are cheap; one per request/thread)."""
        return self.store.session()

    @cached_property
    def acronyms(self) -> dict[str, str]:
        """Acronyms the archive defines; mined on first use (acronym expansion is off by default)."""
        from service.expansion import mine_acronyms

        with self.session() as db:
            return mine_acronyms(db.chunk_texts())

    @cached_property
    def vocabulary(self) -> Vocabulary | None:
        """The archive's words and their vectors, read on first use (None: an empty index)."""
        with self.session() as db:
            words = db.vocabulary()
        return Vocabulary(*words) if words else None

    @property
    def n_chunks(self) -> int:
        return len(self.columns.ids)

    def prompt_spans(self, db: ReadSession, p: Passage, margin: int = 8000) -> list[tuple[int, int]]:
        """Spans of the passage (document offsets) that are the question cell of a Q&A table row.

        In the accountability meetings' Question | Answer tables a question cell (often a long
        letter from the public) reads much like the user's question, but the answer is in the next
        cell. A row counts when a later cell holds at least a sentence and the row's first cell asks
        something ("?") or its table's header names a question. Other tables (actions, progress
        against objectives) are left alone: their first cell is often what the user wants. The row
        may begin or end outside the passage, so the document around it is read.
        """
        lo = max(0, p.start - margin)
        text = db.document_text(p.document_id, lo, p.end - lo + margin)
        if not text or "\t" not in text:
            return []
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

    def _embedder(self, embedder: Embedder | None, model_path: str | None, threads: int | None) -> Embedder:
        """The embedder that made this version's vectors: a loaded one is reused if it is the same
        encoder; an export is checked against the file the manifest names."""
        model = self.manifest.model
        if embedder is None or embedder.encoder != model.encoder:
            embedder = Embedder(model_path or model.path, model.name, encoder=model.encoder,
                                encoder_dir=self.dir / "encoders", threads=threads)
        if model.encoder_sha256 and sha256_file(embedder.export) != model.encoder_sha256:
            raise IndexNotFound(
                f"the {model.encoder} encoder in {embedder.export.parent} is not the file the index in "
                f"{self.dir} was built with ({model.encoder_file}); rebuild it with: "
                f"minutebook index <papers> --index-dir {self.dir} --rebuild")
        return embedder

    def window_vectors(self, db: ReadSession, chunk_ids: list[int]) -> dict[tuple[int, int, int], np.ndarray]:
        """The stored vectors of these chunks' sentence windows, by (chunk id, start, end), the
        offsets being the document's (empty for an index without windows)."""
        if not chunk_ids or not self.has_sentences:
            return {}
        return db.window_vectors(chunk_ids)

    def passages(self, db: ReadSession, ids: list[int]) -> dict[int, Passage]:
        out = db.passages(ids)
        for p in out.values():
            p.body_title = self.names.title(p.body)
        return out

    def dense(self, query_vec: np.ndarray, k: int) -> list[tuple[int, float]]:
        k = min(k, self.faiss.ntotal)
        if k <= 0:
            return []
        scores, ids = self.faiss.search(np.asarray(query_vec, dtype="float32").reshape(1, -1), k)
        # FAISS pads with -1 when fewer than k vectors exist.
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]
