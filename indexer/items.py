"""Agenda items: the contents list a paper prints, and which item a paper in a pack belongs to.

Agendas number items "7.", "7", "Item 7", "7(a)", "24a.", "IV." or "B." (and US agendas list CALL
TO ORDER, ROLL CALL, ADJOURNMENT without a number); minutes print "84. Apologies" over "(Item 1)"
(minute 84, item 1), "2 MINUTES OF … (Agenda item 3)", or the item's own number ("4. Minutes",
"1. ROLL CALL - …"). An agenda's numbers run in sequence, so a numbered footnote or paragraph is
not an item.
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import MINUTE_NO, Line, is_heading, opens_item
from .records import Item, Part, SourceText

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
        if m and not MINUTE_NO.match(text):
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


# "7. Title", "7 Title", "24a. Title", "7(a) Title", "Item 7: Title", "IV. Title", "B. Title".
_ITEM_LINE = re.compile(
    r"^(?:[-•]\s*)?(?:Item\s+)?(?P<n>\d{1,3}\.\d{1,2}(?![.\d])|[A-Z]\.\d{1,2}(?![.\d])|\d{1,3}(?:\s?\([a-z0-9]{1,3}\)"
    r"|[a-z](?![a-z]))?|[IVXLC]{1,7}(?=[.)])|[A-Z](?=[.)]))(?P<sep>[.):]|\s)\s*(?P<t>[A-Z0-9'‘\"“(£].{1,600})$")
# A minute reference in board minutes: "TB/24/57 Minutes of the previous meeting".
_MINUTE_REF = re.compile(r"^(?P<m>[A-Z]{1,6}/\d{2,4}/\d{1,4}[a-z]?)\s+(?P<t>[A-Z].{1,300})$")
_CLOCK = re.compile(r"^\d{1,2}:\d{2}\b|^\d{1,2}\.\d{2}\s*[ap]\.?m\b", re.I)
_ITEM_ALONE = re.compile(r"^(?:Agenda\s+)?Item\s+(?:No\.?\s*)?(\d{1,3}[a-z]?)\s*[.:]?\s*$", re.I)
_SUB_LINE = re.compile(r"^\(?(?P<l>[a-z])[.)]\s+(?P<t>[A-Z].{1,200})$")
_ITEM_MARK = re.compile(r"\(\s*(?:Agenda\s+)?Item\s+(?:No\.?\s*)?(\d{1,3}[a-z]?(?:\s?\([a-z0-9]{1,3}\))?)\s*\)", re.I)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# "(Pages 11 - 84)", "Page 3", or a contents list's page number after the title ("… report 9");
# not a year or a financial year ("Capital Programme 2025-35").
_PAGE_REF = re.compile(r"\s*\((?:Pages?|pp?\.?)\s*\d+(?:\s*[-–]\s*\d+)?\)\s*|\s+Pages?\s+\d{1,4}(?:\s*[-–]\s*\d{1,4})?\s*$"
                       r"|(?<![-–/\d])\s+\d{1,3}\s*$", re.I)


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
    m = re.match(r"([A-Z])\.(\d+)$", num)
    if m:
        return "l", ord(m.group(1)) - 64, "." + m.group(2)
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
    out: list[Item] = []
    last: dict[str, int] = {}
    for start, num, title in _agenda_candidates(lines):
        style, n, suffix = _item_order(num)
        prev = last.get(style)
        # The first item is 1-3, or any number under a heading that says these are items
        # ("Agenda Item No" over "7 Transfer of …" in a supplementary pack).
        first_ok = n <= 3 or any(re.search(r"\b(?:items?|agenda|enclose[sd]?|the\s+following)\b", ln.stripped, re.I)
                                 for ln in lines if start - 300 <= ln.start < start)
        ok = first_ok if prev is None else (0 < n - prev <= 3 or (n == prev and bool(suffix)) or n == 1)
        if not ok or not title:
            continue
        last[style] = n
        out.append(Item(num, None, title[:300], part.ordinal, start))
    return sorted(out + _unnumbered_items(part, lines, out), key=lambda it: it.start)


def _agenda_candidates(lines: list[Line]) -> list[tuple[int, str, str]]:
    """The agenda's lines that read as numbered items, as (line start, number, title), in order:
    table rows, a number alone over its title, '7. Title' lines and their '(a)' sub-items."""
    cands: list[tuple[int, str, str]] = []
    for k, ln in enumerate(lines):
        s = ln.stripped
        if not s or MINUTE_NO.match(s) and not re.match(r"^\d{1,3}\.\d{1,2}\s+(?:[A-Z][A-Za-z]|\d{4}\b)", s):
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
            nxt = next((x.stripped for x in lines[k + 1: k + 3] if x.stripped), "")
            if nxt and not _ITEM_LINE.match(nxt):
                cands.append((ln.start, alone.group(1), _item_title(nxt)))
            continue
        m = _ITEM_LINE.match(s)
        if m and _CLOCK.match(s):
            continue  # "5:45 P.M." under a meeting's date is its start time
        if m:
            cands.extend(_item_line_candidates(ln, m))
            continue
        sm = _SUB_LINE.match(s)
        if sm and cands and len(s.split()) <= 25:
            base = re.match(r"\d+", cands[-1][1])
            if base:
                letter = sm.group("l")
                prev_letter = re.search(r"\(([a-z])\)$", cands[-1][1])
                if letter == "a" or (prev_letter and ord(letter) == ord(prev_letter.group(1)) + 1):
                    cands.append((ln.start, f"{base.group(0)}({letter})", _item_title(sm.group("t"))))
    return cands


def _item_line_candidates(ln: Line, m: re.Match) -> list[tuple[int, str, str]]:
    """The items a '7. Title' line (``m``: its _ITEM_LINE match) gives: none, one, or several
    where a number runs on into the next ("7. Budget 8. Risks")."""
    title = m.group("t")
    words = title.split()
    if len(words) > 60 or (len(words) > 30 and re.search(r"[.;]\s*$", title)):
        return []
    if m.group("sep") == " " and not re.fullmatch(r"\d+(?:\.\d+)?", m.group("n")):
        return []  # "A Smith": a letter or a Roman number only numbers with "A." / "IV."
    if re.fullmatch(r"\d+", m.group("n")) and "\t" not in ln.stripped:
        return [(ln.start, num, _item_title(_clean_item_title(part_title)))
                for num, part_title in _split_run_on(re.sub(r"\s", "", m.group("n")), title)]
    return [(ln.start, m.group("n"), _item_title(title))]


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
        if ln.start in taken or not ln.stripped or _ITEM_LINE.match(ln.stripped):
            continue
        title = _caps_title(ln.stripped)
        if not title or len(title.split()) > 8 or title != ln.stripped[: len(title)]:
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
        m = _ITEM_MARK.search(ln.stripped)
        if m:
            marks.append((k, m))
    if len(marks) >= 2:
        return _marked_items(part, lines, marks)
    refs = [(k, _MINUTE_REF.match(ln.stripped)) for k, ln in enumerate(lines)]
    refs = [(k, m) for k, m in refs if m]
    if len(refs) >= 2:
        # Minutes that number by reference ("TB/24/57"): the references are the items' minute numbers.
        return [Item(None, m.group("m"), _item_title(m.group("t").split("\t")[0])[:300], part.ordinal, lines[k].start)
                for k, m in refs]
    numbered = _numbered_lines(lines)
    capital = [x for x in numbered if x[3]]
    if len(capital) >= 3 and len(capital) >= 0.5 * len(numbered):
        # Minutes that print item titles in capitals: only those lines are items, and the
        # "6.1 Title" sub-items under them.
        bases = {num for _, num, _, caps, _ in capital}
        return [Item(num, None, _item_title(caps or _clean_item_title(rest))[:300], part.ordinal, lines[k].start)
                for k, num, rest, caps, _ in numbered
                if caps or (re.fullmatch(r"\d+\.\d+", num) and num.split(".")[0] in bases and _short_title(rest, 30))]
    return _numbered_items(part, lines, numbered)


def _marked_items(part: Part, lines: list[Line], marks: list[tuple[int, re.Match]]) -> list[Item]:
    """Items from their '(Item 1)' marks (line index, match): the minute heading is the mark's own
    line, or the nearest line above it with text."""
    out: list[Item] = []
    for k, m in marks:
        head_k = k
        hm = re.match(r"^(\d{1,4})\.?\s+(.*)", lines[k].stripped)
        if not hm or not _item_title(hm.group(2)):
            for j in range(k - 1, max(-1, k - 4), -1):
                if lines[j].stripped:
                    hm = re.match(r"^(\d{1,4})\.?\s+(.*)", lines[j].stripped)
                    head_k = j
                    break
        if not hm:
            continue
        out.append(Item(re.sub(r"\s", "", m.group(1)), hm.group(1), _item_title(hm.group(2))[:300],
                        part.ordinal, lines[head_k].start))
    return out


# A line that opens with an item number: (line index, number, the rest of the line, the title in
# capitals the rest opens with or None, the separator after the number).
_NumberedLine = tuple[int, str, str, str | None, str]


def _numbered_lines(lines: list[Line]) -> list[_NumberedLine]:
    """The lines that open with an item number ('6.', '6.1', 'F.1', 'IV.') and may be headings."""
    numbered: list[_NumberedLine] = []
    for k, ln in enumerate(lines):
        m = re.match(r"^(?:- )?(\d{1,3}(?:\([a-z0-9]{1,3}\)|[a-z]|\.\d{1,2}(?![.\d]))?|[A-Z](?:\.\d{1,2})?(?=[.)\s])"
                     r"|[IVX]{1,5}(?=[.)]))(?:\.0)?([.)]?)\s+(\S.*)$", ln.stripped)
        if not m or (MINUTE_NO.match(ln.stripped) and not _short_title(m.group(3))):
            continue
        num, sep, rest = m.group(1), m.group(2), m.group(3)
        if _DECISION_WORD.match(rest):
            continue  # "1) NOTED the report": a resolution's list, not an item
        head = re.split(r" {2,}(?=[A-Z])", rest, maxsplit=1)
        if len(head) == 2 and not _short_title(rest, 30) and _short_title(head[0], 20) \
                and re.search(r"[.!?]$", head[1].strip()):
            # "G.1   Resolution No. 2024-52 Adopting the Fee Schedule  Finance Director Amy Tran
            # presented …": the title, then (after a wider gap) the minute's text on the same line.
            rest = head[0]
        if not num[0].isdigit() and not (sep or "." in num) or not num[0].isdigit() and not _short_title(rest, 30):
            continue  # "A. Smith said …", "C Smith": a letter only numbers a heading, with "C." or "F.1"
        caps = _caps_title(rest)
        numbered.append((k, num, rest, caps, sep))
    return numbered


def _numbered_items(part: Part, lines: list[Line], numbered: list[_NumberedLine]) -> list[Item]:
    """The numbered lines that are item headings: headings, or short titles after '6.' / 'F.1'."""
    out: list[Item] = []
    # The length of a full line of running text (a paragraph's lines run to the margin; lines
    # re-joined into whole paragraphs, over 200 characters, say nothing of it).
    widths = sorted(len(ln.stripped) for ln in lines if 40 <= len(ln.stripped) <= 200)
    width = widths[int(0.75 * (len(widths) - 1))] if len(widths) >= 5 else 0
    for k, num, rest, _, sep in numbered:
        if not re.match(r"[A-Z'‘\"]", rest):
            continue
        # A heading, or a short title after "6." / "F.1" (not "200 Civic Plaza": an address).
        if opens_item(lines, k) or is_heading(lines[k]) or ((sep or not num.isdigit()) and _short_title(rest, 30)
                                                            and not _wrapped_sentence(lines, k, width, rest)):
            out.append(Item(num, None, _item_title(_clean_item_title(rest))[:300], part.ordinal, lines[k].start))
    # "3.3 Cllr Fredericks declared …" after "3.1 …" and "3.2 …" that read as sentences: numbered
    # paragraphs, not sub-items. A sub-item "F.3" stands only where its first sibling "F.1" does.
    taken = {it.number for it in out}
    return [it for it in out if not (m := re.fullmatch(r"(\w+)\.(\d+)", it.number or ""))
            or m.group(2) == "1" or f"{m.group(1)}.1" in taken]


def _wrapped_sentence(lines: list[Line], k: int, width: int, title: str) -> bool:
    """Line k is the first line of a paragraph the page wrapped: as long as the page's full lines,
    broken mid-phrase, and the next line finishes a sentence ("1.1 Apologies were received from Mr P Kendrick and
    Mr T" / "Wainwright (Ms M Fairhead substituting).")."""
    if not lines[k].stripped.rstrip().endswith(title.rstrip()):
        return False  # the title was cut from the text that follows it on the line
    nxt = next((ln.stripped for ln in lines[k + 1: k + 3] if ln.stripped), "")
    # A title does not end on "the" or an initial; a line broken mid-sentence often does.
    mid_phrase = re.search(r"\b(?:the|a|an|of|and|or|to|from|for|with|in|on|by|at|that|[A-Z])$", lines[k].stripped.rstrip())
    return bool(width) and len(lines[k].stripped) >= 0.65 * width and bool(mid_phrase) and bool(nxt) \
        and not _ITEM_LINE.match(nxt) and nxt.rstrip().endswith(".")


_DECISION_WORD = re.compile(r"^\W*(?:NOTED|AGREED|RESOLVED|RECOMMENDED|APPROVED|DECIDED|ENDORSED|REQUESTED|"
                            r"DEFERRED|REJECTED|ADOPTED|CARRIED|LOST)\b")


def _short_title(t: str, words: int = 14) -> bool:
    """A heading's words: short, not a sentence."""
    t = t.split("\t")[0].strip()
    return 0 < len(t.split()) <= words and not re.search(r"[.;:,]$", t) and not re.search(r"[a-z]\.\s+[A-Z]", t)


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
        if part.type in ("agenda", "letter"):  # a covering letter lists the items it encloses
            out.extend(_agenda_items(part, part_lines))
        elif part.type == "minutes":
            out.extend(_minute_items(part, part_lines))
    for it in out:
        it.page = next((p.pdf_page for p in src.pages if p.start <= it.start <= p.end), None)
    return out
