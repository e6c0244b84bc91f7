"""The tutorial baseline: fixed token windows over raw text, one flat FAISS index, nothing else.

What most retrieval tutorials build: take each document's raw text (the file's own text for
.txt/.md, pypdf's ``extract_text()`` page after page for PDFs: no clean-up, no structure, no
context headers), cut it into fixed windows of 256 cl100k tokens, embed every window with the
same model as the real index, put the vectors in a ``faiss.IndexFlatIP`` and return the nearest
windows. No BM25, no fusion, no de-duplication.

The documents are the ones stored in the index folder (``DIR/sources``), so both systems see the
same files. Embeddings are cached by (model, text) in an ``storage.caches.EmbeddingCache`` file, so a
rerun only loads the model.
"""

from __future__ import annotations

import io
import json
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.embedding import Embedder, text_key
from storage.caches import EmbeddingCache
from storage.folder import current_version
from storage.reader import IndexStore
from indexer.tokens import cl100k

log = logging.getLogger(__name__)

WINDOW_TOKENS = 256
OVERLAP_TOKENS = 0


def raw_text(path: Path) -> str:
    """A file's text the way a tutorial loader reads it."""
    data = path.read_bytes()
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def windows(text: str, size: int = WINDOW_TOKENS, overlap: int = OVERLAP_TOKENS) -> list[str]:
    """Consecutive windows of ``size`` cl100k tokens (``overlap`` tokens shared between neighbours)."""
    if size <= 0 or not 0 <= overlap < size:
        raise ValueError("need size > 0 and 0 <= overlap < size")
    enc = cl100k()
    toks = enc.encode_ordinary(text)
    out = []
    for start in range(0, max(len(toks), 1), size - overlap):
        piece = enc.decode(toks[start: start + size]).strip()
        if piece:
            out.append(piece)
        if start + size >= len(toks):
            break
    return out


def index_documents(index_dir: Path) -> list[tuple[str, str, Path]]:
    """(document id, title, stored source file) of every document in an index folder."""
    version = current_version(Path(index_dir))
    if version is None:
        raise FileNotFoundError(f"no index in {index_dir}")
    with IndexStore(version).session() as db:
        rows = db.document_sources()
    return [(doc_id, title, Path(index_dir) / "sources" / source) for doc_id, title, source in rows]


def embed_cached(embedder: Embedder, texts: list[str], cache_path: Path | None) -> np.ndarray:
    """Vectors for ``texts``, from the cache file where seen before (new ones are added to it)."""
    if not texts:
        return np.zeros((0, embedder.dimension), dtype="float32")
    keys = [text_key(embedder.model_name, t) for t in texts]
    cache = None
    have: dict[bytes, np.ndarray] = {}
    if cache_path is not None:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache = EmbeddingCache(cache_path)
        have = cache.get_many(list(set(keys)))
    todo = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in have))
    if todo:
        log.info("embedding %d texts (%d cached)", len(todo), len(texts) - len(todo))
        vecs = embedder.encode(todo, progress=False)
        new = {text_key(embedder.model_name, t): v for t, v in zip(todo, vecs)}
        have.update(new)
        if cache is not None:
            cache.put_many(list(new.items()))
    if cache is not None:
        cache.close()
    return np.stack([have[k] for k in keys]).astype("float32")


@dataclass
class NaiveIndex:
    ids: list[str]
    texts: list[str]
    faiss_index: object
    embedder: Embedder
    folder: Path
    embedded_from_cache: bool = False

    @property
    def collection(self) -> dict[str, str]:
        return dict(zip(self.ids, self.texts))

    def search(self, query: str, k: int = 10) -> list[tuple[str, str]]:
        qvec = self.embedder.encode_query(query).reshape(1, -1).astype("float32")
        scores, idx = self.faiss_index.search(qvec, min(k, len(self.ids)))
        return [(self.ids[i], self.texts[i]) for i in idx[0] if i != -1]


def build_naive(index_dir: Path, embedder: Embedder, cache_path: Path | None = None,
                folder: Path | None = None, size: int = WINDOW_TOKENS, overlap: int = OVERLAP_TOKENS) -> NaiveIndex:
    """Window, embed and index the index folder's documents in ``folder`` (a new temp folder if None)."""
    import faiss

    folder = Path(folder or tempfile.mkdtemp(prefix="minutebook-naive-"))
    folder.mkdir(parents=True, exist_ok=True)
    ids: list[str] = []
    texts: list[str] = []
    for doc_id, _title, src in index_documents(index_dir):
        for n, w in enumerate(windows(raw_text(src), size, overlap)):
            ids.append(f"naive:{doc_id}:{n}")
            texts.append(w)
    vecs = embed_cached(embedder, texts, cache_path)
    flat = faiss.IndexFlatIP(vecs.shape[1])
    flat.add(vecs)
    faiss.write_index(flat, str(folder / "naive.faiss"))
    with open(folder / "windows.jsonl", "w", encoding="utf-8") as f:
        for i, t in zip(ids, texts):
            f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
    return NaiveIndex(ids, texts, flat, embedder, folder)
