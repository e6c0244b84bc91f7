"""``minutebook eval``: score retrieval configurations and answers against the gold questions.

    minutebook eval --questions evals/questions.jsonl --index-dir DIR
        [--configs dense,bm25,hybrid,hybrid+rerank,naive] [--split dev|heldout|all]
        [--out evals/reports/NAME] [--reranker PATH]
    minutebook eval --compare A/results.json B/results.json
    minutebook eval --index-dir DIR --beir-out FOLDER [--split ...]
    minutebook eval --beir-in FOLDER [--out ...]
    minutebook eval --structure LABELS --papers PDFS --index-dir DIR [--out ...]

See evals/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import math
import os
import sys
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

ALL_CONFIGS = ["dense", "bm25", "hybrid", "hybrid+rerank", "naive"]
DEFAULT_CANDIDATES = 30


class UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="minutebook eval", description=(
        "Evaluate retrieval and answers against gold questions; compare two runs; "
        "export/import BEIR folders."))
    p.add_argument("--questions", default="evals/questions.jsonl", help="gold questions JSONL (default: %(default)s)")
    p.add_argument("--index-dir", help="index folder to evaluate (needed except with --compare and --beir-in)")
    p.add_argument("--configs", default=",".join(ALL_CONFIGS),
                   help="comma-separated configurations: " + ", ".join(ALL_CONFIGS) + " (default: all)")
    p.add_argument("--split", choices=["dev", "heldout", "all"], default="dev",
                   help="which gold questions (default: dev, the tuning split)")
    p.add_argument("--out", help="output folder (default: evals/reports/<timestamp>)")
    p.add_argument("--k", type=int, default=10, help="retrieval depth scored (default: 10)")
    p.add_argument("--reranker", help="cross-encoder model folder; enables the hybrid+rerank config")
    p.add_argument("--rerank-candidates", type=int, default=DEFAULT_CANDIDATES,
                   help="hybrid passages the cross-encoder re-orders (default: %(default)s)")
    p.add_argument("--no-ask", action="store_true", help="skip the answer metrics (no Answerer.ask runs)")
    p.add_argument("--cache-dir", help="embedding cache for the naive baseline and BEIR corpora "
                   "(default: <tmp>/minutebook-eval-cache)")
    p.add_argument("--threads", type=int, default=1, help="torch/FAISS threads (default: 1)")
    p.add_argument("--config", help="settings JSON file (model for --beir-in)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--compare", nargs=2, metavar=("A.json", "B.json"),
                   help="compare two results.json files with paired significance tests "
                   "(FILE#config on both sides compares two configs, e.g. run.json#bm25 run.json#hybrid)")
    g.add_argument("--beir-in", metavar="FOLDER", help="evaluate dense/bm25/hybrid on a BEIR folder")
    g.add_argument("--beir-out", metavar="FOLDER", help="write the gold set and the index's chunks as a BEIR folder")
    g.add_argument("--structure", metavar="LABELS", help="score the index's structure (body, organisation, dates, "
                   "type, items, decisions, questions) against a folder of label files; see evals/structure.py")
    p.add_argument("--papers", help="with --structure: the folder holding the labelled files (default: "
                   "LABELS/../pdfs)")
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if not 1 <= args.k <= 50:
        parser.error("--k must be between 1 and 50")
    if args.rerank_candidates < args.k:
        parser.error("--rerank-candidates must be at least --k")
    try:
        if args.compare:
            return run_compare(args)
        if args.beir_out:
            return run_beir_out(args)
        if args.beir_in:
            return run_beir_in(args)
        if args.structure:
            return run_structure(args)
        return run_gold(args)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


# --- helpers -----------------------------------------------------------------------------------


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _configs(text: str, allowed: list[str]) -> list[str]:
    names = [c.strip() for c in text.split(",") if c.strip()]
    bad = [c for c in names if c not in ALL_CONFIGS]
    if bad:
        raise UsageError(f"unknown config {', '.join(bad)} (known: {', '.join(ALL_CONFIGS)})")
    if not names:
        raise UsageError("--configs is empty")
    return list(dict.fromkeys(names))


def _out_dir(args) -> Path:
    out = Path(args.out) if args.out else Path("evals") / "reports" / dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _cache_path(args) -> Path:
    base = Path(args.cache_dir) if args.cache_dir else Path(tempfile.gettempdir()) / "minutebook-eval-cache"
    return base / "embeddings.sqlite"


# One model per (folder, name) per process: every index opened here shares it (and a test can
# hand over the one it already loaded).
_EMBEDDERS: dict[tuple[str, str], object] = {}


def shared_embedder(model_path: str, model_name: str):
    from indexer.embedding import Embedder

    key = (str(model_path), model_name)
    if key not in _EMBEDDERS:
        _EMBEDDERS[key] = Embedder(str(model_path), model_name)
    return _EMBEDDERS[key]


def _open_index(index_dir: str | None):
    from service.index import IndexReader
    from storage.folder import IndexNotFound
    from storage.manifest import read_manifest

    if not index_dir:
        raise UsageError("--index-dir is required")
    manifest = read_manifest(Path(index_dir))
    if manifest is None:
        raise UsageError(f"no index in {index_dir}; build one with: minutebook index corpus/ --index-dir {index_dir}")
    model = manifest.get("model", {})
    try:
        return IndexReader(Path(index_dir), embedder=shared_embedder(model["path"], model["name"]))
    except (IndexNotFound, KeyError, FileNotFoundError) as exc:
        raise UsageError(f"cannot open the index in {index_dir}: {exc}") from None


def _load_questions(args):
    from .gold import load_questions

    try:
        qs = load_questions(args.questions, args.split)
    except FileNotFoundError:
        raise UsageError(f"questions file {args.questions} not found") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not qs:
        raise UsageError(f"no questions in split {args.split!r} of {args.questions}")
    return qs


def _clean(obj):
    """JSON-safe: NaN -> None."""
    if isinstance(obj, float) and math.isnan(obj):
        return None
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_clean(v) for v in obj]
    return obj


def write_outputs(results: dict, out: Path) -> None:
    from . import report

    results = _clean(results)
    (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    (out / "report.md").write_text(report.markdown(results), encoding="utf-8")
    report.chart(results, out / "chart.png")
    print(f"Split: {results['meta'].get('split')}\n")
    print(report.main_table(results))
    print()
    print(report.ratio_table(results))
    at = report.answer_table(results)
    if at:
        print()
        print(at)
    print(f"\nwrote {out / 'results.json'}, {out / 'report.md'}, {out / 'chart.png'}")


class CrossEncoderReranker:
    """Re-order the shipped hybrid's top candidates by a cross-encoder's (question, passage) score."""

    def __init__(self, path: str, retriever, candidates: int, passage_id=lambda p: str(p.id)):
        from sentence_transformers import CrossEncoder

        self.model = CrossEncoder(path, device="cpu", local_files_only=True)
        self.retriever = retriever
        self.candidates = candidates
        self.passage_id = passage_id

    def __call__(self, question: str) -> list[tuple[str, str]]:
        ps = self.retriever.search(question, k=self.candidates).passages
        if not ps:
            return []
        scores = self.model.predict([(question, p.text) for p in ps], show_progress_bar=False)
        order = sorted(range(len(ps)), key=lambda i: -float(scores[i]))
        return [(self.passage_id(ps[i]), ps[i].text) for i in order]


def _retrieve_fn(retriever, mode: str, k: int):
    def retrieve(question: str) -> list[tuple[str, str]]:
        return [(str(p.id), p.text) for p in retriever.search(question, k=k, mode=mode).passages]
    return retrieve


# --- gold evaluation ---------------------------------------------------------------------------


def _gold_config(name: str, args, index, collection: dict, results: dict):
    """(retrieve function, collection it ranks, naive baseline's facts) for one configuration;
    None when it cannot run here (noted in ``results["skipped"]``)."""
    from indexer.settings import RetrievalSettings
    from service.retrieval import Retriever

    if name in ("dense", "bm25", "hybrid"):
        return _retrieve_fn(Retriever(index, RetrievalSettings(mode=name)), name, args.k), collection, None
    if name == "hybrid+rerank":
        if not args.reranker:
            results["skipped"][name] = ("no cross-encoder configured (pass --reranker PATH to a "
                                        "sentence-transformers cross-encoder folder)")
            _progress(f"skipping {name}: {results['skipped'][name]}")
            return None
        results["meta"]["reranker"] = args.reranker
        return (CrossEncoderReranker(args.reranker, Retriever(index, RetrievalSettings()), args.rerank_candidates),
                collection, None)
    from .naive import OVERLAP_TOKENS, WINDOW_TOKENS, build_naive

    t0 = time.perf_counter()
    _progress("building the naive baseline (windows, embeddings, flat FAISS)...")
    with tempfile.TemporaryDirectory(prefix="minutebook-naive-") as tmp:
        naive = build_naive(index.dir, index.embedder, _cache_path(args), Path(tmp))
    facts = {"window_tokens": WINDOW_TOKENS, "overlap_tokens": OVERLAP_TOKENS, "windows": len(naive.ids),
             "build_s": round(time.perf_counter() - t0, 1)}
    return (lambda q, _n=naive: _n.search(q, args.k)), naive.collection, facts


def _gold_meta(args, questions, index, results: dict, naive_meta: dict | None) -> dict:
    from indexer.settings import AnswerSettings, RetrievalSettings

    from .report import BASELINES

    return {
        "title": "gold questions",
        "kind": "gold",
        "created": dt.datetime.now().isoformat(timespec="seconds"),
        "split": args.split,
        "questions_file": str(args.questions),
        "n_questions": len(questions),
        "n_answerable": sum(q.answerable for q in questions),
        "n_unanswerable": sum(not q.answerable for q in questions),
        "index_dir": str(args.index_dir),
        "index_version": index.version.name,
        "model": index.manifest.model.name,
        "k": args.k,
        "retrieval_defaults": RetrievalSettings().model_dump(),
        "answer_defaults": AnswerSettings().model_dump(),
        "baselines": [b for b in BASELINES if b in results["configs"]],
        "naive": naive_meta,
        "argv": args.argv,
    }


def run_gold(args) -> int:
    from indexer.embedding import set_threads
    from indexer.settings import Settings
    from service.services import build_services

    from .harness import evaluate, evaluate_answers
    from .report import best_baseline

    names = _configs(args.configs, ALL_CONFIGS)
    questions = _load_questions(args)
    if args.reranker and not Path(args.reranker).is_dir():
        raise UsageError(f"--reranker {args.reranker}: no such folder")
    set_threads(args.threads)
    index = _open_index(args.index_dir)
    out = _out_dir(args)
    with index.session() as db:
        collection = db.chunk_text_by_id()
    _progress(f"{len(questions)} {args.split} questions; index {index.version.name}, {len(collection)} chunks; "
              f"configs: {', '.join(names)}")
    index.embedder.encode_query("warm up")  # load the model before anything is timed

    results: dict = {"meta": {}, "skipped": {}, "configs": {}}
    naive_meta = None
    for name in names:
        t0 = time.perf_counter()
        config = _gold_config(name, args, index, collection, results)
        if config is None:
            continue
        retrieve, coll, facts = config
        naive_meta = facts or naive_meta
        _progress(f"evaluating {name}...")
        rep = evaluate(name, questions, retrieve, coll, k=args.k)
        if name == "hybrid" and not args.no_ask:
            _progress("running ask for every question (hybrid)...")
            # The shipped stack, as `minutebook ask` and the web form build it (default settings).
            # Extractive answers only, whatever MINUTEBOOK_LLM_URL says, so runs stay comparable.
            answerer = build_services(Settings(index_dir=index.dir), environ={}, index=index).answerer
            evaluate_answers(rep, questions, answerer.ask)
        results["configs"][name] = rep.to_json()
        s = rep.summary()
        _progress(f"  {name}: hit@5 {s['hit@5']:.3f}, MRR@10 {s['MRR@10']:.3f} ({time.perf_counter() - t0:.0f}s)")
    results["meta"].update(_gold_meta(args, questions, index, results, naive_meta))
    results["meta"]["best_baseline"] = best_baseline(results)
    write_outputs(results, out)
    return 0


# --- compare -----------------------------------------------------------------------------------


def run_structure(args) -> int:
    from indexer.embedding import set_threads
    from indexer.settings import Settings
    from service.retrieval import Retriever

    from . import structure

    labels_dir = Path(args.structure)
    papers = Path(args.papers) if args.papers else labels_dir.parent / "pdfs"
    if not papers.is_dir():
        raise UsageError(f"--papers {papers}: no such folder")
    try:
        labels = structure.load_labels(labels_dir)
    except (ValueError, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from None
    set_threads(args.threads)
    index = _open_index(args.index_dir)
    settings = Settings.load(args.config) if args.config else Settings()
    retriever = Retriever(index, settings.retrieval)
    scores = structure.score(labels, papers, index, retriever)
    summ = structure.summary(scores)
    report = structure.markdown(scores, summ)
    print(report)
    out = _out_dir(args)
    out.mkdir(parents=True, exist_ok=True)
    (out / "structure.md").write_text(report, encoding="utf-8")
    (out / "structure.json").write_text(json.dumps({"summary": summ, "files": [s.__dict__ for s in scores]},
                                                   indent=2, default=str), encoding="utf-8")
    _progress(f"wrote {out / 'structure.md'}, {out / 'structure.json'}")
    return 0


def run_compare(args) -> int:
    from .compare import compare_files

    for p in args.compare:
        if not Path(p.partition("#")[0]).exists():
            raise UsageError(f"{p.partition('#')[0]} not found")
    try:
        rows, md = compare_files(*args.compare)
    except (ValueError, json.JSONDecodeError) as exc:
        raise UsageError(str(exc)) from None
    print(md)
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "compare.md").write_text(md + "\n", encoding="utf-8")
        (out / "compare.json").write_text(json.dumps(_clean([{**r.__dict__, "diff": r.diff} for r in rows]), indent=1),
                                          encoding="utf-8")
        print(f"\nwrote {out / 'compare.md'}, {out / 'compare.json'}")
    return 0


# --- BEIR --------------------------------------------------------------------------------------


def run_beir_out(args) -> int:
    from storage.folder import current_version

    from .beir import gold_to_beir, write_beir

    questions = _load_questions(args)
    if not args.index_dir or current_version(Path(args.index_dir)) is None:
        raise UsageError(f"--beir-out needs an index: no index in {args.index_dir}")
    data, missing = gold_to_beir(questions, Path(args.index_dir))
    write_beir(args.beir_out, data)
    unanswerable = sum(not q.answerable for q in questions)
    print(f"wrote {args.beir_out}: {len(data.corpus)} passages, {len(data.queries)} queries, "
          f"{sum(len(v) for v in data.qrels.values())} qrels (split {args.split}; "
          f"{unanswerable} unanswerable questions left out)")
    if missing:
        print(f"note: {len(missing)} answerable questions have no chunk holding their evidence and were left out: "
              f"{', '.join(missing)}", file=sys.stderr)
    return 0


def _read_beir_queries(args):
    from .beir import read_beir

    folder = Path(args.beir_in)
    try:
        data = read_beir(folder)
    except (FileNotFoundError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    queries = [(qid, data.queries[qid]) for qid in data.qrels if qid in data.queries]
    if not queries:
        raise UsageError(f"{folder}: no query of the qrels is in queries.jsonl")
    return folder, data, queries


def _beir_configs(names: list[str], args, index, id_map: dict, results: dict):
    """(name, retrieve function) of each configuration that can run on a BEIR corpus."""
    from indexer.settings import RetrievalSettings
    from service.retrieval import Retriever

    for name in names:
        if name == "naive":
            results["skipped"][name] = "needs the documents' raw files; a BEIR corpus is already passages"
            continue
        if name == "hybrid+rerank":
            if not args.reranker:
                results["skipped"][name] = "no cross-encoder configured (pass --reranker PATH)"
                continue
            yield name, CrossEncoderReranker(args.reranker, Retriever(index, RetrievalSettings()),
                                             args.rerank_candidates, lambda p: id_map[p.id])
            continue
        retriever = Retriever(index, RetrievalSettings(mode=name))

        def retrieve(q, _r=retriever, _m=name):
            return [(id_map[p.id], p.text) for p in _r.search(q, k=args.k, mode=_m).passages]
        yield name, retrieve


def run_beir_in(args) -> int:
    from indexer.embedding import set_threads
    from indexer.settings import Settings
    from service.index import IndexReader

    from .beir import build_beir_index
    from .harness import evaluate_qrels

    names = _configs(args.configs, ALL_CONFIGS)
    if args.reranker and not Path(args.reranker).is_dir():
        raise UsageError(f"--reranker {args.reranker}: no such folder")
    folder, data, queries = _read_beir_queries(args)
    set_threads(args.threads)
    try:
        settings = Settings.load(args.config)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    embedder = shared_embedder(settings.model_path, settings.model_name)
    out = _out_dir(args)
    results: dict = {"meta": {}, "skipped": {}, "configs": {}}
    _progress(f"BEIR {folder}: {len(data.corpus)} passages, {len(queries)} judged queries; building a temporary index...")
    with tempfile.TemporaryDirectory(prefix="minutebook-beir-") as tmp:
        t0 = time.perf_counter()
        id_map = build_beir_index(data, Path(tmp) / "index", embedder, _cache_path(args))
        build_s = time.perf_counter() - t0
        index = IndexReader(Path(tmp) / "index", embedder=embedder)
        embedder.encode_query("warm up")
        for name, retrieve in _beir_configs(names, args, index, id_map, results):
            _progress(f"evaluating {name}...")
            results["configs"][name] = evaluate_qrels(name, queries, data.qrels, retrieve, k=args.k).to_json()
        del index
    results["meta"] = {
        "title": f"BEIR {folder.name}", "kind": "beir", "split": "test (qrels)", "beir_folder": str(folder),
        "created": dt.datetime.now().isoformat(timespec="seconds"), "n_questions": len(queries),
        "n_answerable": len(queries), "n_unanswerable": 0, "model": settings.model_name, "k": args.k,
        "corpus": len(data.corpus), "index_build_s": round(build_s, 1),
        "baselines": [b for b in ("dense", "bm25") if b in results["configs"]], "argv": args.argv,
    }
    write_outputs(results, out)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
