"""A register of decisions taken, extracted from analysed documents.

What counts as a decision (see ``evals/decision_labels/README.md`` for the labelling guide):

* ``resolution`` – what a body resolved in its minutes: "The Panel AGREED …", "NOTED …",
  "APPROVED … and APPOINTED …", numbered resolution lists ("The Scrutiny Sub Panel: 1) NOTED …
  2) … 3) AGREED …"), "It was agreed that … should …". Lettered or bulleted sub-items stay inside
  the decision's text.
* ``recommendation`` – recommendations made by the body ("RECOMMENDED to the Partnership …",
  "AGREED to recommend to the PCC that: …") and requests ("The Panel requested …", "the PCC
  requested for an update …", "it was requested that …").
* ``action`` – "ACTION: …" lines, rows of an actions table ("Action 6: The PCC is to …" with its
  update/status and the meeting it was set at), and reported action updates ("the action for …
  was reported as completed").
* ``decision_notice`` – entries of a list of PCC decisions ("Decision 2017-25", "2017-01 Title"),
  including confidential ones (number and title only as printed: nothing is invented), and
  stand-alone decision notices.
* ``minutes`` – approvals of previous minutes ("… were agreed as an accurate record").
* ``motion`` – a motion put to the vote, with its outcome (carried, lost, withdrawn, …) and the
  votes where printed ("MOVED BY … SECONDED BY … YEAS: … NAYS: … AND THE MOTION PASSED.",
  "X moved and Y seconded … MOTION CARRIED BY THE FOLLOWING ROLL CALL VOTE: AYES: … NOES: …"),
  and an item's recorded disposal in minutes that print one ("ADOPTED.", "RECEIVED AND REFERRED
  TO THE BUDGET COMMITTEE.", "WITHDRAWN.").

A record of decision ("Decision:", "I agree to: APPROVE … DELEGATE …") gives its decision text,
up to the next heading of the form ("Reason(s) for decision", "Background", …).

Only minutes, decision lists and decision notices are read. Agendas ("To confirm the minutes …")
and reports ("RECOMMENDATION: The PCC is asked to note the report", "The Panel is recommended to
…") hold proposals, not decisions, and are never read. In minutes, views ("the Panel agreed that
X was essential"), remarks ("the PCC noted that …"), questions ("The Chairman requested
clarification …") and undertakings of individual officers ("The Chief Constable agreed to send …")
are not decisions of the body and are not extracted.

Every decision's ``text`` is a verbatim slice ``document.text[start:end]``.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass

from .records import Document, Part
from .dates import parse_date
from .lines import Line, is_heading
from .lines import strip_span as _strip_span

__all__ = ["Decision", "extract_decisions", "decision_id", "KINDS"]

KINDS = ("resolution", "recommendation", "action", "decision_notice", "minutes", "motion")


@dataclass
class Decision:
    id: str  # stable: sha256 of (document_id, kind, start, text), first 16 hex digits
    kind: str  # resolution | recommendation | action | decision_notice | minutes
    outcome: str  # agreed, noted, approved, appointed, recommended, requested, deferred, rejected, resolved, action, decision, ...
    text: str  # the full decision text incl. its sub-items: document.text[start:end]
    decided_by: str | None  # the body (e.g. "Cabinet") or "PCC"
    meeting_date: str | None  # ISO date of the meeting whose minutes record it (not the pack's date)
    item: str | None
    item_title: str | None
    document_id: str
    part: int
    start: int
    end: int
    page: int | None
    printed_page: str | None
    owner: str | None = None  # actions: who must act
    status: str | None = None  # actions: recorded update/status
    set_at: str | None = None  # actions: ISO date of the meeting the action was set at, when stated
    number: str | None = None  # decision notices "2017-25"; actions "6"; minute number "7.3" / "5.4(2)"
    title: str | None = None  # decision notices: the printed title
    confidential: bool = False
    # Recorded votes where printed: {"for": 7, "against": 0, "abstain": 0, "absent": 1,
    # "yeas": [names], "nays": [names]} (only the keys the paper gives).
    votes: dict | None = None


def decision_id(document_id: str, kind: str, start: int, text: str) -> str:
    key = "\x1f".join((document_id, kind, str(start), text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def extract_decisions(doc: Document) -> list[Decision]:
    """All decisions recorded in ``doc``, in document order."""
    out: list[Decision] = []
    for part in doc.parts:
        if part.type == "minutes":
            out.extend(_Minutes(doc, part).run())
        elif part.type == "decisions":
            out.extend(_decision_list(doc, part))
        elif part.type == "decision_record":
            out.extend(_decision_notice(doc, part))
    out.sort(key=lambda d: (d.start, d.end))
    seen: set[tuple[int, int, str]] = set()
    unique = []
    for d in out:
        key = (d.start, d.end, d.kind)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique


# --- vocabulary -------------------------------------------------------------------------------

# Decision verbs written in capitals in formal minutes ("The Panel AGREED …").
_CAPS_VERBS = {
    "AGREED": "agreed", "NOTED": "noted", "RESOLVED": "resolved", "APPROVED": "approved",
    "APPOINTED": "appointed", "RECOMMENDED": "recommended", "RECOMMENDATIONS": "recommended",
    "RECOMMENDATION": "recommended", "RECOMMEND": "recommended", "REQUESTED": "requested",
    "DEFERRED": "deferred", "REJECTED": "rejected", "ENDORSED": "endorsed", "ACCEPTED": "accepted",
    "ADOPTED": "adopted", "DELEGATED": "delegated", "ELECTED": "elected", "CONFIRMED": "confirmed",
    "DECIDED": "decided", "RATIFIED": "ratified", "REFUSED": "refused", "SUPPORTED": "supported",
}
_CAPS_RX = re.compile(r"(?<![\w-])(" + "|".join(sorted(_CAPS_VERBS, key=len, reverse=True)) + r")(?![\w-])")
_RECOMMEND_OUTCOMES = {"recommended", "requested", "urged"}

# Lower-case verbs at the start of a numbered resolution item ("1. note the report").
_ITEM_VERBS = [
    (re.compile(r"^(?:to\s+)?(?:note|notes|noted)\b", re.I), "noted"),
    (re.compile(r"^(?:to\s+)?(?:agree|agrees|agreed)\b", re.I), "agreed"),
    (re.compile(r"^(?:to\s+)?(?:approve|approves|approved)\b", re.I), "approved"),
    (re.compile(r"^(?:to\s+)?(?:recommend|recommends|recommended)\b", re.I), "recommended"),
    (re.compile(r"^(?:to\s+)?(?:request|requests|requested|ask|asks|asked)\b", re.I), "requested"),
    (re.compile(r"^(?:to\s+)?(?:endorse|endorses|endorsed)\b", re.I), "endorsed"),
    (re.compile(r"^(?:to\s+)?(?:defer|defers|deferred)\b", re.I), "deferred"),
    (re.compile(r"^(?:to\s+)?(?:reject|rejects|rejected)\b", re.I), "rejected"),
    (re.compile(r"^(?:to\s+)?(?:appoint|appoints|appointed)\b", re.I), "appointed"),
    (re.compile(r"^(?:to\s+)?(?:delegate|delegates|delegated)\b", re.I), "delegated"),
]

# Who can decide in minutes: the body itself ...
_BODY_NOUN = (r"(?:(?:Scrutiny\s+)?Sub[- ]?Panel|(?:Police\s+and\s+Crime\s+)?Panel|Sub[- ]?Committee|Committee"
              r"|(?:Partnership\s+)?Board|Forum|Members|Cabinet|(?:City\s+|County\s+|Full\s+)?Council"
              r"|(?:Housing\s+|Planning\s+)?(?:Authority|Commission)|Executive)")
# ... and, in meetings the PCC holds (accountability meetings), the PCC.
_PCC_NOUN = r"(?:PCC|Police\s+and\s+Crime\s+Commissioner|Commissioner)"
_ADVERB = r"(?:\s+(?:also|further|then|therefore|formally|unanimously|subsequently))?"

_NARRATIVE_VERBS = [
    # (pattern after the subject, outcome or None to take the verb itself)
    (re.compile(r"(requested|asked\s+for|asked\s+that|urged)\b"), None),
    (re.compile(r"(recommended)\s+(?:that|to)\b"), "recommended"),
    (re.compile(r"(agreed)\s+(?:to\s+[a-z]|that\b(?=[^.;]*\b(?:should|would|will|shall|must)\b)"
                r"|(?:the|a|an|its|this|these|those)\b)"), "agreed"),
    # "resolved that", "resolved, in terms of Section 50A(4) of the … Act 1973, to exclude"
    (re.compile(r"(resolved|decided)(?:,[^,;.]{3,120},)?\s+(?:that|to)\b"), None),
    (re.compile(r"(approved|endorsed|deferred|rejected|appointed|elected|ratified|adopted)\s+"
                r"(?!by\b|at\b|of\b)"), None),
    (re.compile(r"(noted)\s+(?:the|its)\s+(?:\w+\s+){0,3}?(?:report|update|information|contents?|progress"
                r"|position|minutes|response|plan|programme|annual)\b"), "noted"),
]
_PASSIVE = [
    (re.compile(r"\b[Ii]t\s+was\s+(?:also\s+|further\s+|therefore\s+|then\s+|duly\s+)?"
                r"(agreed|resolved|decided|requested|recommended|AGREED|RESOLVED|DECIDED)\s+(?:that|to)\b"), None),
    (re.compile(r"^(?:It\s+was\s+)?(Resolved|RESOLVED)\s*[:\-–,]?\s+(?:that|to)\b", re.I), "resolved"),
    (re.compile(r"\b(?:was|were)\s+(requested)\s+to\s+(?:be\s+[a-z]+|provide|bring|report|circulate|send|attend"
                r"|present|return)\b"), "requested"),
    # "The report was otherwise noted.", "The recommendations were agreed."
    (re.compile(r"^(?:The\s+)?(?:report|reports|update|information|recommendations?|item|minutes|plan|strategy|"
                r"programme|accounts)\s+(?:was|were)\s+(?:otherwise\s+|duly\s+|unanimously\s+|therefore\s+)?"
                r"(noted|agreed|approved|accepted|endorsed|adopted|deferred|received)\b", re.I), None),
]

_MINUTES_APPROVAL = [
    re.compile(r"\bminutes\b[^.;]{0,200}?\b(?:were|was|are|is|had\s+been|have\s+been|be)\s+"
               r"(?:all\s+|duly\s+|unanimously\s+)?(agreed|approved|confirmed|accepted|adopted|signed)\b", re.I),
    re.compile(r"\b(agreed|approved|confirmed|accepted|adopted|resolved)\b[^.;]{0,60}\bminutes\b[^.;]{0,200}"
               r"\b(?:record|reflection|signed)\b", re.I),
]

_ACTION_MARK = re.compile(r"\bACTION\s*[:\-–]\s*|^(?:Action|Actions)\s*:\s*")
_ACTION_ROW = re.compile(r"^(?:[-•]\s*)?Action\s+(?:No\.?\s*)?(\d{1,3}[a-z]?)\b\s*(?:\(([^)]{3,40})\))?\s*[:.\-–]\s*(\S.*)$")
_ACTION_UPDATE = re.compile(
    r"\b(?:the\s+)?action\s+(?:for|to|on|regarding|about|relating\s+to)\b[^.;]{3,300}?\b(?:was|were|had\s+been|has\s+been|is)\s+"
    r"(?:reported\s+as\s+|marked\s+as\s+|confirmed\s+as\s+|now\s+)?"
    r"(completed|complete|closed|discharged|ongoing|outstanding|open)\b", re.I)
_STATUS_WORDS = re.compile(
    r"\b(Action\s+(?:closed|ongoing|open|completed?|discharged|superseded|carried\s+forward|outstanding))\b", re.I)
_STATUS_BARE = re.compile(r"^(Completed?|Closed|Ongoing|Open|In progress|Discharged|Outstanding|Carried forward)\b\.?",
                          re.I)
_NEW_ACTION = re.compile(r"\bNew\s+Action\b(?:\s*\(([^)]{3,40})\))?", re.I)
_LEADING_DATE = re.compile(r"^\s*(\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4})\s*[-–:]")

_OWNER = re.compile(
    r"^(?:(?:[Ff]or|[Tt]he)\s+)*"
    r"(?P<o>[A-Z][\w'’&.-]*(?:\s+(?:(?:of|the|and|for|&)\s+)*[A-Z][\w'’&.-]*){0,9})"
    r"\s+(?:(?:is|are|was|were)\s+)?to\s+(?!be\b)[a-z]")

_DECISION_NO = r"(\d{4}\s*[-/]\s*\d{1,4}[A-Za-z]?)"
_NOTICE_LINE = [
    # "Title Decision 2017-23"
    ("title_first", re.compile(r"^(?P<title>\S.{2,200}?)\s+Decision\s+(?:No\.?\s*|Notice\s+)?" + _DECISION_NO
                               + r"\s*(?P<conf>\((?:Confidential|Exempt|Restricted)\))?\s*$", re.I)),
    # "Decision 2017-24 (Confidential)" (title on the line above), or "Decision 2017-24 – Title"
    ("number_line", re.compile(r"^Decision\s+(?:No\.?\s*|Notice\s+)?" + _DECISION_NO
                               + r"\s*(?P<conf>\((?:Confidential|Exempt|Restricted)\))?\s*(?:[-–:]\s*(?P<title>\S.*))?$", re.I)),
    # "2017-01 Title"
    ("number_first", re.compile(r"^" + _DECISION_NO + r"\s*[-–:.]?\s+(?P<title>[A-Z(‘'\"].{2,200})$")),
]
_CONFIDENTIAL = re.compile(r"\b(confidential|exempt|restricted)\b", re.I)
_MEETINGISH = re.compile(r"\b(Board|Meeting|Panel|Committee|Forum|Group)\b")
_LIST_END = re.compile(r"^(Further detail|Further details|Alternatively|Summary of|List of items|Decisions? taken)\b", re.I)

_ABBREV = {"mr", "mrs", "ms", "dr", "cllr", "no", "nos", "st", "e.g", "i.e", "eg", "ie", "etc", "prof", "insp",
           "supt", "sgt", "vs", "approx", "para", "paras", "ref", "cf", "fig", "pp", "p", "co", "ltd", "inc"}


# --- small helpers ----------------------------------------------------------------------------


def _page_of(doc: Document, offset: int) -> tuple[int | None, str | None]:
    for p in doc.pages:
        if p.start <= offset <= p.end:
            return p.pdf_page, p.display
    return None, None


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end] (offsets into text)."""
    spans = []
    s = start
    for m in re.finditer(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])", text[start:end]):
        cut = start + m.start()
        # "Mr. Smith", "e.g. Kingston", "No. 5": not sentence ends.
        before = re.search(r"([A-Za-z.]+)\.?[\"'”’)]*$", text[s:cut])
        word = (before.group(1).lower().rstrip(".") if before else "")
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            continue
        spans.append((s, cut))
        s = start + m.end()
    if s < end:
        spans.append((s, end))
    return [_strip_span(text, a, b) for a, b in spans if text[a:b].strip()]


def _sentence_at(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    for a, b in _sentences(text, start, end):
        if a <= pos < b or (pos == b and a < b):
            return a, b
    return start, end


def _clean_title(t: str) -> str:
    return re.sub(r"\s+", " ", t).strip(" \t-–:;,")


# --- minutes ----------------------------------------------------------------------------------


class _Claims:
    """The spans already taken by a decision: disjoint, kept sorted, so whether a span is free
    is one binary search (a list scan made a minutes of 17,000 resolutions take minutes)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        # The last span starting before ``end`` ends latest of those that could overlap.
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


# A line's list marker: indent, bullet, and a paragraph number (1.2), a number ((1)) or a letter ((a), iv.).
_LIST_MARKER = re.compile(
    r"^(?P<indent>[ \t]*)(?P<bul>[-•▪●◦‣]\s*)?"
    r"(?:(?P<para>\d{1,2}(?:\.\d{1,2})+)\.?(?=\s)\s*"
    r"|(?P<num>\(?\d{1,2}\))\s*"
    r"|(?P<let>\(?(?:[a-z]|[ivx]{1,4})[).]|\(?[A-Z]\))(?=\s)\s*)?")
_ITEM_HEAD = re.compile(r"^(?:[-•]\s*)?(\d{1,2})\.?\s+[A-Z'‘\"]")
_INLINE_MARK = re.compile(r"(?<=[.;:])\s+(\(?\d{1,2}\)|\(?[a-z]\)|\([A-Z]\)|[a-z]\.)\s+(?=[A-Z]|that\b|to\b)")
# "(Item 1)", "(Agenda item 3)" under or after a minute heading: a marker, not part of the text.
_ITEM_MARKER = re.compile(r"\(\s*(?:Agenda\s+)?Item\s+(?:No\.?\s*)?\d{1,3}[a-z]?(?:\s?\([a-z0-9]{1,3}\))?\s*\)", re.I)
_LIST_LEVELS = ("num", "let", "bul")


@dataclass
class _Block:
    start: int  # content start, after list/paragraph markers
    end: int
    level: str  # item | para | num | let | bul | text | row
    para: str | None = None
    mark: str | None = None


class _Minutes:
    def __init__(self, doc: Document, part: Part):
        self.doc, self.part, self.text = doc, part, doc.text
        self.body = part.body or doc.body
        # A meeting the PCC holds (the PCC decides there): its body says so, or its minutes record
        # the PCC questioning the Chief Constable throughout.
        part_text = doc.text[part.start: part.end]
        self.pcc_meeting = bool(self.body and re.search(r"PCC|Commissioner", self.body)) or (
            len(re.findall(r"\bthe PCC (?:asked|queried|requested|questioned|referenced)", part_text)) >= 3
            and "Chief Constable" in part_text)
        self.blocks = self._blocks()
        self.claimed = _Claims()
        self.out: list[Decision] = []

    # blocks ---------------------------------------------------------------------------------

    def _blocks(self) -> list[_Block]:
        """The part's lines as blocks: one per paragraph or list item, markers stripped.

        Page and line breaks inside a paragraph are joined again; list items that PDF text runs
        together on one line ("… a future meeting. 3) AGREED …") are split apart.
        """
        text = self.text
        blocks: list[_Block] = []
        for ls, le in self._line_spans():
            raw = text[ls:le]
            stripped = raw.strip()
            if not stripped:
                continue
            if _ITEM_MARKER.fullmatch(stripped) or (_ITEM_MARKER.search(stripped) and _ITEM_HEAD.match(stripped)):
                s, e = _strip_span(text, ls, le)
                blocks.append(_Block(s, e, "item"))
                continue
            if "\t" in stripped:
                s, e = _strip_span(text, ls, le)
                blocks.append(_Block(s, e, "row"))
                continue
            marked = self._marked_line(ls, le)
            if marked is None:
                continue
            s, e, level, para, mark = marked
            if level == "text" and blocks and self._continues(blocks[-1], ls, le, s):
                # A paragraph that a line or page break split in two: continue the previous block.
                blocks[-1].end = e
                continue
            blocks.extend(self._run_together(s, e, level, para, mark))
        return blocks

    def _marked_line(self, ls: int, le: int) -> tuple[int, int, str, str | None, str | None] | None:
        """A line's content span after its list or paragraph marker, and what the marker says
        (level, paragraph number, list mark); None when nothing follows the marker."""
        text = self.text
        raw = text[ls:le]
        stripped = raw.strip()
        m = _LIST_MARKER.match(raw)
        s, e = _strip_span(text, ls + m.end(), le)
        if s >= e:
            return None
        para = mark = None
        if m.group("para"):
            level, para = "para", m.group("para")
        elif m.group("num"):
            level, mark = "num", m.group("num").strip("()")
        elif m.group("let"):
            level, mark = "let", m.group("let").strip("().")
        elif _ITEM_HEAD.match(stripped) and len(stripped.split()) <= 25 and not re.search(r"[.;,]$", stripped):
            level = "item"
        elif nm := re.match(r"^(?:[-•]\s*)?(\d{1,2})\.\s+(?=\S)", stripped):
            # "1. approve the budget;": a numbered list line, not an item heading.
            level, mark = "num", nm.group(1)
            s, e = _strip_span(text, ls + (len(raw) - len(raw.lstrip())) + nm.end(), le)
        elif m.group("bul"):
            level = "bul"
        else:
            level = "text"
        return s, e, level, para, mark

    def _continues(self, prev: _Block, ls: int, le: int, s: int) -> bool:
        """Whether the unmarked line ls..le (its text from s) goes on with the paragraph of block ``prev``."""
        text = self.text
        raw = text[ls:le]
        stripped = raw.strip()
        return prev.level not in ("row", "item") and not re.search(r"[.:;!?]$", text[prev.start: prev.end]) \
            and not _MOTION_LINE.match(stripped) and not _ENDS_OUTCOME.search(text[prev.start: prev.end]) \
            and (text[s].islower() or not self._heading_like(prev)) \
            and not (text[s].isupper() and is_heading(Line(ls, le, raw, False)) and _CAPS_LINE.match(stripped))

    def _run_together(self, s: int, e: int, level: str, para: str | None, mark: str | None) -> list[_Block]:
        """The blocks of s..e: one, or several where list items run together on one line (PDF text)."""
        text = self.text
        out: list[_Block] = []
        cur_start, cur_level, cur_para, cur_mark = s, level, para, mark
        for im in _INLINE_MARK.finditer(text, s, e):
            a, b = _strip_span(text, cur_start, im.start())
            if b > a:
                out.append(_Block(a, b, cur_level, cur_para, cur_mark))
            mk = im.group(1).strip("().")
            cur_start, cur_level, cur_para, cur_mark = im.end(), "num" if mk.isdigit() else "let", None, mk
        a, b = _strip_span(text, cur_start, e)
        if b > a:
            out.append(_Block(a, b, cur_level, cur_para, cur_mark))
        return out

    def _line_spans(self):
        """The part's lines; a minute heading that runs on after its item marker ("5 ANNUAL
        REPORT (Agenda item 5) RESOLVED: …") is two lines, the heading and what follows, and so
        is a motion's record that PDF text runs together ("… 40 km/h. In Favour (2): …")."""
        pos = self.part.start
        for raw in self.text[self.part.start: self.part.end].split("\n"):
            ls, le = pos, pos + len(raw)
            pos = le + 1
            m = _ITEM_MARKER.search(raw)
            if m and raw[m.end():].strip() and _ITEM_HEAD.match(raw.strip()):
                yield ls, ls + m.end()
                ls = ls + m.end()
            # A new motion only after the last one's outcome ("Motion failed 2-5 (…). Moved by …");
            # "It was RESOLVED to …. Proposed by Cllr Lamb, seconded …" is one record.
            cuts = [c.end() for c in _INLINE_MOTION.finditer(self.text, ls, le)
                    if not re.match(r"(?:Moved|Seconded|Proposed|MOVED)\b", self.text[c.end(): c.end() + 9])
                    or _OUTCOME_BEFORE.search(self.text, ls, c.start())]
            for a, b in zip([ls] + cuts, cuts + [le]):
                yield a, b

    def _heading_like(self, b: _Block) -> bool:
        if b.level != "text":
            return False
        ls = self.text.rfind("\n", 0, b.start) + 1
        return is_heading(Line(ls, b.end, self.text[ls: b.end], False))

    def _content(self, b: _Block) -> str:
        return self.text[b.start: b.end]

    # claims ---------------------------------------------------------------------------------

    def _free(self, start: int, end: int) -> bool:
        return not self.claimed.overlaps(start, end)

    def _add(self, kind: str, outcome: str, start: int, end: int, **kw) -> Decision | None:
        start, end = _strip_span(self.text, start, end)
        note = _VOTE_NOTE.match(self.text, end, self.part.end) if kind != "action" and "votes" not in kw else None
        if note:
            # "RESOLVED that … . (10 votes for, 1 against)": the vote belongs to the resolution.
            end = note.end()
            kw["votes"] = _count_votes(note.group(0), _votes(note.group(0))) or None
        if end <= start or not self._free(start, end):
            return None
        text = self.text[start:end]
        head = text[:300]
        approval = next((m for m in (rx.search(head) for rx in _MINUTES_APPROVAL) if m), None)
        if kind != "action" and approval and not re.match(r"\s*To\s+confirm\b", text, re.I):
            # Approving the minutes of an earlier meeting.
            kind = "minutes"
            outcome = approval.group(1).lower() if approval.group(1).lower() != "signed" else "agreed"
        item, item_title = kw.pop("item", "auto"), kw.pop("item_title", None)
        if item == "auto":
            item, item_title = self._item(start)
        page, printed = _page_of(self.doc, start)
        d = Decision(decision_id(self.doc.id, kind, start, text), kind, outcome, text, self.body,
                     self.part.meeting_date, item, item_title, self.doc.id, self.part.ordinal, start, end,
                     page, printed, **kw)
        self.claimed.add(start, end)
        self.out.append(d)
        return d

    def _item(self, offset: int) -> tuple[str | None, str | None]:
        secs = [s for s in self.doc.sections if s.part == self.part.ordinal]
        sec = next((s for s in secs if s.start <= offset < s.end), None)
        if sec is None:
            return None, None
        if sec.item is not None:
            return sec.item, sec.item_title
        # An extract that starts part-way through an item: text before the first item heading
        # "N." of the part belongs to item N-1.
        later = [s.item for s in secs if s.start > offset and s.item]
        if later and later[0].isdigit() and int(later[0]) > 1 and not any(s.item for s in secs if s.start < offset):
            head = self.text[self.part.start: offset]
            if not re.search(r"\b(present|attendance|apologies)\b", head, re.I):
                return str(int(later[0]) - 1), None
        return None, None

    # passes ---------------------------------------------------------------------------------

    def run(self) -> list[Decision]:
        self._motions()
        self._dispositions()
        self._action_rows()
        self._action_marks()
        self._resolutions()
        self._narrative()
        return self.out

    # motions and votes -----------------------------------------------------------------------

    def _item_start(self, offset: int) -> int | None:
        """Start of the agenda item (as found by the structure stage) that holds ``offset``."""
        starts = [it.start for it in self.doc.items if it.part == self.part.ordinal and it.start <= offset]
        return max(starts) if starts else None

    def _claimed_between(self, a: int, b: int) -> bool:
        return self.claimed.overlaps(a, b)

    def _motions(self) -> None:
        """Votes: a run of MOVED BY / SECONDED BY / ACTION / tally lines ending in its outcome, or
        a 'moved … seconded' sentence followed by the roll call. The first vote on an item takes
        the item's text with it (what was voted on); later votes on it stand alone."""
        blocks = self.blocks
        i = 0
        while i < len(blocks):
            c = self._content(blocks[i])
            if not (_MOVED.search(c) or _TALLY.match(c) or _OUTCOME.search(c) and _TALLY_ANY.search(
                    self.text[blocks[i].start: blocks[min(len(blocks) - 1, i + 3)].end])):
                i += 1
                continue
            first = i
            j = i
            outcome_at = None
            while j < len(blocks):
                cj = self._content(blocks[j])
                if j > first and _MOVED.search(cj) and not _TALLY.match(cj) and outcome_at is None \
                        and any(_TALLY.match(self._content(b)) for b in blocks[first:j]):
                    break  # the next motion
                if _OUTCOME.search(cj):
                    outcome_at = j
                    break
                # The motion's words: a line or two, or the list a "That Council:" opens.
                if not (_MOVED.search(cj) or _TALLY.match(cj) or _ACTION_LINE.match(cj) or j == first
                        or (j - first <= 2 and len(cj.split()) <= 40)
                        or (blocks[j].level in ("num", "let") and j - first <= 15
                            and re.search(r"[:;]$|\band$", self._content(blocks[j - 1])))):
                    break
                j += 1
            last = outcome_at if outcome_at is not None else j - 1
            # "MOTION CARRIED BY THE FOLLOWING ROLL CALL VOTE:" is followed by the roll call.
            while last + 1 < len(blocks) and _VOTE_DETAIL.match(self._content(blocks[last + 1])):
                last += 1
            group = self.text[blocks[first].start: blocks[last].end]
            votes = _count_votes(group, _votes(group))
            if outcome_at is None and not votes:
                i += 1
                continue
            start = blocks[first].start
            if first > 0 and _MOTION_HEAD.match(self._content(blocks[first - 1])):
                start = blocks[first - 1].start  # "RESOLUTION 2024/142" over "Moved Cr Jones, …"
            item_start = self._item_start(start)
            if item_start is not None and item_start >= self.part.start and not self._claimed_between(item_start, start):
                start = item_start
            outcome = _motion_outcome(group, votes)
            if not self._add("motion", outcome, start, blocks[last].end, votes=votes or None):
                self._add("motion", outcome, blocks[first].start, blocks[last].end, votes=votes or None)
            i = last + 1

    def _dispositions(self) -> None:
        """What minutes record of an item in capitals: 'ADOPTED.', 'RECEIVED AND REFERRED TO …',
        'WITHDRAWN.', 'CONTINUED TO …': one decision from the item's heading to that line."""
        for b in self.blocks:
            c = self._content(b)
            m = _DISPOSITION.search(c)
            if not m or not self._free(b.start, b.end):
                continue
            item_start = self._item_start(b.start)
            start = item_start if item_start is not None and not self._claimed_between(item_start, b.start) else b.start
            outcome = m.group(1).lower().split()[0]
            outcome = {"received": "referred"}.get(outcome, outcome)
            self._add("resolution", outcome, start, b.end)

    def _action_rows(self) -> None:
        blocks, text = self.blocks, self.text
        header: str | None = None
        i = 0
        while i < len(blocks):
            b = blocks[i]
            m = _ACTION_ROW.match(self._content(b))
            if not m:
                if b.level == "row" and re.search(r"\baction\b", self._content(b), re.I) and i + 1 < len(blocks) \
                        and _ACTION_ROW.match(self._content(blocks[i + 1])):
                    header = re.sub(r"\s+", " ", self._content(b)).lower()
                i += 1
                continue
            tabbed = "\t" in self._content(b)
            end = b.end
            j = i + 1
            while j < len(blocks):
                c = self._content(blocks[j])
                norm = re.sub(r"\s+", " ", c).lower()
                if _ACTION_ROW.match(c):
                    break
                if header and norm == header:
                    j += 1
                    continue
                starts_blank_cell = text[text.rfind("\n", 0, blocks[j].start) + 1: blocks[j].start].startswith("\t")
                if (tabbed and starts_blank_cell) or (not tabbed and blocks[j].level in ("text", "bul")
                                                      and (c[:1].islower() or _LEADING_DATE.match(c)
                                                           or _NEW_ACTION.match(c) or _STATUS_BARE.match(c))):
                    end = blocks[j].end
                    j += 1
                    continue
                break
            row = text[b.start:end]
            desc_end = row.find("\t")
            desc = row if desc_end < 0 else row[:desc_end]
            update = "" if desc_end < 0 else row[desc_end:]
            if desc_end < 0:
                dm = re.search(r"\s(\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*[-–]|New\s+Action\b)", desc)
                if dm:
                    desc, update = desc[: dm.start()], desc[dm.start():]
            body = desc[m.start(3):] if m.start(3) < len(desc) else desc
            set_at = parse_date(m.group(2)) if m.group(2) else None
            status = _status(update)
            nm = _NEW_ACTION.search(update)
            if nm and not set_at:
                set_at = parse_date(nm.group(1) or "") or self.part.meeting_date
            self._add("action", "action", b.start, end, item=None, item_title=None, owner=_owner(body),
                      status=status, set_at=set_at, number=m.group(1))
            i = j

    def _action_marks(self) -> None:
        for b in self.blocks:
            content = self._content(b)
            for m in _ACTION_MARK.finditer(content):
                s = b.start + m.start()
                # To the end of the sentence the action is written in.
                rest = self.text[b.start + m.end(): b.end]
                sm = re.search(r"(?<=[.!?])\s+(?=[A-Z])", rest)
                e = b.start + m.end() + (sm.start() if sm else len(rest))
                self._add("action", "action", s, e, owner=_owner(self.text[b.start + m.end(): e]))
            for m in _ACTION_UPDATE.finditer(content):
                s, e = _sentence_at(self.text, b.start, b.end, b.start + m.start())
                self._add("action", "action", s, e, status=m.group(1).lower())

    def _is_intro(self, b: _Block) -> bool:
        c = self._content(b).strip()
        if b.level not in ("para", "text", "bul") or len(c) > 120 \
                or not re.search(r"[:;,\-–]$|^RESOLVED$|\b(?:to|that)$", c, re.I):
            return False
        core = re.sub(r"[:;,\-–]+$", "", c).strip()
        return bool(re.fullmatch(
            r"(?:It\s+was\s+)?(?:RESOLVED|Resolved|AGREED|DECIDED)?\s*(?:that\s+)?(?:[Tt]he\s+)?"
            r"(?:" + _BODY_NOUN + r"|" + _PCC_NOUN + r")?\s*(?:RESOLVED|resolved|AGREED|agreed|DECIDED|decided)?"
            r"\s*(?:that|to)?", core)) and bool(re.search(r"[A-Za-z]", core)) and \
            (re.search(_BODY_NOUN, core) or re.search(r"RESOLVED|Resolved|AGREED|DECIDED", core))

    def _sub_items(self, i: int, own_level: str, introduces: bool) -> int:
        """End offset of block i extended by its sub-items (lettered/bulleted lines under it)."""
        end = self.blocks[i].end
        j = i + 1
        while j < len(self.blocks):
            b = self.blocks[j]
            if b.level in ("para", "item", "text", "row") or self._starts_resolution(b):
                break
            if own_level == "num":
                if b.level == "num":
                    break
            elif own_level in ("let",):
                if b.level in ("let", "num"):
                    break
            elif b.level == "bul" and not introduces:
                break
            end = b.end
            j += 1
        return end

    def _starts_resolution(self, b: _Block) -> bool:
        c = self._content(b)
        m = _CAPS_RX.search(c)
        if not m or not self._caps_ok(c, m):
            return False
        pre = c[: m.start()].strip()
        return pre == "" or bool(re.fullmatch(r"(?:[Tt]he\s+)?(?:" + _BODY_NOUN + r"|" + _PCC_NOUN + r")" + _ADVERB
                                              + r"|Made\s+the\s+following|It\s+was", pre))

    @staticmethod
    def _caps_ok(content: str, m: re.Match) -> bool:
        # A capitalised verb in running text, not an all-caps heading or a "RECOMMENDATION:" label.
        if not re.search(r"[a-z]", content):
            return content.strip().rstrip(":.") in ("RESOLVED", "AGREED", "NOTED", "APPROVED", "DEFERRED",
                                                    "REJECTED", "ENDORSED")
        if m.group(1).startswith("RECOMMENDATION") and re.match(r"\s*:", content[m.end():]) and not content[: m.start()].strip():
            return False
        return True

    def _resolutions(self) -> None:
        blocks = self.blocks
        i = 0
        while i < len(blocks):
            b = blocks[i]
            if b.level == "row":
                i += 1
                continue
            if self._is_intro(b):
                i = self._resolution_list(i)
                continue
            c = self._content(b)
            hits = [m for m in _CAPS_RX.finditer(c) if self._caps_ok(c, m)]
            if not hits:
                i += 1
                continue
            sents = _sentences(self.text, b.start, b.end)
            starts = []
            for a, e in sents:
                if any(a <= b.start + m.start() < e for m in hits):
                    starts.append(a if a != sents[0][0] else b.start)
            introduces = bool(re.search(r"[:;]$|\bfollowing\b|\bas follows\b|\b(?:to|that)$", c))
            for k, s in enumerate(starts):
                last = k + 1 == len(starts)
                e = self._sub_items(i, b.level, introduces) if last else starts[k + 1]
                seg = self.text[s:e]
                verb = _CAPS_RX.search(seg)
                outcome = _CAPS_VERBS[verb.group(1)] if verb else "resolved"
                if outcome == "resolved":
                    outcome = _passive_outcome(seg) or outcome
                if verb and verb.group(1) == "AGREED" and re.match(r"\s+to\s+(?:recommend|request|ask)\b", seg[verb.end():]):
                    outcome = "recommended" if "recommend" in seg[verb.end(): verb.end() + 20] else "requested"
                kind = "recommendation" if outcome in _RECOMMEND_OUTCOMES else "resolution"
                number = b.para
                self._add(kind, outcome, s, e, number=number)
            i += 1

    def _resolution_list(self, i: int) -> int:
        """'The Scrutiny Sub Panel:' / 'RESOLVED:' followed by numbered items: one decision per item."""
        intro = self.blocks[i]
        j = i + 1
        if j >= len(self.blocks) or self.blocks[j].level in ("item", "row"):
            return i + 1
        if self.blocks[j].level not in _LIST_LEVELS:
            return self._resolution_paragraph(i)
        if re.search(r"\b(?:RESOLVED|Resolved|DECIDED|Decided)\b|\bagree[sd]?\s+to\s*:?$|\bAGREED\b"
                     r"|\b(?:agreed|resolved|decided)\s*:$", self._content(intro)):
            # "RESOLVED that Cabinet agree to: (a) … (b) …", "RESOLVED: (A) That … (B) That …": one
            # resolution, its list included (an intro that is only the body's name, "The Panel:",
            # lists separate decisions, each with its own verb).
            return self._whole_resolution(i)
        return self._resolution_items(i)

    def _resolution_paragraph(self, i: int) -> int:
        """'RESOLVED' / 'RESOLVED that:' on its own line (block i), the resolution in the next paragraph."""
        intro, nxt = self.blocks[i], self.blocks[i + 1]
        if not re.search(r"resolved|agreed|decided", self._content(intro), re.I) or _CAPS_RX.search(
                self._content(nxt)):
            return i + 1
        body = re.sub(r"^(?:that\s+)?(?:the\s+(?:" + _BODY_NOUN + r")\s+)?", "", self._content(nxt), flags=re.I)
        pm = re.search(r"\bbe\s+(noted|agreed|approved|endorsed|deferred|rejected|adopted|accepted)\b", body)
        outcome = pm.group(1) if pm else next((o for rx, o in _ITEM_VERBS if rx.match(body)), "resolved")
        kind = "recommendation" if outcome in _RECOMMEND_OUTCOMES else "resolution"
        self._add(kind, outcome, intro.start, self._sub_items(i + 1, nxt.level, True), number=intro.para or nxt.para)
        return i + 2

    def _whole_resolution(self, i: int) -> int:
        """The intro (block i) and the list after it as one resolution; returns the block after the list."""
        intro = self.blocks[i]
        end = intro.end
        k = i + 1
        while k < len(self.blocks) and self.blocks[k].level in _LIST_LEVELS:
            end = self.blocks[k].end
            k += 1
        seg = self.text[intro.start:end]
        outcome = _passive_outcome(seg) or ("resolved" if re.search(r"resolved", self._content(intro), re.I)
                                            else "agreed")
        kind = "recommendation" if outcome in _RECOMMEND_OUTCOMES else "resolution"
        self._add(kind, outcome, intro.start, end, number=intro.para)
        return k

    def _resolution_items(self, i: int) -> int:
        """One decision per item of the list after the intro (block i), each item with its
        sub-items; returns the block after the list."""
        intro = self.blocks[i]
        j = i + 1
        level = self.blocks[j].level
        intro_verb = re.search(r"resolved|agreed|decided", self._content(intro), re.I)
        default = "resolved" if re.search(r"resolved", self._content(intro), re.I) else "agreed"
        while j < len(self.blocks) and self.blocks[j].level == level:
            b = self.blocks[j]
            # Sub-items of this item: any list lines at another level until the next item.
            end = b.end
            k = j + 1
            while k < len(self.blocks) and self.blocks[k].level in _LIST_LEVELS and self.blocks[k].level != level:
                end = self.blocks[k].end
                k += 1
            seg = self.text[b.start:end]
            verb = _CAPS_RX.search(seg[:200])
            if verb:
                outcome = _CAPS_VERBS[verb.group(1)]
                if verb.group(1) == "AGREED" and re.match(r"\s+to\s+(?:recommend|request|ask)\b", seg[verb.end():]):
                    outcome = "recommended" if "recommend" in seg[verb.end(): verb.end() + 20] else "requested"
            else:
                outcome = next((o for rx, o in _ITEM_VERBS if rx.match(seg)), None)
                if outcome is None:
                    if not intro_verb and not re.match(r"that\b", seg, re.I):
                        # "Members:" followed by a list of names is not a resolution list.
                        j = k
                        continue
                    outcome = _passive_outcome(seg) or default
            kind = "recommendation" if outcome in _RECOMMEND_OUTCOMES else "resolution"
            number = f"{intro.para}({b.mark})" if intro.para and b.mark else intro.para
            self._add(kind, outcome, b.start, end, number=number)
            j = k
        return j

    def _narrative(self) -> None:
        # "the Panel", "The NCCSP Scrutiny Sub Panel", "Members" opening a clause; "the PCC" when the
        # PCC holds the meeting. Not "the Strategic Governance Board" or "the Complaints Sub-Panel":
        # other bodies' decisions reported in these minutes.
        nouns = _BODY_NOUN + (r"|" + _PCC_NOUN if self.pcc_meeting else "")
        subj_rx = re.compile(r"(?:(?<=^)|(?<=[\s(]))(?:[Tt]he\s+(?:[A-Z]{2,}\s+)?(?:" + nouns + r")"
                             r"|(?:(?<=^)|(?<=[,;]\s))(?:(?:Panel|Committee)\s+)?Members"
                             + (r"|(?:(?<=^)|(?<=[,;]\s))" + _PCC_NOUN if self.pcc_meeting else "") + r")"
                             + _ADVERB + r"\s+")
        for bi, b in enumerate(self.blocks):
            for s, e in _sentences(self.text, b.start, b.end):
                if not self._free(s, e):
                    continue
                sent = self.text[s:e]
                if re.search(r"\bat\s+(?:its|that|the|their)\s+(?:\d|meeting|previous|last)|\bpreviously\b", sent, re.I):
                    continue
                found = None
                for sm in subj_rx.finditer(sent):
                    for rx, outcome in _NARRATIVE_VERBS:
                        vm = rx.match(sent, sm.end())
                        if vm:
                            found = outcome or re.sub(r"\s+.*", "", vm.group(1)).lower()
                            if found in ("asked",):
                                found = "requested"
                            break
                    if found:
                        break
                if not found:
                    for rx, outcome in _PASSIVE:
                        pm = rx.search(sent)
                        if pm:
                            found = outcome or pm.group(1).lower()
                            break
                if not found:
                    if any(rx.search(sent) for rx in _MINUTES_APPROVAL) and re.search(r"\bminutes\b", sent, re.I):
                        found = "agreed"
                    else:
                        continue
                if found == "resolved":
                    found = _passive_outcome(sent) or found
                kind = "recommendation" if found in _RECOMMEND_OUTCOMES else "resolution"
                end = e
                if sent.rstrip().endswith(":") and (s, e) == _sentences(self.text, b.start, b.end)[-1]:
                    end = self._sub_items(bi, b.level, True)
                self._add(kind, found, s, end, number=b.para)


_CAPS_LINE = re.compile(r"^[A-Z][A-Z0-9 &'’/,–-]{2,80}$")
_MOVED = re.compile(r"^MOVED\s+BY\b|^SECONDED\s+BY\b|\bmoved\b[^.\n]{0,150}\bseconded\b|\bseconded\b[^.\n]{0,150}\bmoved\b"
                    r"|\b(?:moved|proposed)\s+by\b[^.\n]{0,100}\bseconded\s+by\b"
                    # "Moved Cr Smith." (a mayoral minute needs no seconder)
                    r"|^(?:MOVED|Moved|Proposed)\b(?!\s+(?:to|that|on|from|into|onto|the|up|back)\b)[^\n.]{0,60}\.?$", re.I)
_ACTION_LINE = re.compile(r"^(?:ACTION|MOTION|VOTE|RESULT)\s*:", re.I)
_TALLY_WORDS = (r"(?:YEAS|AYES|YES|NAYS|NOES|ABSTAIN(?:S|ED|ING|ENTIONS)?|ABSENT|RECUSED|EXCUSED|For|Against|Opposed"
                r"|In\s+favou?r)(?:\s*\(\d{1,3}\))?")
_TALLY = re.compile(r"^" + _TALLY_WORDS + r"\s*[:\-–]", re.I)
# What may follow a motion's outcome: the roll call, or the division ("Division: For: Crs …").
_VOTE_DETAIL = re.compile(r"^(?:Division|Recorded\s+vote|Roll\s+call(?:\s+vote)?)\s*:|^" + _TALLY_WORDS + r"\s*[:\-–]", re.I)
_TALLY_ANY = re.compile(r"(?:^|\n|\s|\()" + _TALLY_WORDS + r"\s*[:\-–]", re.I)
_OUTCOME_WORD = r"(CARRIED|LOST|DEFEATED|FELL|PASSED|FAILED)"
_OUTCOME = re.compile(
    r"\b(?:AND\s+)?THE\s+MOTION\s+(?:WAS\s+)?(PASSED|FAILED|CARRIED|LOST|ADOPTED|DEFEATED|WITHDRAWN)\b"
    r"|\bMOTION\s+(?:WAS\s+)?(CARRIED|PASSED|FAILED|LOST|DEFEATED|WITHDRAWN)\b"
    r"|(?:^|(?<=[.;]\s))(?:The\s+)?(?:motion|amendment|substantive\s+motion)\s+(?:was\s+)?(?:accordingly\s+|therefore\s+"
    r"|then\s+)?(?:put\s+to\s+the\s+vote\s+and\s+(?:was\s+)?)?(carried|lost|defeated|passed|failed|withdrawn|adopted|fell)\b"
    r"|^(CARRIED|LOST|DEFEATED)\b"
    # "… be confirmed.  CARRIED 9/0", "Carried (4 to 1)", "Motion carried 5-2": the outcome closing the line
    r"|(?:^|(?<=[.)]\s)|(?<=[.)]\s\s))" + _OUTCOME_WORD + r"(?:\s+(?:unanimously|\d{1,3}\s*(?:/|-|to)\s*\d{1,3}))?"
    r"(?:\s*\((?:\d{1,3}\s*(?:to|-|/)\s*\d{1,3}|unanimously)\))?\.?\s*$"
    r"|(?:^|(?<=[.)]\s))(Carried|Lost|Defeated)(?:\s+(?:unanimously|\d{1,3}\s*(?:/|-|to)\s*\d{1,3}))?"
    r"(?:\s*\(\d{1,3}\s*(?:to|-|/)\s*\d{1,3}\))?\.?\s*$", re.I)
# Where a motion's record runs on in one line of PDF text: before "Moved by", a tally, an outcome.
_INLINE_MOTION = re.compile(r"(?<=[.)])\s+(?=(?:Moved|Seconded|Proposed)\s+by\b|MOVED\s+BY\b|" + _TALLY_WORDS
                            + r"\s*:)|(?<=[a-z])\s+(?=(?:Carried|Lost|Defeated)\s*\(\d{1,3}\s*(?:to|-|/)\s*\d{1,3}\)\.?\s*$)")
_OUTCOME_BEFORE = re.compile(r"\b(?:carried|lost|defeated|failed|passed|withdrawn)\b[^.]{0,80}\.$", re.I)
# The lines of a motion's record: each its own block, not the rest of the paragraph before.
_MOTION_LINE = re.compile(r"(?:Moved|Seconded|Proposed)\b|MOVED\s+BY\b|" + _TALLY_WORDS + r"\s*:"
                          r"|(?:Carried|Lost|Defeated|CARRIED|LOST|DEFEATED)\b(?:\s*\([^()]{1,40}\))?\.?\s*$")
# A line that ends with a motion's outcome ("… at the schedule of rates submitted.  CARRIED 9/0").
_ENDS_OUTCOME = re.compile(r"\b(?:CARRIED|LOST|DEFEATED|Carried|Lost|Defeated)\b[^a-z]{0,24}$")
# A vote recorded in a line of its own after a resolution.
_VOTE_NOTE = re.compile(r"\s*\(?\s*(?:\d{1,3}\s+votes?\s+(?:for|in\s+favou?r)\b[^()\n]{0,60}|(?:carried|agreed|passed)\s+"
                        r"unanimously|unanimous(?:ly)?|nem\.?\s*con\.?)\s*\)?\.?[ \t]*(?=\n|$)", re.I)
# A heading over a motion: "RESOLUTION 2024/142", "MOTION", "AMENDMENT".
_MOTION_HEAD = re.compile(r"^(?:RESOLUTION|MOTION|AMENDMENT|SUBSTANTIVE\s+MOTION|NOTICE\s+OF\s+MOTION)\b[^a-z]{0,40}$")
# The disposition closes the item's record, often after its annotations on the same line:
# "(… recommended approval). ADOPTED.", "WITHDRAWN. (At the applicant's request)."
_DISPOSITION = re.compile(
    r"(?:^|(?<=[.)])\s+)((?:RECEIVED\s+AND\s+)?REFERRED\b[^a-z]*?|ADOPTED(?:\s+AS\s+AMENDED)?|WITHDRAWN|"
    r"CONTINUED\b[^a-z]*?|DEFERRED\b[^a-z]*?|DENIED|APPROVED|POSTPONED\b[^a-z]*?|TABLED|FAILED)\.?"
    r"(?:\s*\([^()]{0,80}\)\.?)?\s*$")


def _votes(text: str) -> dict:
    """Recorded votes in ``text``: counts, and names where the paper lists them."""
    out: dict = {}
    keys = {"yeas": "for", "ayes": "for", "yes": "for", "for": "for", "in favour": "for", "in favor": "for",
            "nays": "against", "noes": "against", "against": "against", "abstain": "abstain", "abstains": "abstain",
            "abstained": "abstain", "abstaining": "abstain", "abstentions": "abstain", "absent": "absent",
            "excused": "absent", "recused": "recused", "opposed": "against"}
    rx = re.compile(r"(?:^|\n|\s|\()(" + _TALLY_WORDS + r")\s*[:\-–]\s*(.*?)(?=[;\s]+" + _TALLY_WORDS
                    + r"\s*[:\-–]|\n|$|\)|\s+AND\s+THE\s+MOTION|\s+(?:Carried|Lost|Defeated)\b)", re.I)
    for m in rx.finditer(text):
        word = re.sub(r"\s*\(\d{1,3}\)", "", m.group(1))
        stated = re.search(r"\((\d{1,3})\)", m.group(1))
        key = keys.get(re.sub(r"\s+", " ", word.lower()))
        if not key or key in out:
            continue
        val = m.group(2).strip().strip(".")
        count = re.search(r"(?:^|[-–]\s*)(\d{1,3})\s*$", val)
        names = re.sub(r"\s*[-–]\s*\d{1,3}\s*$", "", val)
        names = [] if re.fullmatch(r"\d{1,3}|none|nil|0", names.strip(), re.I) else [
            n for n in (re.sub(r"^(?:and\s+)?(?:Commissioners?|Councilmembers?|Councillors?|Cllrs?\.?|Crs?\.?|Vice\s+Chair|"
                               r"Chair(?:man|woman|person)?|Mayor|Members?)\s+", "", x.strip(" *"), flags=re.I)
                        for x in re.split(r",|\band\b", names)) if n.strip(" *")]
        names = [n.strip(" *") for n in names]
        if stated:
            out[key] = int(stated.group(1))
        elif count:
            out[key] = int(count.group(1))
        elif names:
            out[key] = len(names)
        elif re.fullmatch(r"none|nil", val.strip(), re.I):
            out[key] = 0
        if names and key in ("for", "against", "abstain"):
            out[{"for": "yeas", "against": "nays", "abstain": "abstentions"}[key]] = names
    return out


def _count_votes(text: str, votes: dict) -> dict:
    """Counts a motion's outcome line gives: "CARRIED 6/3", "Motion carried 5-2", "Carried (4 to 1)",
    "4 members voted for the amendment and 9 for the motion"."""
    m = re.search(_OUTCOME_WORD + r"\s*\(?\s*(\d{1,3})\s*(?:/|-|to)\s*(\d{1,3})", text, re.I)
    if m and "for" not in votes:
        a, b = int(m.group(2)), int(m.group(3))
        lost = m.group(1).lower() in ("lost", "defeated", "fell", "failed")
        votes = votes | ({"for": min(a, b), "against": max(a, b)} if lost and a > b else {"for": a, "against": b})
    m = re.search(r"\b(\d{1,3})\s+votes?\s+(?:for|in\s+favou?r),?\s+(?:and\s+)?(\d{1,3})\s+(?:votes?\s+)?against", text, re.I)
    if m and "for" not in votes:
        votes = votes | {"for": int(m.group(1)), "against": int(m.group(2))}
    m = re.search(r"\b(\d{1,3})\s+(?:members?\s+)?voted\s+for\s+the\s+(amendment|motion)\s+and\s+(\d{1,3})\s+"
                  r"(?:voted\s+)?(?:for\s+the\s+(?:motion|amendment)|against)", text, re.I)
    if m and "for" not in votes:
        votes = votes | {"for": int(m.group(1)), "against": int(m.group(3))}
    return votes


def _motion_outcome(text: str, votes: dict) -> str:
    m = _OUTCOME.search(text)
    word = next((g for g in (m.groups() if m else ()) if g), "").lower()
    if word in ("passed", "carried", "adopted"):
        return "carried"
    if word in ("failed", "lost", "defeated", "fell"):
        return "lost"
    if word == "withdrawn":
        return "withdrawn"
    if votes.get("for") is not None and votes.get("against") is not None:
        return "carried" if votes["for"] > votes["against"] else "lost"
    return "voted"


def _passive_outcome(text: str) -> str | None:
    """'That the report be noted' -> 'noted'."""
    m = re.search(r"\bbe\s+(noted|agreed|approved|endorsed|deferred|rejected|adopted|accepted|received)\b", text)
    return m.group(1) if m else None


def _owner(text: str) -> str | None:
    m = _OWNER.match(text.strip())
    if not m:
        return None
    o = m.group("o").strip()
    if o.lower() in ("action", "actions", "it", "this", "they", "we"):
        return None
    return o


def _status(update: str) -> str | None:
    u = update.strip(" \t\n.")
    if not u:
        return None
    nm = _NEW_ACTION.search(u)
    if nm:
        return re.sub(r"\s+", " ", nm.group(0)).strip()
    found = list(_STATUS_WORDS.finditer(u))
    date = _LEADING_DATE.match(u)
    if found:
        word = re.sub(r"\s+", " ", found[-1].group(1))
        word = word[0].upper() + word[1:]
        return f"{word} ({date.group(1)})" if date else word
    bare = _STATUS_BARE.match(u)
    if bare:
        return bare.group(1)[0].upper() + bare.group(1)[1:]
    u = re.sub(r"\s+", " ", u)
    return u if len(u) <= 300 else u[:297].rstrip() + "…"


# --- decision lists and notices ---------------------------------------------------------------


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for raw in text[start:end].split("\n"):
        s, e = _strip_span(text, pos, pos + len(raw))
        if e > s:
            out.append((s, e))
        pos += len(raw) + 1
    return out


def _notice_match(line: str):
    for kind, rx in _NOTICE_LINE:
        m = rx.match(line)
        if m:
            return kind, m
    return None, None


def _is_sentence(line: str) -> bool:
    return bool(re.search(r"[.!?)]\s*$", line)) or len(line.split()) > 25


def _short_heading(line: str) -> bool:
    """A list heading or entry title, not (part of) an entry's summary."""
    return not re.search(r"[.!?]\s*$", line) and len(line.split()) <= 12


def _decided_by_pcc(doc: Document, part: Part) -> str | None:
    head = part.title + " " + doc.text[part.start: part.start + 300]
    if re.search(r"\bPCC\b|Commissioner", head):
        return "PCC"
    return part.body or doc.body


def _decision_list(doc: Document, part: Part) -> list[Decision]:
    text = doc.text
    lines = _lines(text, part.start, part.end)
    decided_by = _decided_by_pcc(doc, part)
    entries = []  # (index of first line, index of number line, kind, match)
    for i, (s, e) in enumerate(lines):
        kind, m = _notice_match(text[s:e])
        if not m:
            continue
        first = i
        if kind == "number_line" and not m.group("title") and i > 0:
            prev = text[lines[i - 1][0]: lines[i - 1][1]]
            if not _is_sentence(prev) and len(prev) < 200 and not _notice_match(prev)[1]:
                first = i - 1
        entries.append((first, i, kind, m))
    out: list[Decision] = []
    confidential_group = False
    for n, (first, num_i, kind, m) in enumerate(entries):
        next_first = entries[n + 1][0] if n + 1 < len(entries) else len(lines)
        # A heading between the previous entry and this one ("Other 2017 confidential PCC decisions").
        prev_end = entries[n - 1][1] + 1 if n else 0
        for k in range(prev_end, first):
            ln = text[lines[k][0]: lines[k][1]]
            if _short_heading(ln):
                confidential_group = bool(_CONFIDENTIAL.search(ln))
        last = num_i
        for k in range(num_i + 1, next_first):
            ln = text[lines[k][0]: lines[k][1]]
            if _LIST_END.match(ln) or _short_heading(ln):
                break
            last = k
        start, end = lines[first][0], lines[last][1]
        number = re.sub(r"\s+", "", m.group(2) if kind == "title_first" else m.group(1)).replace("/", "-")
        if kind == "number_line" and first < num_i:
            title = text[lines[first][0]: lines[first][1]]
        else:
            title = m.group("title") or ""
        title = _clean_title(title.split("\t")[0]) or None
        conf = bool(m.groupdict().get("conf")) or confidential_group \
            or bool(re.search(r"\((?:Confidential|Exempt|Restricted)\)", title or "", re.I))
        entry_text = text[start:end]
        meeting_date = parse_date(title) if title and _MEETINGISH.search(title) else None
        page, printed = _page_of(doc, start)
        out.append(Decision(decision_id(doc.id, "decision_notice", start, entry_text), "decision_notice", "decision",
                            entry_text, decided_by, meeting_date, part.item, part.item_title, doc.id, part.ordinal,
                            start, end, page, printed, number=number, title=title, confidential=conf))
    return out


_RECORD_NO = r"(\d{2,4}\s*[-/]\s*\d{1,5}[A-Za-z]?)"
# "Decision:" / "Decision taken:" over the decision text; "I agree to:" opens it too.
_DECISION_LABEL = re.compile(r"^(?:(?:The\s+)?Decisions?(?:\s*\(s\))?(?:\s+(?:taken|made|to\s+be\s+taken))?|Decision\s+details)\s*:\s*", re.I | re.M)
_I_AGREE = re.compile(r"^(?:I|We)\s+(?:have\s+)?(?:agree|agreed|approve|approved|decide|decided|resolve)\b[^\n]*", re.I | re.M)
# The form's next heading ends the decision text.
_RECORD_HEADING = re.compile(
    r"^(?:Reasons?\s*(?:\(s\))?\s+for\s+(?:the\s+)?decision|Background|Alternatives?\b|Options?\s+considered|Any\s+"
    r"(?:alternatives|interest)|Financial\s+implications|Legal\s+implications|Equalit(?:y|ies)\s+implications|Consultation"
    r"|Cabinet\s+Committee\s+recommendations|Signed\b|Signature|Date\s*(?:of\s+decision)?\s*:|Implementation|Supporting"
    r"\s+(?:documents|information)|Contact\s+(?:officer|details)|Key\s+decision|Reason\s+for\s+urgency|Decision\s+No\b"
    r"|Subject\s+Matter|Title\s+of\s+decision|Officer\s+contact|Public\s+access|Publication|Declaration|Summary\s+of)",
    re.I)


def _record_decision_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The decision text of a record of decision form, or None when the form has no such field."""
    body = text[start:end]
    m = _DECISION_LABEL.search(body) or _I_AGREE.search(body)
    if not m:
        return None
    a = start + (m.end() if m.re is _DECISION_LABEL else m.start())
    pos = a
    b = a
    for raw in text[a:end].split("\n"):
        line = raw.strip()
        if line and pos > a and _RECORD_HEADING.match(line):
            break
        if line:
            b = pos + len(raw)
        pos += len(raw) + 1
    a, b = _strip_span(text, a, b)
    return (a, b) if b > a else None


def _decision_notice(doc: Document, part: Part) -> list[Decision]:
    """A stand-alone decision notice or record of decision: one decision, its decision text
    where the form has a "Decision:" field, else the whole notice."""
    text = doc.text
    start, end = _strip_span(text, part.start, part.end)
    if end <= start:
        return []
    body = text[start:end]
    m = re.search(r"Decision\s+(?:Notice\s+)?(?:No\.?|Number|Reference|Ref\.?)?\s*:?\s*" + _RECORD_NO, body, re.I)
    number = re.sub(r"\s+", "", m.group(1)).replace("/", "-") if m else None
    title = None
    tm = re.search(r"^(?:Title|Subject)\s*(?:of\s+decision)?\s*:\s*(.+)$", body, re.I | re.M) or re.search(
        r"^(?:Subject(?:\s+Matter)?\s*/\s*)?(?:Title|Subject(?:\s+Matter)?)\s+of\s+(?:the\s+)?Decision\s*:?\s*\n\s*(.+)$",
        body, re.I | re.M)
    if tm:
        title = _clean_title(tm.group(1))
    elif m:
        rest = body[m.end():].lstrip(" \t-–:")
        first = rest.split("\n", 1)[0].strip()
        if first and len(first) < 200 and not _is_sentence(first):
            title = _clean_title(first)
        else:
            before = body[: m.start()].strip().split("\n")
            cand = before[-1].strip() if before and before[-1].strip() else ""
            title = _clean_title(cand) or None if cand and not _is_sentence(cand) else None
    conf = bool(re.search(r"\b(confidential|not for publication)\b|\bexempt from publication\b(?!\s+under)", body[:2000], re.I))
    dm = re.search(r"^Date(?:\s+of\s+(?:decision|meeting))?\s*:\s*(.+)$", body, re.I | re.M)
    span = _record_decision_span(text, start, end)
    a, b = span or (start, end)
    decision_text = text[a:b]
    proposed = bool(re.search(r"\bproposed\s+record\s+of\s+decision\b|\bdecision\s+to\s+be\s+taken\b", body[:1500], re.I))
    maker = re.search(r"^DECISION\s+(?:TO\s+BE\s+)?(?:TAKEN|MADE)\s+BY\s*:?\s*\n?\s*([^\n]{3,120})$", body, re.I | re.M)
    decided_by = (maker.group(1).strip() if maker else None) or \
        ("PCC" if re.search(r"\bPCC\b|Commissioner", body[:3000]) else (part.body or doc.body))
    page, printed = _page_of(doc, a)
    return [Decision(decision_id(doc.id, "decision_notice", a, decision_text), "decision_notice",
                     "proposed" if proposed else "decision", decision_text, decided_by,
                     parse_date(dm.group(1)) if dm else doc.meeting_date, part.item, part.item_title, doc.id,
                     part.ordinal, a, b, page, printed, number=number, title=title, confidential=conf)]
