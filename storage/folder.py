"""The index folder on disk: which version is current, connections, checksums, errors."""

from __future__ import annotations

import errno
import fcntl
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


class IndexUnusable(Exception):
    """The index folder cannot be written now (disk full, read-only, locked by another indexer).
    Nothing indexed before is lost; the message says what to do."""


def unusable(exc: BaseException, index_dir: Path) -> IndexUnusable | None:
    """The error as an IndexUnusable when it comes from the index folder's storage, else None."""
    full = IndexUnusable(f"{index_dir}: the disk is full; free some space and run again "
                         "(nothing indexed before is lost)")
    text = str(exc).lower()
    if isinstance(exc, sqlite3.DatabaseError):  # OperationalError among them
        if "disk is full" in text or "disk i/o" in text:
            return full
        if "readonly" in text or "read-only" in text or "unable to open" in text:
            return IndexUnusable(f"{index_dir} cannot be written (read-only or no permission); "
                                 "use a folder you can write to")
        return None
    if isinstance(exc, OSError):
        if exc.filename is not None and not Path(str(exc.filename)).resolve().is_relative_to(Path(index_dir).resolve()):
            return None  # an input file or folder, not the index's
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return full
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return IndexUnusable(f"{index_dir} cannot be written ({exc.strerror.lower()}); "
                                 "use a folder you can write to")
    return None


class IndexLock:
    """One indexer at a time per folder, taken before any work is done (a second indexer is
    refused at once, and a folder that cannot be written is found before the model loads)."""

    def __init__(self, index_dir: Path):
        self.dir = Path(index_dir)
        try:
            for d in (self.dir, self.dir / "versions", self.dir / "sources"):
                d.mkdir(parents=True, exist_ok=True)
            self._file = open(self.dir / ".lock", "w")
        except OSError as exc:
            raise unusable(exc, self.dir) or exc from None
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._file.close()
            raise IndexUnusable(f"{self.dir} is being indexed by another process; wait for it to finish") from None

    def release(self) -> None:
        if not self._file.closed:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()


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
