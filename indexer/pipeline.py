"""Run the stages over a set of paths and update one index folder incrementally."""

from __future__ import annotations

import datetime as dt
import logging
import re
import sqlite3
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from . import __version__
from .chunking import Chunker
from .embedding import Embedder, text_key, wants_progress
from .records import Chunk, Document
from .sentences import SentenceWindow, sentence_windows
from .settings import Settings
from .sources import SourceError, discover, read_source, sha256_bytes
from .chunking import issuer, lexical_context
from .metadata import FileMetadata, find_metadata_file, load_metadata
from .ocr import PageOcr
from storage.caches import EmbeddingCache, OcrCache
from storage.folder import IncompatibleIndex, IndexLock, sha256_file, unusable
from storage.manifest import read_manifest
from storage.schema import FORMAT_VERSION
from storage.writer import IndexWriter
from .decisions import extract_decisions
from .structure import analyse
from .vocabulary import vocabulary_words

if TYPE_CHECKING:  # Ray is an optional extra: only a --ray run imports it
    from .distributed import RayEncoding

log = logging.getLogger(__name__)


@dataclass
class Failure:
    path: str
    reason: str


@dataclass
class IndexReport:
    index_dir: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # gone from disk but kept (no --prune)
    failed: list[Failure] = field(default_factory=list)
    incomplete: list[Failure] = field(default_factory=list)  # indexed, but some pages could not be read
    ocr_pages: int = 0  # pages OCR'd in this run (not from the cache)
    counts: dict = field(default_factory=dict)
    chunks_embedded: int = 0
    chunks_from_cache: int = 0
    published: bool = False
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)


class _AnalysedFile(NamedTuple):
    """One file read, analysed and cut up, waiting for its vectors."""

    display: str  # the file's path in the archive (its key in the manifest)
    data: bytes
    doc: Document
    chunks: list[Chunk]
    suffix: str
    decisions: list
    windows: list[SentenceWindow]
    decision_texts: list[str]  # what each decision is embedded as (before any metadata relabelling)


def _decision_embed_text(d) -> str:
    return f"{d.decided_by or ''} {d.meeting_date or ''} {d.kind}: {d.title or ''} {d.text}".strip()


def document_id(path: str) -> str:
    """Stable id from the file's path in the archive, so an edited file replaces its own chunks."""
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")


def _write_vocabulary(writer: IndexWriter, embedder: Embedder, cache_path: Path, settings: Settings,
                      report: IndexReport) -> None:
    """The whole staged index's vocabulary with a vector per word (new words only are encoded)."""
    t = time.perf_counter()
    words = sorted(vocabulary_words(writer.chunk_texts()))
    cache = EmbeddingCache(cache_path)
    try:
        keys = {w: text_key(embedder.space, w) for w in words}
        vecs = cache.get_many(list(keys.values()))
        todo = [w for w in words if keys[w] not in vecs]
        if todo:
            _encode_into(vecs, todo, cache, embedder, settings)
    finally:
        cache.close()
    if words:
        writer.set_vocabulary(words, np.stack([vecs[keys[w]] for w in words]))
    report.timings["vocabulary_s"] = time.perf_counter() - t


# Texts embedded between two writes of the embedding cache (about 10 s on 2 cores).
CHECKPOINT = 512


def _encode_into(cached: dict, texts: list[str], cache: EmbeddingCache, embedder: Embedder,
                 settings: Settings, remote: RayEncoding | None = None) -> None:
    """Encode ``texts`` (none of them cached yet) into the embedding cache and into ``cached``,
    here or on a Ray cluster (``remote``).

    The cache is written every CHECKPOINT texts, so a run that is killed keeps what it embedded:
    the next run encodes only the rest."""
    from tqdm import tqdm

    with tqdm(total=len(texts), disable=not wants_progress(settings.show_progress), desc="embedding",
              unit="text") as bar:
        def keep(batch: list[str], vecs: np.ndarray) -> None:
            new = {text_key(embedder.space, t): v for t, v in zip(batch, vecs)}
            cache.put_many(list(new.items()))
            cached.update(new)
            bar.update(len(batch))

        if remote is not None:
            remote.encode(texts, embedder, keep, CHECKPOINT)
            return
        for i in range(0, len(texts), CHECKPOINT):
            batch = texts[i: i + CHECKPOINT]
            keep(batch, embedder.encode(batch, progress=False))


def package_versions() -> dict:
    out = {"minutebook": __version__}
    for pkg in ("sentence-transformers", "transformers", "torch", "onnxruntime", "faiss-cpu", "pypdf", "tiktoken"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = None
    return out


def check_compatible(manifest: dict | None, settings: Settings) -> None:
    if not manifest:
        return
    # An index from before the encoder setting was made by torch.
    have = {"encoder": "torch", **manifest.get("settings", {})}
    want = settings.index_shape()
    if have != want:
        diffs = [k for k in set(have) | set(want) if have.get(k) != want.get(k)]
        reason = (f"{settings.index_dir} was built with different {', '.join(sorted(diffs))} "
                  f"(index: {[have.get(k) for k in sorted(diffs)]}, now: {[want.get(k) for k in sorted(diffs)]})")
        raise IncompatibleIndex(
            f"{reason}; re-run with --rebuild to build it again from scratch, or use another --index-dir", reason)


def relabel(doc: Document, chunks: list[Chunk], decisions: list, meta: FileMetadata | None,
            settings: Settings) -> None:
    """Apply the metadata file's entry for this paper over what detection read from it.

    Everything that is stored, shown, filtered and cited follows the entry (the document, its
    parts, chunks and decisions, and the chunks' lexical context); the embedded texts do not,
    so a metadata change costs no embedding."""
    if meta is None:
        return
    old_body, old_date = doc.body, doc.meeting_date
    names = settings.names
    body = names.body(meta.body) if meta.body else None
    org = names.organisation(meta.organisation) if meta.organisation else None
    doc.organisation = org or doc.organisation
    doc.document_date = meta.document_date or doc.document_date
    doc.doc_type = meta.type or doc.doc_type
    doc.title = meta.title or doc.title
    doc.source_url = meta.source_url or doc.source_url
    for part in doc.parts:
        if body and part.body in (old_body, None):
            part.body = body
        # A pack's earlier minutes keep their own meeting's date.
        if meta.meeting_date and (part.meeting_date in (old_date, None)):
            part.meeting_date = meta.meeting_date
    doc.body = body or doc.body
    doc.meeting_date = meta.meeting_date or doc.meeting_date
    parts = {p.ordinal: p for p in doc.parts}
    for c in chunks:
        part = parts[c.part]
        c.body, c.meeting_date, c.organisation = part.body, part.meeting_date, doc.organisation
        c.context = lexical_context(issuer(names, c.body, c.organisation), c.meeting_date, c.part_type)
    for d in decisions:
        part = parts.get(d.part)
        if body and d.decided_by in (old_body, None):
            d.decided_by = body
        if meta.meeting_date and d.meeting_date in (old_date, None) and part is not None:
            d.meeting_date = part.meeting_date


def _metadata(paths: list[Path], files: list[tuple[Path, str]], metadata_file: Path | None) -> dict[str, FileMetadata]:
    """Metadata entries by paper: from ``metadata_file``, else from metadata.csv/.json in each folder."""
    papers = {display for _, display in files}
    if metadata_file is not None:
        return load_metadata(Path(metadata_file), papers)
    out: dict[str, FileMetadata] = {}
    for root in paths:
        found = find_metadata_file(Path(root))
        if found is not None:
            out.update(load_metadata(found, papers))
    return out


@dataclass
class _Build:
    """What the stages of one ``build_index`` run share."""

    settings: Settings
    report: IndexReport
    manifest: dict | None  # the index's manifest before this run (None: a rebuild, or a new index)
    known: dict[str, dict]  # the files that manifest records
    metadata: dict[str, FileMetadata]
    rebuild: bool
    file_status: dict[str, dict]  # the files the new manifest records, filled in stage by stage
    lock: IndexLock
    remote: RayEncoding | None = None  # stage 4 on a Ray cluster (indexer/distributed.py)


def build_index(paths: list[Path], settings: Settings, prune: bool = False, rebuild: bool = False,
                embedder: Embedder | None = None, metadata_file: Path | None = None,
                remote: RayEncoding | None = None) -> IndexReport:
    """Index ``paths`` into ``settings.index_dir``: new and changed files are read and embedded,
    and a new version of the index is published unless nothing changed.

    The folder is locked first, so a second indexer, or a folder that cannot be written, is
    refused before any work; a full disk or a read-only folder met later is an IndexUnusable."""
    index_dir = Path(settings.index_dir)
    lock = IndexLock(index_dir)
    try:
        return _build(paths, settings, prune, rebuild, embedder, metadata_file, lock, remote)
    except (OSError, sqlite3.Error) as exc:
        raise unusable(exc, index_dir) or exc from None
    finally:
        lock.release()


def _build(paths: list[Path], settings: Settings, prune: bool, rebuild: bool, embedder: Embedder | None,
           metadata_file: Path | None, lock: IndexLock, remote: RayEncoding | None) -> IndexReport:
    t0 = time.perf_counter()
    index_dir = Path(settings.index_dir)
    report = IndexReport(index_dir)
    manifest = None if rebuild else read_manifest(index_dir)
    check_compatible(manifest, settings)
    known: dict[str, dict] = (manifest or {}).get("files", {})

    unreadable: list[tuple[str, str]] = []  # (display path, reason): links, folders, files
    files = discover(paths, unreadable)
    metadata = _metadata(paths, files, metadata_file)  # a bad file is refused here, before any work
    todo = _plan(files, known, metadata, prune, report, unreadable)
    if not todo and not report.removed and manifest is not None and not unreadable:
        # Nothing to do: no model load, no copy, no publish.
        return _up_to_date(report, manifest, t0)

    if embedder is None or embedder.encoder != settings.encoder:
        embedder = Embedder(settings.model_path, settings.model_name, settings.batch_size, settings.encoder,
                            index_dir / "encoders")
    chunker = Chunker(settings.chunker, embedder.wordpiece_len, embedder.max_seq_length, settings.names)
    build = _Build(settings, report, manifest, known, metadata, rebuild,
                   {} if rebuild else {k: v for k, v in known.items() if k not in report.removed}, lock, remote)
    for display, reason in unreadable:
        _record_failure(build, display, None, reason)
    analysed = _read_files(build, todo, chunker)
    if not analysed and not report.removed and manifest is not None and _only_old_failures(build):
        # Only files that failed before, unchanged: report them again, publish nothing new.
        return _up_to_date(report, manifest, t0)

    cached, dim = _embed(build, analysed, embedder)
    _write_index(build, analysed, cached, dim, embedder)
    report.seconds = time.perf_counter() - t0
    return report


def _plan(files: list[tuple[Path, str]], known: dict[str, dict], metadata: dict[str, FileMetadata], prune: bool,
          report: IndexReport, unreadable: list[tuple[str, str]]) -> list[tuple[Path, str, bytes, str]]:
    """The files to read as (path, display path, bytes, SHA-256): those new, changed, failed last
    time or with a changed metadata entry. The rest go into ``report`` as unchanged, and the files
    gone from disk as removed (``prune``) or missing."""
    seen_paths = {display for _, display in files}
    todo: list[tuple[Path, str, bytes, str]] = []
    for path, display in files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            # One unreadable file is that file's failure, not the run's.
            unreadable.append((display, f"cannot be read ({(exc.strerror or str(exc)).lower()}); check its "
                                        "permissions"))
            continue
        sha = sha256_bytes(data)
        prev = known.get(display)
        meta = metadata.get(display)
        if prev and prev.get("sha256") == sha and prev.get("status") == "ok" \
                and prev.get("metadata") == (meta.digest() if meta else None):
            report.unchanged.append(display)
        else:
            todo.append((path, display, data, sha))
    gone = [k for k in known if k not in seen_paths]
    if prune:
        report.removed = gone
    else:
        report.missing = [k for k in gone if known[k].get("status") == "ok"]
    return todo


def _up_to_date(report: IndexReport, manifest: dict, t0: float) -> IndexReport:
    """The report of a run that publishes nothing: the index keeps its counts."""
    report.counts = manifest.get("counts", {})
    report.seconds = time.perf_counter() - t0
    return report


def _only_old_failures(build: _Build) -> bool:
    """Whether every file that failed now failed last time too, unchanged."""
    known, file_status = build.known, build.file_status
    return all(known.get(f.path, {}).get("status") == "failed"
               and known[f.path].get("sha256") == file_status[f.path]["sha256"]
               for f in build.report.failed)


def _read_files(build: _Build, todo: list[tuple[Path, str, bytes, str]], chunker: Chunker) -> list[_AnalysedFile]:
    """Stages 1-3: read, find structure, chunk (cheap; failures recorded per file)."""
    settings, report = build.settings, build.report
    t1 = time.perf_counter()
    analysed: list[_AnalysedFile] = []
    # OCR for pages without a text layer, cached beside the index (by file hash, page, settings).
    ocr = PageOcr(settings.ocr, OcrCache(Path(settings.index_dir) / "ocr.sqlite"), settings.show_progress) \
        if settings.ocr.enabled else None
    for path, display, data, sha in todo:
        log.info("reading %s (%.1f MB)", display, len(data) / 1e6)
        try:
            doc, chunks, decisions = _analyse_file(path, display, data, ocr, chunker, build)
        except SourceError as exc:
            _record_failure(build, display, sha, exc.reason)
            continue
        analysed.append(_stage_file(build, path, display, data, doc, chunks, decisions))
        (report.updated if display in build.known and not build.rebuild else report.added).append(display)
    if ocr is not None:
        ocr.close()
        report.ocr_pages = ocr.pages_read
        report.timings["ocr_s"] = ocr.seconds
    report.timings["parse_chunk_s"] = time.perf_counter() - t1
    return analysed


def _analyse_file(path: Path, display: str, data: bytes, ocr: PageOcr | None, chunker: Chunker,
                  build: _Build) -> tuple[Document, list[Chunk], list]:
    """One file's document, chunks and decisions; SourceError when it cannot be indexed."""
    src = read_source(path, display, data, ocr)
    limit = build.settings.max_text_mb
    if len(src.text) > limit * 1_000_000:
        raise SourceError(display, f"its text is {len(src.text) / 1e6:.0f} MB, over the {limit:g} MB limit "
                                   "(max_text_mb in the settings); split the file or raise the limit")
    if src.unread:
        # The file's text pages are indexed; the user is told which pages are missing.
        build.report.incomplete.append(Failure(display, src.unread))
    doc = analyse(src, document_id(display), build.settings.names)
    chunks = chunker.chunk_document(doc)
    if not chunks:
        raise SourceError(display, "no indexable text after clean-up")
    return doc, chunks, extract_decisions(doc)


def _record_failure(build: _Build, display: str, sha: str | None, reason: str) -> None:
    """A file that cannot be indexed: reported, and recorded for the manifest."""
    build.report.failed.append(Failure(display, reason))
    # The caller reports failures (one line each); a warning here would say it twice.
    log.info("%s: %s", display, reason)
    prev = build.known.get(display)
    # Keep what was indexed from an earlier good version of the file: nothing is lost.
    # (It may have failed before too: then the record of the good version carries over.)
    indexed = None if build.rebuild or not prev else \
        prev["sha256"] if prev.get("status") == "ok" else prev.get("indexed_sha256")
    status = {"sha256": sha, "status": "failed", "reason": reason, "chunks": prev.get("chunks", 0) if indexed else 0}
    if indexed:
        status["indexed_sha256"] = indexed
    build.file_status[display] = status


def _stage_file(build: _Build, path: Path, display: str, data: bytes, doc: Document, chunks: list[Chunk],
                decisions: list) -> _AnalysedFile:
    """The file with its sentence windows and embedded texts, relabelled by its metadata entry."""
    sc = build.settings.sentences
    windows = [w for c in chunks for w in sentence_windows(c, sc.min_words, sc.min_piece_words)] \
        if sc.enabled else []
    # Embedded texts are fixed here; the metadata entry relabels what is stored.
    embed_decisions = [_decision_embed_text(d) for d in decisions]
    relabel(doc, chunks, decisions, build.metadata.get(display), build.settings)
    return _AnalysedFile(display, data, doc, chunks, path.suffix, decisions, windows, embed_decisions)


def _embed(build: _Build, analysed: list[_AnalysedFile], embedder: Embedder) -> tuple[dict, int | None]:
    """Stage 4: embeddings, from the cache where the (model, text) pair was seen before.

    Returns the vectors by text key and their dimension (None in an index that has none yet)."""
    settings, report = build.settings, build.report
    t2 = time.perf_counter()
    all_chunks = [c for f in analysed for c in f.chunks]
    index_dir = Path(settings.index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    cache = EmbeddingCache(index_dir / "embeddings.sqlite")
    keys = [text_key(embedder.space, c.embed_text) for c in all_chunks]
    cached = cache.get_many(list(set(keys)))
    missing_idx = [i for i, k in enumerate(keys) if k not in cached]
    missing_texts = list(dict.fromkeys(all_chunks[i].embed_text for i in missing_idx))
    n_chunk_texts = len(missing_texts)
    # Decisions are searched by their own text (dense + BM25), so they get vectors too.
    # So are the chunks' sentence windows (a third retrieval signal).
    dec_texts = [t for f in analysed for t in f.decision_texts]
    win_texts = [w.text for f in analysed for w in f.windows]
    more = dict.fromkeys(dec_texts + win_texts)
    more_keys = {t: text_key(embedder.space, t) for t in more}
    cached.update(cache.get_many([k for k in set(more_keys.values()) if k not in cached]))
    seen_missing = set(missing_texts)
    missing_texts += [t for t, k in more_keys.items() if k not in cached and t not in seen_missing]
    if missing_texts:
        t_load = time.perf_counter()
        embedder.load()
        report.timings["model_load_s"] = time.perf_counter() - t_load
    t_enc = time.perf_counter()
    if missing_texts:
        _encode_into(cached, missing_texts, cache, embedder, settings, build.remote)
    report.timings["encode_s"] = time.perf_counter() - t_enc
    cache.close()
    report.chunks_embedded = n_chunk_texts
    report.chunks_from_cache = len(all_chunks) - len(missing_idx)
    # Without new vectors the index's own dimension is still needed, to remove a document's
    # vectors from FAISS (--prune, or a changed file that now fails).
    dim = next(iter(cached.values())).shape[0] if cached else (build.manifest or {}).get("model", {}).get("dimension")
    report.timings["embed_total_s"] = time.perf_counter() - t2
    return cached, dim


def _write_index(build: _Build, analysed: list[_AnalysedFile], cached: dict, dim: int | None,
                 embedder: Embedder) -> None:
    """Stage 5: write a new version of the index and publish it."""
    settings, report, metadata = build.settings, build.report, build.metadata
    t3 = time.perf_counter()
    index_dir = Path(settings.index_dir)
    if dim is None:
        # Nothing embedded yet (every file failed): the version still gets an empty vector index.
        dim = embedder.dimension
    writer = IndexWriter(index_dir, dim, fresh=build.rebuild, lock=build.lock,
                         topk_from=build.settings.lexical_topk_from)
    try:
        for path in report.removed:
            for did in writer.document_ids_for(path):
                writer.remove_document(did, dim)
            writer.set_failure(path, None, None)
        for f in analysed:
            _write_file(writer, f, cached, dim, embedder.space)
            build.file_status[f.display] = {"sha256": f.doc.sha256, "status": "ok", "chunks": len(f.chunks),
                                            "document_id": f.doc.id, "parts": len(f.doc.parts)}
            if metadata.get(f.display):
                build.file_status[f.display]["metadata"] = metadata[f.display].digest()
        for f in report.failed:
            writer.set_failure(f.path, build.file_status[f.path]["sha256"], f.reason)
        if dim:
            _write_vocabulary(writer, embedder, index_dir / "embeddings.sqlite", settings, report)
        report.counts = writer.counts()
        writer.publish(_manifest(build, dim, embedder))
        report.published = True
    except BaseException:
        writer.abort()
        raise
    report.timings["write_s"] = time.perf_counter() - t3


def _write_file(writer: IndexWriter, f: _AnalysedFile, cached: dict, dim: int | None, space: str) -> None:
    """One analysed file into the new version, in place of what its path held before."""
    def vectors(texts) -> np.ndarray:
        return np.stack([cached[text_key(space, t)] for t in texts])

    for did in writer.document_ids_for(f.display):
        writer.remove_document(did, dim)
    src_name = writer.store_source(f.data, f.doc.sha256, f.suffix)
    writer.add_document(f.doc, f.chunks, vectors(c.embed_text for c in f.chunks), src_name)
    if f.windows:
        writer.add_sentences(f.doc, f.windows, vectors(w.text for w in f.windows))
    if f.decisions:
        writer.add_decisions(f.doc, f.decisions, vectors(f.decision_texts), f.chunks)
    writer.set_failure(f.display, None, None)


def _encoder_record(embedder: Embedder) -> dict:
    """Which encoder made the vectors and, for an export, which file (a server checks it)."""
    if embedder.export is None:
        return {"encoder": embedder.encoder}
    return {"encoder": embedder.encoder, "encoder_file": embedder.export.name,
            "encoder_sha256": sha256_file(embedder.export)}


def _manifest(build: _Build, dim: int | None, embedder: Embedder) -> dict:
    """The new version's manifest: what shaped it, what it holds and each file's status."""
    settings, manifest = build.settings, build.manifest
    model_dim = dim or (manifest or {}).get("model", {}).get("dimension")
    return {
        "format_version": FORMAT_VERSION,
        "archive_name": settings.archive_name or (manifest or {}).get("archive_name"),
        "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "settings": settings.index_shape(),
        "model": {"name": settings.model_name, "path": settings.model_path, "dimension": model_dim,
                  "max_seq_length": embedder.max_seq_length, **_encoder_record(embedder)},
        "tokenizer": "tiktoken cl100k_base",
        "faiss": {"type": "IndexIDMap2(IndexFlatIP)", "metric": "inner_product"},
        "lexical": "sqlite fts5 porter unicode61",
        "lexical_topk_from": settings.lexical_topk_from,
        "versions": package_versions(),
        "counts": build.report.counts,
        "files": dict(sorted(build.file_status.items())),
    }
