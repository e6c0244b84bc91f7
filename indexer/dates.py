"""Dates as committee papers print them, found with their position so that context can judge them.

"30 January 2025", "Thursday, 30th January, 2025", "the 9th day of November 2022", "March 23,
2023", "NOVEMBER 15, 2022", "Jan 30 2025". Numeric dates ("13/03/2025", "22.01.25") are read only
where a caller asks for them (``numeric=True``): in running text "7.2.13" is a minute number, not
a date, and "6/3/23" is June or March depending on the country.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MON = r"(January|February|March|April|May|June|July|August|September|October|November|December|" \
       r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+)?"
_DMY = re.compile(r"\b" + _WEEKDAY + r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+day\s+of)?\s+" + _MON
                  + r",?\s+(\d{4})\b", re.I)
_MDY = re.compile(r"\b" + _WEEKDAY + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
# "June 6" / "6 June" with no year (a form filled in by hand): read only with a year to give it.
_MD_ONLY = re.compile(r"\b" + _WEEKDAY + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4}\b)", re.I)
_DM_ONLY = re.compile(r"\b" + _WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r"\b(?!,?\s*\d{4}\b)", re.I)
_NUMERIC = re.compile(r"(?<![\d./-])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d./-])")
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def find_dates(text: str, numeric: bool = False, month_first: bool = False,
               default_year: int | None = None) -> list[DateMatch]:
    """Every date in ``text`` in order of position (overlapping readings keep the earliest).
    With ``default_year``, a date printed without its year ("June 6") is read in that year."""
    found: list[DateMatch] = []
    if default_year:
        for m in _MD_ONLY.finditer(text):
            iso = _iso(default_year, MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)))
            if iso:
                found.append(DateMatch(m.start(), m.end(), iso))
        for m in _DM_ONLY.finditer(text):
            iso = _iso(default_year, MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1)))
            if iso:
                found.append(DateMatch(m.start(), m.end(), iso))
    for m in _DMY.finditer(text):
        iso = _iso(int(m.group(3)), MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1)))
        if iso:
            found.append(DateMatch(m.start(), m.end(), iso))
    for m in _MDY.finditer(text):
        iso = _iso(int(m.group(3)), MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2)))
        if iso:
            found.append(DateMatch(m.start(), m.end(), iso))
    for m in _ISO.finditer(text):
        iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.append(DateMatch(m.start(), m.end(), iso))
    if numeric:
        for m in _NUMERIC.finditer(text):
            a, b, y = int(m.group(1)), int(m.group(3)), m.group(4)
            year = int(y) + (2000 if int(y) < 70 else 1900) if len(y) == 2 else int(y)
            # The reading that is a valid date; when both are, the caller's convention decides.
            if a > 12:
                iso = _iso(year, b, a)
            elif b > 12:
                iso = _iso(year, a, b)
            else:
                iso = _iso(year, a, b) if month_first else _iso(year, b, a)
            if iso:
                found.append(DateMatch(m.start(), m.end(), iso))
    found.sort(key=lambda d: (d.start, -d.end))
    out: list[DateMatch] = []
    for d in found:
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


def parse_date(text: str) -> str | None:
    """The first written-out date ('day month year' or 'month day year') in ``text`` as ISO."""
    found = find_dates(text)
    return found[0].iso if found else None


def month_first(text: str) -> bool:
    """Whether the text writes dates month first ("March 23, 2023"), which numeric dates follow."""
    return len(_MDY.findall(text)) > len(_DMY.findall(text))
