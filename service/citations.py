"""How things are cited and labelled to people: meeting, date, document type, item, page.

The CLI's citation lines and the pages' labels come from here, so they always agree.
"""

from __future__ import annotations

from indexer.chunking import TYPE_LABELS, format_date
from indexer.settings import NameSettings
from storage.records import Passage


def page_label(p) -> str:
    """'page 6' (printed number), with the PDF page index when it differs ('' without a page)."""
    if not p.page:
        return ""
    if p.printed_page and p.printed_page != str(p.page):
        return f"page {p.printed_page} (PDF page {p.page})"
    return f"page {p.page}"


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
        bits.append(page_label(p))
    if p.ocr:
        bits.append("text from OCR")
    return " · ".join(bits)


def body_title(b: str | None, names: NameSettings | None = None) -> str:
    """How pages name a body: its title in the index's name settings, else the name itself."""
    return (names.title(b) if names else b) or "Body not stated"


def date_label(iso: str | None) -> str:
    try:
        return format_date(iso) or "date not stated"
    except ValueError:
        return iso or "date not stated"


def type_label(t: str | None) -> str:
    return TYPE_LABELS.get(t or "", (t or "document").replace("_", " ").capitalize())


def part_label(part_type: str | None, title: str | None) -> str:
    """'Report: Fire Governance'; just 'Agenda' when the title only repeats the type."""
    label = type_label(part_type)
    if not title or title.strip().lower() in (label.lower(), (part_type or "").lower()):
        return label
    return f"{label}: {title}"


KIND_LABELS = {
    "resolution": "Resolution",
    "recommendation": "Recommendation",  # requests too: the outcome column says "Requested"
    "action": "Action",
    "decision_notice": "Decision notice",
    "minutes": "Minutes approved",
}


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "", (kind or "decision").replace("_", " ").capitalize())


def decided_by_label(b: str | None, names: NameSettings | None = None) -> str:
    if b == "PCC":
        return "Police and Crime Commissioner (PCC)"
    return body_title(b, names)
