"""Sentence windows inside each chunk: a finer-grained dense signal for retrieval.

A chunk of ~200 tokens gets one vector that averages everything in it, so a question that one
sentence of a long report answers can score low against the whole chunk (MiniLM was trained on
sentence pairs and truncates at 256 word pieces). Each chunk therefore also gets vectors for its
sentence windows: runs of whole sentences or lines, at least ``min_words`` words each. The
service scores a candidate chunk by its best window as a third signal beside the chunk vector
and BM25 (measured on the dev split: docs/benchmarks.md).

Windows keep exact offsets: ``document.text[w.start:w.end] == w.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Sentence ends as the chunker cuts an over-long line; lines and table cells always end a piece.
from .chunking import SENT_END
from .records import Chunk
from .lines import strip_span

_LINE = re.compile(r"[^\n\t]+")


@dataclass(frozen=True)
class SentenceWindow:
    chunk_id: int
    ordinal: int
    start: int  # document offsets
    end: int
    text: str


def _pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, line or table cell of ``text``, whitespace trimmed."""
    out = []
    for line in _LINE.finditer(text):
        a = line.start()
        for m in SENT_END.finditer(text, line.start(), line.end()):
            gap = m.group()
            # The match starts at a closing quote or bracket, if any: it belongs to the sentence.
            out.append((a, m.start() + len(gap) - len(gap.lstrip("\"')]"))))
            a = m.end()
        out.append((a, line.end()))
    spans = (strip_span(text, a, b) for a, b in out)
    return [(a, b) for a, b in spans if a < b]


def sentence_windows(chunk: Chunk, min_words: int = 12, min_piece_words: int = 4) -> list[SentenceWindow]:
    """The chunk's sentence windows, in order.

    Pieces shorter than ``min_piece_words`` (headings, figures, table labels) start no window;
    consecutive pieces are joined until a window has ``min_words`` words, so a list of short
    lines becomes one window rather than many weak ones. A chunk with no piece long enough gets
    no window (its chunk vector still represents it).
    """
    text = chunk.text
    out: list[SentenceWindow] = []
    start = end = None
    words = 0
    for a, b in _pieces(text):
        n = len(text[a:b].split())
        if n < min_piece_words:
            continue
        if start is None:
            start = a
        end, words = b, words + n
        if words >= min_words:
            out.append(SentenceWindow(chunk.id, len(out), chunk.start + start, chunk.start + end, text[start:end]))
            start, words = None, 0
    if start is not None:
        out.append(SentenceWindow(chunk.id, len(out), chunk.start + start, chunk.start + end, text[start:end]))
    return out
