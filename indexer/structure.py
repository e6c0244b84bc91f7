"""Find a document's structure from its content: parts, agenda items, headings, minute numbers.

Who and when a paper is for (organisation, body, dates, type) is read by ``indexer.detect``.
An agenda pack is many documents in one file: the agenda, the previous meeting's minutes (dated
for *that* meeting), a report per item, appendices, lists of decisions. We find part boundaries
from cues that these papers use (``Minutes of the meeting held on …``, ``<Body> <date> Item 7``
banners, ``Item No: 6`` / ``Report Title:`` cover sheets, ``SUBJECT:`` report forms, the
``Agenda Item 7`` stamp on a paper's first page, ``Appendix A`` headings, a blank page), then the
agenda items (``7.``, ``Item 7``, ``7(a)``, ``24a.``, ``IV.``; in minutes ``84. Apologies`` over
``(Item 1)``), headings and minute paragraph numbers inside each part. Spans that must not be
indexed (boilerplate, repeated cell text, translation offers, blank-page notices) are returned
as ``skipped``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from . import detect
from .dates import parse_date
from .items import find_items, match_item, parse_agenda
from .lines import NUMBERED_HEADING, SENTENCE_END, Line, is_heading, split_lines
from .records import Document, Item, Part, Section, SourceText
from .settings import NameSettings

# --- boilerplate ------------------------------------------------------------------------------

BOILERPLATE = [
    re.compile(r"^If you need this (?:document|report|agenda) in large print", re.I),
    re.compile(r"^If you would like this (?:document|agenda|report) in large print", re.I),
    # The filler on a pack's blank pages; like the large-print notice it ends a paper.
    re.compile(r"^This page (?:is |has been )?(?:intentionally|deliberately) (?:been )?left blank\.?$", re.I),
]


REPEAT_LIMIT = 5


def _mostly_non_latin(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 10:
        return False
    latin = sum(1 for c in letters if c.isascii() or "\u00c0" <= c <= "\u024f")
    return latin / len(letters) < 0.5


_ENGLISH = set("the and of to in is are for please you your if this that with on or by be would like "
               "contact we will".split())


def _english_share(s: str) -> float:
    words = re.findall(r"[^\W\d_]+", s.lower())
    return sum(w in _ENGLISH for w in words) / len(words) if words else 0.0


def find_skips(lines: list[Line]) -> list[tuple[int, int, str]]:
    """Spans not to index: accessibility boilerplate, translation offers, repeated lines."""
    skips: list[tuple[int, int, str]] = []
    seen: Counter[str] = Counter()
    counts = Counter(re.sub(r"\s+", " ", ln.stripped.lower()) for ln in lines if len(ln.stripped) >= 25)
    for i, ln in enumerate(lines):
        s = ln.stripped
        if not s:
            continue
        if any(rx.search(s) for rx in BOILERPLATE):
            skips.append((ln.start, ln.end, "boilerplate"))
            continue
        if _mostly_non_latin(s):
            skips.append((ln.start, ln.end, "translation offer"))
            continue
        # Latin-script translation offers sit in the same block and give the office's number.
        # (Some name the office in English, "Office of the Police and Crime Commissioner".)
        if re.search(r"\b01953\s*42", s) and len(s) > 60 and _english_share(s) < 0.12:
            skips.append((ln.start, ln.end, "translation offer"))
            continue
        key = re.sub(r"\s+", " ", s.lower())
        # Form labels and table headers repeated on every report: index the first copy only.
        # (Lines repeated a few times are usually real content, e.g. the same resolution
        # under different items, and stay.)
        if len(s) >= 25 and counts[key] >= REPEAT_LIMIT:
            seen[key] += 1
            if seen[key] > 1:
                skips.append((ln.start, ln.end, "repeated text"))
                continue
        # PDF cell text duplicated within one line: "X X X X" -> keep the first copy.
        dup = _repeated_cell(ln)
        if dup:
            skips.append(dup)
    return skips


def _repeated_cell(ln: Line) -> tuple[int, int, str] | None:
    cells = ln.text.split("\t")
    if len(cells) < 3:
        return None
    norm = [c.strip().lower() for c in cells if c.strip()]
    if len(norm) >= 3 and len(set(norm)) == 1 and len(norm[0]) >= 8:
        # Skip everything after the first copy.
        idx = ln.text.find(cells[0].strip()) + len(cells[0].strip())
        return (ln.start + idx, ln.end, "repeated cell text") if ln.start + idx < ln.end else None
    return None


# --- parts ------------------------------------------------------------------------------------

_MINUTES_START = re.compile(
    r"^(?:Minutes of (?:the )?(?:\w+ )?meeting held\b|Summary of the .*Meeting$|Minutes$"
    r"|(?:draft |unconfirmed |printed )?Minutes of (?:the |a |an )(?:regular |special |adjourned |annual )?meeting(?: of\b|$))", re.I)
_ITEM_BANNER = re.compile(r"^(.{5,100}?)\s+(\d{1,2}\s+\w+\s+\d{4})\s+Item\s+(\d{1,2}[a-z]?)\s*$", re.I)
_ITEM_NO = re.compile(r"^Item No\.?:?\s*(\d{1,2}[a-z]?)\s*$", re.I)
_REPORT_TITLE = re.compile(r"^Report title:?\s*(.+)$", re.I)
_APPENDIX = re.compile(r"^(Appendix|Annex|Annexe|Attachment|Exhibit)\s+([A-Z0-9]{1,3})\b\s*[-–:]?\s*(.{0,120})$", re.I)
_AGENDA_HEAD = re.compile(r"^(A\s?G\s?E\s?N\s?D\s?A|Agenda)$", re.I)
_DECISIONS_HEAD = re.compile(r"^(PCC'?s Decisions|Decisions? (?:log|list|register)|Decision Notices?)$", re.I)
_SUGGESTED = re.compile(r"^(?:Suggested approach from|Report (?:from|by))\b", re.I)
_TOC_LINE = re.compile(r"(\.{3,}|\t)\s*\d{1,3}\s*$")
_STAMP = re.compile(r"^Agenda\s+Item\s+(\d{1,3}[a-z]?)\s*$", re.I)
_PRESENT = re.compile(r"^(?:PRESENT|Present|Members\s+present|MEMBERS\s+PRESENT)\s*:")


@dataclass
class _Cut:
    line: int
    type: str
    title: str
    item: str | None = None
    date: str | None = None


def _next_text(lines: list[Line], i: int, limit: int = 6) -> tuple[int, str]:
    for j in range(i + 1, min(len(lines), i + 1 + limit)):
        if lines[j].stripped:
            return j, lines[j].stripped
    return i, ""


def _names_a_body(s: str) -> bool:
    """A banner line: a body or an organisation's name, perhaps with the date and item."""
    m = _ITEM_BANNER.match(s)
    head = m.group(1) if m else re.split(r"\s+[-–]\s+|\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}", s)[0]
    return bool(detect.as_body(head) or detect.as_organisation(head))


def _back_to_banner(lines: list[Line], i: int) -> int:
    """Start a part at the body/banner line just above its first cue, if there is one."""
    j = i - 1
    while j >= 0 and not lines[j].stripped:
        j -= 1
    if j >= 0 and _names_a_body(lines[j].stripped) and len(lines[j].stripped) < 110 and not _TOC_LINE.search(lines[j].stripped):
        return j
    return i


def _page_start_line(lines: list[Line], page_starts: list[int], i: int) -> int:
    """Index of the first line of the page that holds line i."""
    start = max((p for p in page_starts if p <= lines[i].start), default=0)
    j = i
    while j > 0 and lines[j].start > start:
        j -= 1
    return j


def find_cuts(lines: list[Line], first_type: str = "report", page_starts: list[int] | None = None) -> list[_Cut]:
    """Where parts start, by the cues above (the first cue a line shows decides)."""
    cuts: list[_Cut] = []
    page_starts = page_starts or []
    after_boilerplate: int | None = None
    for i, ln in enumerate(lines):
        s = ln.stripped
        if not s:
            continue
        m = _STAMP.match(s)
        if m:
            _stamp_cut(lines, cuts, i, m.group(1), page_starts)
            continue
        cut = _meeting_cut(lines, cuts, i, first_type, page_starts)
        if cut is not None:
            cuts.append(cut)
            continue
        if any(rx.search(s) for rx in BOILERPLATE):
            # Council packs end every paper with the large-print notice: what follows is a new paper.
            after_boilerplate = i
            continue
        if after_boilerplate is not None:
            after_boilerplate = None
            if not _looks_like_cue(lines, i):
                cuts.append(_Cut(i, "report", _paper_title(lines, i)))
                continue
        cut = _cue_cut(lines, cuts, i) if len(s) <= 160 else None
        if cut is not None:
            cuts.append(cut)
    return cuts


def _stamp_cut(lines: list[Line], cuts: list[_Cut], i: int, item: str, page_starts: list[int]) -> None:
    """'Agenda Item 7' stamped on the first page of an item's paper: the paper starts with the page."""
    at = _page_start_line(lines, page_starts, i)
    if cuts and cuts[-1].line >= at and cuts[-1].type in ("report", "appendix"):
        cuts[-1].item = cuts[-1].item if cuts[-1].item not in (None, "^") else item
    elif at > 0 and not (cuts and cuts[-1].line >= at):
        cuts.append(_Cut(at, "report", _paper_title(lines, at), item))


def _meeting_cut(lines: list[Line], cuts: list[_Cut], i: int, first_type: str, page_starts: list[int]) -> _Cut | None:
    """Minutes that open with a banner over 'PRESENT:', or a decision record, starting at line i's page."""
    ln = lines[i]
    s = ln.stripped
    if _PRESENT.match(s) and not (first_type == "minutes" and not cuts and i < 60):
        at = _minutes_banner(lines, i, page_starts)
        if at is not None and (not cuts or cuts[-1].line < at - 10):
            return _Cut(at, "minutes", _paper_title(lines, at), None, _date_in(lines, at, i))
    if i > 0 and detect.T_DECISION.search(s) and len(s) < 120 and (is_heading(ln) or s.isupper()):
        at = _page_start_line(lines, page_starts, i)
        at = at if i - at <= 3 else i
        if not cuts or cuts[-1].line < at:
            return _Cut(at, "decision_record", s)
    return None


def _cue_cut(lines: list[Line], cuts: list[_Cut], i: int) -> _Cut | None:
    """The part a minutes, report, appendix or decisions cue on line i starts, if it starts one."""
    ln = lines[i]
    s = ln.stripped
    if s.lower() == "minutes" and i > 0 and _minutes_title(lines, i):
        return _Cut(_back_to_banner(lines, i), "minutes", s, None, _date_in(lines, i, i + 4))
    if _MINUTES_START.match(s) and (s.lower() != "minutes" or ln.marked):
        if s.lower() == "minutes":
            return None  # an agenda item called "Minutes", not the start of minutes
        return _Cut(_back_to_banner(lines, i), "minutes", s, None, _date_in(lines, i, i + 4))
    m = _ITEM_BANNER.match(s)
    if m and (detect.as_body(m.group(1)) or detect.as_organisation(m.group(1))):
        return _Cut(i, "report", _next_text(lines, i)[1], m.group(3), parse_date(m.group(2)))
    m = _ITEM_NO.match(s)
    if m:
        t = _next_text(lines, i)[1]
        mt = _REPORT_TITLE.match(t)
        return _Cut(_back_to_banner(lines, i), "report", mt.group(1).strip() if mt else t, m.group(1))
    m = _REPORT_TITLE.match(s)
    if m and (not cuts or cuts[-1].line < i - 6):
        # A report without its own item number: a supporting paper for the current item.
        return _Cut(_back_to_banner(lines, i), "report", m.group(1).strip().strip("\t"), "^")
    if s.rstrip(":").upper() == "ORIGINATOR":
        return _Cut(i, "report", _form_subject(lines, i) or "Report")
    if _SUGGESTED.match(s):
        return _covering_report_cut(lines, cuts, i)
    m = _APPENDIX.match(s)
    if m and not _TOC_LINE.search(ln.text) and (is_heading(ln) or len(s) < 100) \
            and not s.endswith((".", ",")):
        return _Cut(i, "appendix", s)
    if _DECISIONS_HEAD.match(s):
        return _Cut(i, "decisions", s)
    return None


def _date_in(lines: list[Line], start: int, end: int) -> str | None:
    """The date that lines start to end (not included) give, read as one text."""
    return parse_date(" ".join(lines[k].stripped for k in range(start, min(len(lines), end))))


def _form_subject(lines: list[Line], i: int) -> str:
    """The SUBJECT of an OPCCN report form (ORIGINATOR / REASON FOR SUBMISSION / SUBMITTED TO /
    SUBJECT) that opens at line i, or ''."""
    for k in range(i + 1, min(len(lines), i + 20)):
        if lines[k].stripped.rstrip(":").upper() == "SUBJECT":
            return _next_text(lines, k)[1]
    return ""


def _covering_report_cut(lines: list[Line], cuts: list[_Cut], i: int) -> _Cut | None:
    """A panel covering report ("Suggested approach from …" on line i): its title is the heading
    just above."""
    k = i - 1
    while k >= 0 and not lines[k].stripped:
        k -= 1
    if k >= 0 and re.match(r"^\d{1,3}[.)]?\s", lines[k].stripped) and "\t" in lines[k].text:
        return None  # "5<tab>Annual Report" / "Report by …": an agenda item's description
    start = k if k >= 0 and is_heading(lines[k]) else i
    if cuts and cuts[-1].type == "report" and cuts[-1].line >= start - 4:
        return None  # already cut by an Item banner
    return _Cut(start, "report", lines[start].stripped)


def _minutes_title(lines: list[Line], i: int) -> bool:
    """'Minutes' on its own line, a body's name above it and the meeting's date below: the title
    block of a set of minutes (not an agenda item called 'Minutes')."""
    j = i - 1
    while j >= 0 and not lines[j].stripped:
        j -= 1
    k = i + 1
    while k < len(lines) and not lines[k].stripped:
        k += 1
    return j >= 0 and k < len(lines) and bool(detect.as_body(lines[j].stripped)) and bool(parse_date(lines[k].stripped)) \
        and len(lines[k].stripped.split()) <= 10


def _minutes_banner(lines: list[Line], i: int, page_starts: list[int]) -> int | None:
    """Where minutes start that open with a banner (body, date) over 'PRESENT:', or None."""
    window = [k for k in range(max(0, i - 6), i) if lines[k].stripped]
    has_date = any(parse_date(lines[k].stripped) for k in window)
    has_body = any(detect.as_body(lines[k].stripped) for k in window)
    if not (has_date and has_body):
        return None
    at = _page_start_line(lines, page_starts, i)
    return at if i - at <= 8 else window[0]


def _looks_like_cue(lines: list[Line], i: int) -> bool:
    """Whether one of the explicit part cues starts within the next few lines."""
    for k in range(i, min(len(lines), i + 8)):
        s = lines[k].stripped
        if _MINUTES_START.match(s) or _ITEM_NO.match(s) or _REPORT_TITLE.match(s) or _ITEM_BANNER.match(s) \
                or _SUGGESTED.match(s) or s.rstrip(":").upper() == "ORIGINATOR" or _DECISIONS_HEAD.match(s):
            return True
    return False


def _paper_title(lines: list[Line], i: int) -> str:
    """Title of a paper from its opening heading lines, leaving out a bare issuing-office line."""
    heads: list[str] = []
    names: list[str] = []
    for k in range(i, min(len(lines), i + 12)):
        s = lines[k].stripped
        if not s or re.fullmatch(r"(?:page\s+)?[\divxlc]{1,4}", s, re.I):
            continue  # a page number printed above the title
        if re.match(r"^Summary:?$", s, re.I) or not is_heading(lines[k]):
            break
        bare_body = detect.as_body(s) == detect.tidy_name(s) or detect.as_organisation(s) == detect.tidy_name(s)
        (names if bare_body else heads).append(s)
    return " – ".join(heads[:2] or names[:2]) or lines[i].stripped


# --- document analysis ------------------------------------------------------------------------


def _first_part_type(lines: list[Line], text: str) -> tuple[str, str]:
    head = [ln for ln in lines[:80] if ln.stripped]
    head_text = "\n".join(ln.stripped for ln in head[:15])
    for k, ln in enumerate(head[:15]):
        if re.search(r"\bbriefing\b", ln.stripped, re.I) and len(ln.stripped.split()) <= 8:
            nxt = head[k + 1].stripped if k + 1 < len(head) else ""
            # Slide titles wrap: "<Office> Briefing to" / "Candidates".
            title = f"{ln.stripped} {nxt}" if ln.stripped.lower().endswith(" to") and len(nxt) < 40 else ln.stripped
            return "briefing", title
    if detect.T_DECISION.search(head_text):
        return "decision_record", head[0].stripped
    for ln in head:
        if _AGENDA_HEAD.match(ln.stripped) or detect.T_AGENDA.match(ln.stripped):
            return "agenda", "Agenda"
    if re.search(r"^Decision\s+\d{4}[-/]\d+", head_text, re.I | re.M) or re.search(r"decision notice", head_text, re.I):
        return "decision_record", head[0].stripped
    if re.search(r"^Dear\s+\w+", head_text, re.M):
        # A covering letter; one that lists the agenda items it encloses is the pack's agenda.
        kind = "agenda" if re.search(r"\bAgenda\s+Item\b", text[:3000], re.I) else "letter"
        return kind, next((ln.stripped for ln in head[:12] if detect.as_body(ln.stripped) and ln.stripped.isupper()),
                          head[0].stripped)
    if re.search(r"ACTION:", text) and re.search(r"Date of Next Meeting", text, re.I):
        return "minutes", "Minutes"
    if re.search(r"\bminutes\b", head_text, re.I):
        return "minutes", "Minutes"
    return "report", head[0].stripped if head else "Document"


def _merge_title_lines(lines: list[Line], cuts: list[_Cut]) -> None:
    if cuts and 0 < cuts[0].line:
        before = [ln for ln in lines[: cuts[0].line] if ln.stripped]
        if len(before) <= 3 and all(len(ln.stripped) < 90 and not SENTENCE_END.search(ln.stripped) for ln in before):
            cuts[0].line = 0  # only a title (often a wrapped body name) above the first part


def _part_body(text: str) -> str | None:
    """The body a part names at its head: an explicit phrase, else a banner line."""
    explicit = detect.explicit_bodies(text)
    if explicit:
        return explicit[0][1]
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()][:3]
    for k, raw in enumerate(lines):
        m = _ITEM_BANNER.match(raw)
        b = detect.as_body(m.group(1) if m else re.split(r"\s+[-–]\s+|\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}", raw)[0])
        if k + 1 < len(lines) and not b and len(raw) < 80 and not re.search(r"[.;:,]$", raw):
            b = detect.as_body(f"{raw} {lines[k + 1]}")  # a name that wraps onto the next line
        if b:
            return b
    return None


def analyse(src: SourceText, doc_id: str, names: NameSettings | None = None) -> Document:
    """The document's structure as printed; ``names`` makes variants of a body's name agree."""
    names = names or NameSettings()
    lines = split_lines(src)
    text = src.text
    banner = _ITEM_BANNER.match(src.running_header or "")
    first_type, first_title = _first_part_type(lines, text)
    cuts = _cuts(lines, first_type, first_title, banner, [p.start for p in src.pages])

    first_end = lines[cuts[1].line].start if len(cuts) > 1 else len(text)
    head = detect.head_lines(src, max(first_end, src.pages[0].end if src.pages else 0))
    block = detect.title_block(head)
    doc_type = detect.detect_type(head, block, text, cuts[0].type, len(cuts), [c.type for c in cuts[1:]])
    if doc_type in ("minutes", "agenda", "agenda_pack") and cuts[0].type in ("report", "letter", "minutes", "agenda"):
        # The first part is what the paper turned out to be (minutes whose heading comes late, an
        # agenda with an item called "Minutes").
        cuts[0].type = "agenda" if doc_type == "agenda_pack" else doc_type
    body = names.body(detect.find_body(block, text[:first_end], src.running_header, src.title)
                      or detect.find_body(block, text, src.running_header, src.title))
    organisation = names.organisation(detect.find_organisation(block, text, doc_type != "other", src.furniture))
    meeting_date, document_date = detect.paper_dates(
        doc_type, [ln for ln in head if ln.start < first_end], block, text,
        parse_date(banner.group(2)) if banner else None, cuts[0].date if cuts else None)

    agenda: dict[str, str] = {}
    if cuts[0].type == "agenda":
        end = cuts[1].line if len(cuts) > 1 else len(lines)
        agenda = parse_agenda(lines[: end])

    parts = _parts(lines, text, cuts, agenda, body, meeting_date, names)
    items = find_items(lines, parts, src)
    sections = _sections(lines, parts, items)
    skips = find_skips(lines)
    title = src.title if src.title and not _generic_pdf_title(src.title) else \
        _title(lines, names.title(body) or organisation, meeting_date or document_date, doc_type)
    return Document(doc_id, src.path, src.kind, src.sha256, title, body, meeting_date, doc_type, text,
                    src.pages, parts, sections, skips, organisation, document_date, items)


def _generic_pdf_title(title: str) -> bool:
    """A PDF title left from a template ("Agenda Template", "Minutes", "Record of Decision")."""
    return len(title.split()) <= 3 or bool(re.search(r"\btemplate\b|^untitled|^microsoft|\.docx?$", title, re.I))


def _cuts(lines: list[Line], first_type: str, first_title: str, banner, page_starts: list[int]) -> list[_Cut]:
    cuts = find_cuts(lines, first_type, page_starts)
    _merge_title_lines(lines, cuts)
    if not cuts or cuts[0].line > 0:
        cuts.insert(0, _Cut(0, first_type, first_title))
    if banner and cuts[0].type in ("report", "appendix"):
        # A running header such as "<Body> 29 January 2025 Item 5".
        cuts[0].item = cuts[0].item or banner.group(3)
    # Drop cuts that would make empty parts.
    dedup: list[_Cut] = []
    for c in cuts:
        if dedup and c.line <= dedup[-1].line:
            continue
        dedup.append(c)
    return dedup


def _parts(lines: list[Line], text: str, cuts: list[_Cut], agenda: dict[str, str], body: str | None,
           meeting_date: str | None, names: NameSettings) -> list[Part]:
    parts: list[Part] = []
    current_item: str | None = None
    report_start = 0
    for k, c in enumerate(cuts):
        start = lines[c.line].start
        end_line = cuts[k + 1].line if k + 1 < len(cuts) else len(lines)
        end = lines[end_line - 1].end if end_line - 1 >= c.line else start
        item = c.item
        if item == "^":
            item = current_item
        elif c.type == "report" and item is None:
            item = match_item(c.title, agenda, text[start: start + 600], current_item)
            if item is None and current_item and _annexed(c.title, text[report_start: start]):
                item = current_item  # "A full copy of the <title> is provided at Annex 1"
        if c.type == "report":
            current_item, report_start = item, start
        elif c.type in ("appendix", "decisions"):
            item = current_item  # an appendix belongs to the report it follows
        part_date = c.date if c.type == "minutes" and k > 0 else meeting_date
        if c.type == "minutes" and k == 0:
            part_date = meeting_date or c.date
        part_body = names.body(_part_body(text[start: min(end, start + 600)])) or body
        if body and part_body and part_body != body and part_body.lower().endswith(" " + body.lower()):
            part_body = body  # "Anytown Housing Authority" is the pack's "Housing Authority"
        if c.type in ("report", "appendix", "decisions", "agenda") and body:
            part_body = body  # papers for this meeting belong to the meeting's body
        item_title = agenda.get(item) if item else None
        parts.append(Part(k, c.type, c.title[:200] or c.type.title(), start, end, item,
                          item_title or (c.title if c.type == "report" and item else None),
                          part_date, part_body))
    return parts


def _annexed(title: str, report_text: str) -> bool:
    """Whether the report before a paper says the paper is attached to it (annex/appendix)."""
    title = title.strip()
    if len(title) < 12:
        return False
    rx = re.compile(re.escape(title) + r"[^\n]{0,80}\b(?:annex|appendix|appended|attached)\b", re.I)
    return bool(rx.search(report_text))


def _title(lines: list[Line], body: str | None, date: str | None, doc_type: str) -> str:
    kind = {"agenda_pack": "agenda pack", "decision_record": "decision record"}.get(doc_type, doc_type)
    if body:
        when = ""
        if date:
            d = dt.date.fromisoformat(date)
            when = f" {d.day} {d.strftime('%B %Y')}"
        return f"{body}{when} – {kind}"
    first = next((ln.stripped for ln in lines if ln.stripped), "Untitled")
    return first[:120]


def _sections(lines: list[Line], parts: list[Part], items: list[Item]) -> list[Section]:
    """Split each part at its items and headings; a section belongs to the item it is under."""
    sections: list[Section] = []
    starts = {it.start: it for it in items}
    li = 0
    for part in parts:
        while li < len(lines) and lines[li].start < part.start:
            li += 1
        part_lines = []
        while li < len(lines) and lines[li].start < part.end:
            part_lines.append(lines[li])
            li += 1
        sections.extend(_part_sections(part, part_lines, starts))
    return sections


def _part_sections(part: Part, part_lines: list[Line], starts: dict[int, Item]) -> list[Section]:
    """One part's sections, given its lines and the items by the offset of their lines."""
    out: list[Section] = []
    top: str | None = None
    sub: str | None = None
    item, item_title, minute = part.item, part.item_title, None
    sec_start = part.start
    first = True

    def close(at: int):
        if at > sec_start:
            heads = tuple(h for h in (part.title, top, sub) if h)
            out.append(Section(part.ordinal, sec_start, at, heads, item, item_title, minute))

    has_text = False  # the open section has more than its heading line(s)
    for ln in part_lines:
        it = starts.get(ln.start)
        if it is not None and part.type == "agenda" and "\t" in ln.text:
            # An agenda printed as a table stays one list: its rows are items of the contents
            # list, not sections (a one-row chunk would outrank the paper it announces).
            it = None
        if first:
            first = False
            if it is None:
                continue  # the part's own title line opens its first section
        if not ln.stripped:
            continue
        if it is not None:
            close(ln.start)
            sec_start = ln.start
            has_text = False
            item, item_title, minute = it.number, it.title, it.minute
            top, sub = ln.stripped[:200], None
            continue
        if not is_heading(ln):
            has_text = True
            continue
        # A run of headings with nothing under them (slide titles, table captions, names in
        # an attendance list) belongs to the section that follows.
        if has_text:
            close(ln.start)
            sec_start = ln.start
        has_text = False
        top, sub = _under_heading(ln.stripped, top, sub)
    if not has_text and out and out[-1].item == item and sec_start > part.start:
        # Headings with nothing under them at the end of a part (a signature block's date, a
        # closing label) end the section before them rather than stand alone.
        out[-1].end = part.end
    else:
        close(part.end)
    return out


def _under_heading(heading: str, top: str | None, sub: str | None) -> tuple[str, str | None]:
    """The (top, sub) headings of what follows ``heading``: a numbered heading or the first one is
    a top heading, another one a sub-heading under the top one."""
    if NUMBERED_HEADING.match(heading):
        return heading, None
    return (top, heading) if top else (heading, None)
