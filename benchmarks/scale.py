"""Benchmark: the whole service over a synthetic archive of 100k or 1M chunks.

The archive is made from a real index (default: a build of corpus/ in a temporary folder):
- text: each chunk is the real archive's sentences recombined at random (about a real chunk's
  length), so FTS5 sees the real vocabulary and word frequencies; every document has agenda
  items with real item titles, pages, sentence windows and a few real decisions;
- vectors: each chunk's is a mix of two real chunk vectors plus noise, normalised; its windows'
  are its own vector, perturbed; decisions keep their real vectors (no encoding: a million chunks
  would take days on 2 cores);
- metadata: bodies, types, organisations of the real archive, meeting dates over 2010-2026.

It is written through the real IndexWriter (FAISS switches to IVF above 200k vectors and the
BM25 top-k matrix is built from 20k chunks, as in a real build) and served by the real
``minutebook serve``; requests go over HTTP from this process.

Reports: write time, folder size, server start (launch to first /healthz), PSS/RSS after the
requests, /api/search p50/p95 (plain questions, filtered by body and dates, a query of common
words), /api/ask p50, /api/decisions p50.

The server encodes questions with the source index's encoder (an index built with
``"encoder": "onnx-int8"`` gives its export to the archive).

Usage: .venv/bin/python benchmarks/scale.py --chunks 100000 [--keep /tmp/scale100k] [--source-index DIR]
Needs ~11 GB of disk per million chunks. Prints figures for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parents[1]

CHUNKS_PER_DOC = 200
ITEMS_PER_DOC = 10
CHUNK_WORDS = 150  # a 200-token chunk
COMMON = ["the report of the meeting", "an update on the plan for the year", "members noted the report",
          "what was said at the meeting about the work"]
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9£])")


@dataclass
class Source:
    """What the synthetic archive is made of, read from a real index."""

    sentences: list[str]
    item_titles: list[str]
    vectors: np.ndarray  # the real chunk vectors
    bodies: list[str]
    types: list[str]
    organisations: list[str]
    decisions: list[tuple[dict, np.ndarray]]
    decision_rate: float  # decisions per chunk in the real archive
    vocabulary: tuple[list[str], np.ndarray] | None
    manifest: dict


def read_source(index_dir: Path) -> Source:
    import faiss

    from service.index import IndexReader

    reader = IndexReader(index_dir)
    with reader.session() as db:
        texts = list(db.chunk_texts())
        titles = {it["title"] for d in db.documents() for it in db.items(d["id"]) if it["title"]}
        decisions = [(rec, vec) for _, rec, vec in db.decisions()]
        vocabulary = db.vocabulary()
    sentences = sorted({s.strip() for t in texts for s in SENTENCE.split(t) if len(s.split()) >= 4})
    inner = faiss.downcast_index(reader.faiss)
    vectors = faiss.downcast_index(inner.index).reconstruct_n(0, reader.faiss.ntotal)
    return Source(sentences, sorted(titles), vectors, reader.bodies or ["Committee"], reader.types or ["minutes"],
                  reader.organisations or ["Council"], decisions, len(decisions) / max(1, len(texts)), vocabulary,
                  reader.manifest.raw)


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v, axis=-1, keepdims=True)).astype("float32")


def chunk_id(doc_id: str, n: int) -> int:
    return int.from_bytes(hashlib.blake2b(f"{doc_id}/{n}".encode(), digest_size=8).digest(), "big") >> 1


def _text(rng: np.random.Generator, src: Source) -> str:
    out, words = [], 0
    while words < CHUNK_WORDS:
        s = src.sentences[rng.integers(len(src.sentences))]
        out.append(s)
        words += len(s.split())
    return " ".join(out)


def _decision(src: Source, rng, doc_id: str, start: int, meta: dict):
    from indexer.decisions import Decision

    rec, vec = src.decisions[rng.integers(len(src.decisions))]
    names = {f.name for f in fields(Decision)}
    d = Decision(**{k: v for k, v in rec.items() if k in names})
    d.document_id, d.start, d.end, d.part = doc_id, start, start + len(d.text), 0
    d.id = hashlib.sha256(f"{doc_id}/{start}".encode()).hexdigest()[:16]
    d.meeting_date, d.decided_by = meta["date"], meta["body"]
    return d, vec


def make_document(k: int, src: Source, rng: np.random.Generator):
    """The k-th synthetic paper: its Document, chunks, vectors, windows, window vectors, decisions."""
    # long: builds one document's records and their offsets in one pass over its items
    from indexer.chunking import lexical_context
    from indexer.records import Chunk, Document, Item, PageSpan, Part
    from indexer.sentences import SentenceWindow

    doc_id = f"synthetic-{k:07d}"
    meta = {"body": src.bodies[k % len(src.bodies)], "type": src.types[k % len(src.types)],
            "org": src.organisations[k % len(src.organisations)],
            "date": f"{2010 + k % 17}-{1 + k % 12:02d}-{1 + k % 28:02d}"}
    context = lexical_context(meta["body"], meta["date"], meta["type"])
    text, chunks, windows, items, decisions, pages = [], [], [], [], [], []
    pos, n = 0, 0
    for i in range(ITEMS_PER_DOC):
        title = src.item_titles[rng.integers(len(src.item_titles))]
        items.append(Item(str(i + 1), None, title, 0, pos, 1 + n // 2))
        heading = f"{i + 1}. {title}\n\n"
        text.append(heading)
        pos += len(heading)
        for _ in range(CHUNKS_PER_DOC // ITEMS_PER_DOC):
            body = _text(rng, src)
            if src.decisions and rng.random() < src.decision_rate:
                d, dvec = _decision(src, rng, doc_id, pos + len(body) + 1, meta)
                body = f"{body} {d.text}"
                decisions.append((d, dvec))
            cid, page = chunk_id(doc_id, n), 1 + n // 2
            chunks.append(Chunk(cid, doc_id, 0, meta["type"], str(i + 1), title, title, None, meta["date"],
                                meta["body"], pos, pos + len(body), page, page, str(page), body, body,
                                int(len(body.split()) * 1.3), organisation=meta["org"], context=context))
            at = pos
            for w, sent in enumerate(SENTENCE.split(body)):
                windows.append(SentenceWindow(cid, w, at, at + len(sent), sent))
                at += len(sent) + 1
            text.append(body + "\n\n")
            pos += len(body) + 2
            n += 1
    for p in range(0, n, 2):
        start = chunks[p].start
        end = chunks[min(p + 1, n - 1)].end
        pages.append(PageSpan(start, end, 1 + p // 2, printed=str(1 + p // 2)))
    full = "".join(text)
    doc = Document(doc_id, f"synthetic/{doc_id}.pdf", "pdf", hashlib.sha256(full.encode()).hexdigest(),
                   f"{meta['body']} {meta['type']} {meta['date']}", meta["body"], meta["date"], meta["type"],
                   full, pages, [Part(0, meta["type"], meta["type"], 0, len(full), meeting_date=meta["date"],
                                      body=meta["body"])], [], organisation=meta["org"], items=items)
    return doc, chunks, windows, decisions


def vectors_for(src: Source, rng, n_chunks: int, n_windows: list[int]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Chunk vectors (two real ones mixed, plus noise) and each chunk's window vectors (perturbed)."""
    a = src.vectors[rng.integers(len(src.vectors), size=n_chunks)]
    b = src.vectors[rng.integers(len(src.vectors), size=n_chunks)]
    d = src.vectors.shape[1]
    chunk = _unit(0.8 * a + 0.4 * b + rng.normal(0, 0.3 / np.sqrt(d), size=a.shape))
    wins = [_unit(chunk[i] + rng.normal(0, 0.6 / np.sqrt(d), size=(m, d))) for i, m in enumerate(n_windows)]
    return chunk, wins


def write_archive(src: Source, index_dir: Path, n_chunks: int, seed: int = 0) -> float:
    """Write the synthetic archive through the real writer; seconds taken."""
    from storage.writer import IndexWriter

    rng = np.random.default_rng(seed)
    t = time.perf_counter()
    from indexer.settings import Settings

    writer = IndexWriter(index_dir, dimension=src.vectors.shape[1], fresh=True,
                         topk_from=Settings().lexical_topk_from)
    for k in range(max(1, n_chunks // CHUNKS_PER_DOC)):
        doc, chunks, windows, decisions = make_document(k, src, rng)
        counts = Counter(w.chunk_id for w in windows)
        per_chunk = [counts[c.id] for c in chunks]
        vecs, wvecs = vectors_for(src, rng, len(chunks), per_chunk)
        writer.add_document(doc, chunks, vecs, doc.path)
        writer.add_sentences(doc, windows, np.concatenate(wvecs))
        if decisions:
            writer.add_decisions(doc, [d for d, _ in decisions], np.stack([v for _, v in decisions]), chunks)
        if k % 500 == 499:
            print(f"  {(k + 1) * CHUNKS_PER_DOC} chunks written, {time.perf_counter() - t:.0f} s", flush=True)
    if src.vocabulary:
        writer.set_vocabulary(*src.vocabulary)
    manifest = dict(src.manifest, counts=writer.counts(), files={}, archive_name="Synthetic archive")
    writer.publish(manifest)
    return time.perf_counter() - t


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def start_server(index_dir: Path, port: int) -> tuple[subprocess.Popen, float]:
    """``minutebook serve`` on the folder; seconds from launch to the first /healthz answer."""
    from service_latency import get

    cmd = [str(ROOT / ".venv" / "bin" / "minutebook"), "serve", "--index-dir", str(index_dir), "--port", str(port)]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while get(f"http://127.0.0.1:{port}/healthz")[0] != 200:
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.2)
    return proc, time.perf_counter() - t


def timed(base: str, path: str, queries: list[dict], n: int) -> list[float]:
    from service_latency import get

    out = []
    for i in range(n):
        code, ms = get(f"{base}{path}?" + urllib.parse.urlencode(queries[i % len(queries)]))
        if code != 200:
            raise SystemExit(f"{path} returned {code} for {queries[i % len(queries)]}")
        out.append(ms)
    return out


def measure_service(base: str, src: Source, n: int) -> dict[str, list[float]]:
    from service_latency import QUESTIONS

    plain = [{"q": q} for q in QUESTIONS]
    body = src.bodies[0]
    filtered = [{"q": q, "body": body, "date_from": "2014-01-01", "date_to": "2019-12-31"} for q in QUESTIONS]
    common = [{"q": q} for q in COMMON]
    timed(base, "/api/search", plain, 10)  # warm up
    return {"search plain": timed(base, "/api/search", plain, n),
            "search filtered": timed(base, "/api/search", filtered, n),
            "search common words": timed(base, "/api/search", common, n),
            "ask": timed(base, "/api/ask", plain, max(20, n // 5)),
            "decisions": timed(base, "/api/decisions", plain, max(20, n // 5))}


def _same_encoder(src: Source, index_dir: Path, source_dir: Path) -> None:
    """Serve with the source index's encoder: its export travels with the archive, and a reused
    archive made from another encoder's index takes this one's model record (the archive's
    vectors are synthetic either way; what changes is how questions are encoded)."""
    import json

    if (source_dir / "encoders").is_dir():
        shutil.copytree(source_dir / "encoders", index_dir / "encoders", dirs_exist_ok=True)
    manifest = (index_dir / "current").resolve() / "manifest.json"
    data = json.loads(manifest.read_text())
    if data["model"] != src.manifest["model"]:
        print(f"serving with the source index's encoder: {src.manifest['model'].get('encoder', 'torch')}")
        manifest.write_text(json.dumps(dict(data, model=src.manifest["model"]), indent=2, sort_keys=True))


def _source_index(args, tmp: Path) -> Path:
    if args.source_index:
        return Path(args.source_index)
    from indexer.pipeline import build_index
    from indexer.settings import Settings

    settings = Settings.load(ROOT / "corpus" / "minutebook.json", index_dir=tmp / "source", show_progress=False)
    build_index([ROOT / "corpus"], settings)
    return settings.index_dir


def report(n_chunks: int, write_s: float, size: int, start_s: float, mem, lat: dict) -> None:
    from service_latency import pct

    print(f"synthetic archive: {n_chunks} chunks; written in {write_s:.0f} s ({n_chunks / write_s:.0f} chunks/s); "
          f"folder {size / 2**30:.2f} GiB")
    print(f"server start (launch to first /healthz): {start_s:.1f} s (target <= 30)")
    if mem:
        print(f"server memory after the requests: PSS {mem[1]:.0f} MB, RSS {mem[0]:.0f} MB (target PSS <= 4096)")
    for name, v in lat.items():
        print(f"{name:22} n={len(v):4d}: p50 {statistics.median(v):7.1f} ms, p95 {pct(v, 95):7.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chunks", type=int, default=100_000)
    ap.add_argument("--source-index", help="real index to draw text and vectors from (default: build corpus/)")
    ap.add_argument("--keep", help="write the archive here and keep it (default: a temporary folder)")
    ap.add_argument("--reuse", action="store_true", help="serve the archive already in --keep")
    ap.add_argument("--n", type=int, default=200, help="search requests per kind")
    ap.add_argument("--port", type=int, default=8731)
    args = ap.parse_args()
    from service_latency import server_memory_mb

    with tempfile.TemporaryDirectory() as tmp:
        src = read_source(_source_index(args, Path(tmp)))
        index_dir = Path(args.keep) if args.keep else Path(tmp) / "archive"
        write_s = float("nan")
        if not args.reuse:
            shutil.rmtree(index_dir, ignore_errors=True)
            write_s = write_archive(src, index_dir, args.chunks)
        _same_encoder(src, index_dir, Path(args.source_index or Path(tmp) / "source"))
        proc, start_s = start_server(index_dir, args.port)
        try:
            lat = measure_service(f"http://127.0.0.1:{args.port}", src, args.n)
            mem = server_memory_mb(args.port)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        report(args.chunks, write_s, folder_size(index_dir), start_s, mem, lat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
