"""Run retrieval configurations over gold questions and score them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from .gold import GoldQuestion, normalise
from .metrics import (abstention_accuracy, answer_recall, citation_precision, false_abstention_rate, hit_at,
                      mean, percentile, standard_measures)

# A retriever takes a question and returns ranked (passage_id, passage_text) pairs.
RetrieveFn = Callable[[str], list[tuple[str, str]]]

HIT_KS = (1, 3, 5, 10)
# Per-question scores that the report and the significance test use, with the questions they
# are defined on ("answerable", "unanswerable", "answered": answerable and not abstained).
PER_QUESTION = {
    "hit@1": "answerable", "hit@3": "answerable", "hit@5": "answerable", "hit@10": "answerable",
    "MRR@10": "answerable", "nDCG@10": "answerable",
    "abstained": "unanswerable", "citation_precision": "answered", "answer_recall": "answerable",
}


@dataclass
class QuestionResult:
    id: str
    question: str
    answerable: bool
    split: str
    tags: list[str]
    ranked_ids: list[str]
    relevant_ranks: list[int]  # 1-based ranks of relevant passages in the top k
    hits: dict[str, float]
    mrr10: float
    ndcg10: float
    latency_ms: float
    top_text: str = ""
    n_relevant: int = 0  # relevant passages in the whole collection (0: this index cannot answer it)
    abstained: bool | None = None  # for ask: did the answer say nothing answers it
    citation_precision: float | None = None
    answer_recall: float | None = None
    ask_latency_ms: float | None = None
    answer: str | None = None
    cited_ids: list[str] | None = None
    source: str | None = None  # the corpus file the question is about (gold questions only)

    def score(self, metric: str) -> float | None:
        """This question's value of a per-question metric, None where the metric does not apply."""
        scope = PER_QUESTION.get(metric)
        if scope == "answerable" and not self.answerable or scope == "unanswerable" and self.answerable:
            return None
        if metric.startswith("hit@"):
            return self.hits[metric]
        if metric == "MRR@10":
            return self.mrr10
        if metric == "nDCG@10":
            return self.ndcg10
        if metric == "abstained":
            return None if self.abstained is None else float(self.abstained)
        if metric == "latency_ms":
            return self.latency_ms
        return getattr(self, metric)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, d: dict) -> "QuestionResult":
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)


@dataclass
class ConfigReport:
    name: str
    questions: list[QuestionResult] = field(default_factory=list)

    def summary(self) -> dict:
        return summarise(self.questions)

    def to_json(self) -> dict:
        return {"summary": self.summary(), "questions": [q.to_json() for q in self.questions]}


def summarise(questions: list[QuestionResult]) -> dict:
    """Mean retrieval scores over the answerable questions, latency percentiles over all of them,
    and the answer metrics when ``ask`` was run."""
    ans = [q for q in questions if q.answerable]
    out: dict = {"questions": len(questions), "answerable": len(ans),
                 "answerable_without_relevant": sum(1 for q in ans if q.n_relevant == 0)}
    for k in HIT_KS:
        out[f"hit@{k}"] = _mean([q.hits[f"hit@{k}"] for q in ans])
    out["MRR@10"] = _mean([q.mrr10 for q in ans])
    out["nDCG@10"] = _mean([q.ndcg10 for q in ans])
    lat = [q.latency_ms for q in questions]
    out["p50_ms"] = percentile(lat, 50)
    out["p95_ms"] = percentile(lat, 95)
    asked = [q for q in questions if q.abstained is not None]
    if asked:
        abst = [bool(q.abstained) for q in asked]
        answerable = [q.answerable for q in asked]
        # On the unanswerable questions: the share where it abstained.
        out["abstention_accuracy"] = abstention_accuracy(abst, answerable)
        out["unanswerable"] = sum(1 for a in answerable if not a)
        out["false_abstention_rate"] = false_abstention_rate(abst, answerable)
        # Right decision on every question: abstain on unanswerable, answer the answerable.
        out["decision_accuracy"] = _mean([float(a == (not ok)) for a, ok in zip(abst, answerable)])
        out["citation_precision"] = mean([q.citation_precision for q in asked if q.answerable])
        out["answer_recall"] = mean([q.answer_recall for q in asked if q.answerable])
        alat = [q.ask_latency_ms for q in asked if q.ask_latency_ms is not None]
        out["ask_p50_ms"] = percentile(alat, 50)
        out["ask_p95_ms"] = percentile(alat, 95)
    return out


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def relevant_ids(question: GoldQuestion, collection: dict[str, str]) -> set[str]:
    """Every passage of the collection that contains one of the question's evidence quotes."""
    quotes = [normalise(q) for q in question.evidence]
    return {pid for pid, text in collection.items() if any(q in normalise(text) for q in quotes)}


def _timed(retrieve: RetrieveFn, text: str, k: int) -> tuple[list[tuple[str, str]], float]:
    t = time.perf_counter()
    ranked = retrieve(text)[:k]
    return ranked, (time.perf_counter() - t) * 1000


def evaluate(name: str, questions: list[GoldQuestion], retrieve: RetrieveFn,
             collection: dict[str, str], k: int = 10) -> ConfigReport:
    """Relevance by evidence quote: a passage is relevant when it contains one of the quotes."""
    report = ConfigReport(name)
    qrels: dict[str, dict[str, int]] = {}
    run: dict[str, dict[str, float]] = {}
    partial: list[tuple[GoldQuestion, list[tuple[str, str]], float, int]] = []
    norm_collection = {pid: normalise(t) for pid, t in collection.items()}
    for q in questions:
        ranked, ms = _timed(retrieve, q.question, k)
        n_rel = 0
        if q.answerable:
            quotes = [normalise(e) for e in q.evidence]
            rel = {pid for pid, nt in norm_collection.items() if any(e in nt for e in quotes)}
            n_rel = len(rel)
            # A passage outside the stored collection (e.g. a baseline's own chunks) is judged by its text.
            rel |= {pid for pid, text in ranked if q.is_relevant(text)}
            qrels[q.id] = {pid: 1 for pid in rel} or {"__none__": 1}
            run[q.id] = {pid: float(k - r) for r, (pid, _) in enumerate(ranked)}
        partial.append((q, ranked, ms, n_rel))
    per_q = standard_measures(qrels, run) if qrels else {}
    for q, ranked, ms, n_rel in partial:
        rel_flags = [q.is_relevant(text) for _, text in ranked] if q.answerable else [False] * len(ranked)
        res = _result(q.id, q.question, q.answerable, q.split, q.tags, ranked, rel_flags, per_q.get(q.id, {}), ms,
                      n_rel)
        res.source = q.source
        report.questions.append(res)
    return report


def evaluate_qrels(name: str, queries: list[tuple[str, str]], qrels: dict[str, dict[str, int]],
                   retrieve: RetrieveFn, k: int = 10, split: str = "test") -> ConfigReport:
    """Relevance by judged ids (BEIR qrels, possibly graded): a passage is relevant when its id has a
    grade above 0 for the query. Every query counts as answerable."""
    report = ConfigReport(name)
    run: dict[str, dict[str, float]] = {}
    partial = []
    for qid, text in queries:
        ranked, ms = _timed(retrieve, text, k)
        run[qid] = {pid: float(k - r) for r, (pid, _) in enumerate(ranked)}
        partial.append((qid, text, ranked, ms))
    judged = {qid: qrels.get(qid, {}) or {"__none__": 1} for qid, _ in queries}
    per_q = standard_measures(judged, run) if judged else {}
    for qid, text, ranked, ms in partial:
        grades = qrels.get(qid, {})
        rel_flags = [grades.get(pid, 0) > 0 for pid, _ in ranked]
        n_rel = sum(1 for g in grades.values() if g > 0)
        report.questions.append(_result(qid, text, True, split, [], ranked, rel_flags, per_q.get(qid, {}), ms, n_rel))
    return report


def _result(qid, text, answerable, split, tags, ranked, rel_flags, m, ms, n_rel) -> QuestionResult:
    hits = {f"hit@{n}": hit_at(rel_flags, n) for n in HIT_KS}
    return QuestionResult(
        qid, text, answerable, split, list(tags), [pid for pid, _ in ranked],
        [r + 1 for r, f in enumerate(rel_flags) if f], hits, m.get("RR@10", 0.0), m.get("nDCG@10", 0.0),
        ms, ranked[0][1][:200] if ranked else "", n_rel)


def evaluate_answers(report: ConfigReport, questions: list[GoldQuestion], ask: Callable) -> None:
    """Run ``ask`` (question -> service.answers.Answer) for every question and record on the report's
    results: abstained (``answered`` false), citation precision and answer recall (judged by evidence
    quote in the cited passage's text), and the latency of the whole ask."""
    by_id = {r.id: r for r in report.questions}
    for q in questions:
        r = by_id[q.id]
        t = time.perf_counter()
        ans = ask(q.question)
        r.ask_latency_ms = (time.perf_counter() - t) * 1000
        r.abstained = not ans.answered
        r.answer = ans.answer
        texts = {str(p.id): p.text for p in ans.passages}
        cited = [c.passage_id for c in ans.citations] if ans.answered else []
        r.cited_ids = cited
        cited_texts = [texts.get(str(c), "") for c in cited]
        if q.answerable:
            r.citation_precision = citation_precision(cited_texts, q.is_relevant)
            r.answer_recall = answer_recall(cited_texts, q.is_relevant)
