"""Typed records passed between the indexer stages and the service."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageSpan:
    """Where one PDF page sits in the extracted text, with its printed number."""

    start: int
    end: int
    pdf_page: int  # 1-based page index in the file
    label: str | None = None  # the PDF's /PageLabels label, when the file defines labels
    printed: str | None = None  # the page number printed in the page's header/footer
    ocr: bool = False  # the page's text was read by OCR (indexer/ocr.py)

    @property
    def display(self) -> str | None:
        return self.printed or self.label


@dataclass(frozen=True)
class LineStyle:
    """How a PDF line is printed: the font size most of its characters have, and whether they are bold."""

    size: float
    bold: bool


@dataclass
class SourceText:
    """Text extracted from one file, cleaned, with offsets that everything downstream uses."""

    path: str  # relative to the indexed root, with forward slashes
    kind: str  # "pdf" | "txt" | "md"
    sha256: str
    text: str
    pages: list[PageSpan] = field(default_factory=list)
    heading_offsets: set[int] = field(default_factory=set)  # line starts marked as headings in the source
    title: str | None = None  # from PDF metadata, if any
    running_header: str | None = None  # page furniture removed from every page, kept as a hint
    furniture: list[str] = field(default_factory=list)  # every running header/footer line removed (hints)
    styles: dict[int, LineStyle] = field(default_factory=dict)  # PDF line start -> its print style
    body_size: float | None = None  # the font size of most of a PDF's text
    # Pages left without text because OCR could not run, and why (the text pages are still indexed).
    unread: str | None = None


@dataclass
class Part:
    """A self-contained piece of a document: the agenda, a set of minutes, one report, an appendix."""

    ordinal: int
    type: str  # agenda | minutes | report | decision_record | decisions | letter | briefing | appendix | document
    title: str
    start: int
    end: int
    item: str | None = None
    item_title: str | None = None
    meeting_date: str | None = None  # ISO date of the meeting this part is about
    body: str | None = None


@dataclass
class Item:
    """An agenda item as the paper prints it: the contents list a clerk would expect."""

    number: str | None  # the agenda item number ("7", "7(a)", "24a", "IV")
    minute: str | None  # the minute number minutes give it ("84" for "84. Apologies (Item 1)")
    title: str
    part: int
    start: int  # offset of its heading line
    page: int | None = None


@dataclass
class Section:
    """A run of text under one heading path within a part; chunks never cross sections."""

    part: int
    start: int
    end: int
    headings: tuple[str, ...] = ()
    item: str | None = None
    item_title: str | None = None
    minute: str | None = None  # the item's minute number, where minutes number items


@dataclass
class Document:
    id: str
    path: str
    kind: str
    sha256: str
    title: str
    body: str | None
    meeting_date: str | None
    doc_type: str
    text: str
    pages: list[PageSpan]
    parts: list[Part]
    sections: list[Section]
    skipped: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, reason) not indexed
    organisation: str | None = None
    document_date: str | None = None  # the paper's own date: publication, letter, decision signed
    items: list[Item] = field(default_factory=list)
    source_url: str | None = None  # where it was published (from the metadata file)


@dataclass
class Chunk:
    id: int  # stable, content-derived 63-bit id (FAISS and SQLite key)
    document_id: str
    part: int
    part_type: str
    item: str | None
    item_title: str | None
    heading: str
    minute: str | None
    meeting_date: str | None
    body: str | None
    start: int
    end: int
    page: int | None
    page_end: int | None
    printed_page: str | None
    text: str
    embed_text: str
    n_tokens: int
    # First cell of the table row the chunk starts inside (the question a Q&A table's answer
    # continues), when the chunk does not hold the row's beginning; embedded and indexed with it.
    lead: str = ""
    organisation: str | None = None
    ocr: bool = False  # some of its text was read by OCR (it may misread a figure)
    # The meeting context searched lexically beside the text (body, organisation, date, type): unlike
    # the embedded header it follows the metadata file, as it costs no embedding.
    context: str = ""
