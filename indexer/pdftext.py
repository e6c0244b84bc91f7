"""One PDF page as lines of text in reading order, each with its font size and weight.

pypdf's plain extraction writes text in content-stream order. That is reading order for most
exports, but not for all: a web page printed to PDF may draw a table of votes before the item
it belongs to, and a form may draw its footer first. We watch where each text run is drawn (the
``visitor_text`` callback gives its position, font and size) and, when the stream jumps back up
the page above the block it was drawing, put a one-column page's lines in order from top to
bottom (pypdf's layout mode orders by position too, but it runs table cells together).

The same positions mend two artefacts of plain extraction: a line break pypdf puts between two
runs on one baseline (a word split after its first letter, "N\\notice"; a table's cells one per
line) becomes nothing, a space or a tab by the gap between the runs. Font size and weight per
line are kept: headings and the title block of a paper are larger or bold.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .records import LineStyle

# A font whose name says it is heavier than regular ("Arial-BoldMT", "Calibri,Bold", "Lato-Black").
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.I)
# Characters of body text drawn before a jump back up the page that make the order suspect: a
# footer line or a page number drawn first is common and harmless (furniture removal finds it).
OUT_OF_ORDER_CHARS = 60


@dataclass
class _Run:
    text: str
    x: float
    y: float
    size: float
    bold: bool
    upright: bool


@dataclass
class PageLines:
    lines: list[str]
    styles: list[LineStyle | None]
    reordered: bool  # True when the stream's order was not reading order and blocks were put in order


def _matrix(tm, cm) -> tuple[float, float, float, float, float, float]:
    a = tm[0] * cm[0] + tm[1] * cm[2]
    b = tm[0] * cm[1] + tm[1] * cm[3]
    c = tm[2] * cm[0] + tm[3] * cm[2]
    d = tm[2] * cm[1] + tm[3] * cm[3]
    e = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    f = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    return a, b, c, d, e, f


def _font_name(font_dict) -> str:
    try:
        return str(font_dict.get("/BaseFont", "")) if font_dict is not None else ""
    except Exception:  # a damaged font dictionary: no name, not bold
        return ""


def _runs(page) -> tuple[str, list[_Run]]:
    runs: list[_Run] = []

    def visit(text, cm, tm, font_dict, font_size):
        try:
            a, b, c, d, e, f = _matrix(tm, cm)
            size = abs(float(font_size)) * ((c * c + d * d) ** 0.5 or 1.0)
        except (TypeError, ValueError, IndexError):
            a, b, e, f, size = 1.0, 0.0, 0.0, 0.0, 0.0
        runs.append(_Run(text, e, f, round(size, 1), bool(_BOLD_FONT.search(_font_name(font_dict))),
                         abs(b) <= abs(a)))

    text = page.extract_text(visitor_text=visit) or ""
    return text, runs


def _char_em(ch: str) -> float:
    if ch in "ijlI.,:;'!|()[]ft ":
        return 0.3
    if ch in "MWmw":
        return 0.85
    if ch.isupper():
        return 0.68
    return 0.56 if ch.isdigit() else 0.52


def _est_width(text: str, size: float) -> float:
    """Rough advance width of a run from typical proportional-font widths (no font metrics needed:
    it only has to tell a word broken in two from a space or a cell gap)."""
    return size * sum(_char_em(c) for c in text.rstrip("\n"))


def _join(prev: _Run, nxt: _Run) -> str | None:
    """What should stand between two runs that pypdf separated by a line break, or None to keep it."""
    if not (prev.upright and nxt.upright) or prev.size <= 0:
        return None
    if abs(nxt.y - prev.y) > 0.25 * max(prev.size, nxt.size) or nxt.x < prev.x:
        return None
    gap = nxt.x - (prev.x + _est_width(prev.text, prev.size))
    head = prev.text.strip()
    if len(head) <= 4 and head[-1:].isalpha() and nxt.text[:1].isalpha() and gap < 0.2 * prev.size:
        return ""  # a word split after its first letters ("N" / "otice", "INS" / "TRUCTIONS")
    return "\t" if gap > 2.5 * prev.size else " "


def _new_line(prev: _Run, nxt: _Run) -> bool:
    """Whether a run that pypdf appended to the current line is clearly drawn on another line."""
    if not (prev.upright and nxt.upright) or prev.size <= 0 or nxt.size <= 0:
        return False
    return abs(nxt.y - prev.y) > 1.5 * max(prev.size, nxt.size)


def _is_out_of_order(runs: list[_Run]) -> bool:
    """Whether the stream jumps back above the block it has been drawing, after real text.

    A second column starts level with the top of the first, so it is not a jump; a table drawn
    cell by cell goes back only to the top of its row.
    """
    block_top = None
    chars = 0
    prev_y = None
    for r in runs:
        t = r.text.strip()
        if not t or not r.upright or r.size <= 0:
            continue
        line = max(r.size, 6.0)
        if block_top is None:
            block_top, prev_y = r.y, r.y
            chars = len(t)
            continue
        if r.y > block_top + 2 * line and chars >= OUT_OF_ORDER_CHARS:
            return True
        if r.y > prev_y + 2 * line:
            block_top, chars = r.y, 0  # a new block (the next column, the next table row)
        block_top = max(block_top, r.y)
        chars += len(t)
        prev_y = r.y
    return False


class _LineBuilder:
    """A page's lines as runs are added to them, each with where it starts and its style."""

    def __init__(self):
        self.lines: list[str] = []
        self.styles: list[LineStyle | None] = []
        self.ys: list[float | None] = []
        self.xs: list[float | None] = []
        self._clear()

    def _clear(self) -> None:
        self.cur: list[str] = []  # the open line's pieces
        self.y: float | None = None  # where the open line's first upright text is drawn
        self.x: float | None = None
        self.weights: Counter = Counter()  # characters by font size
        self.bold_chars = 0
        self.total = 0

    def has_text(self) -> bool:
        return bool("".join(self.cur).strip())

    def add(self, seg: str, r: _Run) -> None:
        """A piece of run ``r`` without line breaks, on the open line."""
        self.cur.append(seg)
        n = len(seg.strip())
        if n and self.y is None and r.upright:
            self.y, self.x = r.y, r.x
        if n:
            self.weights[r.size] += n
            self.total += n
            self.bold_chars += n if r.bold else 0

    def end_line(self) -> None:
        """Close the open line: its style is its commonest size, bold when most of it is."""
        self.lines.append("".join(self.cur))
        self.ys.append(self.y)
        self.xs.append(self.x)
        if self.total:
            size = max(self.weights.items(), key=lambda kv: (kv[1], kv[0]))[0]
            self.styles.append(LineStyle(size, self.bold_chars / self.total >= 0.8))
        else:
            self.styles.append(None)
        self._clear()


def _styled_lines(text: str, runs: list[_Run]) -> tuple[list[str], list[LineStyle | None], list[float | None],
                                                       list[float | None]]:
    """Split the page text into lines, mending same-baseline breaks, with each line's style."""
    out = _LineBuilder()
    pos = 0
    prev_run: _Run | None = None
    for k, r in enumerate(runs):
        piece = r.text
        pos += len(piece)
        if not piece:
            continue
        if out.has_text() and prev_run is not None and piece.strip() and _new_line(prev_run, r):
            out.end_line()  # drawn on another line, but pypdf ran it on ("… ensuring the" + "Agenda Item 7")
        if piece.strip():
            prev_run = r
        if piece.endswith("\n") and k + 1 < len(runs):
            nxt = next((x for x in runs[k + 1:] if x.text.strip()), None)
            joiner = _join(r, nxt) if nxt is not None and piece.strip() and piece.count("\n") == 1 else None
            if joiner is not None:
                piece = piece[:-1] + joiner
        for i, seg in enumerate(piece.split("\n")):
            if i:
                out.end_line()
            if seg:
                out.add(seg, r)
    out.end_line()
    if pos != len(text):  # the visitor saw something else than the text: styles unknown
        n = text.count("\n") + 1
        return text.split("\n"), [None] * n, [None] * n, [None] * n
    return out.lines, out.styles, out.ys, out.xs


def _reading_order(lines: list[str], styles: list[LineStyle | None], ys: list[float | None],
                   xs: list[float | None], width: float) -> tuple[list[str], list[LineStyle | None]]:
    """The lines top to bottom, for a one-column page whose stream is out of order (a table of
    votes drawn before the text above it, a footer drawn first). A page with text in two columns
    keeps the stream's order: sorting it by height would interleave the columns."""
    starts = [x for x in xs if x is not None]
    if not starts or sum(x > 0.45 * width for x in starts) > 0.2 * len(starts):
        return lines, styles
    order, last = [], None
    for i, y in enumerate(ys):
        # A line with no position (a blank line) stays after the line before it.
        last = y if y is not None else last
        order.append((-(last if last is not None else 0.0), i))
    order.sort()
    return [lines[i] for _, i in order], [styles[i] for _, i in order]


def _form_fields(page) -> list[tuple[str, float, float, float, float]]:
    """Filled-in text fields of the page's form (value, x0, y0, x1, y1): extraction leaves them out."""
    out = []
    try:
        annots = page.get("/Annots") or []
        for ref in annots:
            a = ref.get_object()
            if a.get("/Subtype") != "/Widget":
                continue
            field = a if "/FT" in a else (a.get("/Parent").get_object() if a.get("/Parent") else a)
            value = field.get("/V")
            if field.get("/FT") != "/Tx" or not isinstance(value, str) or not value.strip():
                continue
            x0, y0, x1, y1 = (float(v) for v in a.get("/Rect"))
            out.append((value, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    except Exception:  # a damaged annotation: the page's own text is still good
        return []
    return out


def _fill_fields(lines: list[str], styles: list, ys: list, fields) -> tuple[list[str], list]:
    """Put form values where they are printed: into the blank ("___") of the line they sit on,
    after a label ending in ':', or as lines of their own below the line above them."""
    lines, styles = list(lines), list(styles)
    extra: list[tuple[int, list[str]]] = []
    on_line: dict[int, list[tuple[float, str]]] = {}
    for value, x0, y0, x1, y1 in fields:
        parts = [v.strip() for v in value.replace("\r", "\n").split("\n") if v.strip()]
        if not parts:
            continue
        mid = (y0 + y1) / 2
        near = [(abs(y - mid), i) for i, y in enumerate(ys) if y is not None and y0 - 4 <= y <= y1 + 2]
        if len(parts) == 1 and near:
            on_line.setdefault(min(near)[1], []).append((x0, parts[0]))
            continue
        above = [i for i, y in enumerate(ys) if y is not None and y > y1 - 2]
        extra.append((max(above) if above else -1, parts))
    for i, vals in on_line.items():
        for _, v in sorted(vals):  # left to right: the n-th field fills the n-th blank
            if re.search(r"_{2,}", lines[i]):
                lines[i] = re.sub(r"_{2,}", v, lines[i], count=1)
            else:
                lines[i] = lines[i].rstrip() + " " + v
    for at, parts in sorted(extra, reverse=True):
        lines[at + 1: at + 1] = parts
        styles[at + 1: at + 1] = [None] * len(parts)
    return lines, styles


def page_lines(page) -> PageLines:
    """The page's lines in reading order with their styles (None where unknown)."""
    text, runs = _runs(page)
    lines, styles, ys, xs = _styled_lines(text, runs)
    fields = _form_fields(page)
    if fields:
        lines, styles = _fill_fields(lines, styles, ys, fields)
        ys = xs = [None] * len(lines)  # the filled-in lines have no position of their own
    if _is_out_of_order(runs) and not fields:
        try:
            width = float(page.mediabox.width)
        except Exception:  # no usable media box: assume the widest text sets the width
            width = max((x for x in xs if x is not None), default=0.0) * 1.2
        lines, styles = _reading_order(lines, styles, ys, xs, width)
        return PageLines(lines, styles, True)
    return PageLines(lines, styles, False)
