"""Gold questions: JSONL records judged by evidence quotes, so relevance never depends on chunking."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

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


def load_questions(path: str | Path, split: str | None = None) -> list[GoldQuestion]:
    """Load and validate a gold file; errors name the line and the field."""
    out: list[GoldQuestion] = []
    seen: set[str] = set()
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not valid JSON ({exc.msg})") from None
        for key, typ in REQUIRED.items():
            if key not in obj:
                raise ValueError(f"{path}:{n}: missing field {key!r}")
            if not isinstance(obj[key], typ):
                raise ValueError(f"{path}:{n}: field {key!r} must be {typ.__name__}")
        if obj["id"] in seen:
            raise ValueError(f"{path}:{n}: duplicate id {obj['id']!r}")
        seen.add(obj["id"])
        if obj["answerable"] and not obj["evidence"]:
            raise ValueError(f"{path}:{n}: answerable question {obj['id']} has no evidence quotes")
        known = {k: obj[k] for k in ("id", "question", "evidence", "answerable", "tags", "split", "source") if k in obj}
        q = GoldQuestion(**known)
        if split is None or q.split == split:
            out.append(q)
    return out
