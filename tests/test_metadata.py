"""The metadata file, the alias map and the archive's name, through the CLI and the HTTP API.

Two real papers from another council's committee system (evals/realpapers/pdfs) are indexed
with the real model; a metadata file beside them (or given with --metadata) says better than
detection; a bad one is refused before anything changes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import PLAIN_SETTINGS, current_dir, manifest, query, run_cli, summary_counts

ROOT = Path(__file__).resolve().parent.parent
PAPERS = ROOT / "evals" / "realpapers" / "pdfs"
FRONTSHEET = "kcc_cabinet_2025-01-30_agenda_frontsheet.pdf"
PROD = "kcc_cabinet_2025-01-30_decision_24-00096_proposed_record_of_decision.pdf"
HEADER = "file,organisation,body,meeting_date,document_date,type,title,source_url\n"


@pytest.fixture
def papers(tmp_path, real_index) -> Path:
    d = tmp_path / "papers"
    d.mkdir()
    # Neutral names: nothing may come from a file name.
    shutil.copy2(PAPERS / FRONTSHEET, d / "a.pdf")
    shutil.copy2(PAPERS / PROD, d / "b.pdf")
    # The session's index of these papers lends its embedding cache (a real cache file).
    for name in ("index", "index2"):
        (tmp_path / name).mkdir()
        shutil.copy2(real_index.dir / "embeddings.sqlite", tmp_path / name / "embeddings.sqlite")
    return d


def plain(*args):
    """``minutebook`` with settings of its own (not the Norfolk archive's)."""
    return run_cli(*args, "--config", PLAIN_SETTINGS)


def documents(index_dir: Path) -> dict[str, dict]:
    rows = query(index_dir, "SELECT path, organisation, body, meeting_date, document_date, doc_type, title, "
                            "source_url FROM documents")
    return {r["path"]: dict(r) for r in rows}


def test_detected_then_overridden_then_changed_with_no_embedding(papers, tmp_path):
    idx = tmp_path / "index"
    res = plain("index", papers, "--index-dir", idx, "--no-progress")
    assert res.returncode == 0, res.stderr
    got = documents(idx)
    # What the papers say: "AGENDA" / "CABINET" / "Thursday, 30th January, 2025, at 10.00 am".
    assert (got["a.pdf"]["body"], got["a.pdf"]["meeting_date"], got["a.pdf"]["doc_type"]) == \
        ("Cabinet", "2025-01-30", "agenda")
    chunks_before = query(idx, "SELECT id, embed_text FROM chunks ORDER BY id")

    (papers / "metadata.csv").write_text(
        HEADER + "a.pdf,Kent County Council,Cabinet Committee,2025-01-31,2025-01-20,agenda_pack,Cabinet agenda,"
                 "https://democracy.example.gov.uk/ieListDocuments.aspx?MId=1\n", encoding="utf-8")
    res = plain("index", papers, "--index-dir", idx, "--no-progress")
    assert res.returncode == 0, res.stderr
    counts = summary_counts(res.stdout)
    # Only the described paper is read again, and nothing is embedded: vectors are of the paper's text.
    assert (counts["updated"], counts["unchanged"], counts["embedded"]) == (1, 1, 0)
    a = documents(idx)["a.pdf"]
    assert (a["organisation"], a["body"], a["meeting_date"], a["document_date"], a["doc_type"], a["title"]) == \
        ("Kent County Council", "Cabinet Committee", "2025-01-31", "2025-01-20", "agenda_pack", "Cabinet agenda")
    assert a["source_url"].startswith("https://democracy.example.gov.uk/")
    assert query(idx, "SELECT id, embed_text FROM chunks ORDER BY id") == chunks_before
    rows = query(idx, "SELECT DISTINCT body, meeting_date, organisation FROM chunks WHERE document_id = 'a-pdf'")
    assert [tuple(r) for r in rows] == [("Cabinet Committee", "2025-01-31", "Kent County Council")]

    # The override is what search shows, filters and cites.
    res = plain("search", "Commissioning Plan for Education Provision", "--index-dir", idx, "--json",
                "--organisation", "Kent County Council", "--body", "Cabinet Committee")
    assert res.returncode == 0, res.stderr
    hits = json.loads(res.stdout)["results"]
    assert hits and all(h["document"]["body"] == "Cabinet Committee" for h in hits)
    assert all(h["document"]["organisation"] == "Kent County Council" for h in hits)
    res = plain("search", "Commissioning Plan for Education Provision", "--index-dir", idx)
    assert "Kent County Council · Cabinet Committee · 31 January 2025" in res.stdout

    # Removing the entry goes back to what the paper says, again without embedding.
    (papers / "metadata.csv").write_text(HEADER, encoding="utf-8")
    res = plain("index", papers, "--index-dir", idx, "--no-progress")
    assert summary_counts(res.stdout)["embedded"] == 0
    assert documents(idx)["a.pdf"]["body"] == "Cabinet"


def test_metadata_from_elsewhere_as_json(papers, tmp_path):
    idx = tmp_path / "index"
    meta = tmp_path / "downloaded.json"
    meta.write_text(json.dumps({"files": [{"file": "b.pdf", "meeting_date": "2025-01-30", "body": "Cabinet",
                                           "source_url": "https://example.org/24-00096.pdf"}]}), encoding="utf-8")
    res = plain("index", papers, "--index-dir", idx, "--no-progress", "--metadata", meta)
    assert res.returncode == 0, res.stderr
    b = documents(idx)["b.pdf"]
    # The record of decision prints no decision date; the download script knew the meeting.
    assert (b["meeting_date"], b["doc_type"], b["source_url"]) == ("2025-01-30", "decision_record",
                                                                  "https://example.org/24-00096.pdf")
    [d] = query(idx, "SELECT meeting_date, decided_by FROM decisions WHERE document_id = 'b-pdf'")
    assert tuple(d) == ("2025-01-30", "Cabinet")


@pytest.mark.parametrize("content, where", [
    (HEADER.replace("source_url", "committee") + "a.pdf,,,,,,,\n", "line 1, field 'committee': unknown column"),
    (HEADER + "a.pdf,,,30/01/2025,,,,\n", "line 2, field 'meeting_date': cannot read '30/01/2025' as a date"),
    (HEADER + "a.pdf,,,,,,,\nmissing.pdf,,Cabinet,,,,,\n", "line 3, field 'file': no paper 'missing.pdf'"),
    (HEADER + "a.pdf,,,,,minutes of a sort,,\n", "line 2, field 'type': 'minutes of a sort' is not a type"),
], ids=["unknown-column", "bad-date", "no-such-file", "bad-type"])
def test_bad_metadata_file_is_refused_and_nothing_is_lost(papers, tmp_path, content, where):
    idx = tmp_path / "index"
    assert plain("index", papers, "--index-dir", idx, "--no-progress").returncode == 0
    version, before = current_dir(idx), documents(idx)
    (papers / "metadata.csv").write_text(content, encoding="utf-8")
    res = plain("index", papers, "--index-dir", idx, "--no-progress")
    assert res.returncode == 2
    msg = res.stderr.strip().splitlines()
    assert len(msg) == 1 and "metadata.csv" in msg[0] and where in msg[0], res.stderr
    assert "Traceback" not in res.stderr
    assert current_dir(idx) == version and documents(idx) == before


def test_archive_name_and_alias_map_are_settings(papers, tmp_path):
    from fastapi.testclient import TestClient

    from indexer.settings import Settings
    from service.app import create_app

    cfg = tmp_path / "kent.json"
    cfg.write_text(json.dumps({"archive_name": "Kent County Council committee papers",
                               "names": {"bodies": {"KCC Cabinet": ["Cabinet"]},
                                         "titles": {"KCC Cabinet": "Cabinet of Kent County Council"}}}))
    idx = tmp_path / "index"
    res = run_cli("index", papers, "--index-dir", idx, "--no-progress", "--config", cfg)
    assert res.returncode == 0, res.stderr
    assert manifest(idx)["archive_name"] == "Kent County Council committee papers"
    assert {d["body"] for d in documents(idx).values()} == {"KCC Cabinet"}
    # The server needs no settings file: the name and titles come with the index.
    client = TestClient(create_app(Settings(index_dir=idx)))
    assert client.get("/api/stats").json()["archive"] == "Kent County Council committee papers"
    page = client.get("/").text
    assert '<span class="tagline">Kent County Council committee papers</span>' in page
    assert "<title>Kent County Council committee papers · Minutebook</title>" in page
    doc = client.get("/documents/a-pdf").text
    assert "Cabinet of Kent County Council" in doc and "– Kent County Council committee papers · Minutebook</title>" in doc
    # Serving settings may rename it; without any, an archive is "Committee papers".
    client = TestClient(create_app(Settings(index_dir=idx, archive_name="Papers of the Cabinet")))
    assert client.get("/api/stats").json()["archive"] == "Papers of the Cabinet"
    idx2 = tmp_path / "index2"
    assert plain("index", papers, "--index-dir", idx2, "--no-progress").returncode == 0
    assert TestClient(create_app(Settings(index_dir=idx2))).get("/api/stats").json()["archive"] == "Committee papers"


