"""Retrieval and answer metrics. Standard measures come from ir-measures (pytrec_eval underneath);
hit@k is computed here because it is simply "any relevant passage in the top k"."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import ir_measures
from ir_measures import MRR, nDCG

# ir-measures names MRR@10 "RR@10" (MRR is an alias of RR); reports call it MRR@10.
STANDARD = {"MRR@10": MRR @ 10, "nDCG@10": nDCG @ 10}


def hit_at(ranked_rel: list[bool], k: int) -> float:
    return 1.0 if any(ranked_rel[:k]) else 0.0


def standard_measures(qrels: dict[str, dict[str, int]], run: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Per-query MRR@10 and nDCG@10 via ir-measures, keyed "RR@10" and "nDCG@10".

    ``qrels`` may be graded (nDCG uses the grades; RR counts any grade > 0 as relevant).
    A query of ``qrels`` with no run, or with no relevant document retrieved, scores 0.
    """
    measures = list(STANDARD.values())
    out: dict[str, dict[str, float]] = {}
    qrels_list = [ir_measures.Qrel(q, d, r) for q, docs in qrels.items() for d, r in docs.items()]
    run_list = [ir_measures.ScoredDoc(q, d, s) for q, docs in run.items() for d, s in docs.items()]
    for m in ir_measures.iter_calc(measures, qrels_list, run_list):
        out.setdefault(m.query_id, {})[str(m.measure)] = float(m.value)
    # ir-measures omits queries with an empty run: they score 0.
    for q in qrels:
        out.setdefault(q, {})
        for m in measures:
            out[q].setdefault(str(m), 0.0)
    return out


def percentile(values: list[float], p: float) -> float:
    """Linear-interpolation percentile (numpy's default); NaN for no values."""
    if not values:
        return math.nan
    v = sorted(values)
    k = (len(v) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


# --- answers ------------------------------------------------------------------------------------


def abstention_accuracy(abstained: Sequence[bool], answerable: Sequence[bool]) -> float | None:
    """Share of the *unanswerable* questions on which the system abstained; None if there are none."""
    un = [a for a, ok in zip(abstained, answerable) if not ok]
    return sum(un) / len(un) if un else None


def false_abstention_rate(abstained: Sequence[bool], answerable: Sequence[bool]) -> float | None:
    """Share of the *answerable* questions on which the system wrongly abstained."""
    ans = [a for a, ok in zip(abstained, answerable) if ok]
    return sum(ans) / len(ans) if ans else None


def citation_precision(cited_texts: Sequence[str], is_relevant: Callable[[str], bool]) -> float | None:
    """Share of an answer's citations whose passage contains an evidence quote (None: no citations)."""
    if not cited_texts:
        return None
    return sum(1.0 for t in cited_texts if is_relevant(t)) / len(cited_texts)


def answer_recall(cited_texts: Sequence[str], is_relevant: Callable[[str], bool]) -> float:
    """1 if the answer cites at least one passage holding an evidence quote, else 0 (abstained: 0)."""
    return 1.0 if any(is_relevant(t) for t in cited_texts) else 0.0


def mean(xs: Sequence[float]) -> float | None:
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else None
