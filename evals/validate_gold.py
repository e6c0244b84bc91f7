#!/usr/bin/env python3
"""Validate the Minutebook gold question set (evals/questions.jsonl).

Checks
  * schema: required keys and types, ids q001.. unique and in order, split values,
    known tags, answerable=false <=> evidence=[] <=> tag "unanswerable",
    1-3 evidence quotes for answerable questions, source is a corpus file;
  * evidence: every quote occurs in the corpus after normalisation (lower-case,
    every run of non-alphanumeric characters collapsed to one space -- the rule the
    evaluator uses), matched on word boundaries, inside a single line of the source
    text (a quote must never span a line break), with at least one quote found in
    the question's own source file; quotes must not contain Markdown/HTML marks;
  * balance: every source document and every tag occurs in both splits.

Warnings (printed, do not fail): quotes shorter than 4 or longer than 30 words,
quotes that occur in many places, heldout share outside 20-40%, unanswerable share
outside 5-15%.

Usage: .venv/bin/python evals/validate_gold.py [--questions evals/questions.jsonl] [--corpus corpus]
Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

REQUIRED = {
    "id": str,
    "question": str,
    "evidence": list,
    "answerable": bool,
    "tags": list,
    "split": str,
    "source": str,
}
SPLITS = ("dev", "heldout")
TAGS = (
    "fact", "number", "who", "when", "decision", "multi-meeting",
    "acronym", "paraphrase", "unanswerable",
)
ID_RE = re.compile(r"^q(\d{3,})$")
# Markdown / HTML marks that must not appear inside a quote.
MARKUP_RE = re.compile(r"\*\*|__|#|<|>|`|\|")

_NON_ALNUM_UNICODE = re.compile(r"[\W_]+")
_NON_ALNUM_ASCII = re.compile(r"[^0-9a-z]+")


def normalise(text: str, ascii_only: bool = False) -> str:
    """Lower-case and collapse every run of non-alphanumeric characters to one space."""
    pattern = _NON_ALNUM_ASCII if ascii_only else _NON_ALNUM_UNICODE
    return pattern.sub(" ", text.lower()).strip()


class Corpus:
    """Corpus files, normalised per line and as a whole, under both readings of
    "alphanumeric" (Unicode and ASCII) so a quote is valid whichever the evaluator uses."""

    def __init__(self, folder: Path):
        self.files: dict[str, dict[bool, tuple[list[str], str]]] = {}
        for path in sorted(folder.glob("*.txt")):
            raw = path.read_text(encoding="utf-8")
            entry = {}
            for ascii_only in (False, True):
                lines = [f" {normalise(l, ascii_only)} " for l in raw.splitlines()]
                entry[ascii_only] = (lines, f" {normalise(raw, ascii_only)} ")
            self.files[path.name] = entry

    def lines_with(self, name: str, quote: str, ascii_only: bool) -> int:
        needle = f" {normalise(quote, ascii_only)} "
        return sum(needle in line for line in self.files[name][ascii_only][0])

    def in_whole_file(self, name: str, quote: str, ascii_only: bool) -> bool:
        return f" {normalise(quote, ascii_only)} " in self.files[name][ascii_only][1]


def load(path: Path, errors: list[str]) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                errors.append(f"line {lineno}: blank line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"line {lineno}: invalid JSON ({exc})")
                continue
            if not isinstance(obj, dict):
                errors.append(f"line {lineno}: not a JSON object")
                continue
            obj["_line"] = lineno
            records.append(obj)
    return records


def check_schema(rec: dict, corpus: Corpus, errors: list[str], warnings: list[str]) -> bool:
    where = f"line {rec['_line']} ({rec.get('id', '?')})"
    ok = True
    for key, typ in REQUIRED.items():
        if key not in rec:
            errors.append(f"{where}: missing key '{key}'")
            ok = False
        elif not isinstance(rec[key], typ):
            errors.append(f"{where}: '{key}' must be {typ.__name__}, got {type(rec[key]).__name__}")
            ok = False
    extra = set(rec) - set(REQUIRED) - {"_line"}
    if extra:
        warnings.append(f"{where}: unexpected keys {sorted(extra)}")
    if not ok:
        return False

    if not rec["question"].strip():
        errors.append(f"{where}: empty question")
    if rec["split"] not in SPLITS:
        errors.append(f"{where}: split must be one of {SPLITS}, got {rec['split']!r}")
    if rec["source"] not in corpus.files:
        errors.append(f"{where}: source {rec['source']!r} is not a corpus file")
    if not rec["tags"]:
        errors.append(f"{where}: no tags")
    for tag in rec["tags"]:
        if not isinstance(tag, str) or tag not in TAGS:
            errors.append(f"{where}: unknown tag {tag!r} (allowed: {', '.join(TAGS)})")
    if len(set(map(str, rec["tags"]))) != len(rec["tags"]):
        errors.append(f"{where}: duplicate tags")
    if not all(isinstance(e, str) for e in rec["evidence"]):
        errors.append(f"{where}: evidence items must be strings")
        return False

    unanswerable_tag = "unanswerable" in rec["tags"]
    if rec["answerable"]:
        if not rec["evidence"]:
            errors.append(f"{where}: answerable question without evidence")
        elif len(rec["evidence"]) > 3:
            errors.append(f"{where}: {len(rec['evidence'])} evidence quotes (max 3)")
        if unanswerable_tag:
            errors.append(f"{where}: answerable question tagged 'unanswerable'")
    else:
        if rec["evidence"]:
            errors.append(f"{where}: answerable=false but evidence is not empty")
        if not unanswerable_tag:
            errors.append(f"{where}: answerable=false but no 'unanswerable' tag")
        if set(rec["tags"]) - {"unanswerable"}:
            warnings.append(f"{where}: unanswerable question carries other tags {rec['tags']}")
    return True


def check_evidence(rec: dict, corpus: Corpus, errors: list[str], warnings: list[str],
                   cross_doc: Counter) -> None:
    where = f"line {rec['_line']} ({rec['id']})"
    found_in_source = False
    seen = set()
    for quote in rec["evidence"]:
        short = quote if len(quote) <= 60 else quote[:57] + "..."
        norm = normalise(quote)
        if not norm:
            errors.append(f"{where}: empty quote {quote!r}")
            continue
        if norm in seen:
            errors.append(f"{where}: duplicate quote {short!r}")
        seen.add(norm)
        if MARKUP_RE.search(quote):
            errors.append(f"{where}: quote contains Markdown/HTML marks: {short!r}")
        if "\n" in quote or "\r" in quote:
            errors.append(f"{where}: quote contains a line break: {short!r}")
        words = len(norm.split())
        if words < 4 or words > 30:
            warnings.append(f"{where}: quote has {words} words: {short!r}")

        hits = {}  # file -> number of lines containing the quote (both normalisations)
        spans_break = []
        for name in corpus.files:
            n_uni = corpus.lines_with(name, quote, False)
            n_ascii = corpus.lines_with(name, quote, True)
            if n_uni and n_ascii:
                hits[name] = min(n_uni, n_ascii)
            elif n_uni or n_ascii:
                errors.append(f"{where}: quote only matches under one reading of "
                              f"'alphanumeric' (avoid non-ASCII letters) in {name}: {short!r}")
            elif corpus.in_whole_file(name, quote, False):
                spans_break.append(name)
        if not hits:
            if spans_break:
                errors.append(f"{where}: quote spans a line break in {spans_break[0]}: {short!r}")
            else:
                errors.append(f"{where}: quote not found in corpus: {short!r}")
            continue
        if rec["source"] in hits:
            found_in_source = True
        else:
            cross_doc[rec["id"]] += 1
        total = sum(hits.values())
        if total > 10:
            warnings.append(f"{where}: quote occurs on {total} lines (not distinctive?): {short!r}")
    if rec["evidence"] and not found_in_source and rec["source"] in corpus.files:
        errors.append(f"{where}: no evidence quote found in its source file {rec['source']}")


def summarise(records: list[dict], cross_doc: Counter) -> list[str]:
    out = []
    by_split = Counter(r["split"] for r in records)
    answerable = Counter((r["split"], r["answerable"]) for r in records)
    out.append(f"questions: {len(records)}  "
               + "  ".join(f"{s}={by_split[s]}" for s in SPLITS)
               + f"  answerable={sum(r['answerable'] for r in records)}"
               + f"  unanswerable={sum(not r['answerable'] for r in records)}")
    out.append("per split (answerable/unanswerable): "
               + "  ".join(f"{s}={answerable[(s, True)]}/{answerable[(s, False)]}" for s in SPLITS))
    out.append("")
    out.append(f"{'source':58s} {'dev':>5s} {'held':>5s} {'total':>5s} {'unans':>5s}")
    sources = sorted({r["source"] for r in records})
    for src in sources:
        rs = [r for r in records if r["source"] == src]
        c = Counter(r["split"] for r in rs)
        out.append(f"{src:58s} {c['dev']:5d} {c['heldout']:5d} {len(rs):5d} "
                   f"{sum(not r['answerable'] for r in rs):5d}")
    out.append("")
    out.append(f"{'tag':15s} {'dev':>5s} {'held':>5s} {'total':>5s}")
    tag_split = Counter((t, r["split"]) for r in records for t in r["tags"])
    for tag in TAGS:
        d, h = tag_split[(tag, "dev")], tag_split[(tag, "heldout")]
        out.append(f"{tag:15s} {d:5d} {h:5d} {d + h:5d}")
    n_quotes = [len(r["evidence"]) for r in records if r["answerable"]]
    if n_quotes:
        out.append("")
        out.append("evidence quotes per answerable question: "
                   + ", ".join(f"{k}: {v}" for k, v in sorted(Counter(n_quotes).items()))
                   + f"  (total quotes {sum(n_quotes)})")
    if cross_doc:
        out.append(f"questions with evidence in another document than their source: "
                   f"{len(cross_doc)} ({', '.join(sorted(cross_doc))})")
    return out


def check_balance(records: list[dict], errors: list[str], warnings: list[str]) -> None:
    for key, label in (("source", "source"), (None, "tag")):
        values = (sorted({r["source"] for r in records}) if key
                  else sorted({t for r in records for t in r["tags"] if t in TAGS}))
        for value in values:
            splits = {r["split"] for r in records
                      if (r["source"] == value if key else value in r["tags"])}
            missing = [s for s in SPLITS if s not in splits]
            if missing:
                errors.append(f"{label} {value!r} has no question in split(s) {missing}")
    n = len(records)
    if n:
        held = sum(r["split"] == "heldout" for r in records) / n
        if not 0.2 <= held <= 0.4:
            warnings.append(f"heldout share is {held:.0%} (expected about 30%)")
        unans = sum(not r["answerable"] for r in records) / n
        if not 0.05 <= unans <= 0.15:
            warnings.append(f"unanswerable share is {unans:.0%} (expected about 10%)")


def check_ids(records: list[dict], errors: list[str]) -> None:
    """ids: unique, q001.. consecutive and in file order (position among all records, so one
    broken record does not make every later id look out of order)."""
    ids = [r.get("id") for r in records if isinstance(r.get("id"), str)]
    for name, count in Counter(ids).items():
        if count > 1:
            errors.append(f"duplicate id {name!r} ({count} times)")
    for pos, r in enumerate(records, 1):
        if not isinstance(r.get("id"), str):
            continue
        m = ID_RE.match(r["id"])
        if not m:
            errors.append(f"line {r['_line']}: bad id {r['id']!r} (expected q001, q002, ...)")
        elif int(m.group(1)) != pos:
            errors.append(f"line {r['_line']}: id {r['id']!r} out of order (expected q{pos:03d})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, default=REPO / "evals" / "questions.jsonl")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpus")
    args = ap.parse_args(argv)

    errors: list[str] = []
    warnings: list[str] = []
    if not args.questions.is_file():
        print(f"ERROR: no such file {args.questions}", file=sys.stderr)
        return 2
    if not args.corpus.is_dir():
        print(f"ERROR: no such folder {args.corpus}", file=sys.stderr)
        return 2
    corpus = Corpus(args.corpus)
    if not corpus.files:
        print(f"ERROR: no *.txt files in {args.corpus}", file=sys.stderr)
        return 2

    records = load(args.questions, errors)
    valid = [r for r in records if check_schema(r, corpus, errors, warnings)]

    check_ids(records, errors)
    for text, count in Counter(normalise(r["question"]) for r in valid).items():
        if count > 1:
            errors.append(f"duplicate question text {text!r}")

    cross_doc: Counter = Counter()
    for r in valid:
        if r["answerable"] and r["source"] in corpus.files:
            check_evidence(r, corpus, errors, warnings, cross_doc)
    check_balance([r for r in valid if r["split"] in SPLITS and r["source"] in corpus.files],
                  errors, warnings)

    print(f"gold set: {args.questions}")
    print(f"corpus:   {args.corpus} ({len(corpus.files)} files)")
    print()
    for line in summarise(valid, cross_doc):
        print(line)
    if warnings:
        print()
        print(f"{len(warnings)} warning(s):")
        for w in warnings:
            print(f"  WARNING {w}")
    if errors:
        print()
        print(f"{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print(f"  ERROR {e}", file=sys.stderr)
        return 1
    print()
    print("OK: gold set is valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
