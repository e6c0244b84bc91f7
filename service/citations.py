"""How a passage is cited to people: meeting, date, document type, item, page."""

from __future__ import annotations

from indexer.chunking import TYPE_LABELS, format_date

from .index import Passage


def citation_text(p: Passage) -> str:
    """"Kent County Council · Cabinet · 30 January 2025 · Minutes · item 5 (…) · minute 88 · page 9"."""
    bits = []
    body = p.body_title or p.body
    if p.organisation and (not body or p.organisation.lower() not in body.lower()):
        bits.append(p.organisation)
    bits.append(body or ("Body not stated" if not p.organisation else "body not stated"))
    bits.append(format_date(p.meeting_date) or "date not stated")
    bits.append(TYPE_LABELS.get(p.part_type, p.part_type))
    if p.item:
        bits.append(f"item {p.item}" + (f" ({p.item_title})" if p.item_title else ""))
    if p.minute:
        bits.append(f"minute {p.minute}")
    if p.page:
        bits.append(f"page {p.printed_page} (PDF page {p.page})" if p.printed_page and p.printed_page != str(p.page)
                    else f"page {p.page}")
    if p.ocr:
        bits.append("text from OCR")
    return " · ".join(bits)
