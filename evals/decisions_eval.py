"""Score the decisions extractor (indexer/decisions.py) against hand labels.

Labels: ``evals/decision_labels/<corpus-file-stem>.jsonl``, one object per decision (see the README
there). A label matches an extracted decision when its normalised quote (lower case, every run of
non-alphanumeric characters collapsed to one space) is contained in the normalised decision text and
the kinds agree. Matching is one-to-one (maximum bipartite matching), preferring pairs whose agenda
item also agrees, so that identical decisions under different items ("NOTED the information
provided") pair up with the right ones. A labelled document with an empty label file has no
decisions: anything extracted from it is a false positive. Documents without a label file are not
scored.

Reports precision and recall overall, per document and per kind, agreement of the other fields on
matched pairs, and every mismatch. Writes nothing unless ``--json PATH`` is given.

    .venv/bin/python evals/decisions_eval.py [--labels evals/decision_labels] [--corpus corpus]
        [--json PATH] [--fail-under 0.95]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import asdict
from pathlib import Path

from indexer.decisions import KINDS, Decision, extract_decisions
from indexer.sources import read_source
from indexer.structure import analyse

from evals.gold import normalise
from evals.jsonl import read_jsonl, where

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".txt", ".md", ".pdf")


def norm(s: str | None) -> str:
    """The gold questions' rule (evals.gold.normalise): quotes match on whole words."""
    return normalise(s or "")


def load_labels(labels_dir: Path) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in sorted(Path(labels_dir).glob("*.jsonl")):
        rows = []
        for n, row in read_jsonl(f):
            for key in ("kind", "quote"):
                if not row.get(key):
                    raise ValueError(f"{where(f, n)}: label has no {key!r}")
            if row["kind"] not in KINDS:
                raise ValueError(f"{where(f, n)}: unknown kind {row['kind']!r} (one of {', '.join(KINDS)})")
            row["_line"] = n
            rows.append(row)
        out[f.stem] = rows
    return out


def find_source(corpus: Path, stem: str) -> Path | None:
    for suf in SUFFIXES:
        p = Path(corpus) / f"{stem}{suf}"
        if p.exists():
            return p
    return None


def _match(labels: list[dict], decisions: list[Decision]) -> dict[int, int]:
    """Maximum one-to-one matching label index -> decision index; item-agreeing pairs first."""
    texts = [norm(d.text) for d in decisions]
    edges: list[list[int]] = []
    for lab in labels:
        q = norm(lab["quote"])
        edges.append([j for j, d in enumerate(decisions) if d.kind == lab["kind"] and q and q in texts[j]])

    match_d: dict[int, int] = {}  # decision -> label

    def augment(i: int, allowed, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen or not allowed(i, j):
                continue
            seen.add(j)
            if j not in match_d or augment(match_d[j], allowed, seen):
                match_d[j] = i
                return True
        return False

    def same_item(i: int, j: int) -> bool:
        return labels[i].get("item") == decisions[j].item

    for allowed in (same_item, lambda i, j: True):
        matched = set(match_d.values())
        for i in range(len(labels)):
            if i not in matched:
                augment(i, allowed, set())
                matched = set(match_d.values())
    return {i: j for j, i in match_d.items()}


_FIELDS = ("outcome", "item", "meeting_date", "number", "owner", "status", "set_at", "title", "confidential", "also")


def _field_ok(field: str, lab: dict, d: Decision) -> bool:
    want = lab[field]
    if field == "also":
        t = norm(d.text)
        return all(norm(q) in t for q in want)
    got = getattr(d, field)
    if field == "status":
        return want is None and got is None or (want is not None and norm(want) in norm(got or ""))
    if field in ("owner", "title"):
        return norm(want or "") == norm(got or "")
    return want == got


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "extracted": n_pred, "labelled": n_gold, "precision": p, "recall": r, "f1": f}


def _compare_fields(stem: str, lab: dict, d, field_counts: dict, mismatches: list[dict]) -> None:
    """Tally each labelled field of a matched decision; record those that disagree."""
    for f in _FIELDS:
        if f not in lab:
            continue
        ok = _field_ok(f, lab, d)
        field_counts[f][0] += ok
        field_counts[f][1] += 1
        if not ok:
            mismatches.append({"type": "field", "doc": stem, "line": lab["_line"], "field": f,
                               "label": lab[f], "extracted": getattr(d, f, None) if f != "also" else None,
                               "quote": lab["quote"]})


def _missed(stem: str, lab: dict, decisions: list) -> dict:
    q = norm(lab["quote"])
    other = [d.kind for d in decisions if q in norm(d.text)]
    return {"type": "missed", "doc": stem, "line": lab["_line"], "kind": lab["kind"], "quote": lab["quote"],
            "note": f"found only as kind {', '.join(sorted(set(other)))}" if other else "quote in no extracted decision"}


def evaluate(labels_dir: Path = ROOT / "evals" / "decision_labels", corpus: Path = ROOT / "corpus") -> dict:
    labels = load_labels(labels_dir)
    per_doc: dict[str, dict] = {}
    kind_counts = defaultdict(lambda: [0, 0, 0])  # tp, extracted, labelled
    field_counts = defaultdict(lambda: [0, 0])  # agree, compared
    mismatches: list[dict] = []
    warnings: list[str] = []
    tot = [0, 0, 0]
    for stem, labs in labels.items():
        src = find_source(corpus, stem)
        if src is None:
            warnings.append(f"{stem}: no corpus file {stem}.txt/.md/.pdf; labels skipped")
            continue
        doc = analyse(read_source(src, src.name), stem)
        decisions = extract_decisions(doc)
        ntext = norm(doc.text)
        for lab in labs:
            if norm(lab["quote"]) not in ntext:
                warnings.append(f"{stem}:{lab['_line']}: quote not in the document: {lab['quote'][:70]!r}")
        m = _match(labs, decisions)
        per_doc[stem] = _prf(len(m), len(decisions), len(labs))
        for k, v in zip(range(3), (len(m), len(decisions), len(labs))):
            tot[k] += v
        for d in decisions:
            kind_counts[d.kind][1] += 1
        for lab in labs:
            kind_counts[lab["kind"]][2] += 1
        matched_d = set(m.values())
        for i, lab in enumerate(labs):
            if i in m:
                kind_counts[decisions[m[i]].kind][0] += 1
                _compare_fields(stem, lab, decisions[m[i]], field_counts, mismatches)
            else:
                mismatches.append(_missed(stem, lab, decisions))
        for j, d in enumerate(decisions):
            if j not in matched_d:
                mismatches.append({"type": "spurious", "doc": stem, "kind": d.kind, "outcome": d.outcome,
                                   "start": d.start, "text": d.text[:200]})
    return {
        "overall": _prf(*tot),
        "per_document": per_doc,
        "per_kind": {k: _prf(*kind_counts[k]) for k in KINDS if any(kind_counts[k])},
        "fields": {f: {"agree": a, "compared": n, "rate": a / n if n else 1.0} for f, (a, n) in field_counts.items()},
        "mismatches": mismatches,
        "warnings": warnings,
    }


def _row(name: str, r: dict) -> str:
    return (f"  {name:<58} P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
            f"   ({r['tp']} matched / {r['extracted']} extracted / {r['labelled']} labelled)")


def report(res: dict) -> str:
    lines = ["Decisions register: extractor vs hand labels", "", "overall", _row("all labelled documents", res["overall"]),
             "", "per document"]
    lines += [_row(k, v) for k, v in res["per_document"].items()]
    lines += ["", "per kind"] + [_row(k, v) for k, v in res["per_kind"].items()]
    lines += ["", "field agreement on matched decisions"]
    lines += [f"  {f:<14} {v['agree']}/{v['compared']} ({v['rate']:.0%})" for f, v in res["fields"].items()]
    mm = res["mismatches"]
    lines += ["", f"mismatches ({len(mm)})"]
    for x in mm:
        if x["type"] == "missed":
            lines.append(f"  MISSED   {x['doc']}:{x['line']} [{x['kind']}] {x['quote'][:90]!r} – {x['note']}")
        elif x["type"] == "spurious":
            lines.append(f"  SPURIOUS {x['doc']}@{x['start']} [{x['kind']}/{x['outcome']}] {x['text'][:100]!r}")
        else:
            lines.append(f"  FIELD    {x['doc']}:{x['line']} {x['field']}: label {x['label']!r} != extracted "
                         f"{x['extracted']!r} ({x['quote'][:50]!r})")
    if not mm:
        lines.append("  none")
    for w in res["warnings"]:
        lines.append(f"  WARNING  {w}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", type=Path, default=ROOT / "evals" / "decision_labels")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--json", type=Path, help="also write the full results as JSON to this path")
    ap.add_argument("--fail-under", type=float, default=None,
                    help="exit with status 1 if overall precision or recall is below this")
    args = ap.parse_args(argv)
    if not Path(args.labels).is_dir():
        print(f"{args.labels}: no such folder", file=sys.stderr)
        return 2
    try:
        res = evaluate(args.labels, args.corpus)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report(res))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2, default=lambda o: asdict(o)) + "\n", encoding="utf-8")
    if args.fail_under is not None:
        o = res["overall"]
        if o["precision"] < args.fail_under or o["recall"] < args.fail_under:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
