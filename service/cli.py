"""The ``minutebook`` command: index, search, ask, serve, decisions, eval."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import textwrap
from pathlib import Path

DEFAULT_INDEX = os.environ.get("MINUTEBOOK_INDEX_DIR", "index")


def _settings(args, **extra):
    from indexer.settings import Settings

    return Settings.load(getattr(args, "config", None), index_dir=args.index_dir, **extra)


def cmd_index(args) -> int:
    from indexer.pipeline import build_index
    from indexer.store import IncompatibleIndex

    try:
        settings = _settings(args, show_progress=None if not args.no_progress else False)
        paths = [Path(p) for p in args.paths]
        try:
            report = build_index(paths, settings, prune=args.prune, rebuild=args.rebuild, metadata_file=args.metadata)
        except IncompatibleIndex as exc:
            if not args.rebuild_if_incompatible:
                raise
            # After an upgrade that changes how chunks are made, the old index cannot be extended.
            print(f"note: {exc.reason}; rebuilding it from the given paths", file=sys.stderr)
            report = build_index(paths, settings, prune=args.prune, rebuild=True, metadata_file=args.metadata)
    except (IncompatibleIndex, ValueError, OSError, RuntimeError) as exc:
        # Settings mistakes, missing paths, unwritable index folders: one line saying what to fix.
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for f in report.failed:
        print(f"FAILED {f.path}: {f.reason}", file=sys.stderr)
    for f in report.incomplete:
        print(f"INCOMPLETE {f.path}: {f.reason}", file=sys.stderr)
    for p in report.missing:
        print(f"note: {p} is no longer in the given paths but stays indexed; use --prune to remove it",
              file=sys.stderr)
    c = report.counts
    changes = (f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
               f"{len(report.unchanged)} unchanged")
    print(f"indexed {report.index_dir}: {c.get('documents', 0)} documents, {c.get('parts', 0)} parts, "
          f"{c.get('chunks', 0)} chunks, {len(report.failed)} failed ({changes}; "
          f"{report.chunks_embedded} chunks embedded, {report.chunks_from_cache} from cache"
          + (f", {report.ocr_pages} pages OCR'd" if report.ocr_pages else "") + ") "
          f"in {report.seconds:.1f}s" + ("" if report.published else " - already up to date"))
    return 1 if report.failed or report.incomplete else 0


def _filters(args):
    from service.retrieval import Filters

    try:
        return Filters(body=args.body, doc_type=args.type, date_from=args.date_from, date_to=args.date_to,
                       item=args.item, organisation=args.organisation)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _open_index(args):
    from indexer.embedding import set_threads
    from indexer.settings import Settings
    from service.index import IndexNotFound, IndexReader

    settings = Settings.load(getattr(args, "config", None), index_dir=args.index_dir)
    set_threads(settings.threads)
    try:
        return settings, IndexReader(settings.index_dir)
    except IndexNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2)


def cmd_search(args) -> int:
    from service.citations import citation_text
    from service.retrieval import RetrievalConfig, Retriever

    settings, index = _open_index(args)
    retriever = Retriever(index, RetrievalConfig.from_settings(settings, mode=args.mode))
    res = retriever.search(args.query, k=args.k, filters=_filters(args), sort=args.sort)
    if args.json:
        print(json.dumps({"query": args.query, "results": [p.to_json() for p in res.passages],
                          "took_ms": round(res.took_ms, 1)}, indent=2, ensure_ascii=False))
        return 0
    if not res.passages:
        print("no passages found")
        return 0
    for n, p in enumerate(res.passages, 1):
        print(f"[{n}] {citation_text(p)}  (score {p.score:.3f})")
        print(f"    {p.document_title} · {p.heading}")
        if p.lead:
            print(textwrap.indent(textwrap.fill(f"{p.lead_label}: “{p.lead}”", 100), "    "))
        print(textwrap.indent(textwrap.fill(" ".join(p.text.split()), 100), "    "))
        print()
    return 0


def cmd_ask(args) -> int:
    from service.answers import answerer_for
    from service.citations import citation_text

    settings, index = _open_index(args)
    ans = answerer_for(index, settings).ask(args.question, _filters(args))
    if args.json:
        print(json.dumps(ans.to_json(), indent=2, ensure_ascii=False))
        return 0
    if ans.note:
        print(textwrap.fill(f"({ans.note})", 100))
    for line in ans.answer.splitlines():  # a dated history: one line per meeting
        print(textwrap.fill(line, 100, subsequent_indent="    " if ans.history else ""))
    print()
    shown = ans.passages if not ans.answered else ans.passages[: max(n for _, n in ans.sentences)]
    print("Sources:" if ans.answered else "Closest passages (not an answer):")
    for n, p in enumerate(shown, 1):
        print(f"[{n}] {citation_text(p)}")
    return 0


def cmd_serve(args) -> int:
    import uvicorn

    if "MALLOC_ARENA_MAX" not in os.environ and os.path.exists(sys.argv[0]):
        # glibc gives every request thread its own malloc arena; two arenas cut the server's
        # resident memory by ~200 MB (docs/benchmarks.md). glibc reads it at start-up: re-exec.
        os.environ["MALLOC_ARENA_MAX"] = "2"
        os.execv(sys.executable, [sys.executable, sys.argv[0], *sys.argv[1:]])

    os.environ["MINUTEBOOK_INDEX_DIR"] = str(args.index_dir)
    if args.config:
        os.environ["MINUTEBOOK_CONFIG"] = str(Path(args.config).resolve())
    from indexer.store import current_version

    if current_version(Path(args.index_dir)) is None:
        print(f"error: no index in {args.index_dir}; build one with: minutebook index corpus/ --index-dir {args.index_dir}",
              file=sys.stderr)
        return 2
    print(f"serving {args.index_dir} on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    uvicorn.run("service.app:app_from_env", factory=True, host=args.host, port=args.port, workers=args.workers,
                log_level="warning")
    return 0


def _add_filter_args(sp):
    sp.add_argument("--organisation", help="only this organisation, e.g. 'Kent County Council'")
    sp.add_argument("--body", help="only this body, e.g. 'Cabinet'")
    sp.add_argument("--type", help="only this document type: agenda, minutes, report, appendix, decision_record, ...")
    sp.add_argument("--date-from", dest="date_from", help="YYYY-MM-DD")
    sp.add_argument("--date-to", dest="date_to", help="YYYY-MM-DD")
    sp.add_argument("--item", help="only this agenda item number")


def cmd_decisions(args) -> int:
    from service.decisions import DecisionQuery, DecisionRegister, timeline, to_csv, votes_text

    settings, index = _open_index(args)
    reg = DecisionRegister(index)
    if args.kind and args.kind not in reg.kinds:
        print(f"error: unknown kind {args.kind!r}; use one of: {', '.join(reg.kinds)}", file=sys.stderr)
        return 2
    try:
        query = DecisionQuery(q=args.topic, kind=args.kind, body=args.body, organisation=args.organisation,
                              date_from=args.date_from,
                              date_to=args.date_to, limit=args.limit)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    records, total = reg.search(query)
    if args.json:
        print(json.dumps({"decisions": records, "total": total}, indent=2, ensure_ascii=False))
        return 0
    if args.csv:
        sys.stdout.write(to_csv(records))
        return 0
    if not records:
        print("no decisions found")
        return 0
    for group in timeline(records) if args.topic else [{"meeting_date": None, "decided_by": None, "decisions": records}]:
        if args.topic:
            from indexer.chunking import format_date

            print(f"{format_date(group['meeting_date']) or 'date not stated'} – {group['decided_by']}")
        for r in group["decisions"]:
            where = f"item {r['item']}" if r["item"] else (f"decision {r['number']}" if r["number"] else "")
            votes = votes_text(r.get("votes"))
            print(f"  [{r['kind']}: {r['outcome']}{' – ' + votes if votes else ''}] {where}".rstrip())
            print(textwrap.indent(textwrap.fill(" ".join(r["text"].split()), 96), "    "))
    print(f"({len(records)} of {total} shown)")
    return 0


def cmd_eval(args) -> int:
    from evals.run import main as eval_main

    return eval_main(args.rest)  # everything after "eval" belongs to evals.run


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="minutebook", description="Cited question answering over meeting papers.")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True)

    sp = sub.add_parser("index", help="build or update an index folder from PDF/.txt/.md files")
    sp.add_argument("paths", nargs="+", help="files or folders to index")
    sp.add_argument("--index-dir", default=DEFAULT_INDEX, help=f"index folder (default: {DEFAULT_INDEX})")
    sp.add_argument("--config", help="settings JSON file")
    sp.add_argument("--prune", action="store_true", help="remove documents whose files are gone")
    sp.add_argument("--metadata", metavar="FILE", help="metadata CSV/JSON (file, organisation, body, meeting_date, "
                    "document_date, type, title, source_url) overriding detection; default: metadata.csv or "
                    "metadata.json in each folder indexed")
    sp.add_argument("--rebuild", action="store_true", help="ignore the existing index and build afresh")
    sp.add_argument("--rebuild-if-incompatible", action="store_true",
                    help="if the index was built with other settings (say, by an older Minutebook), rebuild it "
                         "from the given paths instead of refusing; the old version is replaced only when the "
                         "new one is complete")
    sp.add_argument("--no-progress", action="store_true", help="no progress bar")
    sp.set_defaults(func=cmd_index)

    sp = sub.add_parser("search", help="top passages for a question, with citations")
    sp.add_argument("query")
    sp.add_argument("--index-dir", default=DEFAULT_INDEX)
    sp.add_argument("--config")
    sp.add_argument("--k", type=int, default=10)
    sp.add_argument("--mode", choices=["hybrid", "dense", "bm25"], default="hybrid")
    sp.add_argument("--sort", choices=["relevance", "date"], default="relevance")
    sp.add_argument("--json", action="store_true")
    _add_filter_args(sp)
    sp.set_defaults(func=cmd_search)

    sp = sub.add_parser("ask", help="a short extractive answer with cited sources")
    sp.add_argument("question")
    sp.add_argument("--index-dir", default=DEFAULT_INDEX)
    sp.add_argument("--config")
    sp.add_argument("--json", action="store_true")
    _add_filter_args(sp)
    sp.set_defaults(func=cmd_ask)

    sp = sub.add_parser("serve", help="serve the web form and JSON API")
    sp.add_argument("--index-dir", default=DEFAULT_INDEX)
    sp.add_argument("--config")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument("--workers", type=int, default=1, help="worker processes (each uses one thread)")
    sp.set_defaults(func=cmd_serve)

    sp = sub.add_parser("decisions", help="the register of decisions, recommendations and actions")
    sp.add_argument("topic", nargs="?", help="search decision text (omit for newest first)")
    sp.add_argument("--index-dir", default=DEFAULT_INDEX)
    sp.add_argument("--config")
    sp.add_argument("--kind", help="resolution, recommendation, action, decision_notice, minutes or motion")
    sp.add_argument("--organisation")
    sp.add_argument("--body")
    sp.add_argument("--date-from", dest="date_from")
    sp.add_argument("--date-to", dest="date_to")
    sp.add_argument("--limit", type=int, default=50)
    out = sp.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--csv", action="store_true")
    sp.set_defaults(func=cmd_decisions)

    sp = sub.add_parser("eval", help="score retrieval configurations on gold questions (see evals/README.md)",
                        add_help=False)
    sp.set_defaults(func=cmd_eval)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if args.command == "eval":
        args.rest = rest
    elif rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if hasattr(args, "k") and not 1 <= args.k <= 50:
        parser.error("--k must be between 1 and 50")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
