"""Minutebook indexer: archive files -> structure -> chunks -> embeddings -> one index folder.

Stages, one module each, in data-flow order:
``sources`` (read PDF/text, page map, clean-up) -> ``structure`` (body, dates, parts, items,
headings) -> ``chunking`` (token-bounded chunks with offsets) -> ``embedding`` (vectors, cached)
-> ``store`` (SQLite + FTS5 + FAISS + manifest, published atomically). ``pipeline`` runs them.
"""

__version__ = "0.1.0"
