"""Read archive files (PDF, .txt, .md) into clean text with a page map.

PDFs are extracted page by page with pypdf; ligatures are normalised (NFKC), words hyphenated at
line ends are re-joined, and running headers/footers (page furniture) are stripped, with the
printed page number kept in the page map. Text files must be UTF-8. Markdown-ish marks left by
PDF-to-text conversion (``**``, ``#``, ``<p>``, ``<u>``) are removed; lines that were marked as
headings are remembered so the structure stage can use them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path

from .ocr import OcrUnavailable, PageOcr, needs_ocr
from .pdftext import page_lines
from .records import LineStyle, PageSpan, SourceText

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".md"}


class SourceError(Exception):
    """A file that cannot be indexed; ``reason`` is one short line a person can act on."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def discover(paths: list[Path], problems: list[tuple[str, str]] | None = None) -> list[tuple[Path, str]]:
    """Supported files under ``paths`` as (absolute path, display path), sorted, no duplicates.

    What cannot be looked into is not skipped in silence: a folder that cannot be read, a broken
    link and a link that loops back are added to ``problems`` as (display path, reason)."""
    found: dict[Path, str] = {}
    problems = [] if problems is None else problems
    for root in paths:
        root = Path(root)
        if not root.exists() and not root.is_symlink():
            raise FileNotFoundError(f"{root}: no such file or folder")
        if root.is_file():
            found.setdefault(root.resolve(), root.name)
            continue
        for p, display in _walk(root, problems):
            found.setdefault(p.resolve(), display)
    return sorted(((p, d) for p, d in found.items()), key=lambda x: x[1])


def _walk(root: Path, problems: list[tuple[str, str]]):
    """(path, display path) of the papers under ``root``, following links to folders once."""
    def noted(exc: OSError) -> None:
        rel = Path(exc.filename).relative_to(root).as_posix() if exc.filename else str(root)
        problems.append((rel + "/", f"folder cannot be read ({(exc.strerror or str(exc)).lower()})"))

    seen = {root.resolve()}
    for folder, dirs, names in os.walk(root, onerror=noted, followlinks=True):
        here = Path(folder)
        dirs.sort()
        for d in list(dirs):
            real = (here / d).resolve()
            if real == here.resolve() or real in here.resolve().parents:
                problems.append(((here / d).relative_to(root).as_posix() + "/",
                                 "symbolic link loop (it points back to a folder above it); not followed"))
                dirs.remove(d)
            elif real in seen:
                dirs.remove(d)  # a second way into a folder already read
            else:
                seen.add(real)
        for name in sorted(names):
            p = here / name
            if name.startswith(".") or p.suffix.lower() not in SUPPORTED_SUFFIXES or name.lower() == "readme.md":
                continue  # hidden files, other types, and folder notes are not archive papers
            if p.is_symlink() and not p.exists():
                problems.append((p.relative_to(root).as_posix(), "broken symbolic link (its target is gone)"))
            elif p.is_file():
                yield p, p.relative_to(root).as_posix()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_source(path: Path, display: str, data: bytes | None = None, ocr: PageOcr | None = None) -> SourceText:
    """The file's cleaned text; PDF pages without usable text are OCR'd when ``ocr`` is given."""
    data = path.read_bytes() if data is None else data
    if not data.strip():
        raise SourceError(display, "empty file (0 bytes of text)")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return _read_pdf(display, data, ocr)
    if suffix in (".txt", ".md"):
        return _read_text(display, data, suffix[1:])
    raise SourceError(display, f"unsupported file type {suffix!r} (use .pdf, .txt or .md)")


# --- text files -------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# A tag's attributes, written as HTML writes them ('<ul style="list-style-type: none">' was quoted
# in answers): "x <b and c> y" or "<a.smith@council.gov.uk>" are text, not tags.
_ATTRS = r"""(?:\s+[\w:-]+\s*=\s*(?:"[^"\n]*"|'[^'\n]*'|[^\s"'<>]+))*\s*/?>"""
# Block tags part words ("Neglect</li><li>Abuse"); inline marks do not.
_BLOCK_TAGS = re.compile(rf"</?(?:ul|ol|li|br|div){_ATTRS}", re.I)
_INLINE_MARKS = re.compile(rf"\*\*|__|</?(?:a|u|b|i|em|strong|sup|sub|span){_ATTRS}|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", re.I)
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
    control = sum(1 for ch in raw[:100_000] if ch < " " and ch not in "\t\n\r\f")
    if "\x00" in raw or control > max(2, len(raw[:100_000]) // 100):
        # Valid UTF-8, but not text a person wrote: a binary file saved as .txt.
        raise SourceError(display, "binary data, not text (it holds NUL or other control characters); "
                                   "export the paper as text or PDF")
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
        line = _BLOCK_TAGS.sub(" ", line)
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


def _read_pdf(display: str, data: bytes, ocr: PageOcr | None = None) -> SourceText:
    if not re.search(rb"%PDF-\d", data[:1024]):
        head = data[:5].decode("latin-1").encode("unicode_escape").decode()
        raise SourceError(display, f"not a PDF file (no %PDF- header; it starts with {head!r})")
    # pypdf logs its own warnings ("EOF marker not found") without the file name; the reason
    # we raise says what matters, once.
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)
    try:
        return _read_pdf_quiet(display, data, ocr)
    finally:
        pypdf_log.setLevel(level)


def _read_pdf_quiet(display: str, data: bytes, ocr: PageOcr | None = None) -> SourceText:
    reader, n = _open_pdf(display, data)
    labels = _page_labels(reader, n, display)
    pages_lines, pages_styles = _extract_pages(reader, display)
    sha = sha256_bytes(data)
    ocr_pages, unread = _ocr_pages(display, data, sha, pages_lines, pages_styles, ocr)
    if not any(ln.strip() for lines in pages_lines for ln in lines):
        raise SourceError(display, unread or f"no text layer in {n} page(s) (scanned image?); OCR is turned off")

    furniture = _running_lines(pages_lines)
    header = _running_header(pages_lines, furniture)
    furniture_lines = _furniture_text(pages_lines, furniture)
    vocab = _vocabulary(pages_lines)
    pairs = _word_pairs(pages_lines)
    pages_lines = [[_mend_split_words(ln, vocab, pairs) for ln in lines] for lines in pages_lines]
    text, spans, page_styles = _join_pages(pages_lines, pages_styles, furniture, labels, ocr_pages, vocab)
    # A hyphenated word can also break across a page boundary.
    text, spans = _dehyphenate_across_pages(text, spans, vocab)
    styles_at = {span.start + off: st for span, starts in zip(spans, page_styles) for off, st in starts}
    body_size = _body_size(text, styles_at)
    title = _pdf_title(reader)
    bold_share = _bold_share(text, styles_at)
    headings = {off for off, st in styles_at.items() if _heading_style(text, off, st, body_size, bold_share)}
    return SourceText(display, "pdf", sha, text, spans, headings, title, header,
                      furniture=furniture_lines, styles=styles_at, body_size=body_size, unread=unread)


def _open_pdf(display: str, data: bytes):
    """The file's PdfReader and its number of pages; SourceError when pypdf cannot read it."""
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
    return reader, n


def _page_labels(reader, n: int, display: str) -> list[str | None]:
    """Each page's label ("iv", "A-3") where the PDF gives page labels, else None."""
    labels: list[str | None] = [None] * n
    try:
        if "/PageLabels" in reader.trailer["/Root"]:
            labels = list(reader.page_labels)
    except Exception:
        log.warning("%s: could not read page labels", display)
    return labels


def _extract_pages(reader, display: str) -> tuple[list[list[str]], list[list[LineStyle | None]]]:
    """Each page's lines (NFKC, trailing space dropped) and their styles."""
    pages_lines: list[list[str]] = []
    pages_styles: list[list[LineStyle | None]] = []
    for i, page in enumerate(reader.pages):
        try:
            pl = page_lines(page)
        except Exception as exc:
            raise SourceError(display, f"corrupt or unreadable PDF page {i + 1} ({type(exc).__name__})") from None
        lines = [unicodedata.normalize("NFKC", ln.replace("\r", "")).rstrip() for ln in pl.lines]
        pages_lines.append(lines)
        pages_styles.append(list(pl.styles))
    return pages_lines, pages_styles


def _join_pages(pages_lines: list[list[str]], pages_styles: list[list[LineStyle | None]], furniture: set[str],
                labels: list[str | None], ocr_pages: set[int], vocab: Counter
                ) -> tuple[str, list[PageSpan], list[list[tuple[int, LineStyle]]]]:
    """The pages' text without their furniture, one newline between pages: the text, each page's
    span, and each page's line styles by offset in the page."""
    text_parts: list[str] = []
    spans: list[PageSpan] = []
    page_styles: list[list[tuple[int, LineStyle]]] = []
    pos = 0
    for i, (lines, styles) in enumerate(zip(pages_lines, pages_styles)):
        keep, printed = _strip_furniture(lines, furniture)
        body, starts = _page_text([lines[k] for k in keep], [styles[k] for k in keep], vocab)
        if text_parts:
            # Join pages with one newline: a sentence may run on to the next page.
            text_parts.append("\n")
            pos += 1
        spans.append(PageSpan(pos, pos + len(body), i + 1, labels[i], printed, ocr=i in ocr_pages))
        page_styles.append(starts)
        text_parts.append(body)
        pos += len(body)
    return "".join(text_parts), spans, page_styles


def _pdf_title(reader) -> str | None:
    """The title in the PDF's document information, if it has one."""
    try:
        meta = reader.metadata
        return (meta.title or "").strip() or None if meta else None
    except Exception:
        return None


def _page_list(pages: list[int]) -> str:
    """1-based page numbers as ranges: "7-15, 18"."""
    out, run = [], [pages[0]]
    for p in pages[1:]:
        if p == run[-1] + 1:
            run.append(p)
        else:
            out.append(run)
            run = [p]
    out.append(run)
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in out)


def _ocr_pages(display: str, data: bytes, sha: str, pages_lines: list[list[str]], pages_styles: list[list],
               ocr: PageOcr | None) -> tuple[set[int], str | None]:
    """OCR the pages without usable text, in place: (0-based pages now read by OCR, why some
    pages stay unread, if any)."""
    todo = [i for i, lines in enumerate(pages_lines) if needs_ocr(lines)]
    if not todo or ocr is None:
        return set(), None
    done: set[int] = set()
    try:
        for i in ocr.progress(todo, display):
            text = ocr.page_text(data, sha, i)
            lines = [unicodedata.normalize("NFKC", ln).rstrip() for ln in text.replace("\f", "").splitlines()]
            if needs_ocr(lines):
                continue  # a blank page, or nothing Tesseract could read
            pages_lines[i] = lines
            pages_styles[i] = [None] * len(lines)
            done.add(i)
    except OcrUnavailable as exc:
        left = [i + 1 for i in todo if i not in done]
        return done, f"page(s) {_page_list(left)} have no text layer and were not read: {exc}"
    return done, None


# A line that starts a block of its own, never the wrapped end of the line above; "Agenda Item 7"
# is the stamp committee systems print on the first page of each item's paper.
_NEW_BLOCK = re.compile(r"^\s*(?:[-•*▪●]|\d{1,2}(?:\.\d{1,2})*\.?\s|[a-z]\)|\(?[ivx]+\)|[A-Z][A-Z ]{3,}:?$"
                        r"|Agenda\s+Item\s+\d{1,3}[a-z]?\s*$|[A-Z]{1,6}/\d{2,4}/\d{1,4}\b|(?:[A-Z]|[IVX]{1,5})\.(?:\d{1,2})?\s+[A-Z])")
_HYPHEN_END = re.compile(r"(?<=[A-Za-z])-$")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def _vocabulary(pages_lines: list[list[str]]) -> Counter:
    """Lower-case words of the whole file (hyphenated compounds as one word too): the evidence for
    telling a word broken at a line end ("contri-bution") from a compound ("decision-making")."""
    words: Counter[str] = Counter()
    for lines in pages_lines:
        for ln in lines:
            for w in _WORD.findall(ln):
                lw = w.lower()
                words[lw] += 1
                if "-" in lw:
                    words.update(lw.split("-"))
    return words


_SPLIT_WORD = re.compile(r"\b([A-Za-z]{1,20}) ([a-z]{2,20})\b")


def _mend_split_words(line: str, vocab: Counter, pairs: Counter) -> str:
    """Re-join a word that kerning split with a space ("calend ar", "V alencia"): the joined
    word is a word of the file, and neither piece is one except here."""
    def fix(m: re.Match) -> str:
        a, b = m.group(1), m.group(2)
        joined = (a + b).lower()
        n = pairs[(a.lower(), b)]
        if vocab.get(joined, 0) >= 1 and vocab.get(b, 0) <= n and (len(a) == 1 or vocab.get(a.lower(), 0) <= n):
            return a + b
        return m.group(0)
    return _SPLIT_WORD.sub(fix, line)


def _word_pairs(pages_lines: list[list[str]]) -> Counter:
    pairs: Counter = Counter()
    for lines in pages_lines:
        for ln in lines:
            for m in _SPLIT_WORD.finditer(ln):
                pairs[(m.group(1).lower(), m.group(2))] += 1
    return pairs


def _keep_hyphen(left: str, right: str, vocab: Counter) -> bool:
    """Whether 'left-' at a line end + 'right' is a compound that keeps its hyphen.

    The file's own words decide: the joined word seen elsewhere means a broken word; the
    hyphenated form seen, or two halves that are words of the file, mean a compound.
    """
    lw = re.findall(r"[A-Za-z]+$", left)
    rw = re.findall(r"^[a-z]+", right)
    if not lw or not rw:
        return False
    a, b = lw[0].lower(), rw[0]
    if vocab.get(a + b):
        return False
    if vocab.get(f"{a}-{b}"):
        return True
    # (Each half is counted once from the broken line itself: it must be seen elsewhere too.)
    return len(a) >= 3 and len(b) >= 3 and vocab.get(a, 0) > 1 and vocab.get(b, 0) > 1


def _page_text(lines: list[str], styles: list[LineStyle | None], vocab: Counter
               ) -> tuple[str, list[tuple[int, LineStyle]]]:
    """One page's text and the styles of the lines that start a line of it (offsets in the page).

    Words hyphenated at a line end are re-joined; soft line wraps become spaces (same length,
    so offsets stay valid): pypdf gives one line per printed line and no blank lines between
    paragraphs, and a wrap is a line that fills most of the measure and is followed by a line
    that does not start a new block.
    """
    while lines and not lines[0].strip():
        lines, styles = lines[1:], styles[1:]
    while lines and not lines[-1].strip():
        lines, styles = lines[:-1], styles[:-1]
    lines, styles = list(lines), list(styles)
    i = 0
    while i + 1 < len(lines):
        nxt = lines[i + 1]
        if _HYPHEN_END.search(lines[i]) and nxt[:1].islower():
            # A word broken at the line end loses its hyphen; a compound keeps it; either way the
            # two halves join with no space.
            keep = _keep_hyphen(lines[i][:-1], nxt, vocab)
            lines[i] = (lines[i] if keep else lines[i][:-1]) + nxt
            del lines[i + 1], styles[i + 1]
            continue
        i += 1
    if not lines:
        return "", []
    width = max(len(ln) for ln in lines)
    out: list[str] = []
    starts: list[tuple[int, LineStyle]] = []
    pos = 0
    for i, line in enumerate(lines):
        if i:
            prev = lines[i - 1]
            soft = (bool(prev.strip()) and bool(line.strip()) and not _NEW_BLOCK.match(line)
                    and (line.lstrip()[:1].islower() or len(prev) >= 0.7 * width))
            out.append(" " if soft else "\n")
            pos += 1
            if not soft and styles[i] is not None:
                starts.append((pos, styles[i]))
        elif styles[i] is not None:
            starts.append((0, styles[i]))
        out.append(line)
        pos += len(line)
    return "".join(out), starts


def _body_size(text: str, styles: dict[int, LineStyle]) -> float | None:
    """The font size most of the text is set in (weighted by characters)."""
    weights: Counter[float] = Counter()
    for off, st in styles.items():
        end = text.find("\n", off)
        weights[st.size] += len(text[off: len(text) if end < 0 else end].strip())
    return max(weights.items(), key=lambda kv: (kv[1], -kv[0]))[0] if weights else None


def _heading_style(text: str, off: int, st: LineStyle, body_size: float | None, bold_share: float) -> bool:
    """A line printed larger than the body text, or bold where most text is not: a heading mark."""
    end = text.find("\n", off)
    line = text[off: len(text) if end < 0 else end].strip()
    words = line.split()
    if not words or len(words) > 20 or "\t" in line or not re.search(r"[A-Za-z]", line):
        return False
    if body_size and st.size >= 1.15 * body_size:
        return True
    return st.bold and len(words) <= 14 and bold_share < 0.5


def _bold_share(text: str, styles: dict[int, LineStyle]) -> float:
    total = bold = 0
    for off, st in styles.items():
        end = text.find("\n", off)
        n = len(text[off: len(text) if end < 0 else end].strip())
        total += n
        bold += n if st.bold else 0
    return bold / total if total else 0.0


def _norm_furniture(line: str) -> str:
    # Digits masked (page numbers, print dates); spacing ignored (a page read in layout mode
    # separates the same header's parts with a tab).
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))


def _running_lines(pages_lines: list[list[str]]) -> set[str]:
    """Lines (digits masked) at the same place at the top or bottom of at least half the pages:
    headers and footers. The same place, not just near an edge: a motion's "Carried" that
    happens to end two pages of three is content."""
    if len(pages_lines) < 2:
        return set()
    counts: Counter[tuple[str, int]] = Counter()
    for lines in pages_lines:
        nonblank = [ln for ln in lines if ln.strip()]
        at = list(enumerate(nonblank[:2])) + [(k - min(3, len(nonblank)), ln)
                                              for k, ln in enumerate(nonblank[-3:])]
        counts.update({(_norm_furniture(ln), pos) for pos, ln in at})
    need = max(2, (len(pages_lines) + 1) // 2)
    return {k for (k, _), c in counts.items() if c >= need and k}


def _furniture_text(pages_lines: list[list[str]], furniture: set[str]) -> list[str]:
    """The running header and footer lines as the second page prints them (a letterhead that
    repeats on every page names the organisation: detection reads them as hints)."""
    out: list[str] = []
    for lines in pages_lines[1:2] + pages_lines[:1]:
        for ln in lines:
            s = ln.strip()
            if s and _norm_furniture(s) in furniture and not _PAGE_NO.match(s) and s not in out:
                out.append(s)
    return out


def _running_header(pages_lines: list[list[str]], furniture: set[str]) -> str | None:
    """The running header's text (it often names the meeting, date and item), if there is one."""
    for lines in pages_lines[1:] + pages_lines[:1]:
        first = next((ln for ln in lines if ln.strip()), "")
        if _norm_furniture(first) in furniture and not _PAGE_NO.match(first):
            return first.strip()
    return None


def _strip_furniture(lines: list[str], furniture: set[str]) -> tuple[list[int], str | None]:
    """Indices of the lines to keep, and the page number the page prints."""
    printed = None
    # Only look at the first two and last three non-blank lines: furniture lives at the edges.
    idx = [i for i, ln in enumerate(lines) if ln.strip()]
    edges = idx[:2] + idx[-3:]
    drop = set()
    for i in edges:
        ln = lines[i]
        m = _PAGE_NO.match(ln)
        if m:
            printed = printed or m.group(1)
            drop.add(i)
        elif _norm_furniture(ln) in furniture:
            # "Page 4", or a browser's print footer ending "4/72".
            m2 = re.search(r"\bpage\s+(\d{1,4})\b", ln, re.I) or re.search(r"(?<![\d/])(\d{1,4})\s*/\s*\d{1,4}\s*$", ln)
            if m2:
                printed = printed or m2.group(1)
            drop.add(i)
    return [i for i in range(len(lines)) if i not in drop], printed


def _dehyphenate_across_pages(text: str, spans: list[PageSpan], vocab: Counter) -> tuple[str, list[PageSpan]]:
    out = text
    new_spans = list(spans)
    for k in range(len(spans) - 1, 0, -1):
        boundary = spans[k].start  # the "\n" joining page k-1 and k sits at boundary-1
        if boundary >= 2 and out[boundary - 2] == "-" and out[boundary - 1] == "\n" and boundary < len(out) \
                and out[boundary].islower() and out[boundary - 3 : boundary - 2].isalpha() \
                and not _keep_hyphen(out[max(0, boundary - 40): boundary - 2], out[boundary: boundary + 40], vocab):
            out = out[: boundary - 2] + out[boundary:]
            # Shift this and later pages back by the two removed characters.
            # (dataclasses.replace keeps every other field, the OCR flag among them.)
            new_spans[k - 1] = dataclasses.replace(new_spans[k - 1], end=boundary - 2)
            for j in range(k, len(new_spans)):
                s = new_spans[j]
                new_spans[j] = dataclasses.replace(s, start=s.start - 2, end=s.end - 2)
    return out, new_spans
