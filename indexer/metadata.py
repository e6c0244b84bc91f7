"""The user's metadata file: what a committee system's download script knows of each paper.

A file named ``metadata.csv`` or ``metadata.json`` in a folder being indexed (or any file given
with ``minutebook index --metadata FILE``) overrides what detection reads from the papers:

    file,organisation,body,meeting_date,document_date,type,title,source_url
    cabinet/2025-01-30-minutes.pdf,Anyshire County Council,Cabinet,2025-01-30,,minutes,,https://…

CSV needs a header row; JSON is a list of objects with the same keys (or ``{"files": [...]}``).
``file`` is the paper's path relative to the folder indexed (for a file given with --metadata,
to the folder given to ``minutebook index``); every other field is optional and an empty value
leaves detection alone. Dates are YYYY-MM-DD; ``type`` is one of ``detect.TYPES``.

A file with an unknown column, a date that cannot be read, a type not in the list or a paper
that does not exist is refused as a whole, naming the line and the field, before anything is
indexed. The overrides change what is stored, shown, filtered and cited, never what is embedded
(vectors are of the papers' own text), so changing only metadata re-embeds nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .detect import TYPES

FIELDS = ("file", "organisation", "body", "meeting_date", "document_date", "type", "title", "source_url")
NAMES = ("metadata.csv", "metadata.json")


class MetadataError(ValueError):
    """A metadata file that cannot be used: the message names the file, the line and the field."""


@dataclass(frozen=True)
class FileMetadata:
    organisation: str | None = None
    body: str | None = None
    meeting_date: str | None = None
    document_date: str | None = None
    type: str | None = None
    title: str | None = None
    source_url: str | None = None

    def digest(self) -> str:
        """Stable fingerprint, kept in the manifest so a changed entry re-reads its paper."""
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:16]


def _rows(path: Path) -> list[tuple[int, dict]]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise MetadataError(f"{path}: no such metadata file") from None
    except UnicodeDecodeError:
        raise MetadataError(f"{path}: not UTF-8 text; re-save it as UTF-8") from None
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise MetadataError(f"{path} line {exc.lineno}: not valid JSON ({exc.msg})") from None
        if isinstance(data, dict):
            data = data.get("files")
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            raise MetadataError(f"{path}: expected a list of objects (or {{\"files\": [...]}})")
        # JSON has no line per entry; count entries from 1 so messages still point somewhere.
        return [(i, {k: v for k, v in obj.items()}) for i, obj in enumerate(data, 1)]
    reader = csv.DictReader(io.StringIO(raw))
    header = reader.fieldnames or []
    unknown = [h for h in header if h not in FIELDS]
    if unknown:
        raise MetadataError(f"{path} line 1, field {unknown[0]!r}: unknown column; the columns are "
                            + ", ".join(FIELDS))
    if "file" not in header:
        raise MetadataError(f"{path} line 1: the header has no 'file' column")
    return [(reader.line_num, row) for row in reader]


def _date(value: str, path: Path, where: str, field: str) -> str:
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise MetadataError(f"{path} {where}, field {field!r}: cannot read {value!r} as a date; use YYYY-MM-DD") from None


def load_metadata(path: Path, papers: set[str]) -> dict[str, FileMetadata]:
    """Entries by paper path (as ``papers`` names them); ``papers`` are the files being indexed."""
    path = Path(path)
    out: dict[str, FileMetadata] = {}
    by_name: dict[str, list[str]] = {}
    for p in papers:
        by_name.setdefault(Path(p).name, []).append(p)
    for n, row in _rows(path):
        where = f"entry {n}" if path.suffix.lower() == ".json" else f"line {n}"
        unknown = [k for k in row if k not in FIELDS]
        if unknown:
            raise MetadataError(f"{path} {where}, field {unknown[0]!r}: unknown field; the fields are " + ", ".join(FIELDS))
        values = {k: (str(v).strip() if v is not None else "") for k, v in row.items()}
        file = values.get("file", "").replace("\\", "/").lstrip("./")
        if not file:
            raise MetadataError(f"{path} {where}, field 'file': empty; give the paper's path")
        key = file if file in papers else (by_name.get(file, [None])[0] if len(by_name.get(file, [])) == 1 else None)
        if key is None:
            raise MetadataError(f"{path} {where}, field 'file': no paper {file!r} among the files being indexed")
        if key in out:
            raise MetadataError(f"{path} {where}, field 'file': {file!r} is listed twice")
        kw = {}
        for field in FIELDS[1:]:
            v = values.get(field, "")
            if not v:
                continue
            if field in ("meeting_date", "document_date"):
                v = _date(v, path, where, field)
            elif field == "type" and v not in TYPES:
                raise MetadataError(f"{path} {where}, field 'type': {v!r} is not a type; use one of " + ", ".join(TYPES))
            kw[field] = v
        out[key] = FileMetadata(**kw)
    return out


def find_metadata_file(root: Path) -> Path | None:
    """``metadata.csv`` / ``metadata.json`` in a folder being indexed, if there is one."""
    if not Path(root).is_dir():
        return None
    found = [Path(root) / n for n in NAMES if (Path(root) / n).is_file()]
    if len(found) > 1:
        raise MetadataError(f"{root}: both metadata.csv and metadata.json; keep one")
    return found[0] if found else None
