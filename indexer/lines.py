"""Lines of a document's text, and what a line looks like: a heading, a minute number, an item heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import SourceText


@dataclass
class Line:
    start: int
    end: int
    text: str
    marked: bool  # marked as a heading in the source (Markdown #)

    @property
    def stripped(self) -> str:
        return self.text.strip()


def split_lines(src: SourceText) -> list[Line]:
    out, pos = [], 0
    for raw in src.text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw, pos in src.heading_offsets))
        pos += len(raw) + 1
    return out


NUMBERED_HEADING = re.compile(r"^(?:- )?(\d{1,2})(?:\.0)?\.?\s+([A-Z'‘\"].{1,140})$")
# Not a time range such as "09.00 – 9.15" in an agenda's timetable.
MINUTE_NO = re.compile(r"^(?:- )?((?!0\d)\d{1,2}\.\d{1,2}(?:\.\d{1,2})*)\.?\s+(?![–-]\s*\d)\S")
SENTENCE_END = re.compile(r"[.;:,]$")


def is_heading(line: Line) -> bool:
    s = line.stripped
    if not s or "\t" in line.text or len(s) > 150:
        return False
    if s.startswith(("- ", "• ", "(", "[")) and not NUMBERED_HEADING.match(s):
        return False
    if MINUTE_NO.match(s):
        return False
    if line.marked:
        return True
    words = s.split()
    if len(words) > 14 or SENTENCE_END.search(s) or s.endswith("?"):
        return False
    if NUMBERED_HEADING.match(s):
        return True
    # Short title-like line: starts with a capital, few words, mostly capitalised words.
    if not s[0].isupper() or len(words) > 10:
        return False
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return caps / len(words) >= 0.5 and len(s) <= 90


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow ``text[start:end]`` to exclude surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end




def opens_item(lines: list[Line], k: int) -> bool:
    """'3. To receive any items of business which …' followed by minute 3.1: an item heading,
    however long (PDF minutes have no heading marks, and item titles can be long)."""
    m = NUMBERED_HEADING.match(lines[k].stripped)
    if not m or SENTENCE_END.search(lines[k].stripped):
        return False
    nxt = next((ln.stripped for ln in lines[k + 1: k + 4] if ln.stripped), "")
    m2 = MINUTE_NO.match(nxt)
    return bool(m2) and m2.group(1).split(".")[0] == m.group(1)


def minute_number(text: str) -> str | None:
    """Minute paragraph numbers (7.2.13) found at line starts in a chunk: first, or first–last."""
    nums = [m.group(1) for m in (MINUTE_NO.match(l.strip()) for l in text.split("\n")) if m]
    if not nums:
        return None
    return nums[0] if len(nums) == 1 else f"{nums[0]}–{nums[-1]}"
