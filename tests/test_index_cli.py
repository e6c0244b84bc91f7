"""The ``minutebook index`` and ``minutebook search`` commands, as a user runs them.

Index folders are real (SQLite + FAISS + manifest); files are changed, removed, corrupted and
writes interrupted for real. Small indexes use the fixture PDFs with a pre-filled embedding cache
(``seeded_index``), so only the texts a test changes go through the model.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from conftest import (BAD, BAD_FILES, CORPUS, CORPUS_FILES, NCCSP_PDF, PANEL_PDF, chunk_ids, current_dir,
                      faiss_ids, manifest, query, run_cli, start_cli, summary_counts, summary_line)
from indexer.embedding import text_key
from indexer.pipeline import document_id
from indexer.settings import Settings
from indexer.sources import read_source, sha256_bytes

MODEL_NAME = Settings().model_name
BODIES = {"Norfolk Police and Crime Panel", "PCC Accountability Meeting", "NCCSP Scrutiny Sub Panel", "OPCCN"}


def index(src, index_dir, *extra):
    return run_cli("index", src, "--index-dir", index_dir, "--no-progress", *extra)


def snapshot(index_dir: Path) -> tuple[str, bytes]:
    """Which version is published, and its manifest's bytes."""
    cur = current_dir(index_dir)
    return cur.name, (cur / "manifest.json").read_bytes()


def stderr_lines(res) -> list[str]:
    return [ln for ln in res.stderr.splitlines() if ln.strip()]


def staging_dirs(index_dir: Path) -> list[Path]:
    return [p for p in (Path(index_dir) / "versions").iterdir() if p.name.startswith(".staging")]


def without_last_page(pdf: Path) -> bytes:
    """A new version of a PDF: the same file with its last page taken out."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(pdf)
    writer = PdfWriter()
    for page in reader.pages[:-1]:
        writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.fixture
def src(tmp_path) -> Path:
    d = tmp_path / "papers"
    d.mkdir()
    return d


# --- a full build ------------------------------------------------------------------------------


def test_full_corpus_build_reports_and_records_everything(corpus_index):
    res = corpus_index.result
    assert res.returncode == 0
    counts = summary_counts(res.stdout)
    assert counts["documents"] == len(CORPUS_FILES) == 5
    assert counts["failed"] == 0 and counts["added"] == 5
    assert counts["chunks"] > 500 and counts["parts"] > 30
    assert "FAILED" not in res.stderr and "Traceback" not in res.stderr

    m = manifest(corpus_index.dir)
    assert {k: m["counts"][k] for k in ("documents", "parts", "chunks")} == \
        {k: counts[k] for k in ("documents", "parts", "chunks")}
    assert sorted(m["files"]) == sorted(p.name for p in CORPUS_FILES)
    assert all(f["status"] == "ok" and f["chunks"] > 0 for f in m["files"].values())
    assert sum(f["chunks"] for f in m["files"].values()) == counts["chunks"]
    assert sum(f["parts"] for f in m["files"].values()) == counts["parts"]
    for f in CORPUS_FILES:
        assert m["files"][f.name]["sha256"] == sha256_bytes(f.read_bytes())
    assert m["model"]["name"] == MODEL_NAME and m["model"]["dimension"] == 384
    assert m["settings"] == Settings.load(CORPUS / "minutebook.json").index_shape()
    assert m["archive_name"] == "Norfolk police and crime scrutiny papers"
    # The original files are kept for "open the source".
    for f in CORPUS_FILES:
        assert (corpus_index.dir / "sources" / f"{sha256_bytes(f.read_bytes())}.txt").read_bytes() == f.read_bytes()


def test_published_files_agree_with_each_other(corpus_index):
    d = corpus_index.dir
    cur = current_dir(d)
    assert cur.parent.name == "versions"
    m = manifest(d)
    for name, digest in m["checksums"].items():
        assert sha256_bytes((cur / name).read_bytes()) == digest
    ids = chunk_ids(d)
    assert len(ids) == m["counts"]["chunks"]
    assert faiss_ids(d) == ids
    assert query(d, "SELECT COUNT(*) FROM chunks_fts")[0][0] == len(ids)
    texts = {r["id"]: r["text"] for r in query(d, "SELECT id, text FROM documents")}
    for r in query(d, 'SELECT document_id, start, "end", text, n_tokens, embed_text FROM chunks'):
        assert texts[r["document_id"]][r["start"]:r["end"]] == r["text"]
        assert r["n_tokens"] <= 256
        assert r["embed_text"].endswith("\n" + r["text"])


def test_sentence_windows_quote_their_chunks_exactly(corpus_index):
    d = corpus_index.dir
    texts = {r["id"]: r["text"] for r in query(d, "SELECT id, text FROM documents")}
    chunks = {r["id"]: r for r in query(d, 'SELECT id, document_id, start, "end" FROM chunks')}
    rows = query(d, 'SELECT chunk_id, ordinal, document_id, start, "end", vector FROM sentences ORDER BY chunk_id, ordinal')
    assert len(rows) == manifest(d)["counts"]["sentences"] > len(chunks)
    by_chunk: dict[int, list] = {}
    for r in rows:
        c = chunks[r["chunk_id"]]  # every window belongs to a chunk that exists
        assert r["document_id"] == c["document_id"]
        assert c["start"] <= r["start"] < r["end"] <= c["end"]
        window = texts[r["document_id"]][r["start"]:r["end"]]
        assert window == window.strip() and len(window.split()) >= 4
        assert len(r["vector"]) == 384 * 4
        by_chunk.setdefault(r["chunk_id"], []).append(r)
    for ws in by_chunk.values():
        assert [w["ordinal"] for w in ws] == list(range(len(ws)))
        assert all(a["end"] <= b["start"] for a, b in zip(ws, ws[1:]))  # in order, never overlapping
    assert manifest(d)["settings"]["sentences"]["enabled"] is True


def test_stored_structure_matches_the_documents(corpus_index):
    rows = query(corpus_index.dir, "SELECT id, organisation, body, meeting_date, doc_type FROM documents")
    got = {r["id"]: (r["organisation"], r["body"], r["meeting_date"], r["doc_type"]) for r in rows}
    assert got[document_id("2017-11-28-police-and-crime-panel-agenda-pack.txt")][1:] == \
        ("Norfolk Police and Crime Panel", "2017-11-28", "agenda_pack")
    # The two extracts that lost their headings: corpus/metadata.csv says what they are.
    assert got[document_id("2021-03-25-opccn-briefing-to-pcc-candidates.txt")] == \
        ("OPCCN", None, "2021-03-25", "briefing")
    assert got[document_id("2018-pcc-accountability-meeting-minutes-extract.txt")] == \
        ("OPCCN", "PCC Accountability Meeting", None, "minutes")
    # "Norfolk Countywide Community Safety Partnership Scrutiny Sub Panel" under its alias.
    assert got[document_id("2023-06-08-nccsp-scrutiny-sub-panel-agenda-pack.txt")][1] == "NCCSP Scrutiny Sub Panel"
    minutes = query(corpus_index.dir, "SELECT document_id, meeting_date FROM parts WHERE type = 'minutes'")
    assert {(r["document_id"], r["meeting_date"]) for r in minutes} >= {
        (document_id("2017-11-28-police-and-crime-panel-agenda-pack.txt"), "2017-09-26"),
        (document_id("2023-06-08-nccsp-scrutiny-sub-panel-agenda-pack.txt"), "2023-02-24"),
        (document_id("2025-01-29-pcc-accountability-meeting-agenda-pack.txt"), "2024-10-08"),
    }


def test_reindexing_the_same_folder_changes_nothing(corpus_index):
    before = snapshot(corpus_index.dir)
    res = index(CORPUS, corpus_index.dir)
    assert res.returncode == 0, res.stderr
    line = summary_line(res.stdout)
    assert "already up to date" in line
    counts = summary_counts(res.stdout)
    assert counts["unchanged"] == 5 and counts["added"] == counts["updated"] == 0
    assert counts["embedded"] == 0
    assert snapshot(corpus_index.dir) == before
    assert staging_dirs(corpus_index.dir) == []


# --- search ------------------------------------------------------------------------------------


@pytest.mark.parametrize("question, pattern", [
    ("When would body-worn video be deployed?", r"body[- ]worn"),
    ("What did the Chief Constable say about Operation Gravity and knife crime?", r"operation gravity"),
    ("What did the PCC ask about KSI figures on Norfolk roads?", r"\bKSIs?\b"),
], ids=["body-worn", "gravity", "ksi"])
def test_search_json_finds_the_passage_with_citations(corpus_index, question, pattern):
    res = run_cli("search", question, "--index-dir", corpus_index.dir, "--json", "--k", "5")
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    results = out["results"]
    assert 1 <= len(results) <= 5
    for r in results:
        doc = r["document"]
        assert doc["body"] in BODIES
        assert doc["id"] and doc["title"]
        assert doc["meeting_date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["meeting_date"])
        assert "item" in r and "page" in r and r["text"].strip()
        rows = query(corpus_index.dir, "SELECT text FROM chunks WHERE id = ?", (int(r["id"]),))
        assert rows and rows[0]["text"] == r["text"]
    assert any(re.search(pattern, r["text"], re.I) for r in results), [r["text"][:80] for r in results]


def test_search_plain_output_prints_citations(corpus_index):
    res = run_cli("search", "Operation Gravity knife crime", "--index-dir", corpus_index.dir, "--k", "3")
    assert res.returncode == 0, res.stderr
    cites = [ln for ln in res.stdout.splitlines() if re.match(r"\[\d\] ", ln)]
    assert len(cites) == 3
    # "[1] Norfolk Police and Crime Panel · 26 September 2017 · Minutes · item 7 (…) · minute 7.2.11 …"
    assert any("Norfolk Police and Crime Panel" in c and "26 September 2017" in c for c in cites), cites
    assert "Operation Gravity" in res.stdout


def test_search_cites_pdf_pages(docs_index):
    res = run_cli("search", "How would the Commissioner find a balance between new areas of crime such as "
                  "digital crime and child sexual exploitation, and visible policing?",
                  "--index-dir", docs_index.dir, "--json", "--k", "5")
    assert res.returncode == 0, res.stderr
    hits = [r for r in json.loads(res.stdout)["results"] if "7.2.1 The Panel asked how" in r["text"]]
    assert hits, "the passage holding minute 7.2.1 is in the top 5"
    r = hits[0]
    # Minute 7.2.1 is on PDF page 2, whose footer reads "Page 6".
    assert (r["page"], r["printed_page"]) == (2, "6")
    assert r["document"]["meeting_date"] == "2017-09-26" and r["item"] == "7"


def test_search_without_an_index_is_a_clear_error(tmp_path):
    res = run_cli("search", "anything", "--index-dir", tmp_path / "nothing-here")
    assert res.returncode != 0
    assert "no index" in res.stderr and "minutebook index" in res.stderr
    assert "Traceback" not in res.stderr


# --- incremental updates -----------------------------------------------------------------------


def test_changed_file_replaces_only_its_own_chunks(src, seeded_index):
    shutil.copy2(PANEL_PDF, src / PANEL_PDF.name)
    shutil.copy2(NCCSP_PDF, src / NCCSP_PDF.name)
    first = index(src, seeded_index)
    assert first.returncode == 0, first.stderr
    panel_id, nccsp_id = document_id(PANEL_PDF.name), document_id(NCCSP_PDF.name)
    panel_before = chunk_ids(seeded_index, panel_id)
    nccsp_before = chunk_ids(seeded_index, nccsp_id)
    version_before = current_dir(seeded_index).name
    con = sqlite3.connect(seeded_index / "embeddings.sqlite")
    cached = {r[0] for r in con.execute("SELECT key FROM vectors")}
    con.close()
    original = read_source(NCCSP_PDF, NCCSP_PDF.name)
    last = original.pages[-1]
    last_line = next(ln.strip() for ln in reversed(original.text[last.start:last.end].splitlines())
                     if len(ln.strip()) > 20 and original.text.count(ln.strip()) == 1)
    assert any(last_line in r["text"] for r in query(seeded_index, "SELECT text FROM chunks"))

    (src / NCCSP_PDF.name).write_bytes(without_last_page(NCCSP_PDF))
    res = index(src, seeded_index)
    assert res.returncode == 0, res.stderr
    counts = summary_counts(res.stdout)
    assert (counts["updated"], counts["unchanged"], counts["added"]) == (1, 1, 0)

    # The other document is untouched; the changed one keeps the ids of unchanged chunks.
    assert chunk_ids(seeded_index, panel_id) == panel_before
    nccsp_after = chunk_ids(seeded_index, nccsp_id)
    assert nccsp_after != nccsp_before and nccsp_after & nccsp_before
    assert faiss_ids(seeded_index) == panel_before | nccsp_after
    assert current_dir(seeded_index).name != version_before
    # The new version and the one it replaced (a running server may still be reading it).
    assert sorted(p.name for p in (seeded_index / "versions").iterdir()) == sorted(
        [current_dir(seeded_index).name, version_before])

    # "N chunks embedded, M from cache": only texts never embedded before go through the model.
    rows = query(seeded_index, "SELECT embed_text FROM chunks WHERE document_id = ?", (nccsp_id,))
    keys = [text_key(MODEL_NAME, r["embed_text"]) for r in rows]
    new = {k for k in keys if k not in cached}
    assert new, "dropping a page changes at least the last chunk"
    assert counts["embedded"] == len(new)
    assert counts["from cache"] == sum(k in cached for k in keys) > 0
    # Nothing from the dropped page is left: its last line was indexed before and is gone now.
    assert not any(last_line in r["text"] for r in query(seeded_index, "SELECT text FROM chunks"))
    # ...and the sentence windows follow their chunks: none left behind, none missing.
    windows = query(seeded_index, "SELECT DISTINCT chunk_id FROM sentences")
    assert {r["chunk_id"] for r in windows} <= chunk_ids(seeded_index)
    assert {r["chunk_id"] for r in query(seeded_index, "SELECT DISTINCT chunk_id FROM sentences WHERE document_id = ?",
                                         (nccsp_id,))} & nccsp_after
    m = manifest(seeded_index)
    assert m["files"][NCCSP_PDF.name]["sha256"] == sha256_bytes((src / NCCSP_PDF.name).read_bytes())
    assert m["files"][NCCSP_PDF.name]["chunks"] == len(nccsp_after)


def test_removed_file_is_kept_until_pruned(src, seeded_index):
    shutil.copy2(PANEL_PDF, src / PANEL_PDF.name)
    shutil.copy2(NCCSP_PDF, src / NCCSP_PDF.name)
    assert index(src, seeded_index).returncode == 0
    panel_id, nccsp_id = document_id(PANEL_PDF.name), document_id(NCCSP_PDF.name)
    panel, nccsp = chunk_ids(seeded_index, panel_id), chunk_ids(seeded_index, nccsp_id)

    (src / NCCSP_PDF.name).unlink()
    res = index(src, seeded_index)
    assert res.returncode == 0, res.stderr
    notes = [ln for ln in stderr_lines(res) if NCCSP_PDF.name in ln]
    assert len(notes) == 1 and "--prune" in notes[0]
    assert chunk_ids(seeded_index, nccsp_id) == nccsp
    assert manifest(seeded_index)["files"][NCCSP_PDF.name]["status"] == "ok"

    res = index(src, seeded_index, "--prune")
    assert res.returncode == 0, res.stderr
    assert summary_counts(res.stdout)["removed"] == 1
    assert NCCSP_PDF.name not in manifest(seeded_index)["files"]
    assert query(seeded_index, "SELECT COUNT(*) FROM documents WHERE id = ?", (nccsp_id,))[0][0] == 0
    assert chunk_ids(seeded_index) == panel
    assert faiss_ids(seeded_index) == panel
    assert manifest(seeded_index)["counts"]["documents"] == 1


def test_different_chunker_settings_are_refused_until_rebuild(src, seeded_index, tmp_path):
    shutil.copy2(PANEL_PDF, src / PANEL_PDF.name)
    assert index(src, seeded_index).returncode == 0
    before = snapshot(seeded_index)
    cfg = tmp_path / "small.json"
    cfg.write_text(json.dumps({"chunker": {"target_tokens": 120}}))

    res = index(src, seeded_index, "--config", cfg)
    assert res.returncode != 0
    assert "--rebuild" in res.stderr and "chunker" in res.stderr
    assert "Traceback" not in res.stderr
    assert snapshot(seeded_index) == before

    res = index(src, seeded_index, "--config", cfg, "--rebuild")
    assert res.returncode == 0, res.stderr
    assert manifest(seeded_index)["settings"]["chunker"]["target_tokens"] == 120
    sizes = [r[0] for r in query(seeded_index, "SELECT n_tokens FROM chunks")]
    assert max(sizes) <= 256 and sum(n <= 120 for n in sizes) >= 0.95 * len(sizes)
    # Back to the defaults: refused again, the other way round.
    res = index(src, seeded_index)
    assert res.returncode != 0 and "--rebuild" in res.stderr
    # What scripts/serve does after an upgrade: rebuild instead of refusing, and say so.
    res = index(src, seeded_index, "--rebuild-if-incompatible")
    assert res.returncode == 0, res.stderr
    assert "rebuilding" in res.stderr and "chunker" in res.stderr
    assert manifest(seeded_index)["settings"]["chunker"]["target_tokens"] == 200
    res = index(src, seeded_index, "--rebuild-if-incompatible")
    assert res.returncode == 0 and "already up to date" in res.stdout and "rebuilding" not in res.stderr


def test_unknown_setting_is_named_by_the_loader(tmp_path):
    cfg = tmp_path / "typo.json"
    cfg.write_text(json.dumps({"chunker": {"target_tokns": 120}}))
    with pytest.raises(ValueError, match=r"unknown setting 'chunker\.target_tokns'"):
        Settings.load(cfg)


def test_unknown_setting_is_a_clear_cli_error(src, seeded_index, tmp_path):
    shutil.copy2(PANEL_PDF, src / PANEL_PDF.name)
    cfg = tmp_path / "typo.json"
    cfg.write_text(json.dumps({"chunker": {"target_tokns": 120}}))
    res = index(src, seeded_index, "--config", cfg)
    assert res.returncode != 0
    assert "target_tokns" in res.stderr
    assert "Traceback" not in res.stderr
    assert "Traceback" not in res.stderr
    assert not (seeded_index / "current").exists()


# --- bad input ---------------------------------------------------------------------------------

BAD_REASONS = {
    "corrupt.pdf": r"corrupt|unreadable",
    "empty.pdf": r"empty",
    "encrypted.pdf": r"encrypted|password",
    "latin1.txt": r"UTF-8",
    "not-a-pdf.pdf": r"not a PDF",
}


def test_bad_files_fail_one_line_each_and_the_rest_is_indexed(src, seeded_index):
    for f in BAD_FILES:
        shutil.copy2(f, src / f.name)
    shutil.copy2(PANEL_PDF, src / PANEL_PDF.name)
    assert sorted(f.name for f in BAD_FILES) == sorted(BAD_REASONS)

    res = index(src, seeded_index)
    assert res.returncode != 0
    lines = stderr_lines(res)
    for name, reason in BAD_REASONS.items():
        mine = [ln for ln in lines if name in ln]
        assert len(mine) == 1, (name, lines)
        assert re.search(reason, mine[0], re.I), mine[0]
    assert len(lines) == len(BAD_REASONS), "nothing but one line per failed file on stderr"

    counts = summary_counts(res.stdout)
    assert (counts["documents"], counts["failed"]) == (1, len(BAD_REASONS))
    assert counts["parts"] >= 1 and counts["chunks"] > 10

    m = manifest(seeded_index)
    for name, reason in BAD_REASONS.items():
        entry = m["files"][name]
        assert entry["status"] == "failed" and re.search(reason, entry["reason"], re.I)
        assert entry["sha256"] == sha256_bytes((BAD / name).read_bytes())
    assert m["files"][PANEL_PDF.name]["status"] == "ok"
    assert m["counts"]["failed"] == len(BAD_REASONS)
    failures = {r["path"] for r in query(seeded_index, "SELECT path FROM failures")}
    assert failures == set(BAD_REASONS)
    assert chunk_ids(seeded_index) == chunk_ids(seeded_index, document_id(PANEL_PDF.name)) != set()

    # Again, nothing changed: the same failures are reported, but no new index version is written.
    version = current_dir(seeded_index)
    again = index(src, seeded_index)
    assert again.returncode != 0 and len(stderr_lines(again)) == len(BAD_REASONS)
    assert current_dir(seeded_index) == version


def test_all_good_files_exit_zero_and_a_fixed_file_clears_its_failure(src, seeded_index):
    shutil.copy2(PANEL_PDF, src / PANEL_PDF.name)
    (src / "late.pdf").write_bytes(b"")
    res = index(src, seeded_index)
    assert res.returncode != 0 and "late.pdf" in res.stderr
    shutil.copy2(NCCSP_PDF, src / "late.pdf")  # the real file arrives
    res = index(src, seeded_index)
    assert res.returncode == 0, res.stderr
    assert summary_counts(res.stdout)["failed"] == 0
    m = manifest(seeded_index)
    assert m["files"]["late.pdf"]["status"] == "ok" and m["counts"]["failed"] == 0
    assert query(seeded_index, "SELECT COUNT(*) FROM failures")[0][0] == 0


def test_indexed_file_that_turns_corrupt_keeps_its_chunks(src, seeded_index):
    good = PANEL_PDF.read_bytes()
    (src / "minutes.pdf").write_bytes(good)
    assert index(src, seeded_index).returncode == 0
    doc = document_id("minutes.pdf")
    ids = chunk_ids(seeded_index, doc)
    assert ids

    (src / "minutes.pdf").write_bytes(good[: len(good) * 2 // 5])  # truncated, like a broken download
    for _ in range(2):  # and it stays broken for another run
        res = index(src, seeded_index)
        assert res.returncode != 0
        assert [ln for ln in stderr_lines(res) if "minutes.pdf" in ln]
        assert chunk_ids(seeded_index, doc) == ids
        assert faiss_ids(seeded_index) == ids
        entry = manifest(seeded_index)["files"]["minutes.pdf"]
        assert entry["status"] == "failed"
        assert entry["indexed_sha256"] == sha256_bytes(good) and entry["chunks"] == len(ids)

    (src / "minutes.pdf").write_bytes(good)
    res = index(src, seeded_index)
    assert res.returncode == 0, res.stderr
    assert summary_counts(res.stdout)["embedded"] == 0
    assert chunk_ids(seeded_index, doc) == ids
    assert manifest(seeded_index)["files"]["minutes.pdf"]["status"] == "ok"


# --- atomic publish ----------------------------------------------------------------------------


def _blocked_in_write(pid: int) -> bool:
    try:
        wchan = Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False
    return "fifo" in wchan or "pipe" in wchan


def test_killed_writer_leaves_the_previous_index_and_next_run_cleans_up(src, seeded_index):
    shutil.copy2(PANEL_PDF, src / PANEL_PDF.name)
    assert index(src, seeded_index).returncode == 0
    before = snapshot(seeded_index)
    panel = chunk_ids(seeded_index)

    # The next run adds a file. Its copy under sources/ is written through a temporary name; a
    # named pipe there makes the writer block inside the write, with its staging copy half done.
    data = NCCSP_PDF.read_bytes()
    shutil.copy2(NCCSP_PDF, src / NCCSP_PDF.name)
    fifo = seeded_index / "sources" / f"{sha256_bytes(data)}.pdf.tmp"
    os.mkfifo(fifo)
    proc = start_cli("index", src, "--index-dir", seeded_index, "--no-progress")
    try:
        deadline = time.monotonic() + 120
        while not staging_dirs(seeded_index) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert staging_dirs(seeded_index), proc.communicate()
        settle = time.monotonic() + 5
        while not _blocked_in_write(proc.pid) and time.monotonic() < settle:
            time.sleep(0.05)
        assert proc.poll() is None, "the writer should be stuck writing"
    finally:
        proc.kill()
        proc.communicate()

    assert snapshot(seeded_index) == before
    assert staging_dirs(seeded_index), "the killed run left its staging folder behind"
    res = run_cli("search", "apologies for absence", "--index-dir", seeded_index, "--json", "--k", "3")
    assert res.returncode == 0, res.stderr
    results = json.loads(res.stdout)["results"]
    assert results and all(int(r["id"]) in panel for r in results)

    fifo.unlink()
    res = index(src, seeded_index)
    assert res.returncode == 0, res.stderr
    assert staging_dirs(seeded_index) == []
    assert len(list((seeded_index / "versions").iterdir())) == 2  # the new version and the one it replaced
    assert manifest(seeded_index)["counts"]["documents"] == 2


def test_failed_write_leaves_the_previous_index(src, seeded_index):
    shutil.copy2(PANEL_PDF, src / PANEL_PDF.name)
    assert index(src, seeded_index).returncode == 0
    before = snapshot(seeded_index)

    # A directory where the writer must create a file: a real OSError in the middle of writing.
    data = NCCSP_PDF.read_bytes()
    shutil.copy2(NCCSP_PDF, src / NCCSP_PDF.name)
    blocker = seeded_index / "sources" / f"{sha256_bytes(data)}.pdf.tmp"
    blocker.mkdir()
    res = index(src, seeded_index)
    assert res.returncode != 0
    assert snapshot(seeded_index) == before
    assert staging_dirs(seeded_index) == []
    assert faiss_ids(seeded_index) == chunk_ids(seeded_index, document_id(PANEL_PDF.name))

    blocker.rmdir()
    res = index(src, seeded_index)
    assert res.returncode == 0, res.stderr
    assert manifest(seeded_index)["counts"]["documents"] == 2


def test_second_writer_is_refused_while_one_runs(src, seeded_index):
    shutil.copy2(PANEL_PDF, src / PANEL_PDF.name)
    assert index(src, seeded_index).returncode == 0
    data = NCCSP_PDF.read_bytes()
    shutil.copy2(NCCSP_PDF, src / NCCSP_PDF.name)
    fifo = seeded_index / "sources" / f"{sha256_bytes(data)}.pdf.tmp"
    os.mkfifo(fifo)
    proc = start_cli("index", src, "--index-dir", seeded_index, "--no-progress")
    try:
        deadline = time.monotonic() + 120
        while not staging_dirs(seeded_index) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None
        res = index(src, seeded_index)
        assert res.returncode != 0
        assert "another process" in res.stderr and "Traceback" not in res.stderr
    finally:
        proc.kill()
        proc.communicate()
        fifo.unlink()


def test_index_without_sentence_windows_is_served_with_two_signals(src, seeded_index, tmp_path):
    shutil.copy2(PANEL_PDF, src / PANEL_PDF.name)
    cfg = tmp_path / "no-sentences.json"
    cfg.write_text(json.dumps({"sentences": {"enabled": False}}))
    res = index(src, seeded_index, "--config", cfg)
    assert res.returncode == 0, res.stderr
    assert query(seeded_index, "SELECT COUNT(*) FROM sentences")[0][0] == 0
    assert manifest(seeded_index)["settings"]["sentences"]["enabled"] is False
    res = run_cli("search", "who was appointed co-opted independent member", "--index-dir", seeded_index, "--json")
    assert res.returncode == 0, res.stderr
    top = json.loads(res.stdout)["results"][:3]
    assert any("APPOINTED Mr Peter Hill" in r["text"] for r in top), [r["text"][:80] for r in top]
    # Answers embed every candidate sentence themselves when the index has no window vectors.
    res = run_cli("ask", "who was appointed co-opted independent member", "--index-dir", seeded_index, "--json")
    assert res.returncode == 0, res.stderr
    ans = json.loads(res.stdout)
    assert ans["answered"] and any("Peter Hill" in c["quote"] for c in ans["citations"]), ans
    # The default settings want windows: the index is refused until rebuilt, like any shape change.
    res = index(src, seeded_index)
    assert res.returncode != 0 and "sentences" in res.stderr and "--rebuild" in res.stderr
