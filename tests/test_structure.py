"""Structure found from the content: body, meeting date, document type, parts, items, headings.

Expected values are facts stated in the documents themselves (quoted in each test).
"""

from __future__ import annotations

import re

import pytest

from conftest import ALL_SOURCES, source_ids
from indexer.items import parse_agenda
from indexer.lines import split_lines

PACK_2017 = "2017-11-28-police-and-crime-panel-agenda-pack.txt"
EXTRACT_2018 = "2018-pcc-accountability-meeting-minutes-extract.txt"
BRIEFING_2021 = "2021-03-25-opccn-briefing-to-pcc-candidates.txt"
PACK_2023 = "2023-06-08-nccsp-scrutiny-sub-panel-agenda-pack.txt"
PACK_2025 = "2025-01-29-pcc-accountability-meeting-agenda-pack.txt"
PANEL = "2017-11-28-panel-minutes-extract.pdf"
ITEM5 = "2025-01-29-accountability-report-item5.pdf"
NCCSP = "2023-06-08-nccsp-minutes-extract.pdf"

# (body, meeting date, document type) per file, and the words in the text that say so.
EXPECTED = {
    # "Norfolk Police and Crime Panel" / "Date: 28 November 2017" / agenda + papers
    PACK_2017: ("Norfolk Police and Crime Panel", "2017-11-28", "agenda_pack"),
    # Minutes of a meeting of the PCC with the Chief Constable; the extract has lost its heading, so
    # it names neither its body nor its own date (only "Date of Next Meeting: Monday 31st July
    # 2018"): corpus/metadata.csv says which meeting it is (see test_index_cli).
    EXTRACT_2018: (None, None, "minutes"),
    # "OPCCN Briefing to Candidates" / "March 25 2021": the Office's own paper, for no meeting body.
    BRIEFING_2021: (None, "2021-03-25", "briefing"),
    # "Norfolk Countywide Community Safety Partnership Scrutiny Sub Panel" / "Date: Thursday 8 June 2023"
    PACK_2023: ("NCCSP Scrutiny Sub Panel", "2023-06-08", "agenda_pack"),
    # "PCC ACCOUNTABILITY MEETING" / "Date: Wednesday 29 January 2025"
    PACK_2025: ("PCC Accountability Meeting", "2025-01-29", "agenda_pack"),
    # "Minutes of the Meeting held on 26 September 2017"
    PANEL: ("Norfolk Police and Crime Panel", "2017-09-26", "minutes"),
    # Running header "PCC Accountability Meeting 29 January 2025 Item 5"; an OPCCN report form
    ITEM5: ("PCC Accountability Meeting", "2025-01-29", "report"),
    # "Minutes of the meeting held at County Hall, Norwich on Friday 24 February 2023"
    NCCSP: ("NCCSP Scrutiny Sub Panel", "2023-02-24", "minutes"),
}


def test_every_source_has_expectations():
    assert sorted(EXPECTED) == sorted(p.name for p in ALL_SOURCES)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_body_date_and_type(analysed, name):
    doc = analysed[name].doc
    assert (doc.body, doc.meeting_date, doc.doc_type) == EXPECTED[name]


@pytest.mark.parametrize("path", ALL_SOURCES, ids=source_ids(ALL_SOURCES))
def test_parts_tile_the_document(analysed, path):
    doc = analysed[path.name].doc
    assert doc.parts and doc.parts[0].start == 0
    assert [p.ordinal for p in doc.parts] == list(range(len(doc.parts)))
    for a, b in zip(doc.parts, doc.parts[1:]):
        assert a.end < b.start and doc.text[a.end:b.start].strip() == ""
    assert doc.text[doc.parts[-1].end:].strip() == ""
    for p in doc.parts:
        assert p.type in {"agenda", "minutes", "report", "decision_record", "decisions", "briefing",
                          "appendix", "document", "letter"}
        if doc.body:
            assert p.body, f"part {p.ordinal} has no body"


@pytest.mark.parametrize("path", ALL_SOURCES, ids=source_ids(ALL_SOURCES))
def test_sections_tile_each_part(analysed, path):
    doc = analysed[path.name].doc
    for part in doc.parts:
        secs = [s for s in doc.sections if s.part == part.ordinal]
        assert secs, f"part {part.ordinal} has no section"
        assert secs[0].start == part.start and secs[-1].end == part.end
        for a, b in zip(secs, secs[1:]):
            assert a.end == b.start
        for s in secs:
            assert s.headings and s.headings[0] == part.title


def _parts(analysed, name, type_=None):
    return [p for p in analysed[name].doc.parts if type_ is None or p.type == type_]


def _agenda(analysed, name) -> dict[str, str]:
    a = analysed[name]
    agenda = _parts(analysed, name, "agenda")[0]
    return parse_agenda([ln for ln in split_lines(a.src) if ln.end <= agenda.end])


# --- agenda packs ------------------------------------------------------------------------------


@pytest.mark.parametrize("name, minutes_date, phrase", [
    (PACK_2017, "2017-09-26", "Minutes of the Meeting held on 26 September 2017"),
    (PACK_2023, "2023-02-24", "Minutes of the meeting held at County Hall, Norwich on Friday 24 February 2023"),
    (PACK_2025, "2024-10-08", "Date: Tuesday 8 October 2024"),
], ids=["2017", "2023", "2025"])
def test_pack_starts_with_agenda_then_previous_minutes_with_their_own_date(analysed, name, minutes_date, phrase):
    doc = analysed[name].doc
    assert doc.parts[0].type == "agenda"
    assert doc.parts[0].meeting_date == doc.meeting_date
    minutes = _parts(analysed, name, "minutes")
    assert len(minutes) == 1 and minutes[0].ordinal == 1
    m = minutes[0]
    assert phrase in doc.text[m.start:m.start + 400]
    assert m.meeting_date == minutes_date != doc.meeting_date


@pytest.mark.parametrize("name", [PACK_2017, PACK_2023, PACK_2025])
def test_pack_papers_are_for_this_meeting_and_follow_agenda_order(analysed, name):
    doc = analysed[name].doc
    agenda = _agenda(analysed, name)
    assert len(agenda) >= 9
    items = []
    for p in doc.parts[2:]:
        assert p.type in ("report", "appendix", "decisions")
        assert p.meeting_date == doc.meeting_date and p.body == doc.body
        assert p.item in agenda, f"part {p.ordinal} {p.title!r}: item {p.item!r}"
        items.append(int(p.item))
    assert items == sorted(items), f"papers come in agenda order: {items}"


def test_2017_pack_has_a_paper_for_every_substantive_item(analysed):
    # Agenda: "6. Police and Fire Collaboration … (Page 11)" … "12. Work Programme (Page 57)".
    reports = {p.item for p in _parts(analysed, PACK_2017, "report")}
    assert reports == {str(n) for n in range(6, 13)}


def test_2017_work_programme_table_is_item_12(analysed):
    a = analysed[PACK_2017]
    at = a.doc.text.index("1 February 2018, County Hall\tPanel refresh training")
    part = next(p for p in a.doc.parts if p.start <= at < p.end)
    assert part.item == "12" and part.item_title == "Work Programme"


def test_2017_decisions_list_belongs_to_the_information_bulletin(analysed):
    # Item 10 report: "Decisions made by the PCC, up until 20 November 2017, are listed at Annex 1".
    decisions = _parts(analysed, PACK_2017, "decisions")
    assert len(decisions) == 1
    d = decisions[0]
    assert d.title == "PCC's Decisions" and d.item == "10"
    assert "Decision 2017-23" in analysed[PACK_2017].doc.text[d.start:d.end]


def test_2023_cover_sheets_give_item_numbers(analysed):
    doc = analysed[PACK_2023].doc
    for item, title in (("6", "Terms of Reference"), ("7", "Introduction to the Norfolk Countywide Community Safety Partnership"),
                        ("8", "Partnership Priority – Serious Violence"), ("9", "Forward Work Programme")):
        cover = doc.text.index(f"Item No: {item}\n\nReport Title: {title}")
        part = next(p for p in doc.parts if p.start <= cover < p.end)
        assert (part.type, part.item, part.title) == ("report", item, title)


def test_2023_annexed_plan_and_its_appendices_belong_to_item_7(analysed):
    # Item 7 report: "A full copy of the Safer Norfolk Plan 2021-24 is provided at Annex 1 of this report."
    doc = analysed[PACK_2023].doc
    plan = next(p for p in doc.parts if p.title == "Safer Norfolk Plan 2021-24")
    assert plan.item == "7"
    following = [p for p in doc.parts if p.ordinal > plan.ordinal][:3]
    assert [p.type for p in following] == ["appendix"] * 3
    assert [p.title.split(":")[0] for p in following] == ["Appendix 1", "Appendix 2", "Appendix 3"]
    assert all(p.item == "7" for p in following)


def test_2023_forward_work_programme_table_is_item_9(analysed):
    doc = analysed[PACK_2023].doc
    at = doc.text.index("NCCSP Scrutiny Sub Panel Forward Work Programme\n\nDate\tReport")
    part = next(p for p in doc.parts if p.start <= at < p.end)
    assert part.item == "9"


def test_2025_pillar_reports_and_appendices_have_their_items(analysed):
    # Agenda: item 5 is "Pillar 1 - 'Sustain Norfolk Constabulary'" … item 10 is "Pillar 6".
    doc = analysed[PACK_2025].doc
    agenda = _agenda(analysed, PACK_2025)
    reports = _parts(analysed, PACK_2025, "report")
    assert len(reports) == 6
    for r in reports:
        pillar = int(re.search(r"Pillar (\d)", r.title).group(1))
        assert r.item == str(4 + pillar)
        assert f"Pillar {pillar} -" in agenda[r.item]
        appendix = doc.parts[r.ordinal + 1]
        assert appendix.type == "appendix" and appendix.item == r.item
        assert re.search(rf"Pillar {pillar}\b", appendix.title)


def test_2025_translation_offers_are_skipped(analysed):
    a = analysed[PACK_2025]
    doc = a.doc
    # The offers in ten languages each give the office's e-mail address; the English contact
    # lines ("Email: opccn@norfolk.police.uk") are short.
    offers = [m for m in re.finditer(r"(?m)^.*opccn@norfolk\.police\.uk.*$", doc.text) if len(m.group()) > 100]
    assert len(offers) == 10
    skipped = [(s, e) for s, e, why in doc.skipped if why == "translation offer"]
    for m in offers:
        assert any(s <= m.start() and m.end() <= e for s, e in skipped), m.group()[:60]
        assert not any(m.group() in c.text for c in a.chunks)
    # The English contact details are indexed.
    assert any("Direct Dial: 01953 424455" in c.text for c in a.chunks)


# --- single documents --------------------------------------------------------------------------


def test_2018_extract_is_minutes_with_items_from_its_headings(analysed):
    a = analysed[EXTRACT_2018]
    assert [p.type for p in a.doc.parts] == ["minutes"]
    # "#### 4. **Police and Crime Plan Theme: 'Good Stewardship of Taxpayers' Money'**"
    c = next(c for c in a.chunks if "Estates Update at Appendix A" in c.text)
    assert c.item == "4" and "Good Stewardship of Taxpayers' Money" in c.heading
    # "## 6. **Police and Crime Plan Theme: 'Prevent Offending and Rehabilitating Offenders'**"
    c = next(c for c in a.chunks if "Integrated Offender Management Scheme" in c.text)
    assert c.item == "6" and "Prevent Offending and Rehabilitating Offenders" in c.heading
    # The next meeting's date is not this meeting's date.
    assert all(c.meeting_date != "2018-07-31" for c in a.chunks)


def test_2021_briefing_is_one_briefing_part(analysed):
    doc = analysed[BRIEFING_2021].doc
    assert [p.type for p in doc.parts] == ["briefing"]
    assert doc.parts[0].title == "OPCCN Briefing to Candidates"


def test_item5_pdf_takes_its_item_from_the_running_header(analysed):
    doc = analysed[ITEM5].doc
    assert [(p.type, p.item) for p in doc.parts] == [("report", "5")]
    assert "Pillar 1" in doc.parts[0].title


@pytest.mark.parametrize("name, items", [
    (PANEL, range(1, 11)),  # minutes items 1–10
    (NCCSP, range(1, 8)),   # items 1–7 of the 24 February 2023 minutes
    (PACK_2017, range(1, 11)),
])
def test_minutes_items_come_from_numbered_headings(analysed, name, items):
    a = analysed[name]
    minutes = _parts(analysed, name, "minutes")[0]
    secs = [s for s in a.doc.sections if s.part == minutes.ordinal]
    assert {s.item for s in secs if s.item} == {str(n) for n in items}
    # Every minute paragraph "N.x" sits in the section of item N.
    for m in re.finditer(r"(?m)^\s*(?:- )?(\d{1,2})\.(\d{1,2})(?:\.\d{1,2})*\s+[A-Z]", a.doc.text):
        if not minutes.start <= m.start() < minutes.end:
            continue
        sec = next(s for s in secs if s.start <= m.start() < s.end)
        assert sec.item == m.group(1), (m.group(), sec.item)


def test_long_item_heading_in_pdf_minutes_is_still_an_item(analysed):
    # "3. To receive any items of business which the Chairman decides should be considered as a
    # matter of urgency" has no heading mark in a PDF and is longer than most headings.
    c = next(c for c in analysed[PANEL].chunks if "3.1 There were no items of urgent business" in c.text)
    assert c.item == "3" and c.minute == "3.1"
    assert "matter of urgency" in c.heading


# --- minute numbers and headings on chunks -----------------------------------------------------


def _minute_range(m: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    a, _, b = m.partition("–")
    t = lambda s: tuple(int(x) for x in s.split("."))  # noqa: E731
    return t(a), t(b or a)


@pytest.mark.parametrize("name", [PACK_2017, PANEL])
def test_minute_paragraph_numbers_are_kept_on_chunks(analysed, name):
    a = analysed[name]
    # "7.2.13 Implementation of body-worn cameras, new mobile phones and iPad equipment would be
    # completed by Christmas 2017." under "7. Police and Crime Commissioner for Norfolk's 2016-17
    # Annual Report", in the minutes of 26 September 2017.
    c = next(c for c in a.chunks if "Implementation of body-worn cameras" in c.text)
    lo, hi = _minute_range(c.minute)
    assert lo <= (7, 2, 13) <= hi
    assert c.item == "7" and c.part_type == "minutes" and c.meeting_date == "2017-09-26"
    assert "Police and Crime Commissioner for Norfolk's 2016-17 Annual Report" in c.heading
    assert c.heading.startswith("Minutes of the Meeting held on 26 September 2017")


@pytest.mark.parametrize("path", ALL_SOURCES, ids=source_ids(ALL_SOURCES))
def test_minute_numbers_are_numbers_at_line_starts(analysed, path):
    for c in analysed[path.name].chunks:
        if not c.minute:
            continue
        for num in re.split("–", c.minute):
            assert re.search(r"(?m)^\s*(?:- )?" + re.escape(num) + r"\.?\s", c.text), (num, c.text[:80])
            # Times in a timetable ("09.00 – 9.15") are not minute numbers.
            assert not re.match(r"0\d", num), c.minute


def test_heading_only_lines_do_not_make_chunks_of_their_own(analysed):
    """Slide titles, names in attendance lists and table captions join the text that follows."""
    from indexer.tokens import count_tokens

    chunks = [c for a in analysed.values() for c in a.chunks]
    tiny = [c.text for c in chunks if count_tokens(c.text) < 12]
    assert len(tiny) <= 0.05 * len(chunks), tiny[:20]
    briefing = analysed[BRIEFING_2021].chunks
    assert not any(c.text.strip() in ("Candidates", "Welcome", "The role", "Finance") for c in briefing)


@pytest.mark.parametrize("path", ALL_SOURCES, ids=source_ids(ALL_SOURCES))
def test_skipped_spans_are_boilerplate_or_repeats(analysed, path):
    a = analysed[path.name]
    doc = a.doc
    chunk_text = "\n".join(c.text for c in a.chunks)
    squash = lambda s: re.sub(r"\s+", " ", s).strip().lower()  # noqa: E731
    for s, e, why in doc.skipped:
        text = doc.text[s:e]
        if why == "boilerplate":
            assert "large print" in text
        elif why == "translation offer":
            assert "01953" in text
        else:
            # A repeat: the first copy is indexed, so nothing is lost.
            assert why in ("repeated text", "repeated cell text")
            assert squash(text) in squash(chunk_text)


def test_pdf_boilerplate_is_not_indexed(analysed):
    a = analysed[PANEL]
    assert any(why == "boilerplate" and a.doc.text[s:e].startswith("If you need this document in large print")
               for s, e, why in a.doc.skipped)
    assert not any("large print" in c.text or "Text Relay" in c.text for c in a.chunks)


@pytest.mark.parametrize("name", [PACK_2017, PACK_2023])
def test_pack_boilerplate_is_not_indexed(analysed, name):
    a = analysed[name]
    n = len(re.findall(r"(?m)^If you need this (?:document|report) in large print", a.doc.text))
    assert n >= 5  # one after every paper in a council pack
    assert not any("in large print" in c.text for c in a.chunks)
