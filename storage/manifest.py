"""The manifest of an index version: format, model, the settings that shaped it, counts, files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .folder import IndexNotFound, current_version
from .schema import FORMAT_VERSION


@dataclass(frozen=True)
class ModelInfo:
    name: str
    path: str
    dimension: int | None
    max_seq_length: int | None = None
    encoder: str = "torch"  # an index from before the setting was made by torch
    encoder_file: str | None = None
    encoder_sha256: str | None = None


@dataclass(frozen=True)
class Manifest:
    """What ``manifest.json`` records; ``raw`` keeps the file's whole content for reports."""

    format_version: int | None
    model: ModelInfo
    settings: dict
    counts: dict
    built_at: str | None
    archive_name: str | None
    files: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_dict(cls, data: dict) -> "Manifest":
        m = data.get("model") or {}
        return cls(format_version=data.get("format_version"),
                   model=ModelInfo(m.get("name", ""), m.get("path", ""), m.get("dimension"), m.get("max_seq_length"),
                                   m.get("encoder", "torch"), m.get("encoder_file"), m.get("encoder_sha256")),
                   settings=data.get("settings") or {}, counts=data.get("counts") or {},
                   built_at=data.get("built_at"), archive_name=data.get("archive_name"),
                   files=data.get("files") or {}, raw=data)

    @classmethod
    def read(cls, version: Path) -> "Manifest":
        return cls.from_dict(json.loads((Path(version) / "manifest.json").read_text()))

    def check_format(self, index_dir: Path) -> None:
        """Refuse an index this code cannot read, saying how to rebuild it."""
        if self.format_version != FORMAT_VERSION:
            raise IndexNotFound(
                f"the index in {index_dir} was built by another version of Minutebook (format "
                f"{self.format_version}, this one reads {FORMAT_VERSION}); rebuild it with: "
                f"minutebook index <papers> --index-dir {index_dir} --rebuild")


def read_manifest(index_dir: Path) -> dict | None:
    """The current version's manifest as written (None: no index yet)."""
    v = current_version(index_dir)
    if v is None:
        return None
    return json.loads((v / "manifest.json").read_text())
