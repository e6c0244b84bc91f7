"""What a paper is, read from its own text: organisation, body, document type, meeting and paper dates.

Committee systems print the same facts in a few recognisable places, whoever publishes them:

* explicit phrases: "MINUTES of a meeting of the Cabinet held … on Thursday, 30 January 2025",
  "A meeting of the Audit Committee will be held", "Regular City Council Meeting held in …",
  "NOTICE AND AGENDA OF DISTRICT COUNCIL MEETING", a decision record's "DECISION TO BE TAKEN BY:",
  a report's "To: Cabinet – 30 January 2025", a covering letter's "CABINET - THURSDAY, 30 JANUARY 2025";
* the title block of the first page: its first lines, printed larger or bolder than the text
  ("ANYSHIRE COUNTY COUNCIL" / "CABINET", "Anytown Council" / "Audit Committee", "AGENDA" / "HOUSING
  AUTHORITY" / "NOVEMBER 15, 2022");
* a running header ("<Body> – 28 November 2017").

Names are told apart by their shape, not by a list of councils: an organisation is a place with a
council or authority ("X County Council", "London Borough of X", "City of X"); a body ends in a
committee word (Cabinet, Committee, Panel, Board, Commission, Authority, Meeting, Council).
The meeting date is the date of the meeting the paper is for: a date is scored by where it stands
(labelled "Date:", "held on", beside a time, in the title block) and never taken from a line about
another meeting ("Minutes of the meeting held on …", "next meeting"), a publication or posting
line, or the body of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import find_dates, month_first
from .records import SourceText

# --- names ------------------------------------------------------------------------------------

_BODY_NOUN = (r"(?:Cabinet|Council|Committee|Sub-?Committee|Subcommittee|Panel|Sub[- ]?Panel|Board|Commission"
              r"|Authority|Forum|Partnership|Assembly|Executive|Meeting|Group|Senate|Trustees|Governors|Conference)")
# A committee word, perhaps with the body's number ("District Council 001", "Area Committee 3") or
# what it is of ("Board of Education", "Board of Directors", "Committee of the Whole").
_BODY_END = re.compile(_BODY_NOUN + r"(?:\s+(?:No\.?\s*)?[0-9]{1,4}[A-Z]?|\s+of\s+(?:the\s+)?[A-Z][\w'’-]*"
                       r"(?:\s+(?:and\s+|&\s+)?[A-Z][\w'’-]*){0,3})?$")
# A committee word alone names no body; these do (a body of that kind is one per organisation).
_BARE_OK = {"cabinet", "council", "executive", "assembly", "senate"}
# Who takes a decision alone: "Cabinet Member for …", "Chief Fire Officer", "Director of …".
_DECIDER = re.compile(
    r"^(?:(?:Cabinet|Executive|Lead)\s+(?:Member|Councillor)|Portfolio\s+Holder|Leader|(?:Elected\s+|City\s+)?Mayor"
    r"|Chief\s+(?:Executive|Fire\s+Officer|Constable|Officer|Finance\s+Officer)|(?:Corporate\s+|Executive\s+|Strategic\s+"
    r"|Deputy\s+|Assistant\s+)?Director\b|Head\s+of\b|(?:Deputy\s+)?(?:Police(?:,? Fire)? and Crime\s+)?Commissioner|PCC)\b",
    re.I)
_VENUE = re.compile(r"\b(?:Chamber|Chambers|Room|Hall|House|Centre|Center|Building|Offices|Street|Road|Avenue"
                    r"|Boulevard|Square|Floor|Suite|Zoom|Teams|Videoconference|Online)\b", re.I)
# Words that a name never holds: a line that holds them is a sentence or a notice about a meeting.
_NOT_NAME = re.compile(r"\b(?:that|minutes?|agenda|held|adopted|approved?|confirm(?:ed)?|submitted|received|report(?:s|ed)?"
                       r"|postpone(?:d|ment)|cancel(?:led|lation)|notice|hereby|please|due|will|be)\b", re.I)
# Lines naming the paper rather than the body: "Meeting Minutes", "Regular Meeting Agenda", "To: All Members of the".
_LEADING = re.compile(r"^(?:(?:To|For)\s*:?\s+)?(?:All\s+)?(?:(?:the\s+)?Members\s+of\s+)?(?:the\s+)?"
                      r"(?:(?:Regular|Special|Ordinary|Public)\s+)?(?:Meeting\s+)?(?:Minutes|Agenda)?\s*(?:of\s+(?:the\s+)?)?", re.I)
# Words of committee names and org types: a name made only of these names no place.
_GENERIC = set("""
the of and for & a an in on to at by with sub city county borough district town parish village council cabinet
committee subcommittee sub-committee panel board commission authority forum partnership meeting meetings
regular special full ordinary extraordinary adjourned annual joint audit planning scrutiny licensing standards
governance overview finance financial housing police crime fire rescue health wellbeing adult adults
children education transport environment community communities safety executive general purposes pensions
pension appeals appeal development policy resources strategic corporate members member select review advisory
public accounts regulatory economic neighbourhood neighbourhoods local area central metropolitan unitary
combined royal london state commonwealth municipality township legislative services service and/or
agenda minutes notice report decision record of meeting officer officers staff social care accountability
assembly executive group senate trustees governors conference leader mayor directors municipal
all any each every whole this that our your their its total new nhs foundation trust school unified shire
democratic record
""".split())
# A place's name: capitalised words (joined by "and", "upon", …) on one line and in one table cell.
_PLACE = r"[A-Z][\w'’.-]*(?: (?:(?:and|&|upon|on|in|under|le|de|la) )?[A-Z][\w'’.-]*){0,4}"
_ORG_OF = re.compile(
    r"\b((?:London|Royal|Metropolitan|County)\s+Borough|City\s+and\s+County|City|Town|County|Borough|Village"
    r"|District|Parish|Municipality|Township)\s+of\s+((?:the\s+)?" + _PLACE + ")")
_ORG_COUNCIL = re.compile(
    r"\b(" + _PLACE + r" (?:(?:County|City|Borough|District|Town|Parish|Metropolitan Borough|County Borough"
    r"|Unitary|Regional|Combined|Shire) )?Council)\b")
# Other public bodies that publish committee papers: "X Fire and Rescue Authority", "X NHS
# Foundation Trust", "X Unified School District", "X Combined Authority".
_ORG_OTHER = re.compile(
    r"\b(" + _PLACE + r" (?:(?:Fire (?:and|&) Rescue|Combined|Police|National Park|Transport|Waste) "
    r"Authority|(?:NHS )?(?:Foundation )?Trust|(?:Unified |Independent |Community )?School District))\b")
_OFFICE = re.compile(r"\bOffice\s+of\s+the\s+Police(?:,?\s+Fire)?\s+(?:and|&)\s+Crime\s+Commissioner"
                     r"(?:\s+for\s+[A-Z][\w'’-]*(?:\s+(?:and|&)\s+[A-Z][\w'’-]*)?)?")
_COUNCIL_KIND = re.compile(r"((?:(?:County|City|Borough|District|Town|Parish|Shire|County\s+Borough|Metropolitan\s+Borough)\s+)?"
                           r"Council)$")

_SMALL = {"of", "and", "the", "for", "in", "on", "to", "at", "by", "with", "a", "an", "or", "upon", "under"}


def tidy_name(name: str) -> str:
    """A name as a heading prints it, made readable: spacing collapsed, ALL CAPS title-cased
    (short words lower, acronyms kept), leading 'the' and trailing punctuation dropped."""
    s = re.sub(r"\s+", " ", name).strip(" \t-–—:;,.|")
    s = re.sub(r"^(?:the)\s+", "", s, flags=re.I)
    letters = [c for c in s if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 4:
        words = []
        for i, w in enumerate(s.split(" ")):
            core = re.sub(r"[^A-Za-z]", "", w)
            if len(core) <= 5 and core.isupper() and not re.search(r"[AEIOUY]", core):
                words.append(w)  # an acronym: PCC, NCCSP
            elif i and w.lower() in _SMALL:
                words.append(w.lower())
            else:
                words.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
        s = " ".join(words)
    return s


def _has_place(words: list[str]) -> bool:
    return any(w[:1].isupper() and re.sub(r"[^a-z&/-]", "", w.lower()) not in _GENERIC for w in words)


def _decider(s: str) -> str | None:
    """A decision-maker's role in "Mark Ellery, Chief Fire Officer" / "Dominic Hale, Cabinet Member for …"."""
    for piece in [s] + [p.strip() for p in s.split(",")[1:]]:
        piece = re.sub(r"\s+\d{2,4}\s*/\s*\d{1,5}\s*$", "", piece).strip()  # a decision number after it
        if _DECIDER.match(piece) and len(piece.split()) <= 12 and not _NOT_NAME.search(piece):
            return piece
    return None


def as_body(text: str, council_meeting: bool = False) -> str | None:
    """``text`` as a body name if it has the shape of one (ends in a committee word, or names a
    decision-maker such as a Cabinet Member), else None. ``council_meeting``: the text says a
    meeting *of* it is held, so "Ashcombe Town Council" is its full council ("Town Council")."""
    s = tidy_name(re.split(r"\s+[-–—]\s+|,\s+(?=\d)|\s+\(", text)[0])
    s = _LEADING.sub("", s, count=1) if _LEADING.match(s) else s
    s = re.sub(r"^(?:summary|minutes?|notes|record|agenda|notice)\s+of\s+(?:the\s+|a\s+)?", "", s, flags=re.I)
    org = as_organisation(s)
    if org and s.startswith(org) and len(s) > len(org) + 2:
        s = s[len(org):].strip(" -–—:,")  # "Anyshire County Council Cabinet": the body is the Cabinet
    elif org and s.endswith(org) and council_meeting:
        m = _COUNCIL_KIND.search(s)  # a meeting of "Ashcombe Town Council": its full council
        return m.group(1) if m else None
    elif org and s.endswith(org):
        return None  # "… Kingsholme City Council": the organisation
    s = re.sub(r"^(?:Regular|Special|Ordinary|Extraordinary|Adjourned)\s+", "", s)
    s = re.sub(r"\s+Meeting$", "", s) if re.search(_BODY_NOUN + r"\s+Meeting$", s, re.I) else s
    if not s or len(s) > 100 or len(s.split()) > 12 or _VENUE.search(s) or not s[0].isupper():
        return None
    decider = _decider(s)
    if decider:
        return decider
    if _NOT_NAME.search(s) or not _BODY_END.search(s):
        return None
    if len(s.split()) == 1 and s.lower() not in _BARE_OK:
        return None  # "Committee", "Panel": a kind of body, not a name
    if as_organisation(s) == s:
        return None  # "Anyshire County Council" is the organisation, not a body of it
    return s


def as_organisation(text: str) -> str | None:
    """The organisation ``text`` names, if it names one ("City of Anytown", "Anyshire County Council")."""
    s = tidy_name(text)
    m = _OFFICE.search(s)
    if m:
        return m.group(0)
    m = _ORG_OF.search(s)
    if m:
        words = m.group(2).split()
        while len(words) > 1 and words[-1].lower() in _GENERIC:
            words.pop()  # "City of Anytown Housing Authority": the city is the organisation
        if _has_place(words):
            return f"{m.group(1)} of {' '.join(words)}".strip()
    for rx in (_ORG_COUNCIL, _ORG_OTHER):
        for m in rx.finditer(s):
            name = m.group(1)
            inner = list(re.finditer(r"\b(?:Council|Authority|Trust)\b ", name))
            if inner:  # two names run together ("… County Council Anyshire County Council"): the last
                name = name[inner[-1].end():]
            words = name.split()
            # "Anyshire County Council", "Anytown Council": a place before the council word(s).
            place = [w for w in words[: -1] if w.lower() not in ("county", "city", "borough", "district", "town",
                                                                    "parish", "metropolitan", "unitary", "regional",
                                                                    "combined", "shire", "and", "&")]
            after = s[m.end(): m.end() + 20]
            if place and _has_place(place) and not _VENUE.search(name) and not _VENUE.match(after.strip()):
                return name
    return None


# --- the head of a paper -----------------------------------------------------------------------


@dataclass
class HeadLine:
    start: int
    text: str
    size: float  # font size relative to the body text (1.0 for text files)
    bold: bool
    index: int  # position among the head's non-blank lines


def head_lines(src: SourceText, end: int | None = None, limit_chars: int = 8000) -> list[HeadLine]:
    """The non-blank lines of the paper's first part (or its first page), with print style."""
    if end is None:
        end = src.pages[0].end if src.pages else limit_chars
    end = min(max(end, 1500), len(src.text), limit_chars)
    out: list[HeadLine] = []
    pos = 0
    base = src.body_size or 0.0
    for raw in src.text[:end].split("\n"):
        s = raw.strip()
        if s:
            st = src.styles.get(pos)
            size = (st.size / base) if st and base else 1.0
            bold = bool(st and st.bold) or pos in src.heading_offsets
            out.append(HeadLine(pos, s, size, bold, len(out)))
        pos += len(raw) + 1
    return out


def title_block(head: list[HeadLine]) -> list[HeadLine]:
    """The lines a paper opens with, before its first paragraph of running text (at most 14),
    and any line of the first page printed clearly larger than its text."""
    block: list[HeadLine] = []
    for ln in head:
        words = ln.text.split()
        table_row = "\t" in ln.text and not re.match(r"^[^\t]{1,30}:\t", ln.text)
        item = len(block) >= 2 and re.match(r"^(?:\d{1,2}|[IVX]{1,4}|[A-H])[.)]?\s+[A-Z]", ln.text)
        if len(block) >= 14 or (len(words) > 22 and re.search(r"[.;:]$|\.\s", ln.text)) or table_row or item:
            break  # running text, a table (a membership list; not a "Date:<tab>…" label) or the items end it
        block.append(ln)
    big = [ln for ln in head[len(block):] if ln.size >= 1.3 and len(ln.text.split()) <= 12]
    return block + big


# --- explicit phrases --------------------------------------------------------------------------

_NAME = r"(?P<b>[A-Z][^\n]{2,120}?)"
# (pattern, what it tells, whether it names a meeting *of* the body: "minutes of the meeting of
# Ashcombe Town Council" is a meeting of the council itself)
_PHRASES = [
    (re.compile(r"\bminutes?\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?meeting\s+of\s+(?:the\s+)?" + _NAME
                + r"\s+(?:held|convened|which|that)\b", re.I), "minutes", True),
    (re.compile(r"\bminutes?\s+of\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?meeting\s+of\s+(?:the\s+)?" + _NAME
                + r"\s*(?:,|\n|$)", re.I | re.M), "minutes", True),
    (re.compile(r"\b(?:a|an|the)\s+(?:[\w-]+\s+)?meeting\s+of\s+(?:the\s+)?" + _NAME
                + r"\s+(?:will|is\s+to|is\s+going\s+to|shall)\s+be\s+held\b", re.I), "agenda", True),
    (re.compile(r"\bnotice\s+is\s+(?:hereby\s+)?given\s+that\s+(?:a|the)\s+(?:[\w-]+\s+)?meeting\s+of\s+(?:the\s+)?"
                + _NAME + r"\s+(?:will|shall|which|that|due|to\s+be|has\s+been|is)\b", re.I), "agenda", True),
    (re.compile(r"\bnotice\s+is\s+(?:hereby\s+)?given\s+that\s+(?:the\s+)?" + _NAME
                + r"\s+(?:will|shall)\s+(?:hold|meet|be\s+held)\b", re.I), "agenda", True),
    (re.compile(r"^(?:(?:Regular|Special|Ordinary|Extraordinary|Adjourned|Annual)\s+)?" + _NAME
                + r"\s+Meeting\s+held\s+(?:in|at|on)\b", re.M), "minutes", True),
    (re.compile(r"\b(?:NOTICE|AGENDA|MINUTES)(?:\s+AND\s+(?:NOTICE|AGENDA))?\s+OF\s+(?:THE\s+)?"
                r"(?:(?:REGULAR|SPECIAL|ADJOURNED|ORDINARY)\s+)?(?P<b>[A-Z][A-Z&' -]{2,80}?)\s+MEETING\b"), "agenda", True),
    (re.compile(r"\bMINUTES\s+OF\s+THE\s+(?:(?:REGULAR|SPECIAL|ADJOURNED|ANNUAL|ORDINARY)\s+)?MEETING\s*(?:OF\s+(?:THE\s+)?)?\n"
                r"(?P<b>[A-Z][A-Z&' -]{2,80})\s*$", re.M), "minutes", True),
    (re.compile(r"^(?:DECISION\s+(?:TO\s+BE\s+)?(?:TAKEN|MADE)\s+BY|Decision\s+(?:to\s+be\s+)?(?:taken|made)\s+by"
                r"|Decision[- ]?maker|Decision\s+of)\s*:?(?:[ \t]+[A-Z][A-Za-z .]{2,20}:)?[ \t]*\n?[ \t]*" + _NAME + r"\s*$",
                re.M | re.I), "decision", False),
    (re.compile(r"^(?:To|Report\s+to|Meeting|Committee)\s*:?[ \t]+" + _NAME
                + r"\s*(?:[-–—]\s*|,\s*|\s+on\s+)?(?=" + r"(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}|$)",
                re.M), "report", False),
    (re.compile(r"^(?P<b>[A-Z][A-Z&' -]{2,60}?)\s+[-–—]\s+(?:MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
                r",?\s+\d{1,2}(?:ST|ND|RD|TH)?\s+[A-Z]+,?\s+\d{4}\s*$", re.M), "letter", False),
]
# Explicit phrases are read in the paper's opening, not in the text of its items.
HEAD_CHARS = 2500


def explicit_bodies(text: str) -> list[tuple[int, str, str]]:
    """(offset, body, cue) for each explicit naming of the meeting's body in ``text``; a name
    that a later phrase gives more fully ("District Council" / "District Council 001") is
    replaced by the fuller one."""
    out = []
    for rx, cue, of_it in _PHRASES:
        for m in rx.finditer(text):
            body = as_body(m.group("b"), council_meeting=of_it)
            if body:
                out.append((m.start("b"), body, cue))
    out.sort()
    for k, (off, body, cue) in enumerate(out):
        longer = [b for _, b, _ in out[k + 1:] if b.lower().startswith(body.lower() + " ")]
        if longer:
            out[k] = (off, longer[0], cue)
    return out


# --- dates -------------------------------------------------------------------------------------

_TIME = re.compile(r"\b\d{1,2}(?:[:.]?\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)(?![a-z])|\b\d{1,2}[:.]\d{2}\b|\bnoon\b|\bmidday\b", re.I)
_DATE_LABEL = re.compile(r"^(?:Date(?:\s+of\s+(?:the\s+)?meeting)?|Meeting\s+date|Date\s*/\s*Time|When)\s*:", re.I)
_HELD = re.compile(r"\b(?:held|to\s+be\s+held|will\s+be\s+held|meet(?:s|ing)?|convened|takes?\s+place|on)\b[^.\n]{0,160}$", re.I)
_OTHER_MEETING = re.compile(
    r"\b(?:minutes\s+of\s+(?:the\s+)?(?:last\s+|previous\s+|\w+\s+)?meeting|previous\s+meeting|last\s+meeting|next\s+meeting"
    r"|date\s+of\s+(?:the\s+)?next|future\s+meeting|meeting\s+of\s+[^.\n]{0,60}\b(?:held|on)\b[^.\n]{0,40}$"
    r"|approve\s+the\s+minutes|minutes\s+from)", re.I)
_NOT_MEETING = re.compile(
    r"\b(?:publish|published|publication|dated\s+this|posted|issued|circulated|despatch|dispatched|printed"
    r"|through|until|deadline|since|expires?|ending|ended|end\s+date|period|quarter|as\s+at|effective|updated)\b", re.I)

@dataclass
class DateCandidate:
    iso: str
    offset: int
    score: float
    line: str
    before: str = ""  # the words of its sentence before the date


def _clause(line: str, start: int, end: int) -> tuple[str, str]:
    """The words of the sentence a date stands in, before it and just after it: a long line (a
    reflowed paragraph) holds other sentences about other dates."""
    a = max(line.rfind(". ", 0, start), line.rfind("; ", 0, start))
    a = a + 2 if a >= 0 else 0
    b = line.find(". ", end)
    b = len(line) if b < 0 else b
    return line[a:start], line[start: min(b, end + 60)]


def date_candidates(head: list[HeadLine], block: set[int], numeric_first: bool) -> list[DateCandidate]:
    """Dates of the head, each scored as the date of the meeting the paper is for."""
    out: list[DateCandidate] = []
    prev = ""
    years = [int(d.iso[:4]) for ln in head for d in find_dates(ln.text)]
    year = max(set(years), key=years.count) if years else None
    for ln in head:
        # A date with no year is only read where the line is labelled as the meeting's date.
        labelled = bool(_DATE_LABEL.match(ln.text))
        for d in find_dates(ln.text, numeric=True, month_first=numeric_first, default_year=year if labelled else None):
            before, around = _clause(ln.text, d.start, d.end)
            sentence = before + around
            score = 0.0
            if _DATE_LABEL.match(ln.text) or (_DATE_LABEL.match(prev) and len(prev.split()) <= 4):
                score += 5
            if re.search(r"\b(?:held|to\s+be\s+held|will\s+be\s+held|will\s+meet|convened)\b", before, re.I):
                score += 4
            if re.search(r"\b(?:was\s+)?(?:due|scheduled|planned|arranged)\s+to\s+(?:be\s+held|take\s+place|meet)\b",
                         before, re.I):
                score += 2  # a cancelled or postponed meeting's date: the notice is for it
            if re.search(r"\b(?:will\s+now|now\s+(?:be|take)|instead|rearranged|re-?scheduled|new\s+date)\b", before, re.I):
                score -= 3
            if _TIME.search(sentence if len(ln.text.split()) > 12 else ln.text):
                score += 3
            if ln.index in block:
                score += 3
            if len(ln.text.split()) <= 8:
                score += 2
            if re.match(r"^(?:To|Report\s+to|Meeting)\s*:?\s+[A-Z]", ln.text) or re.search(
                    _BODY_NOUN + r"\s*[-–—,]\s*" + r"(?:\w+day,?\s+)?$", before, re.I):
                score += 3
            if ln.size >= 1.15 or ln.bold:
                score += 1
            if _OTHER_MEETING.search(before) or _OTHER_MEETING.search(sentence) and \
                    not re.search(r"\bheld\b", before, re.I) or re.search(r"\bnext\b", before, re.I):
                score -= 12
            if _NOT_MEETING.search(sentence):
                score -= 8
            out.append(DateCandidate(d.iso, ln.start + d.start, score, ln.text, before))
        prev = ln.text
    return out


def best_meeting_date(cands: list[DateCandidate], threshold: float = 4.0) -> str | None:
    good = [c for c in cands if c.score >= threshold]
    if not good:
        return None
    return max(good, key=lambda c: (c.score, -c.offset)).iso


def labelled_date(text: str, label: re.Pattern, numeric_first: bool) -> str | None:
    """The date printed after a label ("Date of decision: …", "Date: …") on its line or the next."""
    for m in label.finditer(text):
        tail = text[m.end(): m.end() + 80]
        found = find_dates(tail.split("\n\n")[0], numeric=True, month_first=numeric_first)
        if found and found[0].start < 40:
            return found[0].iso
    return None


_DECISION_DATE_LABEL = re.compile(
    r"^\s*(?:date\s+of\s+(?:the\s+)?decision|decision\s+date|date\s+(?:of\s+)?(?:decision\s+)?(?:taken|made|signed)"
    r"|date\s+decision\s+(?:taken|made))\s*:?", re.I | re.M)
_DATE_LINE = re.compile(r"^\s*Date\s*:", re.I | re.M)
_REPORT_DATED = re.compile(r"^\s*(?:Report\s+dated|Date\s+of\s+(?:the\s+)?report|Dated)\s*:", re.I | re.M)
_PUBLISHED = re.compile(r"\b(?:published|date\s+of\s+publication|publication\s+date|dated\s+this|issued|despatched"
                        r"|dispatched|circulated|posted)\b", re.I)


def paper_dates(doc_type: str, head: list[HeadLine], block: list[HeadLine], text: str,
                banner_date: str | None, minutes_date: str | None) -> tuple[str | None, str | None]:
    """(meeting date, the paper's own date) for a paper of this type. ``banner_date``: the date of
    a running header naming the meeting; ``minutes_date``: the date a minutes heading gives."""
    mf = month_first_text(text)
    cands = date_candidates(head, {ln.index for ln in block}, mf)
    if doc_type == "decision_record":
        d = labelled_date(text[:12000], _DECISION_DATE_LABEL, mf)
        if d is None:
            # A signature block at the end: "Signed … Date 12 March 2025", "D. Hale 01 October 2024
            # signed date": a date on the signature's line or the one next to it.
            tail = text[-1500:].split("\n")
            for k, line in enumerate(tail):
                if re.search(r"\bsigned\b", line, re.I):
                    for near in (line, tail[k + 1] if k + 1 < len(tail) else "", tail[k - 1] if k else ""):
                        d = next((x.iso for x in find_dates(near, numeric=True, month_first=mf)), None)
                        if d:
                            break
                    if d:
                        break
        return d, d
    letter = bool(re.search(r"^Dear\s+\w+", "\n".join(ln.text for ln in head[:40]), re.M))
    document = _own_date(head, cands, "letter" if letter else doc_type, text, mf)
    if letter:
        cands = [c for c in cands if not _DATE_LINE.match(c.line)]  # the letter's own "Date:"
    meeting = banner_date
    if meeting is None and doc_type in ("minutes",) and minutes_date:
        meeting = minutes_date
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
        if _PUBLISHED.search(c.before):
            return c.iso
    if doc_type in ("letter", "appendix", "questions", "notice"):
        d = labelled_date(text[:3000], _DATE_LINE, mf)
        if d:
            return d
    if doc_type == "report":
        # A report's cover "Date:" is its meeting's; its own date is "Report dated: …".
        return labelled_date(text[:3000], _REPORT_DATED, mf)
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
    return month_first(text[:30000])



# --- document type -----------------------------------------------------------------------------

TYPES = ("agenda", "agenda_pack", "minutes", "report", "appendix", "decision_record", "questions", "letter",
         "notice", "briefing", "other")

T_DECISION = re.compile(r"\b(?:(?:proposed\s+)?record\s+of\s+(?:executive\s+|officer\s+|key\s+)?decision|decision\s+notice"
                         r"|decision\s+(?:to\s+be\s+)?taken\s+by|officer\s+decision|executive\s+decision\s+(?:notice|report))\b", re.I)
_T_MINUTES = re.compile(r"^(?:(?:draft|unconfirmed|confirmed|approved|printed)\s+)?minutes\b|\bminutes\s+of\s+(?:a|an|the)\b"
                        r"(?!\s+(?:last|previous)\b)", re.I)
T_AGENDA = re.compile(r"^(?:(?:supplementary|revised|public|amended)\s+)?(?:a\s?g\s?e\s?n\s?d\s?a(?!\s+item\s+\d)|notice\s+(?:and\s+"
                       r"agenda\s+)?of\s+(?:a\s+)?(?:\w+\s+)?meeting|notice\s+and\s+agenda)\b", re.I)
# "A meeting of the Audit Committee will be held", "Notice is hereby given that … will hold a meeting".
T_WILL_MEET = re.compile(r"\bmeeting\s+of\s+(?:the\s+)?[A-Z][^\n]{2,100}?\s+will\s+be\s+held\b"
                         r"|\bnotice\s+is\s+(?:hereby\s+)?given\s+that\b[^\n]{0,120}\bwill\s+(?:hold|meet)\b", re.I)
_T_NOTICE = re.compile(r"\b(?:cancel(?:l?ed|lation)|postpone(?:d|ment)|will\s+not\s+(?:be\s+held|meet)|public\s+notice"
                       r"|notice\s+of\s+(?:cancel|postpone|adjourn|intent|proposed|public\s+hearing))", re.I)
_T_NOTICE_TITLE = re.compile(r"^(?:(?:public\s+)?notice\s+of\s+(?:the\s+)?(?:cancel|postpone|adjourn|rescheduled)"
                             r"|(?:meeting\s+)?(?:cancell?ed|cancellation|postponed|postponement)\b)", re.I)
_T_LETTER = re.compile(r"^Dear\s+\w+", re.M)
_T_SIGNOFF = re.compile(r"\bYours\s+(?:sincerely|faithfully|truly)\b", re.I)
_T_REPORT = re.compile(r"^(?:Report\s+(?:title|to|of|by|author)|Subject|Summary|Recommendations?|Executive\s+summary"
                       r"|Purpose\s+of\s+(?:the\s+)?report|Report\s+of\s+the)\b|^(?:From|To)\s*:?\s+[A-Z]", re.I | re.M)
_T_APPENDIX = re.compile(r"^(?:Appendix|Annex|Annexe|Schedule|Attachment|Exhibit)\s+[A-Z0-9]{1,4}\b", re.I)
_T_QUESTIONS = re.compile(r"\b(?:questions?\s+and\s+answers?|public\s+questions|questions\s+(?:from|to)\s+(?:the\s+)?"
                          r"(?:public|members|councillors))\b", re.I)
_PUBLIC_BODY = re.compile(r"\b(?:council|councillors?|cabinet|committee|panel|board|commission(?:er)?|authority|"
                          r"members?|meeting|resolution|policy|strategy|budget|directorate|department)\b", re.I)


_STAMP = re.compile(r"^Agenda\s+Item\s+\d", re.I)
_REPORT_COVER = re.compile(r"^(?:Report\s+to|Report\s+of|Report\s+title|Report\s+author|Purpose\s+of\s+(?:the\s+)?report)\b"
                           r"|^(?:Subject|Recommendations?)\s*(?:\(s\))?\s*:", re.I | re.M)


def first_named_type(head: list[HeadLine]) -> str | None:
    """What the first line that names the paper calls it: 'agenda', 'minutes', 'notice',
    'letter' or 'report' (an agenda item titled "Minutes" comes after the agenda's own heading)."""
    for ln in head[:45]:
        t = ln.text
        if _STAMP.match(t):
            continue
        if re.match(r"^Dear\s+\w+", t):
            return "letter"
        if _T_NOTICE_TITLE.search(t) and len(t.split()) <= 12:
            return "notice"
        if T_AGENDA.match(t) or re.fullmatch(r"(?:[\w-]+\s+){0,3}agenda", t, re.I):
            return "agenda"
        if _T_MINUTES.match(t) or re.fullmatch(r"(?:[\w-]+\s+){0,3}minutes?", t, re.I):
            return "minutes"
        if _REPORT_COVER.match(t):
            return "report"
    return None


def detect_type(head: list[HeadLine], block: list[HeadLine], text: str, first_part: str, n_parts: int,
                later_types: list[str]) -> str:
    """The paper's type from its title block and first page (see ``TYPES``)."""
    block_text = "\n".join(ln.text for ln in block)
    head_text = "\n".join(ln.text for ln in head)
    if first_part == "briefing":
        return "briefing"
    if T_DECISION.search(block_text) or T_DECISION.search(head_text[:1500]):
        return "decision_record"
    named = first_named_type(head)
    substantial = [t for t in later_types if t in ("minutes", "report", "appendix", "decisions", "decision_record")]
    if named == "notice" or (named is None and _T_NOTICE.search(head_text[:3000]) and not _many_items(head)):
        return "notice"
    if named == "agenda" and not _many_items(head) and any(
            _T_NOTICE_TITLE.search(ln.text) and len(ln.text.split()) <= 12 for ln in head[:45]):
        return "notice"  # an agenda sheet headed "MEETING CANCELLATION", with no business on it
    if named == "letter" or (_T_LETTER.search(head_text[:2500]) and _T_SIGNOFF.search(text[:6000])):
        # A covering letter with the papers it encloses is a pack; on its own, a letter.
        return "agenda_pack" if n_parts > 1 and substantial else "letter"
    if named == "agenda" or (named is None and (first_part == "agenda" or T_AGENDA.search(block_text)
                                                 or T_WILL_MEET.search(head_text))):
        return "agenda_pack" if substantial else "agenda"
    cues = [cue for _, _, cue in explicit_bodies(head_text[:HEAD_CHARS])]
    if named == "minutes" or first_part == "minutes" or (cues and cues[0] == "minutes"):
        return "minutes"
    if first_part == "decision_record":
        return "decision_record"
    if any(_T_QUESTIONS.search(ln.text) for ln in block[:6]):
        return "questions"
    if first_part == "appendix" or any(_T_APPENDIX.match(ln.text) for ln in block[:4]):
        return "appendix"
    if named == "report" or (first_part == "report" and (_T_REPORT.search(head_text) or n_parts > 1)):
        return "report"
    if first_part == "decisions":
        return "decision_record"
    if not _PUBLIC_BODY.search(text[:20000]):
        return "other"
    return "report" if _T_REPORT.search(head_text) else "appendix"


def _many_items(head: list[HeadLine]) -> bool:
    return sum(1 for ln in head if re.match(r"^\d{1,2}\.?\s+[A-Z]", ln.text)) >= 4


# --- everything together ------------------------------------------------------------------------


@dataclass
class Cover:
    organisation: str | None
    body: str | None
    meeting_date: str | None
    document_date: str | None


def find_organisation(block: list[HeadLine], text: str, meeting_paper: bool = True,
                      furniture: list[str] | tuple = ()) -> str | None:
    if not meeting_paper:
        return None
    for line in [ln.text for ln in block] + list(furniture):
        org = as_organisation(line)
        if org:
            return org
    # A letterhead's name on two lines: both in the running header, or the header's last line
    # and the page's first ("Anytown Teaching Hospitals" / "NHS Foundation Trust").
    seq = list(furniture) + [ln.text for ln in block[:1]]
    for k in range(len(seq) - 1):
        org = as_organisation(f"{seq[k]} {seq[k + 1]}")
        if org:
            return org
    # Named in the running text of the first pages: the name said most often.
    counts: dict[str, list[int]] = {}  # name -> [mentions, -first offset]
    found = list(_ORG_OF.finditer(text[:20000])) + list(_ORG_COUNCIL.finditer(text[:20000])) + \
        list(_OFFICE.finditer(text[:20000]))
    for m in found:
        if _VENUE.match(text[m.end(): m.end() + 20].strip()):
            continue  # "Council Chamber"
        org = as_organisation(m.group(0))
        if org:
            c = counts.setdefault(org, [0, -m.start()])
            c[0] += 1
            c[1] = max(c[1], -m.start())
    # The name said most often; of names said as often, the one said first.
    best = max(counts.items(), key=lambda kv: kv[1], default=(None, None))
    return best[0]


_DOC_WORD = re.compile(r"(?:draft\s+|supplementary\s+|revised\s+)?(?:agenda|minutes|notice|report|decision|record)s?", re.I)


def find_body(block: list[HeadLine], text: str, running_header: str | None, pdf_title: str | None) -> str | None:
    explicit = explicit_bodies(text[:HEAD_CHARS])
    if explicit:
        return explicit[0][1]
    for k, ln in enumerate(block):
        if _STAMP.match(ln.text):
            continue  # "Agenda Item 7" stamped on the page
        nxt = block[k + 1].text if k + 1 < len(block) else ""
        if nxt and len(ln.text) < 70 and len(nxt) < 40 and not re.search(r"[.;:,]$", ln.text) and nxt[:1].isupper() \
                and not (T_AGENDA.match(ln.text) or _T_MINUTES.match(ln.text) or _DOC_WORD.fullmatch(ln.text)):
            # A name that wraps ("… Partnership Scrutiny" / "Sub-Panel").
            joined = as_body(f"{ln.text} {nxt}")
            if joined and len(joined) > len(as_body(nxt) or "") and not as_body(ln.text):
                return joined
        if T_AGENDA.match(ln.text) or _T_MINUTES.match(ln.text):
            rest = re.sub(r"^(?:\w+\s+){0,2}?(?:agenda|minutes|notice)(?:\s+(?:of|for))?\s*(?:the\s+)?", "", ln.text, flags=re.I)
            b = as_body(rest) if rest and rest != ln.text else None
            if b:
                return b
            continue
        b = as_body(ln.text) or body_in(ln.text)
        if b:
            return b
    for hint in (running_header, pdf_title):
        if hint:
            b = as_body(hint) or body_in(hint)
            if b:
                return b
    return None


_BODY_PHRASE = re.compile(r"(?<![\w'’-])(?:[A-Z][\w'’-]*[ \t]+(?:(?:and|&|for|on)[ \t]+)?){0,7}" + _BODY_NOUN
                          + r"(?:[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})?\b")


def body_in(text: str) -> str | None:
    """A body named inside a longer line ("… Democratic Services, County Hall MR1 1QX Anyshire
    Police and Crime Panel", "Agenda - Anyshire Police and Crime Panel - 27 June 2024",
    "Board of Directors Public Minutes 25/07/2024"): the first phrase ending in a committee word."""
    for piece in re.split(r"\s+[-–—|]\s+", text):
        for m in _BODY_PHRASE.finditer(piece):
            b = as_body(m.group(0))
            if b:
                return b
    return None
