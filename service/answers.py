"""Extractive answers: verbatim sentences from the best passages, each with a verified citation."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from indexer.settings import AnswerSettings
from storage.records import Passage

from .answerability import (absent_topic_terms, is_code, missing_topic_terms, missing_word_gain, spelled_out,
                            rare, spelling_out, topic_words, uncommon)
from .figures import AMOUNT, COUNT, LABEL, MONEY, SHARE, asked_figure, count_contexts, counted_words, holds_figure, names_counted
from .periods import (calendar_years, financial_years, missing_calendar_years, missing_years, names_calendar_year,
                      names_year, only_pending, spans_from_earlier, unrecorded_meetings,
                      written_before, years_named)
from .names import Names, archive_names
from .people import asks_person_name, given_names, names_person
from .retrieval import Filters, Retriever, content_terms, shingles

if TYPE_CHECKING:
    from collections.abc import Mapping

    from indexer.settings import Settings

    from .index import IndexReader
    from .retrieval import Reranker

log = logging.getLogger(__name__)

DECISION_Q = re.compile(r"\b(decided|decide|decision|agreed|agree|resolved|resolve|actioned|actions?|"
                        r"approved|recommend\w*|noted)\b", re.I)
DECISION_S = re.compile(r"\b(AGREED|RESOLVED|NOTED|APPROVED|APPOINTED|RECOMMENDED|DEFERRED|REJECTED|ACTION:|"
                        r"agreed to|agreed that|decided|decision \d{4}-\d+|was agreed|were agreed|"
                        r"(?:Panel|PCC|Commissioner|Committee|Sub[- ]Panel|Partnership|Board) (?:agreed|approved|resolved)|"
                        r"requested)\b")
# Questions that ask for a decision itself (not what was noted or recommended).
DECIDED_Q = re.compile(r"\b(decided|decide|decision|agreed|agree|resolved|resolve|approved|approve)\b", re.I)
# Questions that ask for a figure or a date: the answer should quote the sentence that holds it.
NUMBER_Q = re.compile(r"\b(how (?:many|much|long|often|big|large)|what (?:percentage|proportion|share|number|"
                      r"figure|amount|rate|cost|date|year|time|day)|when|cost|budget|total)\b", re.I)
FIGURE_S = re.compile(r"\d|£|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|half|"
                      r"quarter|January|February|March|April|May|June|July|August|September|October|November|"
                      r"December)\b", re.I)
# A line that records procedure, not substance ("The Panel NOTED the update.").
PROCEDURAL_S = re.compile(r"^(?:\d+\.?\s*)?(?:The\s+)?[\w -]{0,40}?\b(?:NOTED|noted|RECEIVED|received|ACCEPTED)\s+"
                          r"(?:the\s+)?(?:update|report|minutes|information|presentation|briefing|paper|"
                          r"contents of the report)s?\.?$")
# Questions that ask what a name is ("what is NDAP", "what does CARA stand for"): the sentence that
# spells out the acronym answers them.
DEFINE_Q = re.compile(r"\bwhat (?:is|are|does|do)\b|\bstand for\b|\bmeant by\b|\bmeaning of\b", re.I)
_SENT = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9£])|\n+|\t+")


@dataclass
class Citation:
    n: int
    passage_id: str
    quote: str


@dataclass
class Answer:
    question: str
    answer: str
    answered: bool
    citations: list[Citation]
    passages: list[Passage]
    sentences: list[tuple[str, int]] = field(default_factory=list)  # (sentence, n)
    took_ms: float = 0.0
    note: str | None = None  # said before the answer, e.g. that no decision was found
    # Why it was (not) answered: one of REASONS.
    reason: str = "answered"
    missing_terms: list[str] = field(default_factory=list)  # topic words no paper uses
    # A "what was decided" answer from the register: one line per meeting, oldest first.
    history: bool = False

    def __post_init__(self):
        if self.reason not in REASONS:
            raise ValueError(f"unknown answer reason {self.reason!r}")


REASONS = {
    "answered": "quoted from the passages",
    "missing_terms": "the question's topic words occur in no paper",
    "missing_year": "the year asked about (financial or calendar) occurs in none of the passages found",
    "no_record": "the meeting asked about has no minutes among the passages found",
    "weak_evidence": "the passages found are not close enough to the question",
    "no_passages": "nothing matched",
    "no_sentence": "no quotable sentence in the passages found",
    "no_figure": "the passages found give no figure of the kind asked for (an amount, a count)",
    "outcome_pending": "asked how something turned out, the passages found speak of it only as still to happen",
    "name_absent": "a name the question gives (a place, a force, a scheme) is in none of the passages to be quoted",
    "no_person_name": "asked for a person's name, the passages found give a role, not a name",
}
NO_ANSWER = "Nothing in the archive answers this question. The closest passages are shown below."


def _quoted_list(terms: list[str]) -> str:
    quoted = [f"“{t}”" for t in terms]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def split_sentences(text: str) -> list[str]:
    """Sentences fit to quote: whole sentences, not headings or table labels."""
    out = []
    for s in _SENT.split(text):
        s = s.strip(" -•\u2022")
        words = len(s.split())
        if words >= 20 or (words >= 6 and re.search(r"[.!?)]$", s)):
            out.append(s.strip())
    return out


def short_lines(text: str) -> list[str]:
    """Lines and table cells of three words or more: the quotable units of a list or table."""
    out = []
    for s in _SENT.split(text):
        s = s.strip(" -•\u2022")
        if len(s.split()) >= 3:
            out.append(s)
    return out


def figure_lines(text: str) -> list[tuple[str, str]]:
    """The quotable units that can hold a figure, each with its table's header row ("" outside a
    table): sentences and list lines (``short_lines``), and whole table rows ("Norfolk
    Constabulary\t85,700\t+2,500"), whose cells alone say nothing."""
    out = {ln: "" for ln in short_lines(text)}
    header = ""
    for ln in text.split("\n"):
        if "\t" not in ln:
            header = ""
            continue
        header = header or ln  # the first row of a run of rows
        if len(ln.split()) >= 2:
            out.setdefault(ln.strip(), header)
    return list(out.items())


def _just_before(text: str, line: str, chars: int = 150) -> str:
    """The text just before the line's first place in ``text`` (a sentence or so)."""
    at = text.find(line)
    return text[max(0, at - chars):at] if at > 0 else ""


def _opens_with_count(sentence: str, question: str, words: int = 5) -> bool:
    """A count among the sentence's first few words: what it counts was said before it ("… rough
    sleepers in Norwich. He clarified there were now 34")."""
    return bool(count_contexts(" ".join(sentence.split()[:words + 1]), question, words=0))


def as_shown(sentence: str) -> str:
    """A quoted sentence as the answer shows it: one line, and a leading ellipsis when it is the
    tail of a sentence the source breaks across a page or table cell (it starts with a lower-case
    word). The citation keeps the verbatim quote."""
    s = " ".join(sentence.split())
    # A lower-case word, not a list label ("a)") or a name that starts in lower case ("eCins").
    return "…" + s if re.match(r"[a-z]{2,}\b", s) else s


def near_duplicate(a: str, b: str, threshold: float) -> bool:
    """The same sentence printed twice (minutes repeated in a pack, a summary and its report, a
    minute number before one copy)."""
    na, nb = " ".join(a.lower().split()), " ".join(b.lower().split())
    if na in nb or nb in na:
        return True
    # Overlap over the shorter one: a sentence quoted inside a longer quote is a repeat too.
    sa, sb = shingles(na), shingles(nb)
    return len(sa & sb) / max(1, min(len(sa), len(sb))) >= threshold


def in_spans(sentence: str, passage: Passage, spans: list[tuple[int, int]]) -> bool:
    """The sentence starts inside one of the spans (archive offsets): a Q&A row's question cell."""
    at = passage.start + passage.text.find(sentence)
    return any(a <= at < b for a, b in spans)


def verify(quote: str, passage: Passage) -> bool:
    """The quoted sentence must occur verbatim in the cited passage's own text."""
    return bool(quote) and quote in passage.text


def _missing_text(missing: list[str]) -> str:
    return (f"No paper in the archive mentions {_quoted_list(missing)}. "
            "The closest passages are shown below; they are not an answer.")


@dataclass
class Evidence:
    """What an answer is made from: the question's vector, the ranking and its signals, the
    passages, the topic words no paper uses (and none means), and (a "what was decided" question) the register's
    history lines; ``allowed``: the passages that may be quoted (those naming the year asked)."""

    qvec: np.ndarray
    ranked: list[tuple[int, float]]
    passages: list[Passage]
    signals: dict
    missing: list[str]
    absent: list[str]  # ``missing`` and the absent words with a word of the same meaning in the papers
    history: list[tuple[str, int]] = field(default_factory=list)
    allowed: set[int] | None = None
    years: dict = field(default_factory=dict)  # the financial years the question names (financial_years)
    no_year: list[str] = field(default_factory=list)  # ...that none of the passages to be quoted mentions
    no_calendar_year: list[str] = field(default_factory=list)  # calendar years asked about, likewise
    no_record: list[str] = field(default_factory=list)  # meetings asked about whose minutes none of them is
    score: float | None = None  # the answerability score (Answerer.answerability)


class Answerer:
    def __init__(self, retriever: Retriever, config: AnswerSettings | None = None, llm_url: str | None = None,
                 register=None):
        self.retriever = retriever
        self.config = config or AnswerSettings()
        self.llm_url = llm_url
        self.register = register  # service.decisions.DecisionRegister, for "what was decided" questions

    @cached_property
    def names(self) -> Names | None:
        """The archive's names (service/names.py), read on first use; None: the check is off."""
        if self.config.name_share is None:
            return None
        with self.retriever.index.session() as db:
            return archive_names(db.document_texts(), self.config.name_share, self.config.home_rate)

    @cached_property
    def given_names(self) -> set[str]:
        """The given names the archive writes after a title (service/people.py), read with its names."""
        if self.names is not None:
            return self.names.given
        with self.retriever.index.session() as db:
            return given_names(db.document_texts().values())

    def evidence_strength(self, qvec: np.ndarray, question: str, passages: list[Passage],
                          window: float | None = None) -> tuple[float, float]:
        """(best cosine of the question to a passage or ``window``, the best sentence window of the
        evidence passages; share of question terms found in the best passage). A long passage's
        one answering sentence ("The WONDER Project supported 148 women", passage cosine 0.19)
        counts as the passage: dev lost 2 answerable questions to the passage cosine alone, and no
        unanswerable."""
        if not passages:
            return 0.0, 0.0
        dense = self.retriever.dense_scores(qvec, [p.id for p in passages])
        best = max([*dense.values(), *([] if window is None else [window])])
        terms = set(content_terms(question))
        if not terms:
            return best, 0.0
        cover = max(len(terms & set(content_terms(p.embed_text))) / len(terms) for p in passages[:3])
        return best, cover

    def is_answerable(self, dense: float, coverage: float) -> bool:
        c = self.config
        return dense >= c.min_dense or (coverage >= c.min_coverage and dense >= c.min_dense_with_coverage)

    def answerability(self, ranked: list[tuple[int, float]], signals: dict, window: float | None) -> float | None:
        """One score from the ranking's signals and ``window``, the best sentence-window cosine of
        the evidence passages (None when the ranking gave none: BM25-only, or an index without
        sentence windows, whose weights were not measured)."""
        if "agreement" not in signals or not self.retriever.index.has_sentences:
            return None
        c = self.config
        margin = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else ranked[0][1] if ranked else 0.0
        return c.agreement_weight * signals["agreement"] + c.margin_weight * margin + c.window_weight * (window or 0.0)

    def ask(self, question: str, filters: Filters | None = None) -> Answer:
        import time

        t0 = time.perf_counter()
        ev = self._gather(question, filters or Filters())
        verdict = self._screen_passages(question, ev)
        chosen: list[tuple[str, int]] = []
        if verdict is None:
            chosen = ev.history or self._select(question, ev.qvec, ev.passages, ev.allowed)
            verdict = self._screen_quotes(question, ev, chosen)
        if verdict is not None:
            text, reason = verdict
            return Answer(question, text, False, [], ev.passages, took_ms=(time.perf_counter() - t0) * 1000,
                          reason=reason, missing_terms=ev.missing)
        answer = self._compose(question, chosen, ev.passages, history=bool(ev.history))
        answer.missing_terms = ev.missing
        if answer.answered and ev.no_year:
            answer.note = f"The papers found say nothing about {' or '.join(ev.no_year)}; this is what they say about the rest."
        elif answer.answered and ev.missing:
            answer.note = (f"Missing: {_quoted_list(ev.missing)} (no paper uses the word); the passages "
                           "match the rest of the question.")
        if answer.answered and self.register is not None and DECIDED_Q.search(question) and not ev.history \
                and not any(DECISION_S.search(s) for s, _ in answer.sentences):
            # Asked what was decided, answered with what was said: say so rather than imply a decision.
            answer.note = "No recorded decision on this was found; these passages discuss it."
        answer.took_ms = (time.perf_counter() - t0) * 1000
        return answer

    def _gather(self, question: str, filters: Filters) -> Evidence:
        """The passages for the question, the ranking's signals and the topic words no paper uses."""
        index = self.retriever.index
        qvec = index.embedder.encode_query(question)
        signals: dict = {}
        with index.session() as db:
            found = self.retriever.retrieve(db, question, self.config.passages, filters, qvec=qvec, signals=signals)
            absent = absent_topic_terms(question, db, self.config)
        # An acronym the passages spell out is present in them, under its long form.
        quoted = [p.text for p in found.passages[: self.config.sentence_passages]]
        known = self.retriever.known_variants(question)
        absent = [w for w in absent if w not in known and not spelled_out(w, question, quoted)]
        ev = Evidence(qvec, found.ranked, found.passages, signals, missing_topic_terms(absent, index, self.config),
                      absent)
        if DECISION_Q.search(question) and self.register is not None:
            passages, history = self._decisions_first(question, qvec, filters, ev.passages)
            # A decision far from the question is no line of its history: "day of action" matched
            # an action on a noise camera trial (cosine 0.10; dev's answering lines: 0.42-0.88).
            bar = self.config.min_history_cosine
            if history and bar is not None:
                cos = index.embedder.encode([s for s, _ in history], progress=False) @ qvec
                history = [h for h, c in zip(history, cos) if c >= bar]
            if history:
                ev.passages, ev.history = passages, history
        ev.years = financial_years(question)
        top = ev.passages[: self.config.sentence_passages]
        checked = ev.passages[: self.config.year_passages]
        ev.no_year = missing_years(question, checked)
        ev.no_calendar_year = missing_calendar_years(question, checked)
        ev.no_record = unrecorded_meetings(question, checked)
        if ev.years:
            # Asked about a year, quote only passages that mention it (not the next year's figures).
            ev.allowed = {i for i, p in enumerate(top) if any(names_year(p, rx) for rx in ev.years.values())}
        elif years := calendar_years(question):
            # ...a calendar year too, where some passage does (else missing_year declines).
            ev.allowed = {i for i, p in enumerate(top) if any(names_calendar_year(p, y) for y in years)} or None
        asked = years_named(question)
        recent = {i for i, p in enumerate(top) if not written_before(p, asked)}
        if recent and len(recent) < len(top):
            # ...and no paper written before the year asked about, where later papers were found: a
            # 2017 report's "229 people detained" is no count for the year to September 2024 (dev:
            # one more answered, none lost). Where every paper is older, the year is a target or a
            # plan ("the PEEL framework for 2025 – 2027") that they may well speak of.
            ev.allowed = recent if ev.allowed is None else ev.allowed & recent
        return ev

    def _screen_passages(self, question: str, ev: Evidence) -> tuple[str, str] | None:
        """(what to say, reason) when the passages found cannot answer; None when they may."""
        if not ev.passages:
            return NO_ANSWER, "no_passages"
        sent = ev.signals.get("sentence", {})
        window = max((sent[p.id] for p in ev.passages[: self.config.evidence_passages] if p.id in sent), default=None)
        dense, coverage = self.evidence_strength(ev.qvec, question, ev.passages, window)
        score = ev.score = self.answerability(ev.ranked, ev.signals, window)
        # A topic word no paper uses makes the passages' match doubtful: they must match better.
        bar = self.config.min_answerability_missing if ev.missing else self.config.min_answerability
        # A code no paper names ("the A140") leaves only other roads' or sections' passages.
        if not self.is_answerable(dense, coverage) or (score is not None and score < bar) \
                or any(is_code(w) for w in ev.missing):
            return (_missing_text(ev.missing), "missing_terms") if ev.missing else (NO_ANSWER, "weak_evidence")
        if ev.no_record:
            # The papers found were written before the meeting (its agenda, a forward plan) or are
            # from other meetings: what happened at it is not in them.
            return (f"None of the passages found is from the minutes of the {' or '.join(ev.no_record)} "
                    "meeting, so they do not record what happened at it. The closest passages are shown "
                    "below."), "no_record"
        if ev.years and len(ev.no_year) == len(ev.years) or ev.no_calendar_year:
            # Budgets, precepts and plans come by financial year; the archive's nearest figures for
            # another year are not an answer (dev: 4 of 13 unanswerables, no answerable question lost).
            # Nor are another year's counts for "how many … in 2015" (docs/benchmarks.md).
            years = " or ".join([*ev.no_year, *ev.no_calendar_year])
            return (f"The papers found say nothing about {years}. The closest passages, "
                    "about other years, are shown below."), "missing_year"
        return None

    def _screen_quotes(self, question: str, ev: Evidence, chosen: list[tuple[str, int]]) -> tuple[str, str] | None:
        """(what to say, reason) when the sentences chosen do not answer what was asked."""
        if not chosen:
            return None
        kind = asked_figure(question)
        if kind and not ev.history and (not any(holds_figure(s, kind, question) for s, _ in chosen)
                                        or kind == COUNT and self._counts_other_things(question, ev, chosen)):
            # Asked for an amount or a count, the best sentences give none: the papers discuss the
            # topic, not the figure (docs/benchmarks.md: most near misses on dev are these).
            what = {MONEY: "amount of money", SHARE: "percentage or share", AMOUNT: "figure"}.get(kind, "number")
            return (f"The papers found discuss this but give no {what} for it. The closest passages "
                    "are shown below; they are not an answer."), "no_figure"
        if asks_person_name(question) and not ev.history \
                and not any(names_person(s, self.given_names) for s, _ in chosen):
            # "The CC of Northumbria has commissioned a review" gives the role asked about, not the name.
            return ("The papers found speak of this role but do not name the person. The closest passages "
                    "are shown below; they are not an answer."), "no_person_name"
        years = calendar_years(question)
        if kind and years and not ev.history and all(spans_from_earlier(s, years) for s, _ in chosen
                                                     if holds_figure(s, kind, question)):
            # "11 DHRs commissioned since 2011" counts many years, not the one asked about.
            return (f"The papers found give figures over a span of years, not for {' or '.join(years)} "
                    "alone. The closest passages are shown below; they are not an answer."), "missing_year"
        if not ev.history and only_pending(question, [s for s, _ in chosen]):
            return ("The papers found speak of this only as still to happen; they were written before "
                    "the outcome. The closest passages are shown below; they are not an answer."), "outcome_pending"
        sure = self.config.sure_answerability
        tested = ev.absent and (sure is None or ev.score is None or ev.score < sure)
        if tested and missing_word_gain(question, ev.qvec, ev.absent, [s for s, _ in chosen],
                                        self.retriever.index.embedder) < self.config.min_missing_gain:
            # The sentences match the question better without the words no paper uses: they answer
            # the rest of it, not its topic ("officers now carry Naloxone" for Tasers). A word with
            # a near neighbour in the vocabulary is tested too ("facial" has "face", in
            # "face-to-face"), and is then named as missing.
            ev.missing = ev.absent
            return _missing_text(ev.absent), "missing_terms"
        if not ev.history and (unnamed := self._unnamed(question, ev, chosen)):
            # The topic matches, the place (force, scheme) does not: Norfolk's hare coursing figures
            # are no answer for Suffolk's.
            shown = [w.capitalize() for w in unnamed]
            return (f"The passages found do not mention {_quoted_list(shown)}: they are about somewhere or "
                    "something else. The closest passages are shown below; they are not an answer."), "name_absent"
        return None

    def _unnamed(self, question: str, ev: Evidence, chosen: list[tuple[str, int]]) -> list[str]:
        """The names the question gives that none of the chosen sentences' passages is about. A name
        that is a common English word is a role or a frame ("Board", "Chief", "Committee"), not a
        place or a scheme, as in the missing-word rule."""
        if self.names is None:
            return []
        quoted = [ev.passages[i] for _, i in chosen]
        return [w for w in self.names.asked(topic_words(question))
                if uncommon(w, self.config) and (w not in self.names.once or rare(w, self.config))
                and not any(self.names.speaks_of(w, p) for p in quoted)]

    def _counts_other_things(self, question: str, ev: Evidence, chosen: list[tuple[str, int]]) -> bool:
        """Whether the counts of the chosen sentences count something other than what was asked:
        none names it within a few words, or in the sentence just before ("… rough sleepers in
        Norwich. He clarified there were now 34"), ("more referrals … than the four largest
        constabularies"), and the words around each are far from it ("one of three sites chosen")."""
        bar, counted = self.config.min_count_cosine, " ".join(counted_words(question))
        contexts = [c for s, _ in chosen for c in count_contexts(s, question)]
        if bar is None or not counted or not contexts or any(names_counted(c, question) for c in contexts):
            return False
        if any(_opens_with_count(s, question) and names_counted(_just_before(ev.passages[i].text, s), question)
               for s, i in chosen):
            return False
        vecs = self.retriever.index.embedder.encode([counted, *contexts], progress=False)
        return float(np.max(vecs[1:] @ vecs[0])) < bar

    def _decisions_first(self, question: str, qvec: np.ndarray, filters: Filters, passages: list[Passage]):
        """Put the passages holding the topic's decisions first; return the history's lines
        (a decision's sentence and its passage's index), oldest meeting first."""
        from .decisions import DecisionQuery

        q = DecisionQuery(q=question, body=filters.body, date_from=filters.date_from, date_to=filters.date_to,
                          organisation=filters.organisation, limit=4 * self.config.history_meetings)
        records, _ = self.register.search(q, qvec=qvec)
        # The best-matching decision of each meeting (records come best first).
        per_meeting: dict = {}
        for r in records:
            if r.get("score", 0) >= 0.6:
                per_meeting.setdefault((r["meeting_date"], r["document_id"]), r)
        records = list(per_meeting.values())[: self.config.history_meetings]
        if not records:
            return passages, []
        index = self.retriever.index
        with index.session() as db:
            homes = index.passages(db, [r["chunk_id"] for r in records if r["chunk_id"] is not None])
        years = financial_years(question)
        if years:
            # Asked about a year: only decisions whose passage mentions it.
            records = [r for r in records if homes.get(r["chunk_id"]) is not None
                       and any(names_year(homes[r["chunk_id"]], rx) for rx in years.values())]
            if not records:
                return passages, []
        ordered: list[Passage] = []
        for r in records:
            p = homes.get(r["chunk_id"])
            if p is not None and all(o.id != p.id for o in ordered):
                ordered.append(p)
        rest = [p for p in passages if all(o.id != p.id for o in ordered)]
        new_passages = ordered + rest
        new_passages = new_passages[: self.config.passages]
        lines = []
        for r in sorted(records, key=lambda r: r["meeting_date"] or "9999"):
            p = homes.get(r["chunk_id"])
            if p is None or p not in new_passages:
                continue
            # Quote the part of the decision that lies in its passage (a decision can run on).
            s, e = max(r["start"], p.start), min(r["end"], p.end)
            quote = p.text[s - p.start: e - p.start].strip()
            first = split_sentences(quote)
            quote = first[0] if first and len(quote) > 400 else quote
            if quote:
                lines.append((quote, new_passages.index(p)))
        return new_passages, lines

    # -- sentence selection ----------------------------------------------------------------

    def _select(self, question: str, qvec: np.ndarray, passages: list[Passage],
                allowed: set[int] | None = None) -> list[tuple[str, int]]:
        """Up to max_sentences verbatim sentences from the best passages (only those in ``allowed``, if given)."""
        cands, stored, spans = self._candidates(passages, allowed)
        if not cands:
            return []
        scored = self._score_sentences(question, qvec, cands, passages, stored)
        chosen = self._pick(scored)
        if self.config.lead_gap is not None and 0 in spans and not any(pi == 0 for _, pi in chosen):
            chosen = self._with_lead(question, qvec, passages, scored, chosen, spans[0])
        kind = asked_figure(question)
        if kind and not any(holds_figure(s, kind, question) for s, _ in chosen):
            chosen = self._with_figure(question, qvec, passages, allowed, kind, scored, chosen)
        if DECISION_Q.search(question):
            # A dated history: decision sentences first, oldest meeting first.
            chosen.sort(key=lambda c: (0 if DECISION_S.search(c[0]) else 1,
                                       passages[c[1]].meeting_date or "9999"))
        return chosen

    def _with_lead(self, question: str, qvec: np.ndarray, passages: list[Passage],
                   scored: list[tuple[float, str, int]], chosen: list[tuple[str, int]],
                   spans: list[tuple[int, int]]) -> list[tuple[str, int]]:
        """Quote the best-ranked passage too: its best sentence or list line, read under its heading,
        second, if it scores within ``lead_gap`` of the best sentence. Its answer is often a list
        line or a bullet under a heading ("Data Controller - Chief Executive of the OPCCN";
        "Membership: … (Chairman)" under "Complaints Policy Sub Panel") that alone scores below a
        sentence of the next passage restating the question. ``spans``: its question cells, which
        restate the question and are not quoted."""
        p = passages[0]
        heading = p.heading.split(" › ")[-1].strip()
        lines = list(dict.fromkeys([*(s for _, s, pi in scored if pi == 0), *short_lines(p.text)]))
        lines = [(ln, 0, 0) for ln in lines if ln not in heading and not in_spans(ln, p, spans)
                 and not any(near_duplicate(ln, c, self.retriever.config.dedup_threshold)
                             for c, _ in chosen)][: self.config.max_candidates]
        if not lines:
            return chosen
        read = [f"{heading}: {ln}" if heading else ln for ln, _, _ in lines]
        score, line, _ = self._score_sentences(question, qvec, lines, passages, {}, read=read)[0]
        if score < scored[0][0] - self.config.lead_gap:
            return chosen
        return [*chosen[:1], (line, 0), *chosen[1:]][: self.config.max_sentences]

    def _with_figure(self, question: str, qvec: np.ndarray, passages: list[Passage], allowed: set[int] | None,
                     kind: str, scored: list[tuple[float, str, int]],
                     chosen: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """Asked for an amount or a count that the chosen sentences lack: put first the best line of
        the evidence passages that holds one (a sentence, a list line, a table row), if it scores within
        ``sentence_gap`` of the best sentence; else leave ``chosen`` as it is. A line that follows a
        chosen sentence scores as that sentence does: "The Neighbourhood Watch network continues to
        grow. There are now 165 schemes …" names its topic once, before the figure."""
        top = passages[: self.config.evidence_passages]
        # A count found this way must name what is counted, in the line, its table's header row or
        # just before it ("… rough sleepers in Norwich. He clarified there were now 34"): "609
        # arrests" does not answer how many deaths.
        lines = [(ln, pi, pi) for pi, p in enumerate(top) if allowed is None or pi in allowed
                 for ln, head in figure_lines(p.text) if holds_figure(ln, kind, question)
                 and (kind != COUNT or names_counted(f"{ln} {head}", question)
                      or _opens_with_count(ln, question) and names_counted(_just_before(p.text, ln), question))
                 ][: self.config.max_candidates]
        if not lines:
            return chosen
        by_sentence = {(s, pi): score for score, s, pi in scored}
        best_line = None
        for score, line, pi in self._score_sentences(question, qvec, lines, passages, {}):
            text = passages[pi].text
            at = text.find(line)
            before = [by_sentence[(s, pi)] for s, cpi in chosen
                      if cpi == pi and (s, pi) in by_sentence and 0 <= at - (text.find(s) + len(s)) <= 3]
            score = max([score, *before])
            if best_line is None or score > best_line[0]:
                best_line = (score, line, pi)
        score, line, pi = best_line
        if score < scored[0][0] - self.config.sentence_gap:
            return chosen
        rest = [c for c in chosen if not near_duplicate(c[0], line, self.retriever.config.dedup_threshold)]
        return [(line, pi), *rest][: self.config.max_sentences]

    def _candidates(self, passages: list[Passage], allowed: set[int] | None):
        """(sentence, passage index, rank) of the quotable sentences of the best passages, the
        stored vectors of their sentence windows, and each passage's question-cell spans (by index)."""
        cands: list[tuple[str, int, int]] = []
        prompts: list[tuple[str, int, int]] = []  # sentences of a Q&A row's question cell
        index = self.retriever.index
        top = passages[: self.config.sentence_passages]
        spans: dict[int, list[tuple[int, int]]] = {}
        with index.session() as db:
            # About half of the quotable sentences are sentence windows the index already embedded.
            stored = index.window_vectors(db, [p.id for p in top])
            for pi, p in enumerate(top):
                if allowed is not None and pi not in allowed:
                    continue
                spans[pi] = index.prompt_spans(db, p)
                sentences = split_sentences(p.text)
                for s in sentences:
                    (prompts if in_spans(s, p, spans[pi]) else cands).append((s, pi, pi))
                if not sentences:
                    # No whole sentence (an attendance list, a table of figures): its lines instead,
                    # whatever the other passages hold ("Chief Constable (CC) – Paul Sanford").
                    # A heading printed over the list titles it; it answers nothing.
                    cands += [(ln, pi, pi) for ln in short_lines(p.text) if ln not in p.heading and not ln.isupper()]
        # A question cell restates the question; quote it only when nothing else is there.
        return (cands or prompts)[: self.config.max_candidates], stored, spans

    def _score_sentences(self, question: str, qvec: np.ndarray, cands: list[tuple[str, int, int]],
                         passages: list[Passage], stored: dict,
                         read: list[str] | None = None) -> list[tuple[float, str, int]]:
        """Each candidate's score, best first: its cosine to the question (stored window vectors
        where the sentence is one), word overlap, rank, and the bonuses for the question's kind.
        ``read``: the text each candidate is embedded and matched as (a line under its heading),
        if not the candidate itself."""
        read = read or [s for s, _, _ in cands]
        at = [passages[pi].start + passages[pi].text.find(s) for s, pi, _ in cands]
        known = [stored.get((passages[pi].id, a, a + len(s))) for (s, pi, _), a in zip(cands, at)]
        todo = [r for r, v in zip(read, known) if v is None]
        fresh = iter(self.retriever.index.embedder.encode(todo, progress=False) if todo else [])
        sims = np.stack([v if v is not None else next(fresh) for v in known]) @ qvec
        terms = set(content_terms(question))
        decision_q = bool(DECISION_Q.search(question))
        kind = asked_figure(question)
        number_q = bool(NUMBER_Q.search(question))
        cfg = self.config
        # The long forms of the names asked about, once per question.
        long_forms = [rx for w in (topic_words(question) if DEFINE_Q.search(question) else [])
                      if (rx := spelling_out(w, question)) is not None]
        scored = []
        for (s, pi, rank), sim, r in zip(cands, sims, read):
            overlap = len(terms & set(content_terms(r))) / len(terms) if terms else 0.0
            score = float(sim) + 0.5 * overlap - 0.04 * rank
            if decision_q and DECISION_S.search(s):
                score += 0.25
            if kind and holds_figure(s, kind, question) or not kind and number_q and FIGURE_S.search(LABEL.sub("", s)):
                score += cfg.figure_bonus
            if not decision_q and PROCEDURAL_S.match(s.strip()):
                score -= cfg.procedural_penalty
            if any(rx.search(s) for rx in long_forms):
                score += cfg.definition_bonus
            scored.append((score, s, pi))
        scored.sort(key=lambda x: -x[0])
        return scored

    def _pick(self, scored: list[tuple[float, str, int]]) -> list[tuple[str, int]]:
        """The best sentences within ``sentence_gap`` of the best: two per passage at most, no repeats."""
        chosen: list[tuple[str, int]] = []
        per_passage: dict[int, int] = {}
        best = scored[0][0]
        for score, s, pi in scored:
            if len(chosen) >= self.config.max_sentences or score < best - self.config.sentence_gap:
                break
            if per_passage.get(pi, 0) >= 2 or any(near_duplicate(s, c, self.retriever.config.dedup_threshold)
                                                    for c, _ in chosen):
                continue
            chosen.append((s, pi))
            per_passage[pi] = per_passage.get(pi, 0) + 1
        return chosen

    def _compose(self, question: str, chosen: list[tuple[str, int]], passages: list[Passage],
                 history: bool = False) -> Answer:
        sentences: list[tuple[str, int]] = []
        citations: list[Citation] = []
        for s, pi in chosen:
            p = passages[pi]
            if not verify(s, p):
                log.warning("dropping unverifiable sentence for passage %s", p.id)
                continue
            n = pi + 1
            sentences.append((s, n))
            citations.append(Citation(n, str(p.id), s))
        if self.llm_url and sentences:
            from .llm import llm_answer

            phrased = llm_answer(self.llm_url, question, passages)
            if phrased:
                sentences = [(plain, marks[0]) for plain, marks in phrased]
                citations = [Citation(m, str(passages[m - 1].id), plain) for plain, marks in phrased for m in marks]
                history = False  # the endpoint's sentences are its own, not one per meeting
        if not sentences:
            return Answer(question, NO_ANSWER, False, [], passages, reason="no_sentence")
        if history:
            from indexer.chunking import format_date

            text = "\n".join(f"{format_date(passages[n - 1].meeting_date) or 'Date not stated'}: {as_shown(s)} [{n}]"
                             for s, n in sentences)
        else:
            text = " ".join(f"{as_shown(s)} [{n}]" for s, n in sentences)
        return Answer(question, text, True, citations, passages, sentences, history=history)
