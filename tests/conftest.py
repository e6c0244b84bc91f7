"""Shared fixtures for the indexer tests.

Everything here is real: the bundled all-MiniLM-L6-v2 model (offline), the PDFs in
tests/fixtures, FAISS and SQLite files written by the ``minutebook`` CLI. The full-corpus index
is built once per session (about a minute); tests that change an index build their own small one
from the fixture PDFs, usually with the embedding cache of the session's fixture index copied in
(a real cache file: the same texts need no model call).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# No network, for this process and every subprocess it starts.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.pop("MINUTEBOOK_INDEX_DIR", None)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"
DOCS = FIXTURES / "docs"
BAD = FIXTURES / "bad"
SCANNED = FIXTURES / "scans" / "scanned.pdf"  # one image-only page (tests/fixtures/README.md)

CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix == ".txt")
DOC_PDFS = sorted(DOCS.glob("*.pdf"))
BAD_FILES = sorted(p for p in BAD.iterdir() if p.is_file())
ALL_SOURCES = CORPUS_FILES + DOC_PDFS

PANEL_PDF = DOCS / "2017-11-28-panel-minutes-extract.pdf"
ITEM5_PDF = DOCS / "2025-01-29-accountability-report-item5.pdf"
NCCSP_PDF = DOCS / "2023-06-08-nccsp-minutes-extract.pdf"

# Printed on the fixture pages (tests/fixtures/README.md, "Exact header and footer strings").
PANEL_HEADER = "Norfolk Police and Crime Panel \u2013 28 November 2017"
ITEM5_HEADER = "PCC Accountability Meeting 29 January 2025 Item 5"

_VENV_CLI = ROOT / ".venv" / "bin" / "minutebook"
CLI = [str(_VENV_CLI)] if _VENV_CLI.exists() else [sys.executable, "-m", "service.cli"]


# The Norfolk archive's settings (its name and the alias map of its bodies' names), as
# scripts/serve passes them; index commands in these tests use them unless they give their own.
CORPUS_SETTINGS = CORPUS / "minutebook.json"


def _with_settings(args: list[str]) -> list[str]:
    if args and args[0] == "index" and "--config" not in args:
        return [*args, "--config", str(CORPUS_SETTINGS)]
    return args


def run_cli(*args, timeout: float = 900, **kw) -> subprocess.CompletedProcess:
    """Run ``minutebook`` the way a user does; output as text, never raises on exit codes."""
    return subprocess.run([*CLI, *_with_settings(list(map(str, args)))], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ), **kw)


def start_cli(*args) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *_with_settings(list(map(str, args)))], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=dict(os.environ))


# --- reading an index folder as files ------------------------------------------------------------


def current_dir(index_dir: Path) -> Path:
    link = Path(index_dir) / "current"
    assert link.is_symlink(), f"{link} should be a symlink to the published version"
    return link.resolve()


def manifest(index_dir: Path) -> dict:
    return json.loads((current_dir(index_dir) / "manifest.json").read_text())


def query(index_dir: Path, sql: str, params=()) -> list[sqlite3.Row]:
    con = sqlite3.connect(f"file:{current_dir(index_dir) / 'meta.sqlite'}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def chunk_ids(index_dir: Path, document_id: str | None = None) -> set[int]:
    if document_id is None:
        return {r[0] for r in query(index_dir, "SELECT id FROM chunks")}
    return {r[0] for r in query(index_dir, "SELECT id FROM chunks WHERE document_id = ?", (document_id,))}


def faiss_ids(index_dir: Path) -> set[int]:
    import faiss
    import numpy as np

    idx = faiss.read_index(str(current_dir(index_dir) / "faiss.index"))
    ids = faiss.vector_to_array(idx.id_map) if hasattr(idx, "id_map") else np.arange(idx.ntotal)
    return {int(i) for i in ids}


def summary_line(stdout: str) -> str:
    lines = [ln for ln in stdout.splitlines() if ln.startswith("indexed ")]
    assert len(lines) == 1, f"expected one summary line, got: {stdout!r}"
    return lines[0]


def summary_counts(stdout: str) -> dict[str, int]:
    """Numbers from the summary line, by the word that follows them."""
    line = summary_line(stdout)
    totals, _, changes = line.partition("(")
    return {word: int(n) for n, word in re.findall(r"(\d+) (documents|parts|chunks|failed)\b", totals)} | {
        word: int(n) for n, word in re.findall(r"(\d+) (added|updated|removed|unchanged)\b", changes)} | {
        key: int(n) for n, key in re.findall(r"(\d+) (?:chunks )?(embedded|from cache)", changes)}


# --- session-wide, built once ------------------------------------------------------------------


@dataclass
class BuiltIndex:
    dir: Path
    result: subprocess.CompletedProcess


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> BuiltIndex:
    """The five archive documents, indexed with the CLI once per session. Read-only for tests."""
    d = tmp_path_factory.mktemp("corpus") / "index"
    res = run_cli("index", CORPUS, "--index-dir", d, "--no-progress")
    assert res.returncode == 0, res.stderr
    return BuiltIndex(d, res)


@pytest.fixture(scope="session")
def docs_index(tmp_path_factory) -> BuiltIndex:
    """The three fixture PDFs, indexed with the CLI once per session. Read-only for tests."""
    d = tmp_path_factory.mktemp("docs") / "index"
    res = run_cli("index", DOCS, "--index-dir", d, "--no-progress")
    assert res.returncode == 0, res.stderr
    return BuiltIndex(d, res)


REAL_PAPERS = ROOT / "evals" / "realpapers" / "pdfs"
# Four real papers from other committee systems, under neutral names (nothing may come from a name).
REAL_INDEXED = {"a.pdf": "kcc_cabinet_2025-01-30_agenda_frontsheet.pdf",
                "b.pdf": "kcc_cabinet_2025-01-30_decision_24-00096_proposed_record_of_decision.pdf",
                "c.pdf": "merton_audit_committee_2009-10-22_agenda.pdf",
                "d.pdf": "norwalk_housing_authority_agenda_2022-11-15_scanned_pages.pdf"}
PLAIN_SETTINGS = FIXTURES / "plain-settings.json"


@pytest.fixture(scope="session")
def real_index(tmp_path_factory) -> BuiltIndex:
    """REAL_INDEXED indexed with the CLI and settings of their own (not the Norfolk archive's)."""
    base = tmp_path_factory.mktemp("real")
    papers = base / "papers"
    papers.mkdir()
    for name, real in REAL_INDEXED.items():
        shutil.copy2(REAL_PAPERS / real, papers / name)
    d = base / "index"
    res = run_cli("index", papers, "--index-dir", d, "--no-progress", "--config", PLAIN_SETTINGS)
    assert res.returncode == 0, res.stderr
    return BuiltIndex(d, res)


@pytest.fixture
def seeded_index(tmp_path, docs_index) -> Path:
    """An empty index folder whose embedding cache already holds the fixture PDFs' chunks."""
    d = tmp_path / "index"
    d.mkdir()
    shutil.copy2(docs_index.dir / "embeddings.sqlite", d / "embeddings.sqlite")
    return d


@pytest.fixture(scope="session")
def embedder():
    from indexer.embedding import Embedder
    from indexer.settings import Settings

    s = Settings()
    return Embedder(s.model_path, s.model_name, s.batch_size)


@pytest.fixture(scope="session")
def corpus_settings():
    from indexer.settings import Settings

    return Settings.load(CORPUS_SETTINGS)


@pytest.fixture(scope="session")
def chunker(embedder, corpus_settings):
    from indexer.chunking import Chunker
    from indexer.settings import ChunkerSettings

    # As the pipeline makes it: the model's word-piece counter and input limit.
    return Chunker(ChunkerSettings(), embedder.wordpiece_len, embedder.max_seq_length, corpus_settings.names)


@dataclass
class Analysed:
    path: Path
    src: object  # indexer.records.SourceText
    doc: object  # indexer.records.Document
    chunks: list


@pytest.fixture(scope="session")
def analysed(chunker, corpus_settings) -> dict[str, Analysed]:
    """Every corpus document and fixture PDF through sources -> structure -> chunking, by file name
    (detection only: the corpus's metadata file is not applied here)."""
    from indexer.pipeline import document_id
    from indexer.sources import read_source
    from indexer.structure import analyse

    out = {}
    for p in ALL_SOURCES:
        src = read_source(p, p.name)
        doc = analyse(src, document_id(p.name), corpus_settings.names)
        out[p.name] = Analysed(p, src, doc, chunker.chunk_document(doc))
    return out


def source_ids(paths) -> list[str]:
    return [p.name for p in paths]
