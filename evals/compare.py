"""Compare two results.json files: per metric and configuration, the difference with paired tests.

The test pairs questions by id (only questions present in both runs count). The main test is a
paired randomisation (sign-flip permutation) test on the mean difference: under the null
hypothesis the two systems are exchangeable on every question, so each per-question difference
is equally likely to have either sign. Two-sided p = (#{|mean of flipped| >= |observed mean|} + 1)
/ (permutations + 1) with 10,000 random sign flips from a fixed seed; when there are few non-zero
differences (2^n <= permutations) every sign assignment is enumerated and p is exact.

Alongside it: scipy's Wilcoxon signed-rank test for graded scores (MRR, nDCG, citation precision)
and, for 0/1 scores (hit@k, abstention, answer recall), the exact sign test on the discordant pairs
(McNemar's exact test), for which Wilcoxon's ranks carry no information.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .harness import QuestionResult

PERMUTATIONS = 10_000
SEED = 20240101
METRICS = ["hit@1", "hit@3", "hit@5", "hit@10", "MRR@10", "nDCG@10", "abstained", "citation_precision",
           "answer_recall"]
BINARY = {"hit@1", "hit@3", "hit@5", "hit@10", "abstained", "answer_recall"}
MIN_WILCOXON = 6  # fewer non-zero differences than this: no Wilcoxon p-value can reach 0.05


def permutation_test(a: list[float], b: list[float], permutations: int = PERMUTATIONS, seed: int = SEED) -> float:
    """Two-sided paired randomisation test of mean(b - a) = 0 (see the module docstring)."""
    if len(a) != len(b):
        raise ValueError("paired samples must have the same length")
    d = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    d = d[d != 0]
    n = len(d)
    if n == 0:
        return 1.0
    observed = abs(d.sum())
    eps = 1e-9 * max(1.0, observed)
    if 2 ** n <= permutations:
        # Exact: every one of the 2^n sign assignments.
        signs = np.array(list(itertools.product((1.0, -1.0), repeat=n)))
        return float(np.mean(np.abs(signs @ d) >= observed - eps))
    rng = np.random.default_rng(seed)
    signs = rng.choice((-1.0, 1.0), size=(permutations, n))
    count = int(np.sum(np.abs(signs @ d) >= observed - eps))
    return (count + 1) / (permutations + 1)


def wilcoxon_test(a: list[float], b: list[float]) -> float | None:
    """scipy's Wilcoxon signed-rank p (two-sided, zero differences dropped); None with too few pairs."""
    from scipy.stats import wilcoxon

    d = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    if np.count_nonzero(d) < MIN_WILCOXON:
        return None
    return float(wilcoxon(d, zero_method="wilcox", alternative="two-sided").pvalue)


def sign_test(a: list[float], b: list[float]) -> float | None:
    """Exact two-sided sign test on the pairs that differ (McNemar's exact test for 0/1 scores)."""
    from scipy.stats import binomtest

    d = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    pos, neg = int(np.sum(d > 0)), int(np.sum(d < 0))
    if pos + neg == 0:
        return None
    return float(binomtest(pos, pos + neg, 0.5).pvalue)


@dataclass
class Row:
    config: str
    metric: str
    n: int
    a: float
    b: float
    p_perm: float | None
    p_other: float | None
    other: str

    @property
    def diff(self) -> float:
        return self.b - self.a


def load_results(path: str | Path) -> dict:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if "configs" not in data:
        raise ValueError(f"{path}: not a results.json of minutebook eval (no 'configs')")
    return data


def _scores(questions: list[dict], metric: str) -> dict[str, float]:
    out = {}
    for q in questions:
        v = QuestionResult.from_json(q).score(metric)
        if v is not None:
            out[q["id"]] = float(v)
    return out


def compare(a: dict, b: dict, permutations: int = PERMUTATIONS, seed: int = SEED) -> list[Row]:
    rows = []
    for config in [c for c in a["configs"] if c in b["configs"]]:
        qa, qb = a["configs"][config]["questions"], b["configs"][config]["questions"]
        for metric in METRICS:
            sa, sb = _scores(qa, metric), _scores(qb, metric)
            ids = sorted(set(sa) & set(sb))
            if not ids:
                continue
            xa, xb = [sa[i] for i in ids], [sb[i] for i in ids]
            p = permutation_test(xa, xb, permutations, seed)
            if metric in BINARY:
                other, po = "sign", sign_test(xa, xb)
            else:
                other, po = "wilcoxon", wilcoxon_test(xa, xb)
            rows.append(Row(config, metric, len(ids), float(np.mean(xa)), float(np.mean(xb)), p, po, other))
        for metric in ("p50_ms", "p95_ms"):
            va = a["configs"][config]["summary"].get(metric)
            vb = b["configs"][config]["summary"].get(metric)
            if va is not None and vb is not None:
                rows.append(Row(config, metric, a["configs"][config]["summary"]["questions"], va, vb, None, None, ""))
    return rows


def _p(p: float | None) -> str:
    if p is None:
        return "–"
    if p < 0.001:
        return "<0.001"
    return f"{p:.3f}"


def _v(metric: str, x: float) -> str:
    return f"{x:.0f}" if metric.endswith("_ms") else f"{x:.3f}"


def markdown(rows: list[Row], name_a: str, name_b: str) -> str:
    lines = [f"A = `{name_a}`, B = `{name_b}`; Δ = B − A over the questions in both runs. "
             f"p (perm): paired randomisation test, {PERMUTATIONS:,} sign flips, seed {SEED} (exact when "
             "2^n ≤ 10,000); p (other): Wilcoxon signed-rank for graded scores, exact sign test for 0/1 scores.",
             "",
             "| config | metric | n | A | B | Δ | p (perm) | p (other) | test |",
             "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        sig = " *" if r.p_perm is not None and r.p_perm < 0.05 else ""
        d = r.diff
        ds = (f"{d:+.0f}" if r.metric.endswith("_ms") else f"{d:+.3f}") if not math.isnan(d) else "–"
        lines.append(f"| {r.config} | {r.metric} | {r.n} | {_v(r.metric, r.a)} | {_v(r.metric, r.b)} | {ds}{sig} | "
                     f"{_p(r.p_perm)} | {_p(r.p_other)} | {r.other or '–'} |")
    lines.append("")
    lines.append("`*`: p (perm) < 0.05. Latency rows have no test (not paired in a meaningful way across runs "
                 "made at different times on a shared machine).")
    return "\n".join(lines)


def _load_spec(spec: str | Path) -> tuple[dict, str | None]:
    """``results.json`` or ``results.json#config`` (one config of the file)."""
    path, _, config = str(spec).partition("#")
    data = load_results(path)
    if config and config not in data["configs"]:
        raise ValueError(f"{path} has no config {config!r} (it has {', '.join(data['configs'])})")
    return data, config or None


def compare_files(path_a: str | Path, path_b: str | Path) -> tuple[list[Row], str]:
    """Compare the configs two runs share; with ``file#config`` on both sides, those two configs
    (e.g. ``run.json#bm25 run.json#hybrid``: is hybrid better than bm25 on the same questions?)."""
    (a, ca), (b, cb) = _load_spec(path_a), _load_spec(path_b)
    if bool(ca) != bool(cb):
        raise ValueError("give a #config on both files or on neither")
    if ca:
        name = ca if ca == cb else f"{ca} → {cb}"
        a = {**a, "configs": {name: a["configs"][ca]}}
        b = {**b, "configs": {name: b["configs"][cb]}}
    rows = compare(a, b)
    notes = []
    sa, sb = a.get("meta", {}).get("split"), b.get("meta", {}).get("split")
    if sa != sb:
        notes.append(f"note: the runs used different splits ({sa} vs {sb}); only shared question ids are paired.")
    only = sorted(set(a["configs"]) ^ set(b["configs"]))
    if only:
        notes.append(f"note: configs in only one run (not compared): {', '.join(only)}")
    md = markdown(rows, str(path_a), str(path_b))
    return rows, "\n".join(notes + ([""] if notes else []) + [md])
