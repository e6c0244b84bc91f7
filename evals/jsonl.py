"""One JSONL reader for every evals input (gold questions, BEIR files, decision labels)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def where(path: str | Path, n: int) -> str:
    """How every error about line ``n`` of a JSONL file starts, whichever file it is."""
    return f"{path} line {n}"


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict]]:
    """Yield (line number, object) for each non-blank line; a bad line raises ValueError naming it."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where(path, n)}: not valid JSON ({exc.msg} at column {exc.colno})") from None
            if not isinstance(obj, dict):
                raise ValueError(f"{where(path, n)}: each line must be a JSON object, got {type(obj).__name__}")
            yield n, obj
