"""Structure evaluation on labelled real papers: is what the indexer stored what the paper says?

    minutebook eval --structure evals/realpapers/labels --papers evals/realpapers/pdfs --index-dir DIR

Each label file (evals/realpapers/labels/<name>.json, see evals/realpapers/LABELLING.md) names a PDF
in ``--papers``; the document is found in the index by the file's sha256, so the index may hold
the papers under any names (the benchmark script indexes neutral-named copies). Scored per file
and overall:

* body, organisation, meeting date, document type: exact match (names compared without case,
  spacing or punctuation), a null label matching only a null;
* agenda items found: share of the labelled items with an indexed item of the same number whose
  title shares the label's first words (items without a number: by title);
* decision quotes in the register: share of the labelled decision quotes found inside one
  register entry of that document (compared as evals.gold.normalise does);
* the papers' own questions: hit@5 of the shipped hybrid search, relevance judged by evidence
  quote as for the gold questions, overall and per split (``dev`` to tune on, ``heldout`` never).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .gold import normalise

FIELDS = ("body", "organisation", "meeting_date", "doc_type")


@dataclass
class FileScore:
    file: str
    found: bool
    fields: dict[str, tuple[object, object, bool]] = field(default_factory=dict)  # name -> (label, got, ok)
    items: tuple[int, int] = (0, 0)  # found, labelled
    decisions: tuple[int, int] = (0, 0)
    questions: tuple[int, int] = (0, 0)  # hit@5, asked
    questions_by_split: dict[str, tuple[int, int]] = field(default_factory=dict)
    missed_items: list[str] = field(default_factory=list)
    missed_decisions: list[str] = field(default_factory=list)
    missed_questions: list[str] = field(default_factory=list)


def _name(s) -> str:
    return re.sub(r"[^0-9a-z]+", " ", str(s).lower()).strip() if s else ""


def _num(s) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(s).lower()) if s else ""


def _title_words(s: str) -> list[str]:
    return [w for w in _name(s).split() if w not in ("the", "of", "and", "a", "to", "for", "on", "in")]


def _title_match(label: str, got: str) -> bool:
    lw, gw = _title_words(label), _title_words(got)
    if not lw or not gw:
        return not lw
    head = lw[:4]
    return gw[: len(head)] == head or " ".join(head) in " ".join(gw) or " ".join(gw[:4]) in " ".join(lw)


def match_items(labelled: list[dict], got: list[dict]) -> tuple[int, list[str]]:
    """Labelled items found among ``got`` (in order, each indexed item used once)."""
    used: set[int] = set()
    found = 0
    missed = []
    for it in labelled:
        hit = None
        for k, g in enumerate(got):
            if k in used:
                continue
            if it.get("number"):
                if _num(g.get("number")) == _num(it["number"]) and _title_match(it["title"], g.get("title") or ""):
                    hit = k
                    break
            elif _title_match(it["title"], g.get("title") or ""):
                hit = k
                break
        if hit is None:
            missed.append(f"{it.get('number') or '-'} {it['title'][:60]}")
        else:
            used.add(hit)
            found += 1
    return found, missed


def load_labels(folder: Path) -> list[dict]:
    files = sorted(Path(folder).glob("*.json"))
    if not files:
        raise ValueError(f"no label files (*.json) in {folder}")
    out = []
    for f in files:
        try:
            out.append(json.loads(f.read_text(encoding="utf-8")))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{f} line {exc.lineno}: not valid JSON ({exc.msg})") from None
    return out


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _not_indexed(fs: FileScore, lab: dict) -> None:
    fs.items = (0, len(lab.get("items", [])))
    fs.decisions = (0, len(lab.get("decisions", [])))
    fs.questions = (0, len(lab.get("questions", [])))
    # A paper that could not be indexed misses its questions in every split too.
    split_of = [q.get("split", "dev") for q in lab.get("questions", [])]
    fs.questions_by_split = {sp: (0, split_of.count(sp)) for sp in set(split_of)}


def _score_structure(fs: FileScore, lab: dict, doc: dict, db) -> None:
    """Metadata fields, agenda items and decision quotes of one indexed paper against its labels."""
    for name in FIELDS:
        want, got = lab.get(name if name != "doc_type" else "doc_type"), doc.get(name)
        ok = (want == got) if name == "meeting_date" else (_name(want) == _name(got))
        fs.fields[name] = (want, got, ok)
    n, fs.missed_items = match_items(lab.get("items", []), db.items(doc["id"]))
    fs.items = (n, len(lab.get("items", [])))
    entries = [normalise(d["text"]) for d in db.decision_texts(doc["id"])]
    hits = 0
    for dec in lab.get("decisions", []):
        if any(normalise(dec["quote"]) in e for e in entries):
            hits += 1
        else:
            fs.missed_decisions.append(dec["quote"][:100])
    fs.decisions = (hits, len(lab.get("decisions", [])))


def _score_questions(fs: FileScore, lab: dict, retriever, k: int) -> None:
    """hit@k of the paper's own questions, overall and by split."""
    qhits = 0
    by_split: dict[str, list[int]] = {}
    for q in lab.get("questions", []):
        res = retriever.search(q["question"], k=k)
        ev = [normalise(e) for e in q["evidence"]]
        hit = any(any(e in normalise(p.text) for e in ev) for p in res.passages[:k])
        qhits += hit
        tally = by_split.setdefault(q.get("split", "dev"), [0, 0])
        tally[0] += hit
        tally[1] += 1
        if not hit:
            fs.missed_questions.append(f"[{q.get('split', 'dev')}] {q['question']}")
    fs.questions = (qhits, len(lab.get("questions", [])))
    fs.questions_by_split = {k_: tuple(v) for k_, v in by_split.items()}


def score(labels: list[dict], papers: Path, index, retriever=None, k: int = 5) -> list[FileScore]:
    """Score every labelled file against the index (``retriever``: hybrid search for the questions)."""
    with index.session() as db:
        docs = {d["sha256"]: d for d in db.documents()}
        out = []
        for lab in labels:
            path = Path(papers) / lab["file"]
            fs = FileScore(lab["file"], False)
            doc = docs.get(sha256_file(path)) if path.exists() else None
            out.append(fs)
            if doc is None:
                _not_indexed(fs, lab)
                continue
            fs.found = True
            _score_structure(fs, lab, doc, db)
            if retriever is not None:
                _score_questions(fs, lab, retriever, k)
        return out


def summary(scores: list[FileScore]) -> dict:
    def share(pairs):
        n = sum(a for a, _ in pairs)
        d = sum(b for _, b in pairs)
        return {"found": n, "of": d, "share": round(n / d, 3) if d else None}

    out = {"files": len(scores), "found_in_index": sum(s.found for s in scores)}
    for name in FIELDS:
        ok = [s.fields[name][2] for s in scores if name in s.fields]
        out[name] = {"right": sum(ok), "of": len(scores), "share": round(sum(ok) / len(scores), 3) if scores else None}
    out["items"] = share([s.items for s in scores])
    out["decisions"] = share([s.decisions for s in scores])
    out["questions_hit@5"] = share([s.questions for s in scores])
    for split in ("dev", "heldout"):
        out[f"questions_hit@5_{split}"] = share([s.questions_by_split.get(split, (0, 0)) for s in scores])
    return out


def markdown(scores: list[FileScore], summ: dict) -> str:
    def mark(s: FileScore, name: str) -> str:
        if name not in s.fields:
            return "–"
        want, got, ok = s.fields[name]
        return "✓" if ok else f"✗ {got!s:.40} (label {want!s:.40})"

    def frac(p):
        return f"{p[0]}/{p[1]}" if p[1] else "–"

    lines = ["| file | body | organisation | meeting date | type | items | decisions | questions hit@5 |",
             "|---|---|---|---|---|---|---|---|"]
    for s in scores:
        if not s.found:
            lines.append(f"| {s.file} | not in the index | | | | {frac(s.items)} | {frac(s.decisions)} | {frac(s.questions)} |")
            continue
        lines.append(f"| {s.file} | {mark(s, 'body')} | {mark(s, 'organisation')} | {mark(s, 'meeting_date')} | "
                     f"{mark(s, 'doc_type')} | {frac(s.items)} | {frac(s.decisions)} | {frac(s.questions)} |")

    def pct(d):
        return "–" if d["share"] is None else f"{100 * d['share']:.0f} %"

    lines += ["", "| overall | body | organisation | meeting date | type | items found | decision quotes | questions hit@5 |",
              "|---|---|---|---|---|---|---|---|",
              f"| {summ['found_in_index']}/{summ['files']} files | {pct(summ['body'])} | {pct(summ['organisation'])} | "
              f"{pct(summ['meeting_date'])} | {pct(summ['doc_type'])} | {pct(summ['items'])} "
              f"({summ['items']['found']}/{summ['items']['of']}) | {pct(summ['decisions'])} "
              f"({summ['decisions']['found']}/{summ['decisions']['of']}) | {pct(summ['questions_hit@5'])} "
              f"({summ['questions_hit@5']['found']}/{summ['questions_hit@5']['of']}) |",
              "", "Questions hit@5 by split: " + ", ".join(
                  f"{sp} {pct(summ[f'questions_hit@5_{sp}'])} ({summ[f'questions_hit@5_{sp}']['found']}/"
                  f"{summ[f'questions_hit@5_{sp}']['of']})" for sp in ("dev", "heldout"))]
    misses = [(s.file, m) for s in scores for m in s.missed_items[:5]]
    if misses:
        lines += ["", "Items not found (first 5 per file):", ""] + [f"- {f}: {m}" for f, m in misses]
    dm = [(s.file, m) for s in scores for m in s.missed_decisions]
    if dm:
        lines += ["", "Decision quotes not in the register:", ""] + [f"- {f}: {m}" for f, m in dm]
    qm = [(s.file, m) for s in scores for m in s.missed_questions]
    if qm:
        lines += ["", "Questions without their evidence in the top 5:", ""] + [f"- {f}: {m}" for f, m in qm]
    return "\n".join(lines) + "\n"
