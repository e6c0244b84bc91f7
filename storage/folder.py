"""The index folder on disk: which version is current, connections, checksums, errors."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


class IndexNotFound(Exception):
    """No usable index in the folder (none built, or built by another format version)."""


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
    """The folder of the published version ``DIR/current`` points at (None: nothing published)."""
    link = Path(index_dir) / "current"
    if link.is_symlink() or link.exists():
        target = link.resolve()
        if (target / "manifest.json").exists():
            return target
    return None
