"""Typed records the reader returns (the indexer's own records are in ``indexer.records``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Passage:
    """A chunk as shown to people: bare text plus everything needed to cite it."""

    id: int
    text: str
    document_id: str
    document_title: str
    body: str | None
    doc_type: str
    part_type: str
    meeting_date: str | None
    item: str | None
    item_title: str | None
    heading: str
    minute: str | None
    page: int | None
    printed_page: str | None
    start: int
    end: int
    embed_text: str
    source_kind: str
    lead: str = ""  # the first cell of the table row this passage continues (see indexer.chunking)
    organisation: str | None = None
    document_date: str | None = None
    body_title: str | None = None  # how pages show the body (the index's name settings)
    ocr: bool = False  # its text was read by OCR
    score: float = 0.0

    @property
    def lead_label(self) -> str:
        """How to introduce the lead: a question's answer, or just the row it continues (actions,
        progress tables, letters from the public)."""
        return "In answer to" if "?" in self.lead else "Continues the row"
