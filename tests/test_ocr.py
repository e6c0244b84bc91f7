"""OCR of pages without a text layer, for real: Debian's Tesseract on a scanned housing-authority
packet (pages 7-15 are images), a notice whose letters are drawn as outlines, and a committed
one-page scan (tests/fixtures/scans/scanned.pdf)."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import PLAIN_SETTINGS, REAL_PAPERS, SCANNED, run_cli, summary_counts

DUARTE = REAL_PAPERS / "duarte_planning_commission_2022-11-21_cancellation_outlined_text.pdf"
NORWALK = REAL_PAPERS / "norwalk_housing_authority_agenda_2022-11-15_scanned_pages.pdf"


def _settings(tmp_path, **ocr) -> str:
    data = json.loads(PLAIN_SETTINGS.read_text())
    data["ocr"] = ocr
    p = tmp_path / "settings.json"
    p.write_text(json.dumps(data))
    return str(p)


def test_something_printed_only_on_a_scanned_page_is_found_and_cited_as_ocr(real_index):
    # Page 7 of the packet is a scanned check summary: "221568 10/15/22 Heng Wui Investment Inc DD 1,744.00".
    res = run_cli("search", "payment to Heng Wui Investment", "--index-dir", real_index.dir, "--k", "3", "--json")
    top = json.loads(res.stdout)["results"][0]
    assert (top["page"], top["ocr"]) == (7, True), top
    assert "Heng Wui Investment" in top["text"]
    text = run_cli("search", "payment to Heng Wui Investment", "--index-dir", real_index.dir, "--k", "1").stdout
    assert "page 7 · text from OCR" in text, text


def test_outlined_letters_are_read_and_an_unchanged_scan_is_not_read_again(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy2(DUARTE, papers / "notice.pdf")
    idx = tmp_path / "index"
    first = run_cli("index", papers, "--index-dir", idx, "--no-progress", "--config", PLAIN_SETTINGS)
    assert first.returncode == 0, first.stderr
    assert "1 pages OCR'd" in first.stdout and summary_counts(first.stdout)["documents"] == 1
    hits = json.loads(run_cli("search", "planning commission meeting cancelled", "--index-dir", idx, "--json").stdout)
    assert "has been cancelled" in hits["results"][0]["text"] and hits["results"][0]["ocr"] is True
    # Rebuilt from scratch: the page text comes from the OCR cache (file hash, page, settings).
    again = run_cli("index", papers, "--index-dir", idx, "--no-progress", "--config", PLAIN_SETTINGS, "--rebuild")
    assert again.returncode == 0, again.stderr
    assert "OCR'd" not in again.stdout and summary_counts(again.stdout)["documents"] == 1


def test_read_source_ocrs_only_with_ocr_and_says_so_without():
    from indexer.ocr import PageOcr
    from indexer.settings import OcrSettings
    from indexer.sources import SourceError, read_source

    with pytest.raises(SourceError) as err:
        read_source(SCANNED, SCANNED.name)
    assert re.search(r"no text layer.*OCR is turned off", err.value.reason), err.value.reason
    src = read_source(SCANNED, SCANNED.name, ocr=PageOcr(OcrSettings(), None))
    assert "Dashcam project had been in operation" in " ".join(src.text.split())
    assert [p.ocr for p in src.pages] == [True]


def test_without_tesseract_the_text_pages_are_indexed_and_the_missing_pages_named(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy2(NORWALK, papers / "packet.pdf")
    shutil.copy2(SCANNED, papers / "scan.pdf")
    res = run_cli("index", papers, "--index-dir", tmp_path / "index", "--no-progress",
                  "--config", _settings(tmp_path, tesseract_cmd=str(tmp_path / "no-tesseract")))
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    packet = [ln for ln in lines if "packet.pdf" in ln]
    scan = [ln for ln in lines if "scan.pdf" in ln]
    assert len(packet) == 1 and packet[0].startswith("INCOMPLETE packet.pdf: page(s) 7-15 have no text layer"), lines
    assert len(scan) == 1 and scan[0].startswith("FAILED scan.pdf: page(s) 1 have no text layer"), lines
    assert all("apt-get install tesseract-ocr" in ln for ln in packet + scan)
    assert "Traceback" not in res.stderr
    counts = summary_counts(res.stdout)
    assert (counts["documents"], counts["failed"]) == (1, 1)  # the packet's text pages are indexed


def test_ocr_can_be_turned_off_and_its_settings_are_checked(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy2(SCANNED, papers / "scan.pdf")
    res = run_cli("index", papers, "--index-dir", tmp_path / "index", "--no-progress",
                  "--config", _settings(tmp_path, enabled=False))
    assert res.returncode == 1 and re.search(r"FAILED scan.pdf: no text layer.*OCR is turned off", res.stderr)
    bad = run_cli("index", papers, "--index-dir", tmp_path / "index2", "--config",
                  _settings(tmp_path, languages="English!", colour=True))
    assert bad.returncode == 2
    assert "ocr.languages" in bad.stderr and "unknown setting 'ocr.colour'" in bad.stderr


def test_the_page_marks_ocr_text_and_asks_to_check_it(real_index):
    from fastapi.testclient import TestClient

    from indexer.settings import Settings
    from service.app import create_app

    with TestClient(create_app(Settings(index_dir=real_index.dir))) as c:
        page = c.get("/", params={"q": "How much was paid to Heng Wui Investment Inc?"}).text
        data = c.get("/api/search", params={"q": "payment to Heng Wui Investment"}).json()
    assert '<span class="ocr-mark">text from OCR</span>' in page
    assert "read from a scanned page by OCR, which can misread a figure" in page
    assert data["results"][0]["ocr"] is True


def test_joining_a_word_across_pages_keeps_the_pages_ocr_flags():
    """A word hyphenated over a page break is joined; the pages read by OCR stay marked so."""
    from collections import Counter

    from indexer.records import PageSpan
    from indexer.sources import _dehyphenate_across_pages

    text = "The policing budget was agreed by the com-\nmittee after a vote.\nA second page."
    first_end = text.index("\n")
    second_start = first_end + 1
    third_start = text.index("A second")
    spans = [PageSpan(0, first_end, 1, ocr=True), PageSpan(second_start, third_start - 1, 2, ocr=True),
             PageSpan(third_start, len(text), 3, ocr=False)]
    out, new = _dehyphenate_across_pages(text, spans, Counter({"committee": 3}))
    assert "committee after" in out
    assert [s.ocr for s in new] == [True, True, False]
    assert [out[s.start:s.end] for s in new][2] == "A second page."
