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
from .dates import find_dates, parse_date
from .records import Document, Item, Part, Section, SourceText
from .settings import NameSettings

__all__ = ["analyse", "parse_date", "is_heading", "strip_span", "split_lines", "Line", "minute_number"]

# --- lines ------------------------------------------------------------------------------------


@dataclass
class Line:
    start: int
    end: int
    text: str
    marked: bool  # marked as a heading in the source (Markdown #)

    @property
    def s(self) -> str:
        return self.text.strip()


def split_lines(src: SourceText) -> list[Line]:
    out, pos = [], 0
    for raw in src.text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw, pos in src.heading_offsets))
        pos += len(raw) + 1
    return out


_NUMBERED_HEADING = re.compile(r"^(?:- )?(\d{1,2})(?:\.0)?\.?\s+([A-Z'‘\"].{1,140})$")
# Not a time range such as "09.00 – 9.15" in an agenda's timetable.
_MINUTE_NO = re.compile(r"^(?:- )?((?!0\d)\d{1,2}\.\d{1,2}(?:\.\d{1,2})*)\.?\s+(?![–-]\s*\d)\S")
_SENTENCE_END = re.compile(r"[.;:,]$")


def is_heading(line: Line) -> bool:
    s = line.s
    if not s or "\t" in line.text or len(s) > 150:
        return False
    if s.startswith(("- ", "• ", "(", "[")) and not _NUMBERED_HEADING.match(s):
        return False
    if _MINUTE_NO.match(s):
        return False
    if line.marked:
        return True
    words = s.split()
    if len(words) > 14 or _SENTENCE_END.search(s) or s.endswith("?"):
        return False
    if _NUMBERED_HEADING.match(s):
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
    counts = Counter(re.sub(r"\s+", " ", ln.s.lower()) for ln in lines if len(ln.s) >= 25)
    for i, ln in enumerate(lines):
        s = ln.s
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
        if lines[j].s:
            return j, lines[j].s
    return i, ""


def _names_a_body(s: str) -> bool:
    """A banner line: a body or an organisation's name, perhaps with the date and item."""
    m = _ITEM_BANNER.match(s)
    head = m.group(1) if m else re.split(r"\s+[-–]\s+|\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}", s)[0]
    return bool(detect.as_body(head) or detect.as_organisation(head))


def _back_to_banner(lines: list[Line], i: int) -> int:
    """Start a part at the body/banner line just above its first cue, if there is one."""
    j = i - 1
    while j >= 0 and not lines[j].s:
        j -= 1
    if j >= 0 and _names_a_body(lines[j].s) and len(lines[j].s) < 110 and not _TOC_LINE.search(lines[j].s):
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
    cuts: list[_Cut] = []
    n = len(lines)
    page_starts = page_starts or []
    after_boilerplate: int | None = None
    for i, ln in enumerate(lines):
        s = ln.s
        if not s:
            continue
        m = _STAMP.match(s)
        if m:
            # "Agenda Item 7" stamped on the first page of an item's paper: the paper starts with the page.
            at = _page_start_line(lines, page_starts, i)
            if cuts and cuts[-1].line >= at and cuts[-1].type in ("report", "appendix"):
                cuts[-1].item = cuts[-1].item if cuts[-1].item not in (None, "^") else m.group(1)
            elif at > 0 and not (cuts and cuts[-1].line >= at):
                cuts.append(_Cut(at, "report", _paper_title(lines, at), m.group(1)))
            continue
        if _PRESENT.match(s) and not (first_type == "minutes" and not cuts and i < 60):
            at = _minutes_banner(lines, i, page_starts)
            if at is not None and (not cuts or cuts[-1].line < at - 10):
                window = " ".join(lines[k].s for k in range(at, i))
                cuts.append(_Cut(at, "minutes", _paper_title(lines, at), None, parse_date(window)))
                continue
        if i > 0 and detect.T_DECISION.search(s) and len(s) < 120 and (is_heading(ln) or s.isupper()):
            at = _page_start_line(lines, page_starts, i)
            at = at if i - at <= 3 else i
            if not cuts or cuts[-1].line < at:
                cuts.append(_Cut(at, "decision_record", s))
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
        if len(s) > 160:
            continue
        if _MINUTES_START.match(s) and (s.lower() != "minutes" or ln.marked):
            if s.lower() == "minutes":
                continue  # an agenda item called "Minutes", not the start of minutes
            window = " ".join(lines[k].s for k in range(i, min(n, i + 4)))
            cuts.append(_Cut(_back_to_banner(lines, i), "minutes", s, None, parse_date(window)))
            continue
        m = _ITEM_BANNER.match(s)
        if m and (detect.as_body(m.group(1)) or detect.as_organisation(m.group(1))):
            j, title = _next_text(lines, i)
            cuts.append(_Cut(i, "report", title, m.group(3), parse_date(m.group(2))))
            continue
        m = _ITEM_NO.match(s)
        if m:
            j, t = _next_text(lines, i)
            mt = _REPORT_TITLE.match(t)
            title = mt.group(1).strip() if mt else t
            cuts.append(_Cut(_back_to_banner(lines, i), "report", title, m.group(1)))
            continue
        m = _REPORT_TITLE.match(s)
        if m and (not cuts or cuts[-1].line < i - 6):
            # A report without its own item number: a supporting paper for the current item.
            cuts.append(_Cut(_back_to_banner(lines, i), "report", m.group(1).strip().strip("\t"), "^"))
            continue
        if s.rstrip(":").upper() == "ORIGINATOR":
            # OPCCN report form: ORIGINATOR / REASON FOR SUBMISSION / SUBMITTED TO / SUBJECT.
            title = ""
            for k in range(i + 1, min(n, i + 20)):
                if lines[k].s.rstrip(":").upper() == "SUBJECT":
                    title = _next_text(lines, k)[1]
                    break
            cuts.append(_Cut(i, "report", title or "Report"))
            continue
        if _SUGGESTED.match(s):
            # Panel covering report: its title is the heading just above.
            k = i - 1
            while k >= 0 and not lines[k].s:
                k -= 1
            start = k if k >= 0 and is_heading(lines[k]) else i
            if cuts and cuts[-1].type == "report" and cuts[-1].line >= start - 4:
                continue  # already cut by an Item banner
            cuts.append(_Cut(start, "report", lines[start].s))
            continue
        m = _APPENDIX.match(s)
        if m and not _TOC_LINE.search(ln.text) and (is_heading(ln) or len(s) < 100) \
                and not s.endswith((".", ",")):
            cuts.append(_Cut(i, "appendix", s))
            continue
        if _DECISIONS_HEAD.match(s):
            cuts.append(_Cut(i, "decisions", s))
            continue
    return cuts


def _minutes_banner(lines: list[Line], i: int, page_starts: list[int]) -> int | None:
    """Where minutes start that open with a banner (body, date) over 'PRESENT:', or None."""
    window = [k for k in range(max(0, i - 6), i) if lines[k].s]
    has_date = any(parse_date(lines[k].s) for k in window)
    has_body = any(detect.as_body(lines[k].s) for k in window)
    if not (has_date and has_body):
        return None
    at = _page_start_line(lines, page_starts, i)
    return at if i - at <= 8 else window[0]


def _looks_like_cue(lines: list[Line], i: int) -> bool:
    """Whether one of the explicit part cues starts within the next few lines."""
    for k in range(i, min(len(lines), i + 8)):
        s = lines[k].s
        if _MINUTES_START.match(s) or _ITEM_NO.match(s) or _REPORT_TITLE.match(s) or _ITEM_BANNER.match(s) \
                or _SUGGESTED.match(s) or s.rstrip(":").upper() == "ORIGINATOR" or _DECISIONS_HEAD.match(s):
            return True
    return False


def _paper_title(lines: list[Line], i: int) -> str:
    """Title of a paper from its opening heading lines, leaving out a bare issuing-office line."""
    heads: list[str] = []
    names: list[str] = []
    for k in range(i, min(len(lines), i + 12)):
        s = lines[k].s
        if not s or re.fullmatch(r"(?:page\s+)?[\divxlc]{1,4}", s, re.I):
            continue  # a page number printed above the title
        if re.match(r"^Summary:?$", s, re.I) or not is_heading(lines[k]):
            break
        bare_body = detect.as_body(s) == detect.tidy_name(s) or detect.as_organisation(s) == detect.tidy_name(s)
        (names if bare_body else heads).append(s)
    return " – ".join(heads[:2] or names[:2]) or lines[i].s


# --- agenda items -----------------------------------------------------------------------------

_AGENDA_ITEM = re.compile(r"^(?:- )?(\d{1,2})\.?\s+(.{3,800})$")
_TIME_CELL = re.compile(r"^\d{1,2}[:.]\d{2}\s*(am|pm)?$|^\d{1,2}(am|pm)$", re.I)


def parse_agenda(lines: list[Line]) -> dict[str, str]:
    """Item number -> title from the agenda part's lines (plain, Markdown-table or tab rows)."""
    items: dict[str, str] = {}
    for ln in lines:
        text = ln.text.strip()
        if not text:
            continue
        if "\t" in text:
            cells = [c.strip() for c in text.split("\t") if c.strip()]
            if not cells:
                continue
            m = re.match(r"^(\d{1,2})\.?$", cells[0])
            if m:
                rest = [c for c in cells[1:] if not _TIME_CELL.match(c) and not re.match(r"^(Page \d+|\(Page \d+\)|Verbal Update)$", c, re.I)]
                if rest:
                    items.setdefault(m.group(1), _clean_item_title(rest[0]))
                continue
            m = _AGENDA_ITEM.match(cells[0])
            if m:
                items.setdefault(m.group(1), _clean_item_title(m.group(2)))
            continue
        m = _AGENDA_ITEM.match(text)
        if m and not _MINUTE_NO.match(text):
            # Several items can be run together on one converted line: split them.
            for num, title in _split_run_on(m.group(1), m.group(2)):
                items.setdefault(num, _clean_item_title(title))
    return items


def _split_run_on(num: str, rest: str) -> list[tuple[str, str]]:
    out = []
    cur_num, cur = num, rest
    expected = int(num) + 1
    while True:
        m = re.search(r"\s%d\.?\s+(?=[A-Z])" % expected, cur)
        if not m:
            out.append((cur_num, cur))
            return out
        out.append((cur_num, cur[: m.start()]))
        cur_num, cur = str(expected), cur[m.end():]
        expected += 1


def _clean_item_title(t: str) -> str:
    t = re.sub(r"\s*\(Page \d+\)\s*", " ", t).strip()
    t = re.split(r"\s+To (?:consider|receive|review|hold|note)\b|\s+Page \d+$", t)[0]
    return t.strip(" *-–:").strip()


# Words that every paper in these archives uses; they cannot tell one agenda item from another.
_STOP = set("""the a an of and for to in on at by with is be from report update office police
crime commissioner pcc panel constabulary s""".split())


def _stem(w: str) -> str:
    for suf in ("ing", "ed", "es", "s", "ion"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def _words(s: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z0-9]+", s.lower()) if w not in _STOP}


def _item_key(num: str) -> tuple[int, str]:
    m = re.match(r"(\d+)(.*)", num)
    return (int(m.group(1)), m.group(2)) if m else (0, num)


def match_item(title: str, agenda: dict[str, str], opening: str = "", after: str | None = None) -> str | None:
    """The agenda item that a paper belongs to, by rare-word overlap with its title and opening.

    Words shared by many agenda items ("police", "commissioner") say little, so each word counts
    1/(number of items using it). On a tie, a match in the title beats one in the opening text, and
    then an item not before ``after`` (the item of the previous paper: packs follow agenda order).
    """
    if not agenda:
        return None
    item_words = {num: _words(t) for num, t in agenda.items()}
    df = Counter(w for ws in item_words.values() for w in ws)
    tw, ow = _words(title), _words(opening)
    best, best_key = None, (0.0,)
    for num, iw in item_words.items():
        if not iw:
            continue
        total = sum(1 / df[w] for w in iw)
        score = sum(1 / df[w] for w in iw & (tw | ow)) / total
        in_title = sum(1 / df[w] for w in iw & tw) / total
        in_order = after is None or _item_key(num) >= _item_key(after)
        key = (score, in_title, in_order)
        if key > best_key:
            best, best_key = num, key
    return best if best_key[0] >= 0.5 else None


# --- document analysis ------------------------------------------------------------------------


def _first_part_type(lines: list[Line], text: str) -> tuple[str, str]:
    head = [ln for ln in lines[:80] if ln.s]
    head_text = "\n".join(ln.s for ln in head[:15])
    for k, ln in enumerate(head[:15]):
        if re.search(r"\bbriefing\b", ln.s, re.I) and len(ln.s.split()) <= 8:
            nxt = head[k + 1].s if k + 1 < len(head) else ""
            # Slide titles wrap: "<Office> Briefing to" / "Candidates".
            title = f"{ln.s} {nxt}" if ln.s.lower().endswith(" to") and len(nxt) < 40 else ln.s
            return "briefing", title
    if detect.T_DECISION.search(head_text):
        return "decision_record", head[0].s
    for ln in head:
        if _AGENDA_HEAD.match(ln.s) or detect.T_AGENDA.match(ln.s):
            return "agenda", "Agenda"
    if re.search(r"^Decision\s+\d{4}[-/]\d+", head_text, re.I | re.M) or re.search(r"decision notice", head_text, re.I):
        return "decision_record", head[0].s
    if re.search(r"^Dear\s+\w+", head_text, re.M):
        # A covering letter; one that lists the agenda items it encloses is the pack's agenda.
        kind = "agenda" if re.search(r"\bAgenda\s+Item\b", text[:3000], re.I) else "letter"
        return kind, next((ln.s for ln in head[:12] if detect.as_body(ln.s) and ln.s.isupper()), head[0].s)
    if re.search(r"ACTION:", text) and re.search(r"Date of Next Meeting", text, re.I):
        return "minutes", "Minutes"
    if re.search(r"\bminutes\b", head_text, re.I):
        return "minutes", "Minutes"
    return "report", head[0].s if head else "Document"


def _merge_title_lines(lines: list[Line], cuts: list[_Cut]) -> None:
    if cuts and 0 < cuts[0].line:
        before = [ln for ln in lines[: cuts[0].line] if ln.s]
        if len(before) <= 3 and all(len(ln.s) < 90 and not _SENTENCE_END.search(ln.s) for ln in before):
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
    if doc_type in ("minutes", "agenda", "agenda_pack") and cuts[0].type in ("report", "letter"):
        # The first part is what the paper turned out to be (minutes whose heading comes late).
        cuts[0].type = "agenda" if doc_type == "agenda_pack" else doc_type
    body = names.body(detect.find_body(block, text[:first_end], src.running_header, src.title)
                      or detect.find_body(block, text, src.running_header, src.title))
    organisation = names.organisation(detect.find_organisation(block, text, doc_type != "other"))
    meeting_date, document_date = _dates(doc_type, [ln for ln in head if ln.start < first_end], block,
                                         text, cuts, banner)

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
            part_body = body  # "Norwalk Housing Authority" is the pack's "Housing Authority"
        if c.type in ("report", "appendix", "decisions", "agenda") and body:
            part_body = body  # papers for this meeting belong to the meeting's body
        item_title = agenda.get(item) if item else None
        parts.append(Part(k, c.type, c.title[:200] or c.type.title(), start, end, item,
                          item_title or (c.title if c.type == "report" and item else None),
                          part_date, part_body))
    return parts


_DECISION_DATE_LABEL = re.compile(
    r"^\s*(?:date\s+of\s+(?:the\s+)?decision|decision\s+date|date\s+(?:of\s+)?(?:decision\s+)?(?:taken|made|signed)"
    r"|date\s+decision\s+(?:taken|made))\s*:?", re.I | re.M)
_DATE_LINE = re.compile(r"^\s*Date\s*:", re.I | re.M)
_PUBLISHED = re.compile(r"\b(?:published|date\s+of\s+publication|publication\s+date|dated\s+this|issued|despatched"
                        r"|dispatched|circulated|posted)\b", re.I)


def _dates(doc_type: str, head: list[detect.HeadLine], block: list[detect.HeadLine], text: str,
           cuts: list[_Cut], banner) -> tuple[str | None, str | None]:
    """(meeting date, the paper's own date) for a paper of this type."""
    mf = month_first_text(text)
    cands = detect.date_candidates(head, {ln.index for ln in block}, mf)
    if doc_type == "decision_record":
        d = detect.labelled_date(text[:12000], _DECISION_DATE_LABEL, mf)
        if d is None:
            # A signature block at the end: "Signed … Date 12 March 2025".
            tail = text[-1500:]
            m = re.search(r"\bsigned\b[\s\S]{0,200}?\bdate[d]?\b\s*:?\s*([^\n]{6,40})", tail, re.I)
            d = next((x.iso for x in find_dates(m.group(1), numeric=True, month_first=mf)), None) if m else None
        return d, d
    letter = bool(re.search(r"^Dear\s+\w+", "\n".join(ln.text for ln in head[:40]), re.M))
    document = _own_date(head, cands, "letter" if letter else doc_type, text, mf)
    if doc_type in ("letter",):
        return None, document
    if letter:
        cands = [c for c in cands if not _DATE_LINE.match(c.line)]  # the letter's own "Date:"
    meeting = parse_date(banner.group(2)) if banner else None
    if meeting is None and doc_type in ("minutes",) and cuts and cuts[0].date:
        meeting = cuts[0].date
    if meeting is None:
        own = [c for c in cands if c.score >= 4 and c.iso != document] or [c for c in cands if c.score >= 4]
        meeting = max(own, key=lambda c: (c.score, -c.offset)).iso if own else None
    if doc_type == "minutes" and document is None:
        document = meeting
    return meeting, document


def _own_date(head, cands, doc_type: str, text: str, mf: bool) -> str | None:
    """The paper's own date: published / dated / a letter's or report's 'Date:' line, or an
    agenda's closing date line (printed under the clerk's name, after the items)."""
    for c in cands:
        if _PUBLISHED.search(c.line):
            return c.iso
    if doc_type in ("letter", "report", "appendix", "questions", "notice"):
        d = detect.labelled_date(text[:3000], _DATE_LINE, mf)
        if d:
            return d
    if doc_type in ("agenda", "agenda_pack"):
        items_seen = False
        last = None
        for ln in head:
            if re.match(r"^(?:\d{1,2}|[IVX]{1,4}|[A-Z])[.)]?\s+[A-Z]", ln.text):
                items_seen = True
                continue
            if items_seen:
                found = find_dates(ln.text)
                if found and len(ln.text.split()) <= 6 and found[0].start <= 12:
                    last = found[0].iso
        return last
    return None


def month_first_text(text: str) -> bool:
    from .dates import month_first

    return month_first(text[:30000])


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
    first = next((ln.s for ln in lines if ln.s), "Untitled")
    return first[:120]


# --- items ------------------------------------------------------------------------------------

# "7. Title", "7 Title", "24a. Title", "7(a) Title", "Item 7: Title", "IV. Title", "B. Title".
_ITEM_LINE = re.compile(
    r"^(?:[-•]\s*)?(?:Item\s+)?(?P<n>\d{1,3}(?:\s?\([a-z0-9]{1,3}\)|[a-z](?![a-z]))?|[IVXLC]{1,7}(?=[.)])|[A-Z](?=[.)]))"
    r"(?P<sep>[.):]|\s)\s*(?P<t>[A-Z0-9'‘\"“(£].{1,600})$")
_ITEM_ALONE = re.compile(r"^(?:Agenda\s+)?Item\s+(?:No\.?\s*)?(\d{1,3}[a-z]?)\s*[.:]?\s*$", re.I)
_SUB_LINE = re.compile(r"^\(?(?P<l>[a-z])[.)]\s+(?P<t>[A-Z].{1,200})$")
_ITEM_MARK = re.compile(r"\(\s*(?:Agenda\s+)?Item\s+(?:No\.?\s*)?(\d{1,3}[a-z]?(?:\s?\([a-z0-9]{1,3}\))?)\s*\)", re.I)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_PAGE_REF = re.compile(r"\s*\((?:Pages?|pp?\.?)\s*\d+(?:\s*[-–]\s*\d+)?\)\s*|\s+(?:Pages?\s+)?\d{1,4}(?:\s*[-–]\s*\d{1,4})?\s*$", re.I)


def _roman(s: str) -> int | None:
    if not re.fullmatch(r"[IVXLC]+", s):
        return None
    total, prev = 0, 0
    for ch in reversed(s):
        v = _ROMAN[ch]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total


def _item_order(num: str) -> tuple[str, int, str]:
    """(numbering style, ordinal, suffix): '24a' -> ('n', 24, 'a'), 'IV' -> ('r', 4, ''), 'B' -> ('l', 2, '')."""
    m = re.match(r"(\d+)\s?(.*)", num)
    if m:
        return "n", int(m.group(1)), m.group(2)
    r = _roman(num)
    if r is not None and (len(num) > 1 or num in "IVX"):
        return "r", r, ""
    return "l", ord(num) - 64, ""


def _item_title(t: str) -> str:
    t = _ITEM_MARK.sub("", t)
    t = _PAGE_REF.sub("", t)
    t = re.sub(r"\s+", " ", t)
    return t.strip(" \t*-–:").strip()


def _caps_title(t: str) -> str | None:
    """The capitalised title at the start of a line that runs on into text ("ROLL CALL - … On calling")."""
    m = re.match(r"^([^a-z]*?[A-Z][^a-z]*?)(?=\s+[A-Z]?[a-z]|\s*$)", t)
    if not m:
        return None
    title = m.group(1).strip(" -–:")
    return title if len(re.sub(r"[^A-Z]", "", title)) >= 4 else None


def _agenda_items(part: Part, lines: list[Line]) -> list[Item]:
    """The agenda's items in printed order, kept when their numbers run in sequence (a numbered
    note such as a footnote '1 Members are advised …' or a paragraph is not an item)."""
    cands: list[tuple[int, str, str]] = []  # (line start, number, title)
    for k, ln in enumerate(lines):
        s = ln.s
        if not s or _MINUTE_NO.match(s) and not re.match(r"^\d{1,3}\.\d{1,2}\s+[A-Z][A-Za-z]", s):
            continue
        if "\t" in s:
            cells = [c.strip() for c in s.split("\t") if c.strip()]
            m = re.match(r"^(?:Item\s+)?(\d{1,3}[a-z]?)\.?$", cells[0], re.I) if cells else None
            if m:
                rest = [c for c in cells[1:] if not _TIME_CELL.match(c)
                        and not re.match(r"^(Page \d+|\(Page \d+\)|Verbal Update|Pages? \d+\s*[-–]\s*\d+)$", c, re.I)]
                if rest:
                    cands.append((ln.start, m.group(1), _clean_item_title(rest[0])))
                continue
            s = cells[0] if cells else s
        alone = _ITEM_ALONE.match(s)
        if alone:
            nxt = next((x.s for x in lines[k + 1: k + 3] if x.s), "")
            if nxt and not _ITEM_LINE.match(nxt):
                cands.append((ln.start, alone.group(1), _item_title(nxt)))
            continue
        m = _ITEM_LINE.match(s)
        if m:
            title = m.group("t")
            words = title.split()
            if len(words) > 60 or (len(words) > 30 and re.search(r"[.;]\s*$", title)):
                continue
            if m.group("sep") == " " and not m.group("n").isdigit():
                continue
            if re.match(r"^\d", m.group("n")) and "\t" not in ln.s:
                for num, part_title in _split_run_on(re.sub(r"\s", "", m.group("n")), title):
                    cands.append((ln.start, num, _item_title(_clean_item_title(part_title))))
            else:
                cands.append((ln.start, m.group("n"), _item_title(title)))
            continue
        sm = _SUB_LINE.match(s)
        if sm and cands and len(s.split()) <= 25:
            base = re.match(r"\d+", cands[-1][1])
            if base:
                letter = sm.group("l")
                prev_letter = re.search(r"\(([a-z])\)$", cands[-1][1])
                if letter == "a" or (prev_letter and ord(letter) == ord(prev_letter.group(1)) + 1):
                    cands.append((ln.start, f"{base.group(0)}({letter})", _item_title(sm.group("t"))))
    out: list[Item] = []
    last: dict[str, int] = {}
    for start, num, title in cands:
        style, n, suffix = _item_order(num)
        prev = last.get(style)
        # The first item is 1-3, or any number under a heading that says these are items
        # ("Agenda Item No" over "7 Transfer of …" in a supplementary pack).
        first_ok = n <= 3 or any(re.search(r"\bitems?\b", ln.s, re.I) for ln in lines
                                 if start - 300 <= ln.start < start)
        ok = first_ok if prev is None else (0 < n - prev <= 3 or (n == prev and bool(suffix)) or n == 1)
        if not ok or not title:
            continue
        last[style] = n
        out.append(Item(num, None, title[:300], part.ordinal, start))
    return sorted(out + _unnumbered_items(part, lines, out), key=lambda it: it.start)


# Headings of the business of a meeting that agendas list without a number.
_PROCEDURAL = re.compile(r"^(?:CALL\s+TO\s+ORDER|ROLL\s+CALL|PLEDGE\s+OF\s+ALLEGIANCE|INVOCATION|PUBLIC\s+COMMENTS?|"
                         r"ORAL\s+COMMUNICATIONS|CONSENT\s+(?:CALENDAR|AGENDA)|APPROVAL\s+OF\s+(?:THE\s+)?MINUTES|"
                         r"(?:NEW|OLD|UNFINISHED)\s+BUSINESS|ANNOUNCEMENTS|ADJOURNMENT|CLOSED\s+SESSION|PUBLIC\s+HEARINGS?)\b")


def _unnumbered_items(part: Part, lines: list[Line], numbered: list[Item]) -> list[Item]:
    """Headings in capitals that an agenda lists without a number (CALL TO ORDER, ROLL CALL, a
    report, ADJOURNMENT), from the first such standard heading of a meeting's business on."""
    out: list[Item] = []
    started = False
    taken = {it.start for it in numbered}
    for ln in lines:
        if ln.start in taken or not ln.s or _ITEM_LINE.match(ln.s):
            continue
        title = _caps_title(ln.s)
        if not title or len(title.split()) > 8 or title != ln.s[: len(title)]:
            continue
        if _PROCEDURAL.match(title):
            started = True
        if started and not re.search(r"\d", title):
            out.append(Item(None, None, title, part.ordinal, ln.start))
    return out if len(out) >= 2 else []


def _minute_items(part: Part, lines: list[Line]) -> list[Item]:
    """Items of a set of minutes: '84. Apologies' over '(Item 1)' (number 1, minute 84), or the
    numbered headings ('4. Minutes', 'ROLL CALL' in capitals) in the style the minutes use."""
    marks = []
    for k, ln in enumerate(lines):
        m = _ITEM_MARK.search(ln.s)
        if m:
            marks.append((k, m))
    out: list[Item] = []
    if len(marks) >= 2:
        for k, m in marks:
            head_k = k
            hm = re.match(r"^(\d{1,4})\.?\s+(.*)", lines[k].s)
            if not hm or not _item_title(hm.group(2)):
                for j in range(k - 1, max(-1, k - 4), -1):
                    if lines[j].s:
                        hm = re.match(r"^(\d{1,4})\.?\s+(.*)", lines[j].s)
                        head_k = j
                        break
            if not hm:
                continue
            out.append(Item(re.sub(r"\s", "", m.group(1)), hm.group(1), _item_title(hm.group(2))[:300],
                            part.ordinal, lines[head_k].start))
        return out
    numbered = []
    for k, ln in enumerate(lines):
        m = re.match(r"^(?:- )?(\d{1,3}[a-z]?)(?:\.0)?\.?\s+(\S.*)$", ln.s)
        if not m or _MINUTE_NO.match(ln.s):
            continue
        caps = _caps_title(m.group(2))
        numbered.append((k, m.group(1), m.group(2), caps))
    capital = [x for x in numbered if x[3]]
    if len(capital) >= 3 and len(capital) >= 0.5 * len(numbered):
        # Minutes that print item titles in capitals: only those lines are items.
        return [Item(num, None, caps[:300], part.ordinal, lines[k].start) for k, num, _, caps in capital]
    for k, num, rest, _ in numbered:
        if not re.match(r"[A-Z'‘\"]", rest):
            continue
        if _opens_item(lines, k) or is_heading(lines[k]):
            out.append(Item(num, None, _clean_item_title(rest)[:300], part.ordinal, lines[k].start))
    return out


def find_items(lines: list[Line], parts: list[Part], src: SourceText) -> list[Item]:
    """Agenda items of the agenda and minutes parts, in document order, with their pages."""
    out: list[Item] = []
    li = 0
    for part in parts:
        while li < len(lines) and lines[li].start < part.start:
            li += 1
        part_lines = []
        j = li
        while j < len(lines) and lines[j].start < part.end:
            part_lines.append(lines[j])
            j += 1
        if part.type == "agenda":
            out.extend(_agenda_items(part, part_lines))
        elif part.type == "minutes":
            out.extend(_minute_items(part, part_lines))
    for it in out:
        it.page = next((p.pdf_page for p in src.pages if p.start <= it.start <= p.end), None)
    return out


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
        top: str | None = None
        sub: str | None = None
        item, item_title, minute = part.item, part.item_title, None
        sec_start = part.start
        first = True

        def close(at: int):
            if at > sec_start:
                heads = tuple(h for h in (part.title, top, sub) if h)
                sections.append(Section(part.ordinal, sec_start, at, heads, item, item_title, minute))

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
            if not ln.s:
                continue
            if it is not None:
                close(ln.start)
                sec_start = ln.start
                has_text = False
                item, item_title, minute = it.number, it.title, it.minute
                top, sub = ln.s[:200], None
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
            if _NUMBERED_HEADING.match(ln.s):
                top, sub = ln.s, None
            else:
                sub = ln.s if top else None
                if not top:
                    top = ln.s
        close(part.end)
    return sections


def _opens_item(lines: list[Line], k: int) -> bool:
    """'3. To receive any items of business which …' followed by minute 3.1: an item heading,
    however long (PDF minutes have no heading marks, and item titles can be long)."""
    m = _NUMBERED_HEADING.match(lines[k].s)
    if not m or _SENTENCE_END.search(lines[k].s):
        return False
    nxt = next((ln.s for ln in lines[k + 1: k + 4] if ln.s), "")
    m2 = _MINUTE_NO.match(nxt)
    return bool(m2) and m2.group(1).split(".")[0] == m.group(1)


def minute_number(text: str) -> str | None:
    """Minute paragraph numbers (7.2.13) found at line starts in a chunk: first, or first–last."""
    nums = [m.group(1) for m in (_MINUTE_NO.match(l.strip()) for l in text.split("\n")) if m]
    if not nums:
        return None
    return nums[0] if len(nums) == 1 else f"{nums[0]}–{nums[-1]}"
