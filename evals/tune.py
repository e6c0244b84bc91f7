"""Sweep retrieval settings on the dev split (never the held-out one) and print a table.

Usage: .venv/bin/python -m evals.tune --index-dir index [--split dev] [--weights 0.3,0.4,0.5,0.6,0.7]

Each row is one RetrievalSettings scored with the same harness as ``minutebook eval``; query vectors
are computed once and shared, so the sweep takes seconds.
"""

from __future__ import annotations

import argparse
import sys

from indexer.embedding import set_threads
from service.index import IndexReader
from indexer.settings import RetrievalSettings
from service.retrieval import Filters, Retriever

from .gold import load_questions
from .harness import evaluate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evals.tune")
    ap.add_argument("--index-dir", required=True)
    ap.add_argument("--questions", default="evals/questions.jsonl")
    ap.add_argument("--split", default="dev", choices=["dev", "heldout", "all"])
    ap.add_argument("--weights", default="0.2,0.3,0.4,0.5", help="dense weights to try")
    ap.add_argument("--sentence-weights", default="0,0.2,0.3,0.4,0.5", help="sentence-window weights to try")
    args = ap.parse_args(argv)
    if args.split != "dev":
        print("note: tune on dev; use held-out only to report a final number", file=sys.stderr)
    set_threads(1)
    index = IndexReader(args.index_dir)
    db = index.session()
    collection = db.chunk_text_by_id()
    qs = load_questions(args.questions, split=None if args.split == "all" else args.split)
    qvecs = {q.question: index.embedder.encode_query(q.question) for q in qs}

    def retriever_fn(cfg: RetrievalSettings, mode: str):
        r = Retriever(index, cfg)

        def retrieve(question: str):
            found = r.retrieve(db, question, 10, Filters(), mode, qvec=qvecs[question])
            return [(str(p.id), p.text) for p in found.passages]
        return retrieve

    rows = [("dense", RetrievalSettings(), "dense"), ("bm25", RetrievalSettings(), "bm25"),
            ("rrf", RetrievalSettings(fusion="rrf"), "hybrid")]
    rows += [(f"weighted dense {w} sentences {sw}", RetrievalSettings(dense_weight=float(w), sentence_weight=float(sw)),
              "hybrid") for w in args.weights.split(",") for sw in args.sentence_weights.split(",")]
    d = RetrievalSettings()
    default = f"dense {d.dense_weight} sentences {d.sentence_weight}"
    rows += [(f"default ({default}) +acronyms", RetrievalSettings(expand_acronyms=True), "hybrid"),
             (f"default ({default}) +coverage 0.6", RetrievalSettings(coverage_weight=0.6), "hybrid")]
    rows += [(f"default ({default}) per-section cap {n or 'off'}", RetrievalSettings(max_per_section=n), "hybrid")
             for n in (0, 1, 3, 4)]
    print(f"{len(qs)} {args.split} questions, index {index.version.name}")
    print("| config | hit@1 | hit@3 | hit@5 | hit@10 | MRR@10 | nDCG@10 | p50 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, cfg, mode in rows:
        s = evaluate(name, qs, retriever_fn(cfg, mode), collection).summary()
        print(f"| {name} | {s['hit@1']:.3f} | {s['hit@3']:.3f} | {s['hit@5']:.3f} | {s['hit@10']:.3f} | "
              f"{s['MRR@10']:.3f} | {s['nDCG@10']:.3f} | {s['p50_ms']:.1f} |", flush=True)
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
