"""Chunks: token bounds, exact offsets, no crossing of sections or parts, full coverage, metadata."""

from __future__ import annotations

import re

import pytest

from conftest import ALL_SOURCES, DOC_PDFS, source_ids
from indexer.chunking import Chunker
from indexer.settings import ChunkerSettings
from indexer.tokens import count_tokens

IDS = source_ids(ALL_SOURCES)


@pytest.mark.parametrize("path", ALL_SOURCES, ids=IDS)
def test_chunk_text_is_the_document_text_at_its_offsets(analysed, path):
    a = analysed[path.name]
    assert a.chunks
    for c in a.chunks:
        assert 0 <= c.start < c.end <= len(a.doc.text)
        assert c.text == a.doc.text[c.start:c.end]
        assert c.text == c.text.strip(), "chunks start and end on text, not whitespace"


@pytest.mark.parametrize("path", ALL_SOURCES, ids=IDS)
def test_chunks_do_not_overlap(analysed, path):
    spans = sorted((c.start, c.end) for c in analysed[path.name].chunks)
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        assert a1 <= b0


@pytest.mark.parametrize("path", ALL_SOURCES, ids=IDS)
def test_chunks_fit_the_cl100k_budget(analysed, path):
    s = ChunkerSettings()
    for c in analysed[path.name].chunks:
        n = count_tokens(c.text)
        assert c.n_tokens == n
        assert n <= s.max_tokens == 256


def test_chunks_are_mostly_within_the_target(analysed):
    s = ChunkerSettings()
    sizes = [count_tokens(c.text) for a in analysed.values() for c in a.chunks]
    within = sum(n <= s.target_tokens for n in sizes)
    assert within >= 0.97 * len(sizes), sorted(sizes)[-10:]
    # And they are used: long documents are not cut into crumbs.
    long_docs = [a for a in analysed.values() if len(a.doc.text) > 50_000]
    for a in long_docs:
        mid = sorted(c.n_tokens for c in a.chunks)[len(a.chunks) // 2]
        assert mid >= 100, (a.path.name, mid)


@pytest.mark.parametrize("path", ALL_SOURCES, ids=IDS)
def test_chunks_never_cross_sections_or_parts(analysed, path):
    a = analysed[path.name]
    parts = {p.ordinal: p for p in a.doc.parts}
    for c in a.chunks:
        part = parts[c.part]
        assert part.start <= c.start and c.end <= part.end
        secs = [s for s in a.doc.sections if s.start <= c.start and c.end <= s.end]
        assert len(secs) == 1, (c.text[:60], c.start, c.end)
        sec = secs[0]
        assert sec.part == c.part
        assert c.item == sec.item and c.heading == " › ".join(sec.headings)


@pytest.mark.parametrize("path", ALL_SOURCES, ids=IDS)
def test_chunks_carry_their_citation(analysed, path):
    a = analysed[path.name]
    doc = a.doc
    parts = {p.ordinal: p for p in doc.parts}
    for c in a.chunks:
        part = parts[c.part]
        assert c.document_id == doc.id
        assert c.part_type == part.type
        assert c.body == part.body and (c.body or not doc.body)  # as the paper names it, if it does
        assert c.organisation == doc.organisation
        assert c.meeting_date == part.meeting_date
        assert c.heading.startswith(part.title)
        if c.item:
            assert c.item_title, "an item number comes with its title"
        if doc.pages:
            first = next(p for p in doc.pages if p.start <= c.start <= p.end)
            last = next(p for p in doc.pages if p.start < c.end <= p.end)
            assert (c.page, c.page_end) == (first.pdf_page, last.pdf_page)
            assert c.printed_page == first.display
        else:
            assert c.page is None and c.printed_page is None


def test_pdf_chunk_cites_the_printed_page(analysed):
    # PDF page 2 of the panel minutes is printed "Page 6" and holds minute 7.2.1.
    c = next(c for c in analysed["2017-11-28-panel-minutes-extract.pdf"].chunks
             if "7.2.1 The Panel asked how the Commissioner" in c.text)
    assert (c.page, c.printed_page) == (2, "6")
    # The item 5 report's cover page is labelled "i".
    c = next(c for c in analysed["2025-01-29-accountability-report-item5.pdf"].chunks if "ORIGINATOR" in c.text)
    assert (c.page, c.printed_page) == (1, "i")


def test_a_chunk_running_over_a_page_break_records_both_pages(analysed):
    multi = [c for name in ("2017-11-28-panel-minutes-extract.pdf", "2023-06-08-nccsp-minutes-extract.pdf",
                            "2025-01-29-accountability-report-item5.pdf")
             for c in analysed[name].chunks if c.page_end != c.page]
    assert multi, "with paragraphs crossing page breaks some chunk must span two pages"
    assert all(c.page_end == c.page + 1 for c in multi)


@pytest.mark.parametrize("path", ALL_SOURCES, ids=IDS)
def test_embedded_text_fits_the_model_input(analysed, embedder, path):
    """Header + chunk, measured with the model's own tokenizer (with [CLS]/[SEP]), fits 256."""
    tok = embedder.model.tokenizer
    limit = embedder.model.max_seq_length
    assert limit == 256
    for c in analysed[path.name].chunks:
        header, _, body = c.embed_text.partition("\n")
        assert body == c.text
        n = len(tok(c.embed_text, add_special_tokens=True, truncation=False)["input_ids"])
        assert n <= limit, (n, c.embed_text[:80])


def test_wordpiece_count_is_the_model_tokenizer_count(embedder):
    """The chunker's fast counter must agree with the model, also past 128 pieces."""
    tok = embedder.model.tokenizer
    texts = ["hello", "Norfolk Police and Crime Panel · 26 September 2017 · £6m · KSI’s",
             "The Chief Constable reported that the Dashcam project had been in operation. " * 20]
    for t in texts:
        assert embedder.wordpiece_len(t) == len(tok(t, add_special_tokens=False, truncation=False)["input_ids"])
    assert embedder.wordpiece_len(texts[-1]) > 256


def test_header_names_body_date_type_and_item(analysed):
    c = next(c for c in analysed["2017-11-28-police-and-crime-panel-agenda-pack.txt"].chunks
             if "Implementation of body-worn cameras" in c.text)
    header = c.embed_text.split("\n", 1)[0]
    assert "Norfolk Police and Crime Panel" in header
    assert "26 September 2017" in header
    assert "Minutes" in header
    assert "Item 7" in header


def test_answer_chunk_carries_the_question_of_its_table_row(analysed):
    """An answer cell that runs into a second chunk keeps its row's question as context."""
    a = analysed["2025-01-29-pcc-accountability-meeting-agenda-pack.txt"]
    c = next(c for c in a.chunks if "working with Norwich City Council to secure" in c.text)
    assert "St Stephen's Square" not in c.text, "the question cell is in an earlier chunk"
    assert "St Stephen's Square" in c.lead
    header = c.embed_text.split("\n", 1)[0]
    assert header.endswith(c.lead)
    # Chunks that start at a row's beginning, or outside tables, have no lead.
    for other in a.chunks:
        line_start = a.doc.text.rfind("\n", 0, other.start) + 1
        if "\t" not in a.doc.text[line_start:other.start]:
            assert other.lead == ""
    # The lead respects its token budget.
    assert all(count_tokens(x.lead.rstrip("…")) <= ChunkerSettings().lead_tokens for x in a.chunks)


def test_row_lead_can_be_switched_off(analysed, embedder):
    a = analysed["2025-01-29-pcc-accountability-meeting-agenda-pack.txt"]
    off = Chunker(ChunkerSettings(lead_tokens=0), embedder.wordpiece_len, embedder.max_seq_length)
    assert not any(c.lead for c in off.chunk_document(a.doc))
    assert any(c.lead for c in a.chunks)


@pytest.mark.parametrize("path", ALL_SOURCES, ids=IDS)
def test_chunk_ids_are_unique_and_stable(analysed, chunker, path):
    a = analysed[path.name]
    ids = [c.id for c in a.chunks]
    assert len(set(ids)) == len(ids)
    assert all(0 <= i < 2**63 for i in ids)
    again = chunker.chunk_document(a.doc)
    assert [c.id for c in again] == ids


# --- coverage ----------------------------------------------------------------------------------


def sentences(text: str):
    """Simple sentences: runs of text ending at . ! ? or a line end, with a letter or digit."""
    for m in re.finditer(r"[^\n.!?]+[.!?]*", text):
        if re.search(r"\w", m.group()):
            yield m.start(), m.end()


@pytest.mark.parametrize("path", ALL_SOURCES, ids=IDS)
def test_every_sentence_lands_in_a_chunk(analysed, path):
    a = analysed[path.name]
    text = a.doc.text
    covered = bytearray(len(text))
    for c in a.chunks:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    skipped = bytearray(len(text))
    for s, e, _ in a.doc.skipped:
        skipped[s:e] = b"\x01" * (e - s)
    chunk_text = re.sub(r"\s+", " ", " ".join(c.text for c in a.chunks))
    missing = []
    for s, e in sentences(text):
        todo = [i for i in range(s, e) if not text[i].isspace() and not skipped[i]]
        if not todo or all(covered[i] for i in todo):
            continue
        if re.sub(r"\s+", " ", text[s:e]).strip() in chunk_text:
            continue
        missing.append(text[s:e])
    assert not missing, missing[:5]


# --- settings ----------------------------------------------------------------------------------


def test_smaller_budget_is_honoured(analysed, embedder):
    s = ChunkerSettings(target_tokens=64, max_tokens=96, min_tokens=8)
    small = Chunker(s, embedder.wordpiece_len, embedder.max_seq_length)
    a = analysed["2018-pcc-accountability-meeting-minutes-extract.txt"]
    chunks = small.chunk_document(a.doc)
    assert len(chunks) > 2 * len(a.chunks)
    assert all(count_tokens(c.text) <= 96 for c in chunks)
    assert sum(count_tokens(c.text) <= 64 for c in chunks) >= 0.9 * len(chunks)
    assert all(c.text == a.doc.text[c.start:c.end] for c in chunks)


@pytest.mark.parametrize("bad", [{"target_tokens": 300}, {"target_tokens": 200, "max_tokens": 100},
                                 {"max_tokens": 10}, {"chunk_size": 100}])
def test_invalid_chunker_settings_are_rejected(bad):
    with pytest.raises(ValueError):
        ChunkerSettings(**bad)


@pytest.mark.parametrize("pdf", DOC_PDFS, ids=source_ids(DOC_PDFS))
def test_boilerplate_and_page_furniture_are_in_no_chunk(analysed, pdf):
    for c in analysed[pdf.name].chunks:
        assert "large print" not in c.text
        assert not re.search(r"(?im)^\s*page \w+( of \d+)?\s*$", c.text)
        assert "28 November 2017" not in c.text  # the panel minutes' running header


@pytest.mark.parametrize("path", ALL_SOURCES, ids=IDS)
def test_sentence_windows_are_document_text_at_their_offsets(analysed, path):
    from indexer.sentences import sentence_windows

    a = analysed[path.name]
    n_windows = 0
    for c in a.chunks:
        ws = sentence_windows(c)
        n_windows += len(ws)
        for w in ws:
            assert w.chunk_id == c.id and c.start <= w.start < w.end <= c.end
            assert w.text == a.doc.text[w.start:w.end] == w.text.strip()
    assert n_windows >= len(a.chunks)


def test_sentence_windows_join_short_lines_and_skip_headings():
    from types import SimpleNamespace

    from indexer.sentences import sentence_windows

    text = ("5. Budget\n"
            "The Panel noted the report. Members asked about the cost of the new control room.\n"
            "Reserves\tstand at\t£3m\n"
            "Officers will report back to the next meeting of the Panel in February with figures.")
    chunk = SimpleNamespace(id=7, start=100, text=text)
    ws = sentence_windows(chunk, min_words=12)
    # "5. Budget" and the figures row are too short to start a window; the two sentences of the
    # second line join (5 + 10 words), the last line stands alone.
    assert [w.text for w in ws] == [
        "The Panel noted the report. Members asked about the cost of the new control room.",
        "Officers will report back to the next meeting of the Panel in February with figures."]
    assert [(w.start - 100, w.end - 100) for w in ws] == [(text.index("The Panel"), text.index("room.") + 5),
                                                          (text.index("Officers"), len(text))]
    assert [w.ordinal for w in ws] == [0, 1]
    # One sentence per window when the threshold allows it.
    assert len(sentence_windows(chunk, min_words=4)) == 3
