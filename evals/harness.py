"""Run retrieval configurations over gold questions and score them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .gold import GoldQuestion, normalise
from .metrics import hit_at, percentile, standard_measures

# A retriever takes a question and returns ranked (passage_id, passage_text) pairs.
RetrieveFn = Callable[[str], list[tuple[str, str]]]


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
    abstained: bool | None = None  # for ask: did the answer say nothing answers it
    citation_precision: float | None = None
    answer_recall: float | None = None


@dataclass
class ConfigReport:
    name: str
    questions: list[QuestionResult] = field(default_factory=list)

    def summary(self) -> dict:
        ans = [q for q in self.questions if q.answerable]
        out = {"questions": len(self.questions), "answerable": len(ans)}
        for k in (1, 3, 5, 10):
            out[f"hit@{k}"] = _mean([q.hits[f"hit@{k}"] for q in ans])
        out["MRR@10"] = _mean([q.mrr10 for q in ans])
        out["nDCG@10"] = _mean([q.ndcg10 for q in ans])
        lat = [q.latency_ms for q in self.questions]
        out["p50_ms"] = percentile(lat, 50)
        out["p95_ms"] = percentile(lat, 95)
        abst = [q for q in self.questions if q.abstained is not None]
        if abst:
            # Right when it abstains on unanswerable questions and answers the answerable ones.
            out["abstention_accuracy"] = _mean([float(q.abstained == (not q.answerable)) for q in abst])
            un = [q for q in abst if not q.answerable]
            out["abstain_on_unanswerable"] = _mean([float(q.abstained) for q in un]) if un else None
            out["answered_when_answerable"] = _mean([float(not q.abstained) for q in abst if q.answerable])
        cp = [q.citation_precision for q in self.questions if q.citation_precision is not None]
        if cp:
            out["citation_precision"] = _mean(cp)
        ar = [q.answer_recall for q in self.questions if q.answer_recall is not None]
        if ar:
            out["answer_recall"] = _mean(ar)
        return out


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def relevant_ids(question: GoldQuestion, collection: dict[str, str]) -> set[str]:
    """Every passage of the collection that contains one of the question's evidence quotes."""
    quotes = [normalise(q) for q in question.evidence]
    return {pid for pid, text in collection.items() if any(q in normalise(text) for q in quotes)}


def evaluate(name: str, questions: list[GoldQuestion], retrieve: RetrieveFn,
             collection: dict[str, str], k: int = 10) -> ConfigReport:
    report = ConfigReport(name)
    qrels: dict[str, dict[str, int]] = {}
    run: dict[str, dict[str, float]] = {}
    partial: list[tuple[GoldQuestion, list[tuple[str, str]], float]] = []
    norm_collection = {pid: normalise(t) for pid, t in collection.items()}
    for q in questions:
        t = time.perf_counter()
        ranked = retrieve(q.question)[:k]
        ms = (time.perf_counter() - t) * 1000
        partial.append((q, ranked, ms))
        if q.answerable:
            quotes = [normalise(e) for e in q.evidence]
            rel = {pid for pid, nt in norm_collection.items() if any(e in nt for e in quotes)}
            # A passage outside the stored collection (e.g. a baseline's own chunks) is judged by its text.
            rel |= {pid for pid, text in ranked if q.is_relevant(text)}
            qrels[q.id] = {pid: 1 for pid in rel} or {"__none__": 1}
            run[q.id] = {pid: float(k - r) for r, (pid, _) in enumerate(ranked)}
    per_q = standard_measures(qrels, run) if qrels else {}
    for q, ranked, ms in partial:
        rel_flags = [q.is_relevant(text) for _, text in ranked] if q.answerable else [False] * len(ranked)
        hits = {f"hit@{n}": hit_at(rel_flags, n) for n in (1, 3, 5, 10)}
        m = per_q.get(q.id, {})
        report.questions.append(QuestionResult(
            q.id, q.question, q.answerable, q.split, q.tags, [pid for pid, _ in ranked],
            [r + 1 for r, f in enumerate(rel_flags) if f], hits, m.get("RR@10", 0.0), m.get("nDCG@10", 0.0),
            ms, ranked[0][1][:200] if ranked else ""))
    return report
