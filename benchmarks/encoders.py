"""Benchmark: the torch encoder and the int8 ONNX one side by side, in one run, on the same texts.

For each encoder: a full build of the corpus (the corpus's own settings), texts/s of the encoder
alone on every text that build embedded (model warm, both cores), and the dev split's
retrieval figures of its index (hit@5, MRR@10 of dense and hybrid; `evals.run`, no answers).
Also the cosine between the two encoders' vectors of each text.

Usage: .venv/bin/python benchmarks/encoders.py [--corpus corpus] [--split dev]
Prints figures; record them in docs/benchmarks.md with the command, machine and date.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

ENCODERS = ("torch", "onnx-int8")


def _settings(corpus: Path, index_dir: Path, encoder: str):
    from indexer.settings import Settings

    config = corpus / "minutebook.json"
    return Settings.load(config if config.exists() else None, index_dir=index_dir, encoder=encoder,
                         show_progress=False)


def _retrieval(index_dir: Path, split: str, out: Path) -> dict:
    """Dense and hybrid summary figures of the gold split on this index (no answers)."""
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-m", "evals.run", "--index-dir", str(index_dir), "--split", split,
                    "--configs", "dense,hybrid", "--no-ask", "--out", str(out)],
                   cwd=root, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    configs = json.loads((out / "results.json").read_text())["configs"]
    return {name: configs[name]["summary"] for name in ("dense", "hybrid")}


def _speed(embedder, texts: list[str], repeat: int):
    """Best texts/s of ``repeat`` encodes of ``texts`` (model loaded and warmed first), and the vectors."""
    embedder.encode(texts[:64], progress=False)
    best, vecs = 0.0, None
    for _ in range(repeat):
        t = time.perf_counter()
        vecs = embedder.encode(texts, progress=False)
        best = max(best, len(texts) / (time.perf_counter() - t))
    return best, vecs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--repeat", type=int, default=2, help="encodes of the texts per encoder (best kept)")
    args = ap.parse_args()

    from index_build import _embedded_texts
    from indexer.embedding import Embedder
    from indexer.pipeline import build_index

    corpus = Path(args.corpus).resolve()
    rows, vectors = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        texts = None
        for encoder in ENCODERS:
            settings = _settings(corpus, Path(tmp) / encoder / "index", encoder)
            t0 = time.perf_counter()
            report = build_index([corpus], settings)
            build_s = time.perf_counter() - t0
            texts = texts or _embedded_texts(settings, corpus)  # the torch build's texts, for both
            emb = Embedder(settings.model_path, settings.model_name, settings.batch_size, encoder,
                           settings.index_dir / "encoders")
            speed, vectors[encoder] = _speed(emb, texts, args.repeat)
            rows[encoder] = {"build_s": build_s, "texts_s": speed, "chunks": report.counts["chunks"],
                             **_retrieval(settings.index_dir, args.split, Path(tmp) / encoder / "eval")}
    cos = (vectors["torch"] * vectors["onnx-int8"]).sum(axis=1)

    print(f"machine: {platform.node()} {platform.machine()} {os.cpu_count()} cores, python {platform.python_version()}")
    print(f"texts: {len(texts)} (every chunk, sentence window and decision text of {args.corpus})")
    print(f"{'encoder':10} {'build s':>8} {'texts/s':>8} {'dense hit@5':>11} {'dense MRR':>9} "
          f"{'hybrid hit@5':>12} {'hybrid MRR':>10}")
    for encoder, r in rows.items():
        print(f"{encoder:10} {r['build_s']:8.1f} {r['texts_s']:8.1f} {r['dense']['hit@5']:11.3f} "
              f"{r['dense']['MRR@10']:9.3f} {r['hybrid']['hit@5']:12.3f} {r['hybrid']['MRR@10']:10.3f}")
    base, new = rows["torch"], rows["onnx-int8"]
    print(f"speed-up: encoder {new['texts_s'] / base['texts_s']:.2f}x, whole build {base['build_s'] / new['build_s']:.2f}x; "
          f"hybrid MRR@10 {new['hybrid']['MRR@10'] - base['hybrid']['MRR@10']:+.4f}, "
          f"dense {new['dense']['MRR@10'] - base['dense']['MRR@10']:+.4f} ({args.split} split)")
    print(f"cosine torch vs onnx-int8 per text: min {cos.min():.4f}, mean {cos.mean():.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
