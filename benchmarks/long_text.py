"""Seconds per stage for one long, repetitive text file (a 'minutes' of one paragraph repeated):
the shape that made chunking and the decisions extractor quadratic. Prints one line per size.

    .venv/bin/python benchmarks/long_text.py --sizes 1,2,4,8
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PARA = ("The Panel noted the report on policing in the county and agreed to receive a further update at its "
        "next meeting.\n\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,2,4,8", help="file sizes in MB")
    args = ap.parse_args()
    from indexer.chunking import Chunker
    from indexer.decisions import extract_decisions
    from indexer.embedding import Embedder
    from indexer.settings import Settings
    from indexer.sources import read_source
    from indexer.structure import analyse

    s = Settings()
    emb = Embedder(s.model_path, s.model_name)
    chunker = Chunker(s.chunker, emb.wordpiece_len, emb.max_seq_length, s.names)
    with tempfile.TemporaryDirectory() as tmp:
        for mb in (float(x) for x in args.sizes.split(",")):
            path = Path(tmp) / f"long-{mb:g}.txt"
            path.write_text("MINUTES\n\n" + PARA * int(mb * 1e6 / len(PARA)))
            t = [time.perf_counter()]
            src = read_source(path, path.name)
            t.append(time.perf_counter())
            doc = analyse(src, "long")
            t.append(time.perf_counter())
            chunks = chunker.chunk_document(doc)
            t.append(time.perf_counter())
            decisions = extract_decisions(doc)
            t.append(time.perf_counter())
            steps = [b - a for a, b in zip(t, t[1:])]
            print(f"{mb:g} MB: read {steps[0]:.2f} s, structure {steps[1]:.2f} s, chunk {steps[2]:.2f} s, "
                  f"decisions {steps[3]:.2f} s ({len(chunks)} chunks, {len(decisions)} decisions)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
