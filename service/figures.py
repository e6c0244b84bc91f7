"""What kind of figure a question asks for, and whether a sentence holds one.

"How much did the new station cost?" is answered by an amount of money and "how many people were
referred?" by a count. When the best sentences the papers offer hold no such figure ("Legal
contracts have been exchanged for the sale of the former station."), the papers discuss the topic
but do not give what was asked: a near miss, and the answerer says so rather than quote them.
Years, dates, paragraph numbers and table labels are numbers that count nothing.
"""

from __future__ import annotations

import itertools
import re

from .retrieval import STOPWORDS

MONEY = "money"
COUNT = "count"
SHARE = "share"
AMOUNT = "amount"  # how much, of anything: any figure answers (money, a share, a count)

# "How much" about money, not "how much cocaine" or "how much higher".
_HOW_MUCH = re.compile(r"\bhow much\b(?!\s+(?:more|less|higher|lower|longer|shorter|further|greater|bigger|"
                       r"smaller|of)\b)", re.I)
_MONEY_WORDS = re.compile(r"\b(?:cost\w*|paid|pay|pays|paying|salary|salaries|spen[dt]\w*|money|fund\w*|grant\w*|"
                          r"budget\w*|price\w*|sell|sold|worth|charge\w*|income|earn\w*|receiv\w*|give|gave|"
                          r"given|get|got|award\w*|invest\w*|save|saved|savings)\b", re.I)
_HOW_MANY = re.compile(r"\bhow many\b", re.I)
# "What is the average cost of …", "what are the buildings worth": an amount of money too, unless
# a share of one is asked ("what share of its running costs").
_WHAT_MONEY = re.compile(r"\bwhat(?:'s|’s)?\b(?![^?]*\b(?:share|proportion|percentage|part|kind|kinds|type|types)\b)"
                         r"[^?]{0,60}?\b(?:cost|costs|price|prices|salary|salaries|fee|fees|worth|value)\b", re.I)
# "What percentage of …", "what share of …", "by what proportion": a share, answered by a percentage
# or a fraction.
_WHAT_SHARE = re.compile(r"\bwhat\s+(?:percentage|proportion|share|fraction|per ?cent|%)\b", re.I)
_SHARE_S = re.compile(r"\d\s?%|\bper ?cent\b|\b(?:half|third|thirds|quarter|quarters|fifth|majority|"
                      r"minority)\b|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                      r"(?:in|out of)\s+(?:every\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
# "How much higher", "by how much did it rise", "how much did it go up by": some figure answers it.
# Not "how much progress has been made" (an account answers it), nor "how big is the county" or
# "how far ahead" (a rank or a date, on dev).
_HOW_MUCH_ANY = re.compile(r"\bby how much\b|\bhow much\s+(?:more|less|higher|lower|longer|shorter|further|"
                           r"greater|bigger|smaller|of)\b|\bhow much\b[^?]{0,80}?\b(?:go(?:ne)? (?:up|down)|went "
                           r"(?:up|down)|ris[ei]\w*|rose|increas\w*|fall\w*|fell|drop\w*|gr[eo]w\w*|cut|reduc\w*|"
                           r"seiz\w*|recover\w*)\b", re.I)
# Questions that ask how many years, months or days: a span of time is then the figure.
_HOW_MANY_SPAN = re.compile(r"\bhow many (?:years|months|weeks|days|hours|minutes)\b", re.I)

_MONEY_S = re.compile(r"£\s?\d|\$\s?\d|€\s?\d|\b\d[\d,.]*\s?(?:k|m|bn)\b|\b(?:million|billion|pounds|pence|dollars)\b",
                      re.I)
_NUMBER_WORDS = ("two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                 "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
                 "hundreds|thousand|thousands|dozen|dozens|million|one")
_MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
           "september|october|november|december")
# A paragraph or list label opening a line ("4.2 ", "2. ", "A2.6 ", "b) ") is not a figure or a
# date. Narrower than the paragraph-number rule below, which also drops a bare "7 ": measured on
# dev, "when" questions gained from this one, and counting a bare "7 District Council members"
# lost a decline (docs/benchmarks.md).
LABEL = re.compile(r"^\s*(?:[A-Z]?\d+(?:\.\d+)+\.?|\d+\.|[a-z]\))\s+")
_SPANS = r"(?:years?|months?|weeks?|days?|hours?|minutes?|yr|yrs)"
# Numbers that count nothing: dates, years, times, paragraph and table labels, postcodes, spans of time.
_NOT_COUNTS = [
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b", re.I),  # 5 September
    re.compile(rf"\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b", re.I),  # September 5
    re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b"),  # 01.01.17, 30/11/17
    re.compile(r"\b(?:19|20)\d\d\s*[/–-]\s*\d{2,4}\b"),  # 2017/18
    re.compile(r"\b\d{1,2}[:.]\d\d\s*(?:am|pm)?\b|\b\d{1,2}\s*(?:am|pm)\b", re.I),  # 10:30am
    re.compile(r"^\s*(?:[A-Z]?\d+(?:\.\d+)+|\d+\.?)\s"),  # a paragraph number: "4.30 More information"
    re.compile(r"\b[A-Z]\d+(?:\.\d+)+\b"),  # A2.6
    re.compile(r"\b(?:table|figure|fig|appendix|annex|section|paragraph|para|page|item|minute|chapter|schedule|"
               r"part|version|phase|tier|level|stage|pillar|priority|op|operation|band|category|class|grade|"
               r"act|regulation|rule|no)\.?\s+\d+[a-z]?\b", re.I),
    re.compile(r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\s+\d[A-Z]{2}\b"),  # a UK postcode: NR1 2DH
    re.compile(rf"\b(?:{_NUMBER_WORDS}|\d+)\s+of\s+(?:the|its|their|our|his|her)\b", re.I),  # one of the highest
    re.compile(r"\b(?:19|20)\d\d\b"),  # a year
    re.compile(r"\bone\b", re.I),  # "one" is most often a pronoun ("one new scheme awaits clearance")
]
# A span of time ("12 months", "six-month") counts nothing unless the question asks how long.
_SPAN = re.compile(rf"\b(?:\d+|{_NUMBER_WORDS})(?:\s*[-–]\s*\d+)?[\s-]+{_SPANS}\b", re.I)
_COUNT_S = re.compile(rf"\b\d[\d,.]*\b|\b(?:{_NUMBER_WORDS})\b", re.I)


_WORD = re.compile(r"[a-z]+")
# A percentage is a share, not a count of anything.
_PERCENT = re.compile(r"\s?(?:%|per ?cent\b)", re.I)


# Counted words that say only that people are counted: what they are comes after the verb ("how
# many people are sleeping rough" counts rough sleepers).
_ANYONE = {"people", "persons", "folk", "folks", "individuals", "residents"}


def counted_words(question: str) -> list[str]:
    """What a "how many" question counts: the words after it up to its verb ("how many
    neighbourhood watch schemes are there" -> neighbourhood, watch, schemes); after "people",
    the next two words past the verb too ("how many people were killed" -> people, killed)."""
    m = _HOW_MANY.search(question)
    if not m:
        return []
    words = _WORD.findall(question[m.end():].lower())
    out = []
    for i, w in enumerate(words[:4]):
        if w in STOPWORDS:
            break
        out.append(w)
    else:
        i = len(words[:4])
    if out and set(out) <= _ANYONE:
        rest = list(itertools.dropwhile(lambda w: w in STOPWORDS, words[i:]))
        out += list(itertools.takewhile(lambda w: w not in STOPWORDS, rest))[:2]
    return out


def names_counted(text: str, question: str) -> bool:
    """Whether the text names what the question counts (a word of it, or one that shares its
    first five letters: "referrals" for "referred")."""
    words = counted_words(question)
    if not words:
        return True
    # "people" is named by any sentence about anyone ("2,283 young people" for rough sleepers).
    words = [w for w in words if w not in _ANYONE] or words
    have = {w[:5] for w in _WORD.findall(text.lower())}
    return any(w[:5] in have for w in words)


def _counting_text(sentence: str, question: str) -> str:
    """The sentence with what counts nothing blanked out (dates, years, labels; spans of time
    unless the question asks how long), each character kept in place so offsets still hold."""
    text = sentence
    for rule in _NOT_COUNTS if _HOW_MANY_SPAN.search(question) else [*_NOT_COUNTS, _SPAN]:
        text = rule.sub(lambda m: " " * len(m.group(0)), text)
    return text


def count_contexts(sentence: str, question: str, words: int = 3) -> list[str]:
    """Each count of the sentence with the few words either side ("one of three sites chosen in"):
    what it counts, read near it. Dates, years and labels are not counts (``holds_figure``)."""
    text = _counting_text(sentence, question)
    return [" ".join([*sentence[:m.start()].split()[-words:], m.group(0), *sentence[m.end():].split()[:words]])
            for m in _COUNT_S.finditer(text) if not _PERCENT.match(text, m.end())]


def asked_figure(question: str) -> str | None:
    """MONEY, COUNT, SHARE, AMOUNT or None: the kind of figure that would answer the question."""
    if _WHAT_SHARE.search(question):
        return SHARE
    if _HOW_MUCH.search(question) and _MONEY_WORDS.search(question) or _WHAT_MONEY.search(question):
        return MONEY
    if _HOW_MANY.search(question):
        return COUNT
    if _HOW_MUCH_ANY.search(question):
        return AMOUNT
    return None


def holds_figure(sentence: str, kind: str, question: str = "") -> bool:
    """Whether the sentence holds a figure of that kind (an amount of money; a count, not a year,
    a date or a paragraph number). A question asking how many years or months takes a span."""
    if kind == MONEY:
        return bool(_MONEY_S.search(sentence))
    if kind == SHARE:
        return bool(_SHARE_S.search(sentence))
    if kind == AMOUNT and (_MONEY_S.search(sentence) or _SHARE_S.search(sentence)):
        return True
    return bool(_COUNT_S.search(_counting_text(sentence, question)))
