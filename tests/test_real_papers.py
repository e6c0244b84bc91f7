"""Structure, decisions and text hygiene on real published PDFs from other committee systems.

The PDFs are in evals/realpapers/pdfs (provenance: evals/realpapers/SOURCES.tsv), labelled by hand
in evals/realpapers/labels. Every expectation below is printed in the paper itself (quoted in the
test); detection is run on copies under neutral file names, so nothing can come from a file name.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from indexer.decisions import extract_decisions
from indexer.sources import read_source
from indexer.structure import analyse

ROOT = Path(__file__).resolve().parent.parent
PAPERS = ROOT / "evals" / "realpapers" / "pdfs"

FRONTSHEET = "kcc_cabinet_2025-01-30_agenda_frontsheet.pdf"
MINUTES = "kcc_cabinet_2025-01-30_printed_minutes.pdf"
PROD = "kcc_cabinet_2025-01-30_decision_24-00096_proposed_record_of_decision.pdf"
SUPPLEMENT = "kcc_cabinet_2025-01-30_item7_supplementary_pack.pdf"
MARCH_PACK = "kcc_cabinet_2025-03-13_public_reports_pack.pdf"
FINANCE = "kcc_cabinet_2025-01-30_finance_monitoring_report_q3.pdf"
SLIDES = "kcc_cabinet_2025-01-30_health_wellbeing_slides_16x9.pdf"
RISKS = "kcc_cabinet_2025-01-30_budget_risk_register_landscape.pdf"
MERTON = "merton_audit_committee_2009-10-22_agenda.pdf"
NEW_ORLEANS = "new_orleans_city_council_minutes_2023-03-23.pdf"
NORWALK = "norwalk_housing_authority_agenda_2022-11-15_scanned_pages.pdf"
CHICAGO = "chicago_police_district_council_001_agenda_2023-06-06.pdf"
NICS = "tricky_nics_background_checks_rotated90.pdf"


@pytest.fixture(scope="module")
def neutral(tmp_path_factory) -> dict[str, Path]:
    """Each paper copied as paper-NN.pdf."""
    d = tmp_path_factory.mktemp("neutral")
    out = {}
    for n, f in enumerate(sorted(PAPERS.glob("*.pdf")), 1):
        out[f.name] = d / f"paper-{n:02d}.pdf"
        shutil.copy2(f, out[f.name])
    return out


@pytest.fixture(scope="module")
def papers(neutral):
    cache = {}

    def get(name: str):
        if name not in cache:
            p = neutral[name]
            src = read_source(p, p.name)
            doc = analyse(src, p.stem)
            cache[name] = (src, doc, extract_decisions(doc))
        return cache[name]
    return get


def norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", s.lower()).strip()


# --- organisation and body from the paper ---------------------------------------------------------


@pytest.mark.parametrize("name, organisation, body", [
    # "KENT COUNTY COUNCIL" / "CABINET" / "MINUTES of a meeting of the Cabinet held …"
    (MINUTES, "Kent County Council", "Cabinet"),
    # "AGENDA" / "CABINET": the frontsheet names the council only in an item title
    (FRONTSHEET, "Kent County Council", "Cabinet"),
    # "KENT COUNTY COUNCIL – PROPOSED RECORD OF DECISION" / "DECISION TO BE TAKEN BY: Cabinet"
    (PROD, "Kent County Council", "Cabinet"),
    # "To: Cabinet - 30 January 2025" on the report's cover
    (FINANCE, None, "Cabinet"),
    # "Merton Council" / "Audit Committee" / "A meeting of the Audit Committee will be held"
    (MERTON, "Merton Council", "Audit Committee"),
    # "City of New Orleans" / "Regular City Council Meeting held in the City Hall Council Chamber"
    (NEW_ORLEANS, "City of New Orleans", "City Council"),
    # "AGENDA" / "HOUSING AUTHORITY" / "NOVEMBER 15, 2022"
    (NORWALK, None, "Housing Authority"),
    # "City of Chicago" / "Notice is hereby given that District Council 001 will hold" (a form field)
    (CHICAGO, "City of Chicago", "District Council 001"),
    # a table of background checks: no meeting, no body
    (NICS, None, None),
], ids=["minutes", "frontsheet", "record-of-decision", "report", "merton", "new-orleans", "norwalk",
        "chicago-form", "not-a-meeting-paper"])
def test_organisation_and_body_from_the_paper(papers, name, organisation, body):
    _, doc, _ = papers(name)
    assert doc.body == body
    if organisation is not None:
        assert doc.organisation == organisation


def test_alias_map_makes_variants_agree(neutral):
    from indexer.settings import NameSettings

    names = NameSettings(bodies={"Kent Cabinet": ["Cabinet", "The Cabinet"]}, titles={"Kent Cabinet": "Cabinet of KCC"})
    p = neutral[MINUTES]
    doc = analyse(read_source(p, p.name), p.stem, names)
    assert doc.body == "Kent Cabinet" and all(part.body == "Kent Cabinet" for part in doc.parts)
    assert names.title(doc.body) == "Cabinet of KCC"
    # Only whole names, ignoring case and punctuation: "Cabinet Committee" is another body.
    assert names.body("CABINET") == "Kent Cabinet" and names.body("Cabinet Committee") == "Cabinet Committee"


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, meeting, own", [
    # "Thursday, 30th January, 2025, at 10.00 am"; published "Wednesday, 22 January 2025"
    (FRONTSHEET, "2025-01-30", "2025-01-22"),
    # "Thursday, 13th March, 2025, at 3.00 pm"; published "Wednesday, 5 March 2025"
    (MARCH_PACK, "2025-03-13", "2025-03-05"),
    # "held … on Thursday, 30 January 2025"; item 3 approves the minutes of 9 January 2025
    (MINUTES, "2025-01-30", "2025-01-30"),
    # a covering letter "Date: 29 January 2025" for "CABINET - THURSDAY, 30 JANUARY 2025"
    (SUPPLEMENT, "2025-01-30", "2025-01-29"),
    # no decision date printed (the "signed … date" lines are blank); its text is full of dates
    (PROD, None, None),
    # "Date: 22 October 2009"; the pack's minutes are of 24 September 2009
    (MERTON, "2009-10-22", None),
    # "NOVEMBER 15, 2022"; "Dated this 9th day of November 2022"
    (NORWALK, "2022-11-15", "2022-11-09"),
    # "Date/Time: June 6, 530pm" (a form field, no year); "May 9, 2023" is the last meeting
    (CHICAGO, "2023-06-06", None),
], ids=["agenda-not-publication", "agenda-march", "minutes-not-previous", "letter", "decision-record",
        "merton", "us-agenda", "yearless-form-date"])
def test_meeting_date_and_the_papers_own_date(papers, name, meeting, own):
    _, doc, _ = papers(name)
    assert (doc.meeting_date, doc.document_date) == (meeting, own)


def test_earlier_minutes_in_a_pack_keep_their_own_date(papers):
    _, doc, decisions = papers(MERTON)
    minutes = [p for p in doc.parts if p.type == "minutes"]
    # "AUDIT COMMITTEE" / "24 SEPTEMBER 2009" / "PRESENT: …" on PDF page 3
    assert minutes and all(p.meeting_date == "2009-09-24" for p in minutes)
    assert decisions and all(d.meeting_date == "2009-09-24" for d in decisions)


# --- document types ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name, doc_type", [
    (FRONTSHEET, "agenda"), (MARCH_PACK, "agenda"), (MINUTES, "minutes"), (PROD, "decision_record"),
    (SUPPLEMENT, "agenda_pack"), (FINANCE, "report"), (SLIDES, "appendix"), (RISKS, "appendix"),
    (MERTON, "agenda_pack"), (NEW_ORLEANS, "minutes"), (NORWALK, "agenda_pack"), (CHICAGO, "agenda"),
    (NICS, "other"),
])
def test_document_type(papers, name, doc_type):
    assert papers(name)[1].doc_type == doc_type


def test_pack_parts_are_kept(papers):
    _, doc, _ = papers(SUPPLEMENT)
    # The covering letter lists "Agenda Item No 7"; the report is stamped "Agenda Item 7" on its
    # first page (PDF page 3); the equality impact assessment follows a blank page.
    assert [p.type for p in doc.parts][:2] == ["agenda", "report"]
    report = doc.parts[1]
    assert report.item == "7" and doc.text[report.start:].startswith("From: Sue Chandler")
    page3 = next(p for p in doc.pages if p.pdf_page == 3)
    assert page3.start == report.start


# --- agenda items and minute numbers ---------------------------------------------------------------


def _items(doc):
    return [(it.number, it.minute, it.title) for it in doc.items]


def test_minutes_numbered_by_minute_with_the_item_beneath(papers):
    # "84. Apologies" / "(Item 1)" … "92. 24/00096 - Commissioning Plan … 2025-29 (Item 9)"
    _, doc, _ = papers(MINUTES)
    items = _items(doc)
    assert [(n, m) for n, m, _ in items] == [(str(i), str(83 + i)) for i in range(1, 10)]
    assert items[0][2] == "Apologies" and items[8][2].startswith("24/00096 - Commissioning Plan")
    assert all(it.page for it in doc.items) and doc.items[4].page == 9
    # Citations name the item and its minute number.
    from indexer.chunking import Chunker
    from indexer.settings import ChunkerSettings

    chunks = Chunker(ChunkerSettings()).chunk_document(doc)
    c = next(c for c in chunks if "projected overspend of £23.3 million" in c.text)
    assert (c.item, c.minute) == ("5", "88")


def test_agenda_items_with_page_references(papers):
    # "5. 24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25 (Pages 11 - 84)"
    _, doc, _ = papers(FRONTSHEET)
    items = _items(doc)
    assert [n for n, _, _ in items] == [str(i) for i in range(1, 10)]
    assert items[4][2] == "24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25"


def test_agenda_in_a_contents_list_with_page_numbers(papers):
    # Merton, PDF page 2: "4. Annual complaints report 9"; the footnote "1 Members are advised …" is not an item.
    _, doc, _ = papers(MERTON)
    agenda = [it for it in doc.items if it.part == 0]
    assert [it.number for it in agenda] == [str(i) for i in range(1, 9)]
    assert agenda[3].title == "Annual complaints report" and agenda[7].title == "Work programme"
    # The earlier minutes' items: "2 MINUTES OF THE MEETING HELD ON 23 JUNE 2009 (Agenda item 3)".
    earlier = [it for it in doc.items if it.part > 0]
    assert ("3", "2") in [(it.number, it.minute) for it in earlier]


def test_unnumbered_items_of_a_us_agenda(papers):
    # Norwalk page 2: "CALL TO ORDER", "ROLL CALL", "CONSENT CALENDAR", "1. MEETING MINUTES – …",
    # "2. WARRANTS – …", "COMMUNITY DEVELOPMENT DIRECTOR’S REPORT", "ORAL COMMUNICATIONS", "ADJOURNMENT"
    _, doc, _ = papers(NORWALK)
    agenda = [(it.number, it.title) for it in doc.items if it.part == 0]
    assert [t for _, t in agenda][:3] == ["CALL TO ORDER", "ROLL CALL", "CONSENT CALENDAR"]
    assert [n for n, _ in agenda] == [None, None, None, "1", "2", None, None, None]
    assert agenda[-1][1] == "ADJOURNMENT"


def test_sub_items_and_items_taken_out_of_order(papers):
    # New Orleans: "24. LEGISLATIVE GROUPING", "24a. CAL. NO. 34,084 - …", "24b. AMENDMENT TO …";
    # "56. RESOLUTION - NO. R-23-123 …" taken up after item 2 of the special orders.
    _, doc, _ = papers(NEW_ORLEANS)
    numbers = [it.number for it in doc.items]
    assert numbers[:8] == ["1", "2", "3", "4", "5", "1", "2", "56"]
    assert {"24", "24a", "24b"} <= set(numbers)
    item = next(it for it in doc.items if it.number == "24a")
    assert item.title == "CAL. NO. 34,084 - BY: COUNCILMEMBER MORENO"


def test_form_fields_are_read(papers):
    # Chicago: the filled-in fields "001", "June 6, 530pm", "Maggie Daley Fieldhouse", "May 9, 2023".
    src, doc, _ = papers(CHICAGO)
    assert "District Council 001 will hold a public meeting" in src.text
    assert "Date/Time: June 6, 530pm" in src.text
    assert "Approval of minutes from meeting date: May 9, 2023" in src.text
    assert [it.number for it in doc.items] == [str(i) for i in range(1, 8)]


# --- decisions ---------------------------------------------------------------------------------------


def one(decisions, phrase):
    found = [d for d in decisions if norm(phrase) in norm(d.text)]
    assert len(found) == 1, (phrase, len(found))
    return found[0]


def test_whole_resolution_with_its_list(papers):
    # "RESOLVED that Cabinet agree to:" / "A) Note the forecast revenue overspend of £23.3m …" …
    # "f) Note the Reserves, Treasury Management and Prudential Indicators Monitoring"
    _, doc, decisions = papers(MINUTES)
    d = one(decisions, "Note the forecast revenue overspend")
    assert d.text.startswith("RESOLVED that Cabinet agree to:")
    assert "Agree the Capital budget changes" in d.text and "Prudential Indicators" in d.text
    assert (d.kind, d.item, d.meeting_date, d.decided_by) == ("resolution", "5", "2025-01-30", "Cabinet")
    # Decisions the Scrutiny Committee took, reported in a Cabinet Member's update, are not Cabinet's.
    assert not [x for x in decisions if "refer the decision to full Council" in x.text]
    assert len(decisions) == 6


def test_resolved_with_lettered_parts_is_one_decision(papers):
    # Merton p4: "RESOLVED: (A) That the Audit Committee notes … (B) That the Audit Committee notes …"
    _, doc, decisions = papers(MERTON)
    d = one(decisions, "notes the Council’s Use of Resources score judgement")
    assert d.text.startswith("RESOLVED: (A) That the Audit Committee notes")
    # "7 WORK PROGRAMME (Agenda item 7)" / "NOTED"; "The report was otherwise noted."
    assert one(decisions, "The report was otherwise noted").outcome == "noted"
    assert any(x.text == "NOTED" and x.item == "7" for x in decisions)


def test_record_of_decision_gives_its_decision_text(papers):
    # "Decision:" / "Cabinet agree to:" / "A) the Commissioning Plan for Education Provision in Kent 2025-29"
    # up to "Reason(s) for decision:"
    _, doc, decisions = papers(PROD)
    [d] = decisions
    assert norm(d.text) == norm("Cabinet agree to: A) the Commissioning Plan for Education Provision in Kent 2025-29")
    assert (d.kind, d.outcome, d.number, d.decided_by) == ("decision_notice", "proposed", "24-00096", "Cabinet")
    assert d.title == "Commissioning Plan for Education Provision in Kent 2025-29"


def test_recorded_votes(papers):
    # New Orleans p3: "56. RESOLUTION - NO. R-23-123 …" / "MOVED BY: Thomas" / "SECONDED BY: Morrell" /
    # "ACTION: Adopt" / "YEAS: Giarrusso, Green, Harris, King, Moreno, Morrell, Thomas - 7" / "NAYS: 0" /
    # "ABSTAIN: 0" / "ABSENT: 0" / "RECUSED: 0" / "AND THE MOTION PASSED."
    _, doc, decisions = papers(NEW_ORLEANS)
    d = one(decisions, "Honoring the life and legacy of Mark David Bazile")
    assert d.text.startswith("56. RESOLUTION - NO. R-23-123") and d.text.endswith("AND THE MOTION PASSED.")
    assert (d.kind, d.outcome, d.item) == ("motion", "carried", "56")
    assert d.votes["for"] == 7 and d.votes["against"] == 0 and d.votes["abstain"] == 0
    assert d.votes["yeas"] == ["Giarrusso", "Green", "Harris", "King", "Moreno", "Morrell", "Thomas"]
    # "ABSENT: Harris, Thomas - 2" on the amendment to 34,084
    amend = one(decisions, "AMENDMENT TO ORDINANCE CALENDAR NO. 34,084")
    assert amend.votes["for"] == 5 and amend.votes["absent"] == 2
    # "(… recommended approval). ADOPTED." with no vote printed: the item's disposition.
    adopted = one(decisions, "reappointment of Charles David Thompson")
    assert adopted.outcome == "adopted" and adopted.votes is None


def test_roll_call_vote_after_moved_and_seconded(papers):
    # Norwalk p3: "Commissioner Perez moved and Chair Ramirez seconded to approve the consent calendar
    # as recommended. MOTION CARRIED BY THE FOLLOWING ROLL CALL VOTE: AYES: Commissioners *Davis,
    # **Hernandez, and Perez, Vice Chair Valencia, and Chair Ramirez NOES: None ABSENT: Commissioners Ayala and Rios"
    _, doc, decisions = papers(NORWALK)
    d = one(decisions, "moved and Chair Ramirez seconded to approve the consent calendar")
    assert (d.kind, d.outcome, d.meeting_date) == ("motion", "carried", "2022-10-18")
    assert d.votes["for"] == 5 and d.votes["against"] == 0 and d.votes["absent"] == 2
    assert one(decisions, "The Housing Authority approved the minutes of the regular meeting").outcome == "approved"


def test_lost_motion_and_amendment(tmp_path):
    # No labelled real paper records a lost motion; the forms below are how minutes print one.
    p = tmp_path / "minutes.txt"
    p.write_text("""Borough Council

Minutes of the meeting of the Full Council held on 12 March 2024

14. Motion on parking charges

It was moved by Councillor Smith and seconded by Councillor Jones that the Council freezes parking charges for 2024/25.
On being put to the vote the motion was LOST.
For: 12
Against: 20
Abstain: 3

15. Amendment to the budget

MOVED BY: Cllr Patel
SECONDED BY: Cllr Brown
ACTION: Amendment to add £50,000 for libraries
YEAS: Patel, Brown, Green - 3
NAYS: Smith, Jones, White, Black - 4
AND THE MOTION FAILED.
""", encoding="utf-8")
    doc = analyse(read_source(p, p.name), "minutes")
    ds = extract_decisions(doc)
    parking = one(ds, "freezes parking charges")
    assert (parking.kind, parking.outcome, parking.item) == ("motion", "lost", "14")
    assert (parking.votes["for"], parking.votes["against"], parking.votes["abstain"]) == (12, 20, 3)
    libraries = one(ds, "add £50,000 for libraries")
    assert (libraries.outcome, libraries.votes["for"], libraries.votes["against"]) == ("lost", 3, 4)
    assert libraries.votes["nays"] == ["Smith", "Jones", "White", "Black"]


def test_roman_and_lettered_agendas(tmp_path):
    p = tmp_path / "agenda.txt"
    p.write_text("""Planning Committee

AGENDA

Date: Tuesday 4 June 2024 at 7.00 pm

I. Apologies for absence
II. Declarations of interest
III. Planning applications
A. 23/01234/FUL Land at Mill Lane
B. 24/00077/HOU 12 High Street
IV. Any other business
""", encoding="utf-8")
    doc = analyse(read_source(p, p.name), "agenda")
    assert doc.body == "Planning Committee" and doc.meeting_date == "2024-06-04" and doc.doc_type == "agenda"
    assert [it.number for it in doc.items] == ["I", "II", "III", "A", "B", "IV"]


# --- text hygiene -------------------------------------------------------------------------------------


def test_browser_print_lines_are_page_furniture(papers):
    # Every page of the printed web page starts "6/23/23, 5:39 PM cityofno.granicus.com/MinutesViewer.php?…"
    # and ends with the address and "N/72": gone from the text, the page number kept.
    src, _, _ = papers(NEW_ORLEANS)
    assert "MinutesViewer.php" not in src.text and "5:39 PM" not in src.text
    assert [p.printed for p in src.pages[:3]] == ["1", "2", "3"]
    assert src.pages[71].printed == "72"


def test_reading_order_of_a_printed_web_page(papers):
    # The viewer draws each vote table before the text above it; the text reads top to bottom.
    src, _, _ = papers(NEW_ORLEANS)
    text = src.text
    brief = text.index("Honoring the life and legacy of Mark David Bazile")
    adopt = re.compile(r"ACTION:\s+Adopt").search(text, brief)
    assert text.index("56. RESOLUTION - NO. R-23-123") < brief < adopt.start()


def test_blank_pages_and_page_numbers(papers):
    # Supplementary pack p2 and p12: "This page is intentionally left blank"; the report's pages print 1-9.
    src, doc, _ = papers(SUPPLEMENT)
    assert [p.printed for p in src.pages[2:5]] == ["1", "2", "3"]
    assert any(why == "boilerplate" and "intentionally left blank" in doc.text[s:e] for s, e, why in doc.skipped)


def test_hyphens_split_words_and_compounds(papers):
    src, _, _ = papers(NORWALK)
    # "consent calend ar", "Vice Chair V alencia": kerning split the words; the file's own words join them.
    assert "approve the consent calendar as recommended" in src.text and "Vice Chair Valencia" in src.text
    src, _, _ = papers(MINUTES)
    # "father-" / "inclusive" and "decision-" / "making" at line ends: compounds (the file prints
    # "father-inclusive" on one line too, and "decision" and "making" as words), so the hyphen stays.
    assert src.text.count("father-inclusive") == 4 and "fatherinclusive" not in src.text
    assert "decision-making" in src.text and "decision- making" not in src.text


def test_landscape_tables_and_slides_are_read(papers):
    src, doc, _ = papers(RISKS)
    # 11 landscape pages of an exported spreadsheet: every page has text, in its page span
    assert len(src.pages) == 11 and all(src.text[p.start:p.end].strip() for p in src.pages)
    src, doc, _ = papers(SLIDES)
    assert len(src.pages) == 85
    # Slide titles are printed large: they are marked as headings.
    assert len(src.heading_offsets) >= 40


def test_rotated_page(papers):
    src, doc, _ = papers(NICS)
    # "/Rotate 90": the table reads as rows ("Kentucky" with its figures), not one letter per line
    assert re.search(r"Kentucky[\t ]+[\d,]+", src.text)
