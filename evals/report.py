"""report.md and chart.png from a results dict (the content of results.json)."""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path

from .harness import QuestionResult, summarise

MAIN_COLUMNS = ["hit@1", "hit@3", "hit@5", "hit@10", "MRR@10", "nDCG@10", "p50_ms", "p95_ms"]
RATIO_COLUMNS = ["hit@1", "hit@5", "MRR@10", "nDCG@10", "p50_ms"]
CHART_METRICS = ["hit@1", "hit@5", "MRR@10", "nDCG@10"]
BASELINES = ("naive", "dense", "bm25")
SHIPPED = "hybrid"
MAX_FAILED_ROWS = 80


def _fmt(metric: str, v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if metric.endswith("_ms"):
        return f"{v:.0f}"
    return f"{v:.3f}"


def best_baseline(results: dict, by: str = "MRR@10") -> str | None:
    """The strongest baseline present (naive, dense or bm25) by ``by``."""
    configs = results["configs"]
    cands = [c for c in results.get("meta", {}).get("baselines", BASELINES) if c in configs]
    if not cands:
        return None
    return max(cands, key=lambda c: configs[c]["summary"].get(by) or 0.0)


def main_table(results: dict) -> str:
    configs = results["configs"]
    lines = ["| config | questions | answerable | no evidence | " + " | ".join(MAIN_COLUMNS) + " |",
             "|---|---:|---:|---:|" + "---:|" * len(MAIN_COLUMNS)]
    for name, c in configs.items():
        s = c["summary"]
        mark = " (shipped)" if name == SHIPPED else ""
        lines.append(f"| {name}{mark} | {s['questions']} | {s['answerable']} | "
                     f"{s.get('answerable_without_relevant', 0)} | "
                     + " | ".join(_fmt(m, s.get(m)) for m in MAIN_COLUMNS) + " |")
    skipped = results.get("skipped", {})
    for name in skipped:
        lines.append(f"| {name} | skipped | – | – | " + " | ".join("–" for _ in MAIN_COLUMNS) + " |")
    if skipped:
        lines.append("")
        lines += [f"Skipped: **{name}**: {why}." for name, why in skipped.items()]
    return "\n".join(lines)


def ratio_table(results: dict) -> str:
    base = best_baseline(results)
    if base is None:
        return "_No baseline (naive, dense, bm25) was run, so there are no ratios._"
    b = results["configs"][base]["summary"]
    lines = [f"Ratio of each config to the best baseline, **{base}** (best of "
             f"{', '.join(c for c in results.get('meta', {}).get('baselines', BASELINES) if c in results['configs'])}"
             " by MRR@10); > 1 is better for quality, < 1 is faster for latency.", "",
             "| config | " + " | ".join(f"{m} ×" for m in RATIO_COLUMNS) + " |",
             "|---|" + "---:|" * len(RATIO_COLUMNS)]
    for name, c in results["configs"].items():
        s = c["summary"]
        cells = []
        for m in RATIO_COLUMNS:
            x, y = s.get(m), b.get(m)
            cells.append(f"{x / y:.2f}" if x is not None and y else "–")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def answer_table(results: dict) -> str | None:
    rows = [(n, c["summary"]) for n, c in results["configs"].items() if "abstention_accuracy" in c["summary"]]
    if not rows:
        return None
    cols = [("abstention_accuracy", "abstention accuracy (unanswerable)"),
            ("false_abstention_rate", "false abstention (answerable)"),
            ("decision_accuracy", "answer/abstain accuracy (all)"),
            ("citation_precision", "citation precision"), ("answer_recall", "answer recall"),
            ("ask_p50_ms", "ask p50 ms"), ("ask_p95_ms", "ask p95 ms")]
    lines = ["| config | unanswerable | " + " | ".join(c[1] for c in cols) + " |",
             "|---|---:|" + "---:|" * len(cols)]
    for n, s in rows:
        lines.append(f"| {n} | {s.get('unanswerable', 0)} | " + " | ".join(_fmt(k, s.get(k)) for k, _ in cols) + " |")
    return "\n".join(lines)


def _group_table(results: dict, key) -> str:
    """Rows = groups (tags or splits); cells = "hit@5 / MRR@10" for each config over the group's
    answerable questions; for unanswerable-only groups, the shipped config's abstention."""
    configs = results["configs"]
    groups: dict[str, dict[str, list[QuestionResult]]] = defaultdict(lambda: defaultdict(list))
    for name, c in configs.items():
        for q in c["questions"]:
            r = QuestionResult.from_json(q)
            for g in key(r):
                groups[g][name].append(r)
    names = list(configs)
    lines = ["| group | n | " + " | ".join(names) + " |", "|---|---:|" + "---:|" * len(names)]
    for g in sorted(groups):
        first = groups[g][names[0]]
        cells = []
        for name in names:
            qs = groups[g][name]
            s = summarise(qs)
            if s["answerable"]:
                cells.append(f"{s['hit@5']:.2f} / {s['MRR@10']:.2f}")
            elif s.get("abstention_accuracy") is not None:
                cells.append(f"abstained {s['abstention_accuracy']:.2f}")
            else:
                cells.append("–")
        lines.append(f"| {g} | {len(first)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def failures(results: dict) -> tuple[list[str], list[str]]:
    """(markdown table rows of questions some config fails, details lines for the shipped config)."""
    configs = results["configs"]
    names = list(configs)
    by_q: dict[str, dict[str, QuestionResult]] = defaultdict(dict)
    for name, c in configs.items():
        for q in c["questions"]:
            by_q[q["id"]][name] = QuestionResult.from_json(q)
    rows = []
    details = []
    for qid, per in by_q.items():
        any_r = next(iter(per.values()))
        failed = [n for n, r in per.items() if r.answerable and not r.relevant_ranks]
        ask = per.get(SHIPPED)
        wrong_abstain = ask is not None and ask.abstained is not None and ask.abstained == ask.answerable
        if not failed and not wrong_abstain:
            continue
        cells = []
        for n in names:
            r = per.get(n)
            if r is None or not r.answerable:
                cells.append("n/a")
            else:
                cells.append(str(r.relevant_ranks[0]) if r.relevant_ranks else "✗")
        outcome = "–"
        if ask is not None and ask.abstained is not None:
            outcome = "abstained" if ask.abstained else "answered"
            if wrong_abstain:
                outcome = f"**{outcome}**"
        text = any_r.question.replace("|", "/")
        note = " (no passage holds the evidence)" if any_r.answerable and any_r.n_relevant == 0 else ""
        rows.append(f"| {qid} | {any_r.split} | {', '.join(any_r.tags)} | {text}{note} | " + " | ".join(cells)
                    + f" | {outcome} |")
        if ask is not None and (SHIPPED in failed or wrong_abstain):
            top = " ".join((ask.top_text or "").split())[:160].replace("|", "/")
            why = []
            if SHIPPED in failed:
                why.append("no relevant passage in the top 10")
            if wrong_abstain:
                why.append("abstained on an answerable question" if ask.answerable else "answered an unanswerable question")
            details.append(f"- **{qid}** ({'; '.join(why)}): {ask.question}  \n  top passage: “{top}…”")
    header = ["| id | split | tags | question | " + " | ".join(names) + " | ask (hybrid) |",
              "|---|---|---|---|" + "---:|" * len(names) + "---|"]
    if len(rows) > MAX_FAILED_ROWS:
        rows = rows[:MAX_FAILED_ROWS] + [f"| … | | | {len(rows) - MAX_FAILED_ROWS} more in results.json |"
                                         + " |" * len(names) + " |"]
    details = details[:MAX_FAILED_ROWS]
    return (header + rows) if rows else [], details


def markdown(results: dict) -> str:
    meta = results.get("meta", {})
    split = meta.get("split", "?")
    out = [f"# Minutebook evaluation: {meta.get('title', 'gold questions')}", ""]
    facts = [f"- **Split: {split}**" + (" (tuning split)" if split == "dev" else
                                         " (held out: report only, never tune on it)" if split == "heldout" else "")]
    for k, label in (("questions_file", "questions"), ("beir_folder", "BEIR folder"), ("index_dir", "index"),
                     ("index_version", "index version"), ("model", "model"), ("created", "run at")):
        if meta.get(k):
            facts.append(f"- {label}: `{meta[k]}`")
    if meta.get("n_questions") is not None:
        facts.append(f"- {meta['n_questions']} questions ({meta.get('n_answerable', '?')} answerable, "
                     f"{meta.get('n_unanswerable', '?')} unanswerable); retrieval depth k = {meta.get('k', 10)}")
    if meta.get("naive"):
        nv = meta["naive"]
        facts.append(f"- naive baseline: {nv['window_tokens']}-token cl100k windows (overlap {nv['overlap_tokens']}) "
                     f"over raw text, {nv['windows']} windows, FAISS IndexFlatIP, same model")
    if meta.get("reranker"):
        facts.append(f"- reranker: `{meta['reranker']}`")
    out += facts + ["", "## Retrieval", "", main_table(results), ""]
    out += ["Scores are means over the answerable questions. *No evidence*: answerable questions for which no "
            "passage of that config's collection holds an evidence quote whole (a chunk or window boundary cuts "
            "it), so they score 0 there. Latency p50/p95 is per query in milliseconds, measured with the model "
            "already loaded, on a shared 2-core machine.", ""]
    out += ["## Against the best baseline", "", ratio_table(results), ""]
    at = answer_table(results)
    if at:
        out += ["## Answers (`ask`, shipped hybrid config)", "", at, "",
                "Abstention accuracy: share of unanswerable questions where `ask` abstained (`answered` false). "
                "Citation precision: share of an answer's citations whose passage holds an evidence quote, averaged "
                "over the answerable questions it answered. Answer recall: share of answerable questions whose "
                "answer cites at least one passage holding an evidence quote (an abstention counts as a miss).", ""]
    out += ["## By tag", "", "Cells: hit@5 / MRR@10 over the tag's answerable questions "
            "(unanswerable: share abstained by `ask`).", "", _group_table(results, lambda r: r.tags or ["(none)"]), ""]
    out += ["## By split", "", _group_table(results, lambda r: [r.split]), ""]
    out += ["## By source document", "", "Which document each question is about (its `source`).", "",
            _group_table(results, lambda r: [r.source or "(none)"]), ""]
    rows, details = failures(results)
    out += ["## Failed questions", ""]
    if rows:
        out += ["Questions where a config found no relevant passage in its top 10 (✗; a number is the rank of the "
                "first relevant passage), or where `ask` took the wrong answer/abstain decision (bold).", ""]
        out += rows + [""]
        if details:
            out += [f"### {SHIPPED} misses", ""] + details + [""]
    else:
        out += ["None.", ""]
    return "\n".join(out)


def chart(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    names = list(results["configs"])
    x = np.arange(len(CHART_METRICS))
    width = 0.8 / max(1, len(names))
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(CHART_METRICS) + 0.5 * len(names)), 4))
    for i, n in enumerate(names):
        s = results["configs"][n]["summary"]
        vals = [s.get(m) or 0.0 for m in CHART_METRICS]
        bars = ax.bar(x + (i - (len(names) - 1) / 2) * width, vals, width, label=n)
        ax.bar_label(bars, fmt="%.2f", fontsize=7, padding=1)
    ax.set_xticks(x, CHART_METRICS)
    ax.set_ylim(0, 1.08)
    ax.set_ylabel("score")
    meta = results.get("meta", {})
    ax.set_title(f"Minutebook retrieval ({meta.get('title', 'gold')}, split: {meta.get('split', '?')})")
    ax.legend(fontsize=8, ncol=min(len(names), 5), loc="upper center", bbox_to_anchor=(0.5, -0.08))
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
