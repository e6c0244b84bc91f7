"""Find a document's structure from its content: body, meeting date, type, parts, items, headings.

An agenda pack is many documents in one file: the agenda, the previous meeting's minutes (dated
for *that* meeting), a report per item, appendices, lists of decisions. We find part boundaries
from cues that these papers use (``Minutes of the meeting held on …``, ``<Body> <date> Item 7``
banners, ``Item No: 6`` / ``Report Title:`` cover sheets, ``SUBJECT:`` report forms, ``Appendix A``
headings), then headings and minute paragraph numbers inside each part. Spans that must not be
indexed (boilerplate, repeated cell text, translation offers) are returned as ``skipped``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from .records import Document, Part, Section, SourceText

# --- bodies -----------------------------------------------------------------------------------

BODIES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"Community Safety Partnership\W+(?:\(NCCSP\)\s+)?Scrutiny\s+Sub[- ]?Panel|NCCSP Scrutiny\s+Sub[- ]?Panel", re.I),
     "NCCSP Scrutiny Sub Panel"),
    (re.compile(r"PCC(?:'s)? Accountability Meeting", re.I), "PCC Accountability Meeting"),
    (re.compile(r"Police and Crime Panel", re.I), "Norfolk Police and Crime Panel"),
    (re.compile(r"\bOPCCN\b|Office of the Police (?:and|&) Crime Commissioner", re.I), "OPCCN"),
]

BODY_TITLES = {
    "NCCSP Scrutiny Sub Panel": "Norfolk Countywide Community Safety Partnership Scrutiny Sub Panel",
    "PCC Accountability Meeting": "PCC Accountability Meeting (Police and Crime Commissioner and Chief Constable)",
    "Norfolk Police and Crime Panel": "Norfolk Police and Crime Panel",
    "OPCCN": "Office of the Police and Crime Commissioner for Norfolk",
}

# --- dates ------------------------------------------------------------------------------------

_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], 1)}
_MON = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(\d{4})\b", re.I)
_MDY = re.compile(r"\b" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)


def parse_date(text: str) -> str | None:
    """First 'day month year' or 'month day year' date in ``text`` as ISO, else None."""
    best = None
    for rx, order in ((_DMY, "dmy"), (_MDY, "mdy")):
        m = rx.search(text)
        if not m:
            continue
        if order == "dmy":
            d, mon, y = int(m.group(1)), m.group(2), int(m.group(3))
        else:
            mon, d, y = m.group(1), int(m.group(2)), int(m.group(3))
        try:
            iso = dt.date(y, _MONTHS[mon.lower()], d).isoformat()
        except ValueError:
            continue
        if best is None or m.start() < best[0]:
            best = (m.start(), iso)
    return best[1] if best else None


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
    r"^(?:Minutes of (?:the )?(?:\w+ )?meeting held\b|Summary of the .*Meeting$|Minutes$)", re.I)
_ITEM_BANNER = re.compile(r"^(.{5,100}?)\s+(\d{1,2}\s+\w+\s+\d{4})\s+Item\s+(\d{1,2}[a-z]?)\s*$", re.I)
_ITEM_NO = re.compile(r"^Item No\.?:?\s*(\d{1,2}[a-z]?)\s*$", re.I)
_REPORT_TITLE = re.compile(r"^Report title:?\s*(.+)$", re.I)
_APPENDIX = re.compile(r"^(Appendix|Annex)\s+([A-Z0-9]{1,3})\b\s*[-–:]?\s*(.{0,120})$", re.I)
_AGENDA_HEAD = re.compile(r"^(A\s?G\s?E\s?N\s?D\s?A|Agenda)$", re.I)
_DECISIONS_HEAD = re.compile(r"^(PCC'?s Decisions|Decisions? (?:log|list|register)|Decision Notices?)$", re.I)
_SUGGESTED = re.compile(r"^(?:Suggested approach from|Report (?:from|by))\b", re.I)
_TOC_LINE = re.compile(r"(\.{3,}|\t)\s*\d{1,3}\s*$")


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


def _back_to_banner(lines: list[Line], i: int) -> int:
    """Start a part at the body/banner line just above its first cue, if there is one."""
    j = i - 1
    while j >= 0 and not lines[j].s:
        j -= 1
    if j >= 0 and any(rx.search(lines[j].s) for rx, _ in BODIES) and len(lines[j].s) < 110 \
            and not _TOC_LINE.search(lines[j].s):
        return j
    return i


def find_cuts(lines: list[Line]) -> list[_Cut]:
    cuts: list[_Cut] = []
    n = len(lines)
    after_boilerplate: int | None = None
    for i, ln in enumerate(lines):
        s = ln.s
        if not s:
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
        if m and any(rx.search(m.group(1)) for rx, _ in BODIES):
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
    for k in range(i, min(len(lines), i + 12)):
        s = lines[k].s
        if not s:
            continue
        if re.match(r"^Summary:?$", s, re.I) or not is_heading(lines[k]):
            break
        bare_body = any(rx.fullmatch(s) or rx.fullmatch(re.sub(r"^(?:the\s+)?", "", s)) for rx, _ in BODIES) \
            or re.fullmatch(r"Office of the Police (?:and|&) Crime Commissioner(?: for Norfolk)?", s, re.I)
        if not bare_body:
            heads.append(s)
    return " – ".join(heads[:2]) or lines[i].s


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
_STOP = set("""the a an of and for to in on at by with is be from report update norfolk office police
crime commissioner pcc opccn panel constabulary s""".split())


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


def detect_body(text: str) -> str | None:
    head = text[:3000]
    hits = []
    for rx, name in BODIES:
        m = rx.search(head)
        if m:
            hits.append((m.start(), name))
    if hits:
        return min(hits)[1]
    # Minutes of a PCC-with-Chief-Constable meeting that lost their heading (an extract).
    if len(re.findall(r"\bthe PCC (?:asked|queried|requested|questioned|referenced)", text)) >= 3 \
            and "Chief Constable" in text:
        return "PCC Accountability Meeting"
    for rx, name in BODIES:
        if rx.search(text):
            return name
    return None


def detect_doc_type(text: str, parts: list[Part]) -> str:
    types = [p.type for p in parts]
    if types and types[0] == "agenda" and len(parts) > 1:
        return "agenda_pack"
    if types:
        return types[0]
    return "document"


def _first_part_type(lines: list[Line], text: str) -> tuple[str, str]:
    head = [ln for ln in lines[:80] if ln.s]
    head_text = "\n".join(ln.s for ln in head[:15])
    for k, ln in enumerate(head[:15]):
        if re.search(r"\bbriefing\b", ln.s, re.I):
            nxt = head[k + 1].s if k + 1 < len(head) else ""
            # Slide titles wrap: "OPCCN Briefing to" / "Candidates".
            title = f"{ln.s} {nxt}" if ln.s.lower().endswith(" to") and len(nxt) < 40 else ln.s
            return "briefing", title
    for ln in head:
        if _AGENDA_HEAD.match(ln.s):
            return "agenda", "Agenda"
    if re.search(r"^Decision\s+\d{4}[-/]\d+", head_text, re.I | re.M) or re.search(r"decision notice", head_text, re.I):
        return "decision_notice", head[0].s
    if re.search(r"ACTION:", text) and re.search(r"Date of Next Meeting", text, re.I):
        return "minutes", "Minutes"
    if re.search(r"\bminutes\b", head_text, re.I):
        return "minutes", "Minutes"
    return "report", head[0].s if head else "Document"


def analyse(src: SourceText, doc_id: str) -> Document:
    lines = split_lines(src)
    text = src.text
    banner = _ITEM_BANNER.match(src.running_header or "")
    body = detect_body((src.running_header or "") + "\n" + text)
    first_type, first_title = _first_part_type(lines, text)

    cuts = find_cuts(lines)
    if cuts and 0 < cuts[0].line:
        before = [ln for ln in lines[: cuts[0].line] if ln.s]
        if len(before) <= 3 and all(len(ln.s) < 90 and not _SENTENCE_END.search(ln.s) for ln in before):
            cuts[0].line = 0  # only a title (often a wrapped body name) above the first part
    if not cuts or cuts[0].line > 0:
        cuts.insert(0, _Cut(0, first_type, first_title))
    if banner and cuts[0].type in ("report", "appendix"):
        # A running header such as "PCC Accountability Meeting 29 January 2025 Item 5".
        cuts[0].item = cuts[0].item or banner.group(3)
    # Drop cuts that would make empty parts.
    dedup: list[_Cut] = []
    for c in cuts:
        if dedup and c.line <= dedup[-1].line:
            continue
        dedup.append(c)
    cuts = dedup

    doc_date = (parse_date(banner.group(2)) if banner else None) or _document_date(lines, cuts)
    agenda: dict[str, str] = {}
    if cuts[0].type == "agenda":
        end = cuts[1].line if len(cuts) > 1 else len(lines)
        agenda = parse_agenda(lines[: end])

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
        meeting_date = c.date if c.type == "minutes" else doc_date
        part_body = _part_body(text[start: min(end, start + 600)]) or body
        if c.type in ("report", "appendix", "decisions", "agenda") and body:
            part_body = body  # papers for this meeting belong to the meeting's body
        item_title = agenda.get(item) if item else None
        parts.append(Part(k, c.type, c.title[:200] or c.type.title(), start, end, item,
                          item_title or (c.title if c.type == "report" and item else None),
                          meeting_date, part_body))

    sections = _sections(lines, parts)
    skips = find_skips(lines)
    title = src.title or _title(lines, body, doc_date, detect_doc_type(text, parts))
    return Document(doc_id, src.path, src.kind, src.sha256, title, body, doc_date,
                    detect_doc_type(text, parts), text, src.pages, parts, sections, skips)


def _annexed(title: str, report_text: str) -> bool:
    """Whether the report before a paper says the paper is attached to it (annex/appendix)."""
    title = title.strip()
    if len(title) < 12:
        return False
    rx = re.compile(re.escape(title) + r"[^\n]{0,80}\b(?:annex|appendix|appended|attached)\b", re.I)
    return bool(rx.search(report_text))


def _document_date(lines: list[Line], cuts: list[_Cut]) -> str | None:
    """The meeting date of the document: a 'Date:' line near the top, else the first date there."""
    first_end = cuts[1].line if len(cuts) > 1 else len(lines)
    head = lines[: min(first_end, 80)]
    for ln in head:
        if re.match(r"^Date( of Meeting)?\s*:", ln.s, re.I):
            d = parse_date(ln.s) or parse_date(" ".join(x.s for x in lines[lines.index(ln): lines.index(ln) + 3]))
            if d:
                return d
    if cuts[0].type in ("minutes",) and cuts[0].date:
        return cuts[0].date
    for ln in head[:25]:
        if re.search(r"next meeting", ln.s, re.I):
            continue
        d = parse_date(ln.s)
        if d:
            return d
    return None


def _part_body(text: str) -> str | None:
    hits = []
    for rx, name in BODIES:
        m = rx.search(text)
        if m:
            hits.append((m.start(), name))
    return min(hits)[1] if hits else None


def _title(lines: list[Line], body: str | None, date: str | None, doc_type: str) -> str:
    kind = {"agenda_pack": "agenda pack", "decision_notice": "decision notice"}.get(doc_type, doc_type)
    if body:
        when = ""
        if date:
            d = dt.date.fromisoformat(date)
            when = f" {d.day} {d.strftime('%B %Y')}"
        return f"{body}{when} – {kind}"
    first = next((ln.s for ln in lines if ln.s), "Untitled")
    return first[:120]


def _sections(lines: list[Line], parts: list[Part]) -> list[Section]:
    """Split each part at its headings. In agendas and minutes a numbered heading is an item."""
    sections: list[Section] = []
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
        item, item_title = part.item, part.item_title
        sec_start = part.start
        first = True

        def close(at: int):
            if at > sec_start:
                heads = tuple(h for h in (part.title, top, sub) if h)
                sections.append(Section(part.ordinal, sec_start, at, heads, item, item_title))

        has_text = False  # the open section has more than its heading line(s)
        for k, ln in enumerate(part_lines):
            if first:
                first = False
                continue  # the part's own title line opens its first section
            if not ln.s:
                continue
            numbered = part.type in ("minutes", "agenda") and _opens_item(part_lines, k)
            if not numbered and not is_heading(ln):
                has_text = True
                continue
            m = _NUMBERED_HEADING.match(ln.s)
            new_item = m.group(1) if m and part.type in ("minutes", "agenda") else item
            # A run of headings with nothing under them (slide titles, table captions, names in
            # an attendance list) belongs to the section that follows, unless the item changes.
            if has_text or new_item != item:
                close(ln.start)
                sec_start = ln.start
            has_text = False
            if m:
                top, sub = ln.s, None
                if part.type in ("minutes", "agenda"):
                    item, item_title = m.group(1), _clean_item_title(m.group(2))
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
