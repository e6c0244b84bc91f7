"""Benchmark: full build of corpus/, pipeline overhead vs model.encode alone, no-change re-index.

Usage: .venv/bin/python benchmarks/index_build.py [--corpus corpus] [--repeat-encode 1]
Prints figures; record them in docs/benchmarks.md with the command, machine and date.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def _embedded_texts(settings, corpus: Path) -> list[str]:
    """Every distinct text a build of ``corpus`` embeds: chunks, sentence windows, decisions."""
    from indexer.decisions import extract_decisions
    from indexer.pipeline import _decision_embed_text, document_id
    from indexer.sources import discover, read_source
    from indexer.structure import analyse
    from service.index import IndexReader

    with IndexReader(settings.index_dir).session() as db:
        texts = list(dict.fromkeys(db.embed_texts()))
        doc_text = db.document_texts()
        # ...and every chunk's sentence windows (indexer/sentences.py).
        windows = [doc_text[d][a:b] for d, a, b in db.sentence_spans()]
    # The build also embeds the decisions register's texts.
    for p, disp in discover([corpus]):
        doc = analyse(read_source(p, disp), document_id(disp))
        texts += [_decision_embed_text(d) for d in extract_decisions(doc)]
    return list(dict.fromkeys(texts + windows))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0 = torch default)")
    args = ap.parse_args()

    from indexer.embedding import Embedder, set_threads
    from indexer.pipeline import build_index
    from indexer.settings import Settings

    if args.threads:
        set_threads(args.threads)
    import torch

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp) / "index", show_progress=False)
        t0 = time.perf_counter()
        report = build_index([Path(args.corpus)], settings)
        full = time.perf_counter() - t0
        chunks = report.counts["chunks"]
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        # model.encode alone on exactly the texts the build embedded, same process, model warm.
        texts = _embedded_texts(settings, Path(args.corpus))
        emb = Embedder(settings.model_path, settings.model_name, settings.batch_size)
        emb.encode(["warm up"], progress=False)
        t1 = time.perf_counter()
        emb.encode(texts, progress=False)
        encode_only = time.perf_counter() - t1

        t2 = time.perf_counter()
        again = build_index([Path(args.corpus)], settings)
        noop = time.perf_counter() - t2
        assert not again.published and again.chunks_embedded == 0

    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cores, torch threads {torch.get_num_threads()}, "
          f"python {platform.python_version()}")
    print(f"corpus: {args.corpus} -> {report.counts['documents']} documents, {report.counts['parts']} parts, {chunks} chunks, "
          f"{report.counts.get('sentences', 0)} sentence windows, {report.counts.get('decisions', 0)} decisions")
    print(f"full build: {full:.1f} s ({chunks / full:.1f} chunks/s); peak RSS {rss_mb:.0f} MB")
    print("  stages: " + ", ".join(f"{k} {v:.1f}s" for k, v in report.timings.items()))
    print(f"model.encode alone on the same {len(texts)} texts: {encode_only:.1f} s ({len(texts) / encode_only:.1f} texts/s)")
    print(f"build / encode-only: {full / encode_only:.3f}  (target <= 1.15); "
          f"excluding the one-off model load ({report.timings.get('model_load_s', 0):.1f} s): "
          f"{(full - report.timings.get('model_load_s', 0)) / encode_only:.3f}")
    print(f"no-change re-index: {noop * 1000:.0f} ms = {100 * noop / full:.2f}% of the full build (target <= 5%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
