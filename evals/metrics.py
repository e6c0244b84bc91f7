"""Retrieval metrics. Standard measures come from ir-measures (pytrec_eval underneath); hit@k is
computed here because it is simply "any relevant passage in the top k"."""

from __future__ import annotations

import math

import ir_measures
from ir_measures import MRR, nDCG


def hit_at(ranked_rel: list[bool], k: int) -> float:
    return 1.0 if any(ranked_rel[:k]) else 0.0


def standard_measures(qrels: dict[str, dict[str, int]], run: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Per-query MRR@10 and nDCG@10 via ir-measures; queries without relevant docs are skipped."""
    measures = [MRR @ 10, nDCG @ 10]
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
    if not values:
        return math.nan
    v = sorted(values)
    k = (len(v) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)
