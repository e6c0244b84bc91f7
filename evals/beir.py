"""BEIR interchange: write our gold set as a BEIR folder, and evaluate our retrievers on any BEIR folder.

A BEIR folder holds::

    corpus.jsonl      {"_id": ..., "title": ..., "text": ...} one passage a line
    queries.jsonl     {"_id": ..., "text": ...} one query a line
    qrels/test.tsv    query-id <TAB> corpus-id <TAB> score, after a header line

Exporting (``--beir-out``): the corpus is the index's chunks (bare chunk text; title = document
title; our extra fields under "metadata"), the queries are the answerable gold questions of the
chosen split, and a chunk is relevant (score 1) when it contains one of the question's evidence
quotes -- the same rule the evaluator uses. Questions that no chunk of the index holds are left out
(and reported).

Importing (``--beir-in``): the corpus is written into a temporary index folder of our own format
(one document with one chunk per BEIR passage; embedded text "title\\ntext"; SQLite FTS5 BM25;
FAISS flat inner product), so the service's own Retriever runs over it unchanged, in dense, bm25
and hybrid mode. Relevance comes from the qrels ids (graded scores are kept for nDCG).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from indexer.embedding import Embedder
from indexer.records import Chunk, Document
from storage.folder import current_version
from storage.reader import IndexStore
from storage.schema import FORMAT_VERSION
from storage.writer import IndexWriter
from indexer.tokens import count_tokens

from .gold import GoldQuestion, normalise
from .jsonl import read_jsonl, where
from .naive import embed_cached

log = logging.getLogger(__name__)

QRELS_HEADER = ["query-id", "corpus-id", "score"]


@dataclass
class BeirData:
    corpus: dict[str, dict]  # _id -> {"title", "text", ...}
    queries: dict[str, str]  # _id -> text
    qrels: dict[str, dict[str, int]]  # query id -> corpus id -> score
    query_meta: dict[str, dict] = field(default_factory=dict)


# --- reading and writing ----------------------------------------------------------------------


def _read_jsonl(path: Path) -> list[dict]:
    out = []
    for n, obj in read_jsonl(path):
        if "_id" not in obj:
            raise ValueError(f"{where(path, n)}: missing field '_id'")
        out.append(obj)
    return out


def qrels_path(folder: Path, split: str = "test") -> Path:
    p = folder / "qrels" / f"{split}.tsv"
    if p.exists():
        return p
    tsvs = sorted((folder / "qrels").glob("*.tsv")) if (folder / "qrels").is_dir() else []
    if len(tsvs) == 1:
        return tsvs[0]
    raise FileNotFoundError(f"{folder}: no qrels/{split}.tsv" + (f" (found {', '.join(t.name for t in tsvs)})" if tsvs else ""))


def read_beir(folder: str | Path, split: str = "test") -> BeirData:
    folder = Path(folder)
    for name in ("corpus.jsonl", "queries.jsonl"):
        if not (folder / name).exists():
            raise FileNotFoundError(f"{folder}: no {name}")
    corpus = {}
    for obj in _read_jsonl(folder / "corpus.jsonl"):
        corpus[str(obj["_id"])] = {"title": obj.get("title") or "", "text": obj.get("text") or "",
                                   **({"metadata": obj["metadata"]} if "metadata" in obj else {})}
    queries, meta = {}, {}
    for obj in _read_jsonl(folder / "queries.jsonl"):
        queries[str(obj["_id"])] = obj.get("text") or ""
        if obj.get("metadata"):
            meta[str(obj["_id"])] = obj["metadata"]
    qrels: dict[str, dict[str, int]] = {}
    path = qrels_path(folder, split)
    with open(path, encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.reader(f, delimiter="\t"), 1):
            if not row or (n == 1 and row[0].strip().lower() in ("query-id", "query_id", "qid")):
                continue
            if len(row) < 3:
                raise ValueError(f"{path} line {n}: expected query-id, corpus-id, score")
            try:
                score = int(float(row[2]))
            except ValueError:
                raise ValueError(f"{path} line {n}: score {row[2]!r} is not a number") from None
            qrels.setdefault(row[0], {})[row[1]] = score
    return BeirData(corpus, queries, qrels, meta)


def write_beir(folder: str | Path, data: BeirData, split: str = "test") -> None:
    folder = Path(folder)
    (folder / "qrels").mkdir(parents=True, exist_ok=True)
    with open(folder / "corpus.jsonl", "w", encoding="utf-8") as f:
        for cid, doc in data.corpus.items():
            f.write(json.dumps({"_id": cid, **doc}, ensure_ascii=False) + "\n")
    with open(folder / "queries.jsonl", "w", encoding="utf-8") as f:
        for qid, text in data.queries.items():
            obj = {"_id": qid, "text": text}
            if data.query_meta.get(qid):
                obj["metadata"] = data.query_meta[qid]
            f.write(json.dumps(obj, ensure_ascii=False) + "\n")
    with open(folder / "qrels" / f"{split}.tsv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(QRELS_HEADER)
        for qid, docs in data.qrels.items():
            for cid, score in docs.items():
                w.writerow([qid, cid, score])


# --- our gold set as BEIR ----------------------------------------------------------------------


def index_chunks(index_dir: Path) -> list[dict]:
    version = current_version(Path(index_dir))
    if version is None:
        raise FileNotFoundError(f"no index in {index_dir}")
    with IndexStore(version).session() as db:
        return db.chunk_catalogue()


def gold_to_beir(questions: list[GoldQuestion], index_dir: Path) -> tuple[BeirData, list[str]]:
    """(BEIR data, ids of answerable questions left out because no chunk holds their evidence)."""
    chunks = index_chunks(index_dir)
    corpus = {str(c["id"]): {"title": c["title"] or "", "text": c["text"],
                             "metadata": {"document_id": c["document_id"], "heading": c["heading"],
                                          "meeting_date": c["meeting_date"], "page": c["page"],
                                          "type": c["part_type"]}} for c in chunks}
    norm = {cid: normalise(d["text"]) for cid, d in corpus.items()}
    queries, qrels, meta, missing = {}, {}, {}, []
    for q in questions:
        if not q.answerable:
            continue
        quotes = [normalise(e) for e in q.evidence]
        rel = [cid for cid, t in norm.items() if any(e in t for e in quotes)]
        if not rel:
            missing.append(q.id)
            continue
        queries[q.id] = q.question
        qrels[q.id] = {cid: 1 for cid in rel}
        meta[q.id] = {"tags": q.tags, "split": q.split}
    return BeirData(corpus, queries, qrels, meta), missing


# --- a temporary index over a BEIR corpus -------------------------------------------------------


def build_beir_index(data: BeirData, index_dir: Path, embedder: Embedder,
                     cache_path: Path | None = None) -> dict[int, str]:
    """Write ``data.corpus`` as an index folder of our format; returns chunk id -> BEIR _id."""
    ids = list(data.corpus)
    embed_texts = [_embed_text(data.corpus[c]) for c in ids]
    vecs = embed_cached(embedder, embed_texts, cache_path) if ids else np.zeros((0, 1), dtype="float32")
    writer = IndexWriter(index_dir, vecs.shape[1] if ids else None, fresh=True)
    id_map: dict[int, str] = {}
    try:
        for n, (cid, et) in enumerate(zip(ids, embed_texts), 1):
            doc = data.corpus[cid]
            text = doc["text"] or doc["title"]
            did = f"beir-{n}"
            d = Document(id=did, path=f"beir/{cid}", kind="txt", sha256="", title=doc["title"] or cid, body=None,
                         meeting_date=None, doc_type="document", text=text, pages=[], parts=[], sections=[])
            ch = Chunk(id=n, document_id=did, part=0, part_type="document", item=None, item_title=None,
                       heading=doc["title"] or "", minute=None, meeting_date=None, body=None, start=0,
                       end=len(text), page=None, page_end=None, printed_page=None, text=text, embed_text=et,
                       n_tokens=count_tokens(text))
            writer.add_document(d, [ch], vecs[n - 1: n], "")
            id_map[n] = cid
        writer.publish({
            "format_version": FORMAT_VERSION,
            "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "settings": {"beir": True},
            "model": {"name": embedder.model_name, "path": embedder.model_path,
                      "dimension": int(vecs.shape[1]) if ids else None},
            "counts": writer.counts(),
            "files": {},
        })
    except BaseException:
        writer.abort()
        raise
    return id_map


def _embed_text(doc: dict) -> str:
    title, text = (doc.get("title") or "").strip(), (doc.get("text") or "").strip()
    return f"{title}\n{text}" if title else text
