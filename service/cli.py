"""The ``minutebook`` command: index, search, ask, serve, decisions, eval."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import textwrap
from pathlib import Path

from service.requests import DEFAULT_DECISIONS, DEFAULT_K, MAX_DECISIONS, MAX_K, MODES, SORTS

DEFAULT_INDEX = os.environ.get("MINUTEBOOK_INDEX_DIR", "index")


def _between(lo: int, hi: int):
    """An argparse type: an integer in [lo, hi] (the request layer's limits, checked before the
    index is opened)."""
    def parse(value: str) -> int:
        n = int(value)
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"must be between {lo} and {hi} (got {n})")
        return n
    return parse


def _settings(args, **extra):
    from indexer.settings import Settings

    return Settings.load(getattr(args, "config", None), index_dir=args.index_dir, **extra)


# Exit codes of ``minutebook`` (README "Exit codes").
EXIT_OK, EXIT_FILES_FAILED, EXIT_USAGE, EXIT_INDEX_UNUSABLE = 0, 1, 2, 3


def _ray(args):
    """The Ray encoding ``--ray`` asks for (None: embed here); ValueError when Ray is not installed."""
    if not args.ray:
        return None
    import importlib.util

    if importlib.util.find_spec("ray") is None:
        raise ValueError("--ray needs Ray, an optional extra: pip install 'minutebook[ray]'")
    from indexer.distributed import RayEncoding

    return RayEncoding(args.ray, workers=args.ray_workers)


def cmd_index(args) -> int:
    from indexer.pipeline import build_index
    from storage.folder import IncompatibleIndex, IndexUnusable

    try:
        settings = _settings(args, show_progress=None if not args.no_progress else False)
        paths = [Path(p) for p in args.paths]
        remote = _ray(args)
        try:
            report = build_index(paths, settings, prune=args.prune, rebuild=args.rebuild, metadata_file=args.metadata,
                                 remote=remote)
        except IncompatibleIndex as exc:
            if not args.rebuild_if_incompatible:
                raise
            # After an upgrade that changes how chunks are made, the old index cannot be extended.
            print(f"note: {exc.reason}; rebuilding it from the given paths", file=sys.stderr)
            report = build_index(paths, settings, prune=args.prune, rebuild=True, metadata_file=args.metadata,
                                 remote=remote)
    except IndexUnusable as exc:
        # Disk full, read-only, locked: the index folder, not the request, is the problem.
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INDEX_UNUSABLE
    except (IncompatibleIndex, ValueError, OSError, RuntimeError) as exc:
        # Settings mistakes, missing paths: one line saying what to fix.
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
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
    return EXIT_FILES_FAILED if report.failed or report.incomplete else EXIT_OK


def _services(args, mode: str | None = None):
    """The services over the index named on the command line (exits 2 when there is none)."""
    from indexer.embedding import set_threads
    from service.services import build_services
    from storage.folder import IndexNotFound

    settings = _settings(args)
    set_threads(settings.service.threads)
    try:
        return build_services(settings, mode=mode)
    except IndexNotFound as exc:
        print(f"error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _filter_args(args) -> dict:
    return {"body": args.body, "doc_type": args.type, "date_from": args.date_from, "date_to": args.date_to,
            "item": args.item, "organisation": args.organisation}


def _checked(make):
    """A request from the request layer; its error is printed as one line and the run exits 2."""
    from service.requests import RequestError

    try:
        return make()
    except RequestError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        raise SystemExit(2) from None


def _print_json(data: dict) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def cmd_search(args) -> int:
    from service.citations import citation_text
    from service.requests import search_request
    from service.serialise import search_json

    svc = _services(args)
    req = _checked(lambda: search_request(svc.choices, args.query, args.k, args.sort, args.mode, **_filter_args(args)))
    res = svc.retriever.search(req.query, k=req.k, filters=req.filters, sort=req.sort, mode=req.mode)
    if args.json:
        _print_json(search_json(res))
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
    from service.citations import citation_text
    from service.requests import ask_request
    from service.serialise import answer_json

    svc = _services(args)
    req = _checked(lambda: ask_request(svc.choices, args.question, **_filter_args(args)))
    ans = svc.answerer.ask(req.question, req.filters)
    if args.json:
        _print_json(answer_json(ans))
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


# uvicorn refuses a request line over 16 KB itself, in plain text; with room for 1 MB the app
# answers an over-long address with its own JSON error (service/protection.py).
H11_MAX_REQUEST_HEAD = 1 << 20


def _say_if_empty(index_dir: Path) -> None:
    """An index of no documents is served (its page says why), with the failed files named here too."""
    from storage.manifest import read_manifest

    manifest = read_manifest(index_dir) or {}
    if manifest.get("counts", {}).get("documents"):
        return
    failed = {p: f.get("reason") for p, f in manifest.get("files", {}).items() if f.get("status") == "failed"}
    print(f"note: the index in {index_dir} holds no documents" + (f"; {len(failed)} files failed:" if failed else ""),
          file=sys.stderr)
    for path, reason in sorted(failed.items()):
        print(f"  {path}: {reason}", file=sys.stderr)


def cmd_serve(args) -> int:
    import uvicorn

    if "MALLOC_ARENA_MAX" not in os.environ and os.path.exists(sys.argv[0]):
        # glibc gives every request thread its own malloc arena; two arenas cut the server's
        # resident memory by ~200 MB (docs/benchmarks.md). glibc reads it at start-up: re-exec.
        os.environ["MALLOC_ARENA_MAX"] = "2"
        os.execv(sys.executable, [sys.executable, sys.argv[0], *sys.argv[1:]])

    from storage.folder import current_version

    try:
        settings = _settings(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if current_version(Path(args.index_dir)) is None:
        print(f"error: no index in {args.index_dir}; build one with: minutebook index corpus/ --index-dir {args.index_dir}",
              file=sys.stderr)
        return 2
    _say_if_empty(Path(args.index_dir))
    print(f"serving {args.index_dir} on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    if args.workers == 1:
        from service.app import create_app

        uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning",
                    h11_max_incomplete_event_size=H11_MAX_REQUEST_HEAD)
        return 0
    # Worker processes import the app by name: the settings can reach them only as the
    # environment (service.app.app_from_env reads these two).
    os.environ["MINUTEBOOK_INDEX_DIR"] = str(args.index_dir)
    if args.config:
        os.environ["MINUTEBOOK_CONFIG"] = str(Path(args.config).resolve())
    uvicorn.run("service.app:app_from_env", factory=True, host=args.host, port=args.port, workers=args.workers,
                log_level="warning", h11_max_incomplete_event_size=H11_MAX_REQUEST_HEAD)
    return 0


def _add_filter_args(sp):
    sp.add_argument("--organisation", help="only this organisation, e.g. 'Kent County Council'")
    sp.add_argument("--body", help="only this body, e.g. 'Cabinet'")
    sp.add_argument("--type", help="only this document type: agenda, minutes, report, appendix, decision_record, ...")
    sp.add_argument("--date-from", dest="date_from", help="YYYY-MM-DD")
    sp.add_argument("--date-to", dest="date_to", help="YYYY-MM-DD")
    sp.add_argument("--item", help="only this agenda item number")


def _print_history(records: list[dict], by_meeting: bool) -> None:
    """Register records as text: grouped by meeting, oldest first, for a topic; else as listed."""
    from indexer.chunking import format_date
    from service.decisions import timeline, votes_text

    groups = timeline(records) if by_meeting else [{"meeting_date": None, "decided_by": None, "decisions": records}]
    for group in groups:
        if by_meeting:
            print(f"{format_date(group['meeting_date']) or 'date not stated'} – {group['decided_by']}")
        for r in group["decisions"]:
            where = f"item {r['item']}" if r["item"] else (f"decision {r['number']}" if r["number"] else "")
            votes = votes_text(r.get("votes"))
            print(f"  [{r['kind']}: {r['outcome']}{' – ' + votes if votes else ''}] {where}".rstrip())
            print(textwrap.indent(textwrap.fill(" ".join(r["text"].split()), 96), "    "))


def cmd_decisions(args) -> int:
    from service.requests import decisions_request
    from service.serialise import decisions_csv, decisions_json

    svc = _services(args)
    query = _checked(lambda: decisions_request(svc.choices, args.topic, args.kind, args.body, args.date_from,
                                               args.date_to, args.limit, args.organisation))
    records, total = svc.register.search(query)
    if args.json:
        _print_json(decisions_json(records, total))
        return 0
    if args.csv:
        sys.stdout.write(decisions_csv(records))
        return 0
    if not records:
        print("no decisions found")
        return 0
    _print_history(records, by_meeting=bool(query.q))
    print(f"({len(records)} of {total} shown)")
    return 0


def cmd_eval(args) -> int:
    from evals.run import main as eval_main

    return eval_main(args.rest)  # everything after "eval" belongs to evals.run


def _add_index(sub) -> None:
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
    sp.add_argument("--ray", metavar="ADDRESS",
                    help="embed on a Ray cluster: 'auto' (the cluster this machine is in), ray://HOST:PORT, or "
                         "'local' (a Ray instance here); needs pip install 'minutebook[ray]'")
    sp.add_argument("--ray-workers", type=_between(1, 1024), default=2, metavar="N",
                    help="Ray actors encoding at once, one CPU each (default: 2)")
    sp.set_defaults(func=cmd_index)


def _add_search(sub) -> None:
    sp = sub.add_parser("search", help="top passages for a question, with citations")
    sp.add_argument("query")
    sp.add_argument("--index-dir", default=DEFAULT_INDEX)
    sp.add_argument("--config")
    sp.add_argument("--k", type=_between(1, MAX_K), default=DEFAULT_K, help=f"passages to show (1-{MAX_K})")
    sp.add_argument("--mode", choices=MODES, help="retrieval to use (default: the settings', hybrid)")
    sp.add_argument("--sort", choices=SORTS, default="relevance")
    sp.add_argument("--json", action="store_true")
    _add_filter_args(sp)
    sp.set_defaults(func=cmd_search)


def _add_ask(sub) -> None:
    sp = sub.add_parser("ask", help="a short extractive answer with cited sources")
    sp.add_argument("question")
    sp.add_argument("--index-dir", default=DEFAULT_INDEX)
    sp.add_argument("--config")
    sp.add_argument("--json", action="store_true")
    _add_filter_args(sp)
    sp.set_defaults(func=cmd_ask)


def _add_serve(sub) -> None:
    sp = sub.add_parser("serve", help="serve the web form and JSON API")
    sp.add_argument("--index-dir", default=DEFAULT_INDEX)
    sp.add_argument("--config")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument("--workers", type=int, default=1, help="worker processes (each uses one thread)")
    sp.set_defaults(func=cmd_serve)


def _add_decisions(sub) -> None:
    sp = sub.add_parser("decisions", help="the register of decisions, recommendations and actions")
    sp.add_argument("topic", nargs="?", help="search decision text (omit for newest first)")
    sp.add_argument("--index-dir", default=DEFAULT_INDEX)
    sp.add_argument("--config")
    sp.add_argument("--kind", help="resolution, recommendation, action, decision_notice, minutes or motion")
    sp.add_argument("--organisation")
    sp.add_argument("--body")
    sp.add_argument("--date-from", dest="date_from")
    sp.add_argument("--date-to", dest="date_to")
    sp.add_argument("--limit", type=_between(1, MAX_DECISIONS), default=DEFAULT_DECISIONS,
                    help=f"records to show (1-{MAX_DECISIONS})")
    out = sp.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--csv", action="store_true")
    sp.set_defaults(func=cmd_decisions)


def _add_eval(sub) -> None:
    sp = sub.add_parser("eval", help="score retrieval configurations on gold questions (see evals/README.md)",
                        add_help=False)
    sp.set_defaults(func=cmd_eval)

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="minutebook", description="Cited question answering over meeting papers.")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True)
    _add_index(sub)
    _add_search(sub)
    _add_ask(sub)
    _add_serve(sub)
    _add_decisions(sub)
    _add_eval(sub)
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
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
