"""Gold questions: JSONL records judged by evidence quotes, so relevance never depends on chunking."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .jsonl import read_jsonl, where

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower-case and collapse every run of non-alphanumeric characters to one space."""
    return " " + _NON_ALNUM.sub(" ", text.lower()).strip() + " "


@dataclass
class GoldQuestion:
    id: str
    question: str
    evidence: list[str]
    answerable: bool = True
    tags: list[str] = field(default_factory=list)
    split: str = "dev"
    source: str | None = None

    def is_relevant(self, passage_text: str) -> bool:
        norm = normalise(passage_text)
        return any(normalise(q) in norm for q in self.evidence)


REQUIRED = {"id": str, "question": str, "evidence": list, "answerable": bool, "tags": list}
OPTIONAL = {"split": str, "source": str}
SPLITS = ("dev", "heldout")


def _check(obj: dict, here: str) -> None:
    for key, typ in REQUIRED.items():
        if key not in obj:
            raise ValueError(f"{here}: missing field {key!r}")
        if not isinstance(obj[key], typ):
            raise ValueError(f"{here}: field {key!r} must be {typ.__name__}, got {type(obj[key]).__name__}")
    for key, typ in OPTIONAL.items():
        if key in obj and not isinstance(obj[key], typ):
            raise ValueError(f"{here}: field {key!r} must be {typ.__name__}, got {type(obj[key]).__name__}")
    if not obj["id"].strip():
        raise ValueError(f"{here}: field 'id' is empty")
    if not obj["question"].strip():
        raise ValueError(f"{here}: field 'question' is empty")
    for field_name in ("evidence", "tags"):
        for i, v in enumerate(obj[field_name]):
            if not isinstance(v, str) or not v.strip():
                raise ValueError(f"{here}: field {field_name!r} item {i} must be a non-empty string")
    if obj.get("split", "dev") not in SPLITS:
        raise ValueError(f"{here}: field 'split' must be one of {', '.join(SPLITS)}, got {obj['split']!r}")
    if obj["answerable"] and not obj["evidence"]:
        raise ValueError(f"{here}: field 'evidence' is empty, but the question is answerable")


def load_questions(path: str | Path, split: str | None = None) -> list[GoldQuestion]:
    """Load and validate a gold file; errors name the file, the line and the field.

    ``split``: None or "all" for every question, else only that split ("dev" or "heldout").
    """
    if split not in (None, "all") and split not in SPLITS:
        raise ValueError(f"unknown split {split!r} (use {', '.join(SPLITS)} or all)")
    out: list[GoldQuestion] = []
    seen: dict[str, int] = {}
    for n, obj in read_jsonl(path):
        here = where(path, n)
        _check(obj, here)
        if obj["id"] in seen:
            raise ValueError(f"{here}: field 'id' duplicates {obj['id']!r} of line {seen[obj['id']]}")
        seen[obj["id"]] = n
        known = {k: obj[k] for k in ("id", "question", "evidence", "answerable", "tags", "split", "source") if k in obj}
        q = GoldQuestion(**known)
        if split in (None, "all") or q.split == split:
            out.append(q)
    return out
