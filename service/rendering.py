"""Markup for the pages: passages and documents as escaped HTML with the question's words marked,
cited ranges highlighted, and anchors for items and pages.

Every text that comes from a document or from the person asking is escaped: the helpers here
that build markup escape each piece themselves before they add tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from .retrieval import content_terms


def _term_regex(query: str) -> re.Pattern | None:
    terms = sorted({t for t in content_terms(query or "") if len(t) > 2}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.I)


def highlight(text: str, query: str | None) -> Markup:
    """Escape ``text`` and wrap the query's content words in <mark>.

    Matching runs on the raw text and every piece is escaped on its own, so a query word can never
    land inside an HTML entity (a query "amp" must not split ``&amp;``).
    """
    text = text or ""
    rx = _term_regex(query or "")
    if rx is None:
        return escape(text)
    out, pos = [], 0
    for m in rx.finditer(text):
        out.append(str(escape(text[pos:m.start()])))
        out.append(f'<mark class="term">{escape(m.group(0))}</mark>')
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def tidy(text: str) -> str:
    """Passage text for a quote box: no runs of blank lines, no stray edges."""
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", text or "").strip()


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "x"


def item_anchor(part: int, item: str) -> str:
    return f"item-{part}-{slug(item)}"


@dataclass
class Anchor:
    offset: int
    html: str  # trusted markup built here from escaped values
    order: int = 1  # at one offset: 0 closes a mark, 1 anchors, 2 opens a mark


def render_span(text: str, base: int, anchors: list[Anchor], mark: tuple[int, int] | None,
                query: str | None, mark_id: bool) -> tuple[Markup, bool]:
    """Escaped HTML of ``text`` (which starts at document offset ``base``) with anchors inserted and
    the document range ``mark`` wrapped in <mark>. Returns (html, whether the mark id was used)."""
    end = base + len(text)
    events: list[Anchor] = [a for a in anchors if base <= a.offset < end]
    used_id = False
    if mark is not None:
        ms, me = max(mark[0], base), min(mark[1], end)
        if ms < me:
            attrs = ' id="passage" tabindex="-1"' if mark_id else ""
            used_id = mark_id
            events.append(Anchor(ms, f'<mark class="cited"{attrs}>', 2))
            events.append(Anchor(me, "</mark>", 0))
    events.sort(key=lambda a: (a.offset, a.order))
    out, pos = [], base
    inside = False
    for ev in events:
        seg = text[pos - base: ev.offset - base]
        out.append(str(highlight(seg, query) if inside and query else escape(seg)))
        pos = ev.offset
        if ev.order == 2:
            inside = True
        elif ev.order == 0:
            inside = False
        out.append(ev.html)
    seg = text[pos - base:]
    out.append(str(highlight(seg, query) if inside and query else escape(seg)))
    return Markup("".join(out)), used_id


def page_of(pages: list[dict], offset: int) -> dict | None:
    """The page (of a document's page list) that holds ``offset``."""
    for p in pages:
        if p["start"] <= offset <= p["end"]:
            return p
    return None
