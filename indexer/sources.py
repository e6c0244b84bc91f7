"""Read archive files (PDF, .txt, .md) into clean text with a page map.

PDFs are extracted page by page with pypdf; ligatures are normalised (NFKC), words hyphenated at
line ends are re-joined, and running headers/footers (page furniture) are stripped, with the
printed page number kept in the page map. Text files must be UTF-8. Markdown-ish marks left by
PDF-to-text conversion (``**``, ``#``, ``<p>``, ``<u>``) are removed; lines that were marked as
headings are remembered so the structure stage can use them.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections import Counter
from pathlib import Path

from .records import PageSpan, SourceText

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".md"}


class SourceError(Exception):
    """A file that cannot be indexed; ``reason`` is one short line a person can act on."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def discover(paths: list[Path]) -> list[tuple[Path, str]]:
    """Supported files under ``paths`` as (absolute path, display path), sorted, no duplicates."""
    found: dict[Path, str] = {}
    for root in paths:
        root = Path(root)
        if not root.exists():
            raise FileNotFoundError(f"{root}: no such file or folder")
        if root.is_file():
            found.setdefault(root.resolve(), root.name)
            continue
        for p in sorted(root.rglob("*")):
            if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.startswith("."):
                if p.name.lower() == "readme.md":
                    continue  # folder notes, not archive papers
                found.setdefault(p.resolve(), p.relative_to(root).as_posix())
    return sorted(((p, d) for p, d in found.items()), key=lambda x: x[1])


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(path: Path, display: str, data: bytes | None = None) -> SourceText:
    data = path.read_bytes() if data is None else data
    if not data.strip():
        raise SourceError(display, "empty file (0 bytes of text)")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _read_pdf(display, data)
    if suffix in (".txt", ".md"):
        return _read_text(display, data, suffix[1:])
    raise SourceError(display, f"unsupported file type {suffix!r} (use .pdf, .txt or .md)")


# --- text files -------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_INLINE_MARKS = re.compile(r"\*\*|__|</?(?:u|b|i|em|strong|sup|sub|span|ul|li|br)\s*/?>|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", re.I)
_P_OPEN = re.compile(r"<p>\s*", re.I)
_P_CLOSE = re.compile(r"\s*</p>", re.I)
_MD_TABLE_RULE = re.compile(r"^\s*(?:- )?\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MD_TABLE_ROW = re.compile(r"^\s*(?:- )?\|.*\|\s*$")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(#?[^)]*\)")


def _read_text(display: str, data: bytes, kind: str) -> SourceText:
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            display,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-save the file as UTF-8",
        ) from None
    raw = unicodedata.normalize("NFKC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    out_lines: list[str] = []
    headings: set[int] = set()
    pos = 0
    for line in raw.split("\n"):
        if _MD_TABLE_RULE.match(line):
            line = ""  # the |---|---| rule under a Markdown table header carries no text
        elif _MD_TABLE_ROW.match(line):
            # Markdown table row -> tab-separated cells, like the other tables in the archive.
            cells = [c.strip() for c in line.strip().lstrip("-").strip().strip("|").split("|")]
            line = "\t".join(cells)
        is_heading = bool(_MD_HEADING.match(line))
        line = _MD_HEADING.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _P_OPEN.sub("", line)
        # Paragraphs inside one table cell: keep the row on one line, separated by a space.
        line = _P_CLOSE.sub(" ", line)
        line = _INLINE_MARKS.sub("", line)
        line = re.sub(r"[ \u00a0]+$", "", line)
        line = re.sub(r" {2,}", " ", line)
        if is_heading and line.strip():
            headings.add(pos)
        out_lines.append(line)
        pos += len(line) + 1
    text = "\n".join(out_lines)
    if not text.strip():
        raise SourceError(display, "no text in file")
    return SourceText(display, kind, sha256_bytes(data), text, [], headings)


# --- PDFs -------------------------------------------------------------------------------------

_PAGE_NO = re.compile(
    r"^\s*(?:page\s+)?[-–]?\s*(\d{1,4}|[ivxlc]{1,6})\s*[-–]?(?:\s+of\s+\d{1,4})?\s*$", re.I)
_HYPHEN_BREAK = re.compile(r"(?<=[A-Za-z])-\n(?=[a-z])")


def _read_pdf(display: str, data: bytes) -> SourceText:
    if not re.search(rb"%PDF-\d", data[:1024]):
        head = data[:5].decode("latin-1").encode("unicode_escape").decode()
        raise SourceError(display, f"not a PDF file (no %PDF- header; it starts with {head!r})")
    # pypdf logs its own warnings ("EOF marker not found") without the file name; the reason
    # we raise says what matters, once.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)
    try:
        return _read_pdf_quiet(display, data)
    finally:
        pypdf_log.setLevel(level)


def _read_pdf_quiet(display: str, data: bytes) -> SourceText:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # An empty user password still allows reading; anything else needs the owner.
            try:
                ok = reader.decrypt("")
            except Exception:
                ok = 0
            if not ok:
                raise SourceError(display, "encrypted PDF (password protected); supply an unencrypted copy")
        n = len(reader.pages)
    except SourceError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise SourceError(display, f"corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from None
    except Exception as exc:  # pypdf raises many types on damaged files; name it and move on
        raise SourceError(display, f"corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from None
    if n == 0:
        raise SourceError(display, "PDF has no pages")

    labels: list[str | None] = [None] * n
    try:
        if "/PageLabels" in reader.trailer["/Root"]:
            labels = list(reader.page_labels)
    except Exception:
        log.warning("%s: could not read page labels", display)

    pages_lines: list[list[str]] = []
    for i, page in enumerate(reader.pages):
        try:
            raw = page.extract_text() or ""
        except Exception as exc:
            raise SourceError(display, f"corrupt or unreadable PDF page {i + 1} ({type(exc).__name__})") from None
        raw = unicodedata.normalize("NFKC", raw.replace("\r\n", "\n").replace("\r", "\n"))
        pages_lines.append([ln.rstrip() for ln in raw.split("\n")])

    if not any(ln.strip() for lines in pages_lines for ln in lines):
        raise SourceError(display, f"no text layer in {n} page(s) (scanned image?); run OCR first")

    furniture = _running_lines(pages_lines)
    header = _running_header(pages_lines, furniture)
    text_parts: list[str] = []
    spans: list[PageSpan] = []
    pos = 0
    for i, lines in enumerate(pages_lines):
        lines, printed = _strip_furniture(lines, furniture)
        # Re-join hyphenated words first: the wrap they sit on must not become a space.
        body = _reflow(_HYPHEN_BREAK.sub("", "\n".join(lines).strip("\n")))
        if text_parts:
            # Join pages with one newline: a sentence may run on to the next page.
            text_parts.append("\n")
            pos += 1
        spans.append(PageSpan(pos, pos + len(body), i + 1, labels[i], printed))
        text_parts.append(body)
        pos += len(body)
    text = "".join(text_parts)
    # A hyphenated word can also break across a page boundary.
    text, spans = _dehyphenate_across_pages(text, spans)
    title = None
    try:
        meta = reader.metadata
        title = (meta.title or "").strip() or None if meta else None
    except Exception:
        title = None
    return SourceText(display, "pdf", sha256_bytes(data), text, spans, set(), title, header)


_NEW_BLOCK = re.compile(r"^\s*(?:[-•*▪●]|\d{1,2}(?:\.\d{1,2})*\.?\s|[a-z]\)|\(?[ivx]+\)|[A-Z][A-Z ]{3,}:?$)")


def _reflow(text: str) -> str:
    """Turn soft line wraps into spaces (same length, so offsets stay valid).

    pypdf gives one line per printed line and no blank lines between paragraphs; a wrap is a line
    that fills most of the measure and is followed by a line that does not start a new block.
    """
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    width = max(len(l) for l in lines)
    out = []
    for i, line in enumerate(lines):
        out.append(line)
        if i == len(lines) - 1:
            break
        nxt = lines[i + 1]
        soft = (bool(line.strip()) and bool(nxt.strip()) and not _NEW_BLOCK.match(nxt)
                and (nxt.lstrip()[:1].islower() or len(line) >= 0.7 * width))
        out.append(" " if soft else "\n")
    return "".join(out)


def _norm_furniture(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _running_lines(pages_lines: list[list[str]]) -> set[str]:
    """Lines (digits masked) at the top or bottom of at least half the pages: headers/footers."""
    if len(pages_lines) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages_lines:
        nonblank = [ln for ln in lines if ln.strip()]
        edge = set(_norm_furniture(ln) for ln in nonblank[:2] + nonblank[-3:])
        counts.update(edge)
    need = max(2, (len(pages_lines) + 1) // 2)
    return {k for k, c in counts.items() if c >= need and k}


def _running_header(pages_lines: list[list[str]], furniture: set[str]) -> str | None:
    """The running header's text (it often names the meeting, date and item), if there is one."""
    for lines in pages_lines[1:] + pages_lines[:1]:
        first = next((ln for ln in lines if ln.strip()), "")
        if _norm_furniture(first) in furniture and not _PAGE_NO.match(first):
            return first.strip()
    return None


def _strip_furniture(lines: list[str], furniture: set[str]) -> tuple[list[str], str | None]:
    printed = None
    out = list(lines)
    # Only look at the first two and last three non-blank lines: furniture lives at the edges.
    idx = [i for i, ln in enumerate(out) if ln.strip()]
    edges = idx[:2] + idx[-3:]
    drop = set()
    for i in edges:
        ln = out[i]
        m = _PAGE_NO.match(ln)
        if m:
            printed = printed or m.group(1)
            drop.add(i)
        elif _norm_furniture(ln) in furniture:
            m2 = re.search(r"\bpage\s+(\d{1,4})\b", ln, re.I)
            if m2:
                printed = printed or m2.group(1)
            drop.add(i)
    return [ln for i, ln in enumerate(out) if i not in drop], printed


def _dehyphenate_across_pages(text: str, spans: list[PageSpan]) -> tuple[str, list[PageSpan]]:
    out = text
    new_spans = list(spans)
    for k in range(len(spans) - 1, 0, -1):
        boundary = spans[k].start  # the "\n" joining page k-1 and k sits at boundary-1
        if boundary >= 2 and out[boundary - 2] == "-" and out[boundary - 1] == "\n" and boundary < len(out) \
                and out[boundary].islower() and out[boundary - 3 : boundary - 2].isalpha():
            out = out[: boundary - 2] + out[boundary:]
            # Shift this and later pages back by the two removed characters.
            prev = new_spans[k - 1]
            new_spans[k - 1] = PageSpan(prev.start, boundary - 2, prev.pdf_page, prev.label, prev.printed)
            for j in range(k, len(new_spans)):
                s = new_spans[j]
                new_spans[j] = PageSpan(s.start - 2, s.end - 2, s.pdf_page, s.label, s.printed)
    return out, new_spans
