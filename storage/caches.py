"""Caches shared by every version of an index folder: embeddings by (model, text), OCR'd pages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from .schema import vector_blob


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
                                 [(k, vector_blob(v)) for k, v in items])

    def close(self) -> None:
        self.con.close()


def cached_vectors(path: Path) -> int:
    """How many vectors an embedding cache file holds, read without writing (0: none yet), so a
    running indexer's progress can be watched."""
    if not Path(path).exists():
        return 0
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        return con.execute("SELECT count(*) FROM vectors").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        con.close()


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
