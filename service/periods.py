"""The years and meetings a question asks about, and whether a passage speaks of them.

"What is the precept for 2025/26?" is not answered by 2024/25's figure, "how many … in 2015" not by
2017's count, and "who was voted in as chair at the June 2023 meeting" not by that meeting's agenda
pack, written before it: the answerer declines (missing_year, no_record) or quotes only the
passages about the year asked.
"""

from __future__ import annotations

import re

from indexer.dates import MONTH_NAMES, MONTHS
from storage.records import Passage

_FY = re.compile(r"\b(20\d\d)\s*[/–-]\s*(20\d\d|\d\d)\b")


def financial_years(question: str) -> dict[str, re.Pattern]:
    """Financial years the question names ("2025/26"), each with a pattern for its spellings in
    the papers (2025/26, 2025-26, 2025/2026, 2025–26). Decision numbers (2017-25) are not years."""
    out: dict[str, re.Pattern] = {}
    for m in _FY.finditer(question):
        first, second = int(m.group(1)), m.group(2)
        if int(second[-2:]) != (first + 1) % 100:
            continue
        out.setdefault(f"{first}/{(first + 1) % 100:02d}",
                       re.compile(rf"\b{first}\s*[/–-]\s*(?:{(first + 1) % 100:02d}|{first + 1})\b"))
    return out


def names_year(passage: Passage, rx: re.Pattern) -> bool:
    """The passage mentions the year, in its text or in the headings it sits under: a section of
    "PCC's 2018/19 budget consultation" is about 2018/19 though its paragraphs never say so."""
    return any(rx.search(t) for t in (passage.text, passage.heading, passage.item_title or ""))


# "in 2015", "during 2022". Not "since 2011" (a span), nor "the year to September 2024" (the papers
# date such figures by their report, not in the table).
_YEAR = re.compile(r"\b(?:in|during|for|of|throughout)\s+((?:19|20)\d\d)\b(?!\s*[/–-]\s*\d)", re.I)


def calendar_years(question: str) -> list[str]:
    """The calendar years the question asks about."""
    return list(dict.fromkeys(_YEAR.findall(question)))


def names_calendar_year(passage: Passage, year: str) -> bool:
    """The passage mentions the year, in its text, headings or title, or is dated in it."""
    rx = re.compile(rf"\b{year}\b")
    return names_year(passage, rx) or (passage.meeting_date or "").startswith(year) \
        or (passage.document_date or "").startswith(year) or bool(rx.search(passage.document_title or ""))


def missing_calendar_years(question: str, passages: list[Passage]) -> list[str]:
    """Calendar years the question asks about ("in 2015") that none of the passages mentions."""
    return [y for y in calendar_years(question) if not any(names_calendar_year(p, y) for p in passages)]


# "at the June 2023 meeting", "at its 8 February 2018 meeting", "at their March 2024 panel meeting".
_AT_MEETING = re.compile(rf"\bat\s+(?:the|its|their|that)\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?"
                         rf"({'|'.join(MONTH_NAMES)})\s+((?:19|20)\d\d)\s+(?:[\w'’-]+\s+){{0,3}}?meeting\b", re.I)
# What only a meeting's record can tell: who was chosen, what was agreed or said, who came.
_OUTCOME_Q = re.compile(r"\b(?:vot\w*|elect\w*|appoint\w*|agree\w*|decid\w*|resolv\w*|approv\w*|reject\w*|"
                        r"veto\w*|endors\w*|chose|chosen|said|say|raised?|asked|attend\w*|won|win|happened|"
                        r"outcome|result)\b", re.I)


def unrecorded_meetings(question: str, passages: list[Passage]) -> list[str]:
    """The meetings (by month) whose outcome the question asks about ("who was voted in as chair at
    the June 2023 meeting") when none of the passages is from minutes of a meeting that month, or
    from undated minutes. An agenda pack for the meeting, or a forward plan naming it, is written
    before it and does not say what happened at it."""
    if not _OUTCOME_Q.search(question):
        return []
    out = []
    for month, year in dict.fromkeys((m.lower(), y) for m, y in _AT_MEETING.findall(question)):
        ym = f"{year}-{MONTHS[month]:02d}"
        if not any(p.part_type == "minutes" and (not p.meeting_date or p.meeting_date.startswith(ym))
                   for p in passages):
            out.append(f"{month.capitalize()} {year}")
    return out


def missing_years(question: str, passages: list[Passage]) -> list[str]:
    """The named financial years that none of the passages mentions."""
    return [label for label, rx in financial_years(question).items()
            if not any(names_year(p, rx) for p in passages)]


# "11 DHRs commissioned since 2011", "between 2015 and 2023": a count over a span of years.
_SPAN = re.compile(r"\b(?:since|from|between)\s+(?:(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
                   rf"(?:{'|'.join(MONTH_NAMES)})\s+)?((?:19|20)\d\d)\b", re.I)


def spans_from_earlier(sentence: str, years: list[str]) -> bool:
    """The sentence counts over a span starting before every year asked about: "11 DHRs since
    2011" is no count for 2022."""
    starts = [int(y) for y in _SPAN.findall(sentence)]
    return bool(starts) and bool(years) and all(s < int(y) for s in starts for y in years)


# "Did Operation Octane win the award?", "in the end, how much did it go up by": an outcome asked for.
_OUTCOME_ASKED = re.compile(r"^\s*(?:so\s+|and\s+)?did\b|\bin the end\b", re.I)
# "…the awards, which are being held in March 2025", "will be asked to approve": still to happen
# when the paper was written.
_PENDING = re.compile(r"\b(?:will|shall)\b|\b(?:is|are)\s+(?:due|scheduled|expected|planned|being\s+held|to\s+be)\b|"
                      r"\bawaiting\b|\bpending\b|\byet\s+to\b", re.I)


def only_pending(question: str, sentences: list[str]) -> bool:
    """The question asks how something turned out, and every sentence to be quoted speaks of it as
    still to happen: the papers predate the outcome."""
    return bool(_OUTCOME_ASKED.search(question)) and bool(sentences) and all(_PENDING.search(s) for s in sentences)


_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def years_named(text: str) -> set[int]:
    """Every year the text names, a financial year's two ("2023/24": 2023 and 2024)."""
    return {int(y) for y in _ANY_YEAR.findall(text)} | {int(label[:4]) + 1 for label in financial_years(text)}


def written_before(passage: Passage, asked: set[int]) -> bool:
    """The passage's paper was written more than a year before every year asked about: a 2017
    report gives no figures for 2024 (a year's lead allows for next year's budget and plans)."""
    date = passage.meeting_date or passage.document_date or ""
    return bool(asked) and date[:4].isdigit() and int(date[:4]) < min(asked) - 1
