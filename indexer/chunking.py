"""Token-bounded chunks that keep exact offsets into the document text.

Within one section, text is cut into units (table rows and lines, then sentences, then word runs
only when a sentence alone is too long) and units are packed greedily up to the target size. A
chunk's text is always ``document.text[start:end]``. What gets embedded is a short context header
(body · date · type · item · heading) plus the chunk, and it must fit the embedding model's own
input limit, which is checked with the model's tokenizer when one is given.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .records import Chunk, Document, PageSpan, Section
from .settings import ChunkerSettings, NameSettings
from .lines import minute_number
from .lines import strip_span as _strip
from .tokens import cl100k

TYPE_LABELS = {
    "agenda": "Agenda", "minutes": "Minutes", "report": "Report", "appendix": "Appendix",
    "decisions": "PCC decisions", "decision_record": "Decision record", "briefing": "Briefing",
    "agenda_pack": "Agenda pack", "document": "Document", "letter": "Letter", "notice": "Notice",
    "questions": "Questions and answers", "other": "Other",
}


def lexical_context(who: str | None, date: str | None, part_type: str) -> str:
    """What a chunk's meeting is, as searched lexically (weighted low: every chunk of a document
    shares it): who (the body, or the organisation when the paper names no body), date, type."""
    return " ".join(x for x in (who, format_date(date), TYPE_LABELS.get(part_type, part_type)) if x)


def issuer(names: NameSettings, body: str | None, organisation: str | None) -> str | None:
    """Who a chunk's header names: the body as pages show it, else the organisation."""
    return names.title(body) or names.title(organisation)

SENT_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9£])")


@dataclass
class _Unit:
    start: int
    end: int
    tokens: int


def chunk_id(document_id: str, embed_text: str, occurrence: int) -> int:
    """Stable 63-bit id from the document and what is embedded (not from offsets)."""
    h = hashlib.sha256(f"{document_id}\x00{occurrence}\x00{embed_text}".encode()).digest()
    return int.from_bytes(h[:8], "big") & (2**63 - 1)


def format_date(iso: str | None) -> str | None:
    if not iso:
        return None
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B %Y')}"


class Chunker:
    def __init__(self, settings: ChunkerSettings, wordpiece_len: Callable[[str], int] | None = None,
                 model_max: int = 256, names: NameSettings | None = None):
        self.settings = settings
        self.names = names or NameSettings()
        self.enc = cl100k()
        self.wordpiece_len = wordpiece_len
        # Leave room for the [CLS] and [SEP] word pieces the model adds.
        self.model_max = model_max - 2

    def ntok(self, text: str) -> int:
        return len(self.enc.encode_ordinary(text))

    # -- public ----------------------------------------------------------------------------

    def chunk_document(self, doc: Document) -> list[Chunk]:
        chunks: list[Chunk] = []
        occurrences: Counter[str] = Counter()
        parts = {p.ordinal: p for p in doc.parts}
        skips = sorted((s, e) for s, e, _ in doc.skipped)
        # A chunk is one span of the text, so it may hold a repeated table header between its
        # units, but never boilerplate or a translation offer: chunks end before those.
        walls = [(s, e) for s, e, why in sorted(doc.skipped) if why in ("boilerplate", "translation offer")]
        for sec in doc.sections:
            part = parts[sec.part]
            header = self.header(doc, part.type, issuer(self.names, part.body, doc.organisation),
                                 part.meeting_date, sec)
            for start, end in self._pack(doc.text, sec, skips, header, walls):
                text = doc.text[start:end]
                lead = self.row_lead(doc.text, start)
                embed = f"{self.with_lead(header, lead)}\n{text}"
                occurrences[embed] += 1
                page, page_end, printed = _pages(doc.pages, start, end)
                chunks.append(Chunk(
                    id=chunk_id(doc.id, embed, occurrences[embed]), document_id=doc.id,
                    part=part.ordinal, part_type=part.type, item=sec.item, item_title=sec.item_title,
                    heading=" › ".join(sec.headings), minute=minute_number(text) or sec.minute,
                    meeting_date=part.meeting_date, body=part.body, start=start, end=end,
                    page=page, page_end=page_end, printed_page=printed, text=text,
                    embed_text=embed, n_tokens=self.ntok(text), lead=lead, organisation=doc.organisation,
                    ocr=any(p.ocr and p.start < end and p.end > start for p in doc.pages),
                    context=lexical_context(issuer(self.names, part.body, doc.organisation),
                                            part.meeting_date, part.type)))
        return chunks

    def header(self, doc: Document, part_type: str, who: str | None, date: str | None,
               sec: Section) -> str:
        """"<body> · <date> · <type> · Item N: <title> · <heading>", cut to the header budget."""
        bits = [who, format_date(date), TYPE_LABELS.get(part_type, part_type)]
        if sec.item:
            bits.append(f"Item {sec.item}" + (f": {sec.item_title}" if sec.item_title else ""))
        # The deepest heading says most about the passage; the part title is often the item title.
        inner = [h for h in sec.headings[1:] if h]
        if inner:
            bits.append(inner[-1])
        elif sec.headings and not sec.item_title:
            bits.append(sec.headings[0])
        header = " · ".join(b for b in bits if b)
        ids = self.enc.encode_ordinary(header)
        if len(ids) > self.settings.header_tokens:
            header = self.enc.decode(ids[: self.settings.header_tokens]).rstrip() + "…"
        return header

    def row_lead(self, text: str, start: int) -> str:
        """The first cell of the table row a chunk starts inside, cut to the lead budget.

        Minutes of accountability meetings are Question | Answer tables whose answers run to
        several chunks; a chunk that starts after the row's first tab has lost the question that
        says what the answer is about ("St Stephen's Square"), so it is embedded and indexed with it.
        """
        if not self.settings.lead_tokens:
            return ""
        ls = text.rfind("\n", 0, start) + 1
        tab = text.find("\t", ls, start)
        if tab < 0:
            return ""
        cell = " ".join(text[ls:tab].split())
        if len(cell.split()) < 3:  # a label ("Action 9:"), not a question
            return ""
        ids = self.enc.encode_ordinary(cell)
        if len(ids) > self.settings.lead_tokens:
            cell = self.enc.decode(ids[: self.settings.lead_tokens]).rstrip() + "…"
        return cell

    @staticmethod
    def with_lead(header: str, lead: str) -> str:
        return f"{header} · {lead}" if lead else header

    # -- packing ---------------------------------------------------------------------------

    def _units(self, text: str, start: int, end: int, skips: list[tuple[int, int]]) -> Iterator[_Unit]:
        """Lines of the section (minus skipped spans), each cut to fit the hard limit."""
        pos = start
        skipped = _Spans(skips)
        for line in text[start:end].split("\n"):
            ls, le = pos, pos + len(line)
            pos = le + 1
            for a, b in _subtract(ls, le, skipped.within(ls, le)):
                a, b = _strip(text, a, b)
                if a >= b:
                    continue
                yield from self._fit(text, a, b)

    def _fit(self, text: str, a: int, b: int) -> Iterator[_Unit]:
        n = self.ntok(text[a:b])
        limit = self.settings.target_tokens
        if n <= limit:
            yield _Unit(a, b, n)
            return
        # Too long for one chunk: cut at sentence ends, then (rarely) at word runs.
        pieces = []
        last = a
        for m in SENT_END.finditer(text, a, b):
            pieces.append((last, m.start() + 1 if text[m.start()] in ".!?" else m.start()))
            last = m.end()
        pieces.append((last, b))
        for pa, pb in pieces:
            pa, pb = _strip(text, pa, pb)
            if pa >= pb:
                continue
            k = self.ntok(text[pa:pb])
            if k <= limit:
                yield _Unit(pa, pb, k)
            else:
                yield from self._word_runs(text, pa, pb, limit)

    def _word_runs(self, text: str, a: int, b: int, limit: int) -> Iterator[_Unit]:
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[a:b])]
        i = 0
        while i < len(words):
            j = i + 1
            while j < len(words) and self.ntok(text[a + words[i][0]: a + words[j][1]]) <= limit:
                j += 1
            s, e = a + words[i][0], a + words[j - 1][1]
            yield _Unit(s, e, self.ntok(text[s:e]))
            i = j

    def _pack(self, text: str, sec: Section, skips: list[tuple[int, int]], header: str,
              walls: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
        units = list(self._units(text, sec.start, sec.end, skips))
        out: list[tuple[int, int]] = []
        cur: list[_Unit] = []

        def span_tokens(us: list[_Unit]) -> int:
            return self.ntok(text[us[0].start: us[-1].end])

        def walled(a: int, b: int) -> bool:
            return any(a <= s and e <= b for s, e in walls)

        for u in units:
            if cur and (span_tokens(cur + [u]) > self.settings.target_tokens or walled(cur[-1].end, u.start)):
                out.append((cur[0].start, cur[-1].end))
                cur = []
            cur.append(u)
        if cur:
            tail = (cur[0].start, cur[-1].end)
            # A short tail merges into the previous chunk when the hard limit allows.
            if out and span_tokens(cur) < self.settings.min_tokens and not walled(out[-1][1], tail[0]) and \
                    self.ntok(text[out[-1][0]: tail[1]]) <= self.settings.max_tokens:
                out[-1] = (out[-1][0], tail[1])
            else:
                out.append(tail)
        return [piece for s, e in out for piece in self._fit_model(text, s, e, header)]

    def _fit_model(self, text: str, s: int, e: int, header: str) -> list[tuple[int, int]]:
        """Split a chunk until header (+ row lead) + chunk fits the embedding model's word-piece limit."""
        head = self.with_lead(header, self.row_lead(text, s))
        if self.wordpiece_len is None or self.wordpiece_len(f"{head}\n{text[s:e]}") <= self.model_max:
            return [(s, e)]
        # Prefer a line or sentence boundary near the middle; fall back to a space.
        mid = (s + e) // 2
        cands = [m.end() for m in re.finditer(r"\n|(?<=[.!?;])\s", text[s:e])]
        cands = [s + c for c in cands if 0 < c < e - s]
        if not cands:
            cands = [s + m.start() for m in re.finditer(r" ", text[s:e]) if 0 < m.start() < e - s]
        if not cands:
            return [(s, e)]
        cut = min(cands, key=lambda c: abs(c - mid))
        left = _strip(text, s, cut)
        right = _strip(text, cut, e)
        return [p for a, b in (left, right) if a < b for p in self._fit_model(text, a, b, header)]


class _Spans:
    """Skipped spans merged into disjoint sorted runs, to find those meeting a line by binary
    search (each line scanning every span was quadratic: a 2 MB file of repeated lines took 18 s)."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.runs = [(s, e) for s, e in merged]

    def within(self, a: int, b: int) -> list[tuple[int, int]]:
        """The runs that overlap [a, b)."""
        i = max(0, bisect.bisect_right(self.starts, a) - 1)
        out = []
        while i < len(self.runs) and self.runs[i][0] < b:
            if self.runs[i][1] > a:
                out.append(self.runs[i])
            i += 1
        return out


def _subtract(a: int, b: int, skips: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = [(a, b)]
    for s, e in skips:
        if e <= a or s >= b:
            continue
        nxt = []
        for x, y in out:
            if e <= x or s >= y:
                nxt.append((x, y))
                continue
            if x < s:
                nxt.append((x, s))
            if e < y:
                nxt.append((e, y))
        out = nxt
    return out


def _pages(pages: list[PageSpan], start: int, end: int) -> tuple[int | None, int | None, str | None]:
    if not pages:
        return None, None, None
    first = last = None
    for p in pages:
        if p.end >= start and p.start <= start and first is None:
            first = p
        if p.start < end:
            last = p
    first = first or pages[0]
    last = last or first
    return first.pdf_page, last.pdf_page, first.display
