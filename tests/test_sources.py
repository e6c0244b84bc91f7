"""Reading files: PDF text with a page map, clean-up of PDF artefacts, text files, bad input."""

from __future__ import annotations

import re
import unicodedata

import pytest

from conftest import (ALL_SOURCES, BAD, CORPUS, CORPUS_FILES, DOC_PDFS, ITEM5_HEADER, ITEM5_PDF,
                      NCCSP_PDF, PANEL_HEADER, PANEL_PDF, source_ids)
from indexer.sources import SourceError, discover, read_source


def read(path):
    return read_source(path, path.name)


def norm(s: str) -> str:
    """Compare text, not layout: NFKC, list marks dropped, whitespace collapsed."""
    s = unicodedata.normalize("NFKC", s)
    s = re.sub(r"^\s*(?:[-•]\s+)+", "", s)
    return re.sub(r"\s+", " ", s).strip()


# --- the page map ------------------------------------------------------------------------------


@pytest.mark.parametrize("pdf", DOC_PDFS, ids=source_ids(DOC_PDFS))
def test_page_spans_cover_the_text_in_order(pdf):
    src = read(pdf)
    assert [p.pdf_page for p in src.pages] == list(range(1, len(src.pages) + 1))
    assert src.pages[0].start == 0 and src.pages[-1].end == len(src.text)
    for a, b in zip(src.pages, src.pages[1:]):
        assert a.end < b.start, "pages must not overlap"
        assert src.text[a.end:b.start] == "\n", "pages are joined by one newline"


def test_panel_minutes_printed_page_numbers():
    # The footers say "Page 5" .. "Page 9"; the file defines no page labels.
    src = read(PANEL_PDF)
    assert [p.printed for p in src.pages] == ["5", "6", "7", "8", "9"]
    assert [p.display for p in src.pages] == ["5", "6", "7", "8", "9"]


def test_item5_report_page_labels():
    # /PageLabels: roman "i" for the cover, then decimal from 11; the footers print the same.
    src = read(ITEM5_PDF)
    assert [p.label for p in src.pages] == ["i", "11", "12", "13"]
    assert [p.printed for p in src.pages] == ["i", "11", "12", "13"]


def test_nccsp_page_of_total_footers():
    src = read(NCCSP_PDF)
    assert [p.printed for p in src.pages] == [str(n) for n in range(1, 7)]


def test_text_is_on_the_page_that_printed_it():
    # tests/fixtures/README.md: PDF page 2 (printed "Page 6") holds minute 7.2.1.
    src = read(PANEL_PDF)
    at = src.text.index("7.2.1 The Panel asked how the Commissioner would find a balance")
    page = next(p for p in src.pages if p.start <= at < p.end)
    assert (page.pdf_page, page.printed) == (2, "6")


# --- clean-up of PDF artefacts -----------------------------------------------------------------


@pytest.mark.parametrize("pdf", DOC_PDFS, ids=source_ids(DOC_PDFS))
def test_no_ligature_characters(pdf):
    text = read(pdf).text
    assert not re.search("[\ufb00-\ufb06]", text)


def test_ligatures_become_letters():
    # The fixtures print "ﬁnd" (panel, 7.2.1) and "ﬁnancial" (item 5) with U+FB01.
    assert "would find a balance" in read(PANEL_PDF).text
    assert "financial year" in read(ITEM5_PDF).text


@pytest.mark.parametrize("pdf, words", [
    (PANEL_PDF, ["Performance", "engaging", "acknowledged", "participation", "independent"]),
    (ITEM5_PDF, ["initiatives,", "Psychologist", "emotional,"]),
], ids=["panel", "item5"])
def test_hyphenated_line_breaks_are_rejoined(pdf, words):
    text = read(pdf).text
    for word in words:
        assert word in text
    # No word is left broken at a line end ("enga-\nging"), nor joined with a space ("enga- ging").
    assert not re.search(r"[A-Za-z]-\n[a-z]", text)
    for broken in ("enga-", "acknow-", "Perfor-", "participa-", "indepen-", "Psycho-", "initia-", "emo-"):
        assert broken not in text


def test_compound_words_keep_their_hyphen():
    text = read(PANEL_PDF).text
    assert "speed-watch" in text and "evidence-based" in text and "Co-opted" in text


@pytest.mark.parametrize("pdf", DOC_PDFS, ids=source_ids(DOC_PDFS))
def test_page_numbers_are_not_text(pdf):
    text = read(pdf).text
    assert not re.search(r"(?im)^\s*page\s+\w+(\s+of\s+\d+)?\s*$", text)


@pytest.mark.parametrize("pdf, header", [(PANEL_PDF, PANEL_HEADER), (ITEM5_PDF, ITEM5_HEADER)],
                         ids=["panel", "item5"])
def test_running_header_is_removed_and_kept_as_a_hint(pdf, header):
    src = read(pdf)
    assert header not in src.text, "the header is on every page: it is furniture, not content"
    assert src.running_header == header


@pytest.mark.parametrize("pdf, corpus, start, end", [
    (PANEL_PDF, "2017-11-28-police-and-crime-panel-agenda-pack.txt",
     "Minutes of the Meeting held on 26 September 2017", "Mr William Richmond, Chairman, Norfolk Police"),
    (ITEM5_PDF, "2025-01-29-pcc-accountability-meeting-agenda-pack.txt",
     "ORIGINATOR:", "Equipping all the Workforce with Modern and Innovative Tools and Technology"),
    (NCCSP_PDF, "2023-06-08-nccsp-scrutiny-sub-panel-agenda-pack.txt",
     "Minutes of the meeting held at County Hall, Norwich on Friday 24 February 2023",
     "8. Resourcing the Community Safety Partnership"),
], ids=["panel", "item5", "nccsp"])
def test_pdf_text_matches_the_corpus_text_it_was_made_from(pdf, corpus, start, end):
    """Each paragraph and table row of the corpus extract reads the same from the PDF.

    A paragraph broken by a page break (with a footer and the next page's header in between in
    the raw extraction), a hyphenated word or a ligature would not match.
    """
    ctext = read(CORPUS / corpus).text
    a = ctext.index(start)
    b = ctext.index(end, a)
    pdf_text = norm(read(pdf).text)
    paragraphs = [norm(ln) for ln in ctext[a:b].split("\n") if norm(ln)]
    assert len(paragraphs) > 50
    missing = [p for p in paragraphs if p not in pdf_text]
    assert not missing, missing[:5]


def test_soft_wraps_keep_offsets_and_paragraph_ends():
    # Reflowing turns wraps into spaces of the same length; minute paragraphs still start lines.
    text = read(PANEL_PDF).text
    for minute in ("7.2.1 ", "7.2.13 ", "8.2.1 ", "9.2.8 "):
        assert re.search(r"(?m)^\s*" + re.escape(minute), text), minute


# --- text files --------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS_FILES, ids=source_ids(CORPUS_FILES))
def test_markdown_marks_are_removed(path):
    src = read(path)
    assert src.kind == "txt" and src.pages == []
    assert "**" not in src.text
    assert not re.search(r"(?m)^\s{0,3}#{1,6}\s", src.text)
    assert not re.search(r"</?(p|u|b)>", src.text)
    # Tags with attributes go too ('<ul style="list-style-type: none">', '<a href="…">'); the words stay.
    assert not re.search(r"</?(?:ul|li|a|span)\b[^<>]*>", src.text)


def test_a_tagged_list_and_link_read_as_their_words(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text('Priorities: <ul style="list-style-type: none"> • Neglect</li><li>Abuse</ul> See '
                    '<a href="http://example.org/store/">the store</a>. Write to J Smith <j.smith@example.org>; '
                    'x <b and c> y.\n')
    # Block tags part words; an address in angle brackets and a stray "<b and c>" are text.
    assert read(path).text.rstrip() == ("Priorities: • Neglect Abuse See the store. Write to J Smith "
                                        "<j.smith@example.org>; x <b and c> y.")


def test_markdown_headings_are_remembered():
    src = read(CORPUS / "2017-11-28-police-and-crime-panel-agenda-pack.txt")
    # "## **Norfolk Police and Crime Panel**" is the first line of the file.
    first = src.text.split("\n")[0]
    assert first == "Norfolk Police and Crime Panel"
    assert 0 in src.heading_offsets
    line_at = {off: src.text[off:].split("\n", 1)[0] for off in src.heading_offsets}
    assert "Membership" in line_at.values()
    # A body paragraph is not a heading.
    assert not any(v.startswith("If you have a Disclosable Pecuniary Interest") for v in line_at.values())


def test_discover_skips_folder_notes_and_unsupported_files(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("README.md", "a.txt", "sub/b.pdf", "notes.docx", ".hidden.txt"):
        (tmp_path / name).write_text("x")
    found = [d for _, d in discover([tmp_path])]
    assert found == ["a.txt", "sub/b.pdf"]


def test_discover_reports_a_missing_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="no-such-folder"):
        discover([tmp_path / "no-such-folder"])


# --- bad input ---------------------------------------------------------------------------------

BAD_REASONS = {
    "corrupt.pdf": r"corrupt|unreadable",
    "empty.pdf": r"empty",
    "encrypted.pdf": r"encrypted|password",
    "latin1.txt": r"UTF-8",
    "not-a-pdf.pdf": r"not a PDF",
}


@pytest.mark.parametrize("name", sorted(BAD_REASONS))
def test_bad_file_raises_one_clear_reason(name):
    path = BAD / name
    with pytest.raises(SourceError) as err:
        read(path)
    reason = err.value.reason
    assert re.search(BAD_REASONS[name], reason, re.I), reason
    assert "\n" not in reason and len(reason) < 200
    assert err.value.path == name


def test_bad_inputs_are_all_covered():
    assert sorted(p.name for p in BAD.iterdir() if p.is_file()) == sorted(BAD_REASONS)


def test_latin1_reason_points_at_the_byte():
    # The first non-UTF-8 byte is the pound sign 0xA3 at offset 44 (fixtures README).
    with pytest.raises(SourceError, match=r"0xa3 at offset 44"):
        read(BAD / "latin1.txt")


@pytest.mark.parametrize("path", ALL_SOURCES, ids=source_ids(ALL_SOURCES))
def test_good_files_read_with_the_same_hash_every_time(path):
    a, b = read(path), read(path)
    assert a.text == b.text and a.sha256 == b.sha256 and len(a.sha256) == 64
