"""The decisions register extractor (indexer/decisions.py) on the real corpus, the fixture PDFs and
small inline papers, and its evaluation against the hand labels in evals/decision_labels/.

Assertions state facts of the source texts (what the minutes say was decided, by whom, when), not
outputs copied from the extractor.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.decisions import KINDS, Decision, extract_decisions
from indexer.metadata import load_metadata
from indexer.pipeline import relabel
from indexer.settings import Settings
from indexer.sources import read_source
from indexer.structure import analyse

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PDF_DOCS = ROOT / "tests" / "fixtures" / "docs"
LABELS = ROOT / "evals" / "decision_labels"

PACK_2017 = "2017-11-28-police-and-crime-panel-agenda-pack"
EXTRACT_2018 = "2018-pcc-accountability-meeting-minutes-extract"
BRIEFING_2021 = "2021-03-25-opccn-briefing-to-pcc-candidates"
NCCSP_2023 = "2023-06-08-nccsp-scrutiny-sub-panel-agenda-pack"
PACK_2025 = "2025-01-29-pcc-accountability-meeting-agenda-pack"


def norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


# As `minutebook index corpus/ --config corpus/minutebook.json` reads the archive: its alias map,
# and its metadata file for the two extracts that lost their headings.
SETTINGS = Settings.load(CORPUS / "minutebook.json")
METADATA = load_metadata(CORPUS / "metadata.csv", {p.name for p in CORPUS.glob("*.txt")})


def load(path: Path):
    doc = analyse(read_source(path, path.name), path.stem, SETTINGS.names)
    decisions = extract_decisions(doc)
    relabel(doc, [], decisions, METADATA.get(path.name), SETTINGS)
    return doc, decisions


def from_text(tmp_path: Path, text: str, name: str = "paper.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return load(p)


def having(decisions: list[Decision], phrase: str) -> list[Decision]:
    """Decisions whose text contains ``phrase`` (compared normalised)."""
    n = norm(phrase)
    return [d for d in decisions if n in norm(d.text)]


def one(decisions: list[Decision], phrase: str) -> Decision:
    found = having(decisions, phrase)
    assert len(found) == 1, f"expected one decision containing {phrase!r}, got {len(found)}"
    return found[0]


@pytest.fixture(scope="module")
def corpus() -> dict[str, tuple]:
    return {p.stem: load(p) for p in sorted(CORPUS.glob("*.txt"))}


# --- the interface ------------------------------------------------------------------------------


def test_every_decision_is_a_verbatim_slice_with_a_stable_id(corpus):
    for stem, (doc, decisions) in corpus.items():
        ids = [d.id for d in decisions]
        assert len(ids) == len(set(ids)), stem
        for d in decisions:
            assert d.text == doc.text[d.start:d.end]
            assert d.text == d.text.strip() and d.text
            assert d.kind in KINDS
            assert d.outcome and d.outcome == d.outcome.lower()
            assert d.document_id == doc.id == stem
            key = "\x1f".join((d.document_id, d.kind, str(d.start), d.text))
            assert d.id == hashlib.sha256(key.encode()).hexdigest()[:16]
            # Only minutes and decision lists hold decisions in these papers.
            assert doc.parts[d.part].type in ("minutes", "decisions")
            assert doc.parts[d.part].start <= d.start < d.end <= doc.parts[d.part].end
            assert d.page is None and d.printed_page is None  # text files have no page map
        # Deterministic: a second run gives the same register.
        again = extract_decisions(doc)
        assert [(d.id, d.start, d.end) for d in again] == [(d.id, d.start, d.end) for d in decisions]
        assert [d.start for d in decisions] == sorted(d.start for d in decisions)


def test_briefing_slides_record_no_decisions(corpus):
    # The 2021 briefing mentions "Decision Notices Produced" and "Decision Making Framework", but
    # decides nothing.
    assert corpus[BRIEFING_2021][1] == []


# --- paragraph-numbered minutes (2017 Panel minutes of 26 September 2017) -----------------------


def test_paragraph_numbered_minutes(corpus):
    doc, ds = corpus[PACK_2017]
    minutes = [d for d in ds if doc.parts[d.part].type == "minutes"]
    assert minutes
    for d in minutes:
        # "Minutes of the Meeting held on 26 September 2017", inside the 28 November 2017 pack.
        assert d.meeting_date == "2017-09-26"
        assert d.decided_by == "Norfolk Police and Crime Panel"

    wp = one(ds, "The Panel AGREED the work programme and the above additions")
    assert (wp.kind, wp.outcome, wp.number, wp.item) == ("resolution", "agreed", "10.3", "10")
    assert wp.item_title and "Work Programme" in wp.item_title

    # 6.2: one resolution that both approves and appoints.
    hill = one(ds, "APPOINTED Mr Peter Hill")
    assert hill.kind == "resolution" and hill.number == "6.2" and "APPROVED the recommendation" in hill.text

    # 10.2.1 "The Committee AGREED …" is the Panel's decision; its second sentence belongs to it.
    reserve = one(ds, "AGREED to arrange a reserve date for late October")
    assert reserve.number == "10.2.1" and reserve.text.endswith("This date would be to be circulated to Members.")

    noted = one(ds, "The Panel NOTED to the Commissioner's Annual Report 2016-17")
    assert (noted.kind, noted.outcome, noted.number) == ("resolution", "noted", "7.3.1")

    # 7.3.2 recommends to the PCC, with both bullets inside and nothing of item 8.
    rec = one(ds, "The Panel AGREED to recommend to the PCC that")
    assert rec.kind == "recommendation" and rec.number == "7.3.2"
    assert "receive regular Constabulary briefings" in rec.text
    assert "as well as future annual reports, which was essential" in rec.text
    assert "Complaints Sub-Panel" not in rec.text


def test_minutes_approval_is_its_own_kind(corpus):
    doc, ds = corpus[PACK_2017]
    m = one(ds, "minutes of the meeting held on the 20 June 2017 were agreed as an accurate record")
    assert (m.kind, m.item, m.number) == ("minutes", "4", "4.1")
    doc, ds = corpus[NCCSP_2023]
    m = one(ds, "were all agreed as an accurate record")
    assert m.kind == "minutes" and m.item == "2" and m.meeting_date == "2023-02-24"
    doc, ds = corpus[PACK_2025]
    m = one(ds, "were agreed to be a true and accurate reflection of the meeting")
    assert m.kind == "minutes" and m.item == "3" and m.meeting_date == "2024-10-08"
    # The agendas' "To confirm the minutes …" are proposals.
    for stem, (doc, ds) in corpus.items():
        assert not having(ds, "To confirm the minutes"), stem


def test_requests_are_recommendations_but_views_remarks_and_undertakings_are_not(corpus):
    _, ds = corpus[PACK_2017]
    req = one(ds, "The Panel requested the inclusion of information on impact and outcomes")
    assert (req.kind, req.outcome, req.number) == ("recommendation", "requested", "7.2.10")
    passive = one(ds, "It was requested that a copy of this briefing be sent")
    assert passive.kind == "recommendation" and passive.number == "7.2.5"
    for phrase in ("The Chief Constable agreed to send a brief",  # an officer's undertaking
                   "the Commissioner agreed to raise this",
                   "agreed to look into this",
                   "The Chairman requested clarification",  # a question
                   "the Panel agreed that the provision of performance measure data was essential",  # a view
                   "the Panel agreed that community engagement could be improved"):
        assert not having(ds, phrase), phrase
    _, ds = corpus[PACK_2025]
    assert not having(ds, "The PCC agreed that the funding formula is particularly problematic")
    assert not having(ds, "The PCC noted how there appears to be a level of asymmetry")
    _, ds = corpus[NCCSP_2023]
    assert not having(ds, "The Sub Panel noted that while there was a core Community Safety Team")
    assert not having(ds, "supported the endorsement of rolling out the training")
    # "requested by the Scrutiny Sub Panel at its 24 February 2022 meeting" is history, not a request.
    assert not having(ds, "which was requested by the Scrutiny Sub Panel")


def test_reports_and_their_recommendations_are_not_decisions(corpus):
    for stem, (doc, ds) in corpus.items():
        for d in ds:
            assert not re.search(r"is asked to note|is recommended to|RECOMMENDATION:", d.text), (stem, d.text[:80])
    # A report recalling a past decision of the Sub Panel.
    doc, ds = corpus[NCCSP_2023]
    assert "the Scrutiny Sub Panel agreed to amend its Terms of Reference" in doc.text
    assert not having(ds, "agreed to amend its Terms of Reference")
    # The Police Accountability Forum list inside the 2017 decisions part: report recommendations.
    doc, ds = corpus[PACK_2017]
    assert not having(ds, "Recommendation: To note the report")
    assert not having(ds, "The PCC approved the revenue budget and capital programme")


# --- bullet minutes (2018 PCC accountability meeting extract) -----------------------------------


def test_bullet_minutes_with_requests_and_action_lines(corpus):
    doc, ds = corpus[EXTRACT_2018]
    for d in ds:
        assert d.decided_by == "PCC Accountability Meeting"
        assert d.meeting_date is None  # the extract never states its own date (only the next one)
    dash = one(ds, "the PCC requested for an update on the Dashcam project to be provided to him")
    assert (dash.kind, dash.outcome) == ("recommendation", "requested")
    # The request is one sentence: the Chief Constable's reply is not part of it.
    assert "The Chief Constable reported" not in dash.text
    # The extract starts part-way through item 3 (the first heading is "4. Police and Crime Plan …").
    assert dash.item == "3"

    ksi = one(ds, "ACTION: for Chief Constable to provide report on KSI figures to the PCC")
    assert (ksi.kind, ksi.owner, ksi.item) == ("action", "Chief Constable", "3")
    assert "The PCC queried" not in ksi.text

    checkpoint = one(ds, "for the Chief Constable to update the PCC on progress of the use of Checkpoint")
    assert (checkpoint.kind, checkpoint.owner, checkpoint.item) == ("action", "Chief Constable", "6")

    # "ACTION: The PCC requested …" is one action, not also a request.
    topic = having(ds, "The PCC requested for this topic to be returned to at a later meeting")
    assert len(topic) == 1 and topic[0].kind == "action" and topic[0].owner is None

    hare = one(ds, "the action for an update on hare coursing")
    assert hare.kind == "action" and hare.status == "completed"

    n_action_marks = doc.text.count("ACTION:")
    assert len([d for d in ds if d.text.startswith("ACTION:")]) == n_action_marks
    # Questions are not requests.
    assert not having(ds, "the PCC asked what the timeline was")
    assert not having(ds, "The PCC asked the Deputy Chief Constable to confirm")


# --- numbered resolution lists with lettered sub-items (2023 NCCSP minutes) ---------------------


def test_numbered_resolutions_keep_their_lettered_sub_items(corpus):
    doc, ds = corpus[NCCSP_2023]
    for d in ds:
        assert d.meeting_date == "2023-02-24"  # minutes of 24 February 2023, in the 8 June 2023 pack
        assert d.decided_by == "NCCSP Scrutiny Sub Panel"
    under_54 = sorted((d for d in ds if (d.number or "").startswith("5.4")), key=lambda d: d.start)
    assert [d.number for d in under_54] == ["5.4(1)", "5.4(2)", "5.4(3)"]
    assert [d.outcome for d in under_54] == ["noted", "recommended", "agreed"]
    recs = under_54[1]
    assert recs.kind == "recommendation" and recs.text.startswith("Made the following RECOMMENDATIONS")
    for sub in ("a) that the Partnership should provide a full report on its thematic review",
                "b) that the Partnership should provide further information on how children are supported",
                "c) that the Partnership should provide an overview of its response to the new Serious Violence Duty"):
        assert sub in recs.text
    assert "AGREED to delegate" not in recs.text

    # 6.4 uses "a." "b." "c." letters.
    r64 = one(ds, "That it should report the outcomes of its Hate Crime Review")
    assert r64.number == "6.4(2)" and r64.text.startswith("RECOMMENDED to the Partnership")
    assert "a. That it should provide clarification" in r64.text

    # Item 7's resolutions have no "The Scrutiny Sub Panel:" line above them.
    item7 = [d for d in ds if d.item == "7" and re.match(r"(NOTED|RECOMMENDED|AGREED)\b", d.text)]
    assert [d.text.split()[0] for d in item7] == ["NOTED", "RECOMMENDED", "AGREED"]

    # 9.2's bullets are part of the resolution; the requests inside them are not separate decisions.
    wp = one(ds, "The Scrutiny Sub Panel AGREED the forward work programme and the items identified")
    assert "It was also agreed that the introduction should include" in wp.text
    assert "was asked to liaise with the Partnership to consider the best timings" in wp.text
    assert "9.3" not in wp.text and wp.number == "9.2"
    # Each "AGREED to delegate …" (items 5, 6 and 7) is a decision of its own item.
    delegate = having(ds, "AGREED to delegate to the Chair and Vice-Chair")
    assert sorted(d.item for d in delegate) == ["5", "6", "7"]


# --- actions table (2025 pack: minutes of 8 October 2024) ---------------------------------------


def test_action_table_rows(corpus):
    doc, ds = corpus[PACK_2025]
    actions = {d.number: d for d in ds if d.kind == "action"}
    assert sorted(actions, key=int) == [str(n) for n in range(1, 12)]
    for n, d in actions.items():
        assert d.text.startswith(f"Action {n}")
        assert d.meeting_date == "2024-10-08" and d.decided_by == "PCC Accountability Meeting"
        assert d.outcome == "action"
    # Actions 1-5 were set at the 22 July 2024 meeting and updated on 8 October 2024.
    for n in "12345":
        assert actions[n].set_at == "2024-07-22"
        assert "8 October 2024" in actions[n].status
    assert "closed" in actions["1"].status.lower() and "ongoing" in actions["4"].status.lower()
    # Actions 6-11 are "New Action (8 October 2024)".
    for n in ("6", "7", "8", "9", "10", "11"):
        assert actions[n].set_at == "2024-10-08"
        assert actions[n].status == "New Action (8 October 2024)"
    assert actions["1"].owner == "CC"
    assert actions["3"].owner == "ACC Davison"
    assert actions["7"].owner == "DCC"
    assert actions["10"].owner == "ACC Davison"  # "Action 10: ACC Davison to provide …"
    assert actions["11"].owner == "PCC and the Director of the Local Policing Delivery Unit"
    # Action 5's update runs on after a page break (the table header is repeated there).
    assert "Pillar 6 PAM paper for the October meeting" in actions["5"].text
    assert actions["5"].text.rstrip(".").endswith("Action closed")
    assert "Action 6" not in actions["5"].text
    # Action 4's update adds a task for ACC Dean: part of action 4, not a separate action.
    assert "ACC Dean is to provide the PCC with some examples" in actions["4"].text
    # The Q&A table's "(see Action 10)" and "See Action 9 …" are references, not actions.
    assert not having(ds, "See Action 9 of the")


# --- list of PCC decisions (2017 pack) ----------------------------------------------------------


def test_pcc_decision_list_with_confidential_entries(corpus):
    doc, ds = corpus[PACK_2017]
    notices = {d.number: d for d in ds if d.kind == "decision_notice"}
    printed = set(re.findall(r"(?:Decision |^)(2017-\d\d)\b", doc.text, re.M))
    assert set(notices) == printed == {"2017-23", "2017-24", "2017-25", "2017-26", "2017-27",
                                        "2017-01", "2017-03", "2017-04", "2017-15", "2017-16", "2017-17"}
    for d in notices.values():
        assert d.decided_by == "PCC" and d.outcome == "decision"
        assert doc.parts[d.part].type == "decisions"
        assert d.number in d.text and d.title and d.title in d.text

    c24 = notices["2017-24"]  # "Decision 2017-24 (Confidential)", title on the line above
    assert c24.confidential and c24.title == "Section 22a Collaboration Agreements"
    assert "due for renewal on 31 August 2017" in c24.text
    assert "Children's Services" not in c24.text  # nothing of the next entry

    assert notices["2017-23"].title == "Contract award – provision of consultancy service (fire governance)"
    assert not notices["2017-23"].confidential and not notices["2017-25"].confidential
    # Entries under "Other 2017 confidential PCC decisions" are confidential; only what is printed.
    for n in ("2017-01", "2017-03", "2017-04", "2017-15", "2017-16", "2017-17"):
        assert notices[n].confidential, n
    assert notices["2017-17"].title == "Contract of Employment – Chief Constable"
    assert notices["2017-17"].text.endswith("contract of employment to Autumn 2020.")
    assert "Further detail" not in notices["2017-17"].text
    # "Strategic Governance Board – 23 March 2017": decided on the basis of that meeting.
    assert notices["2017-15"].meeting_date == "2017-03-23"
    assert notices["2017-25"].meeting_date is None


# --- small inline papers ------------------------------------------------------------------------

RESOLUTIONS = """Norfolk Police and Crime Panel

Minutes of the meeting held on 3 March 2020 at 10am, County Hall

1. Minutes of the previous meeting

1.1 The minutes of the meeting held on 4 February 2020 were confirmed as a correct record and signed by the Chair.

2. Proposed precept 2020/21

2.1 The Panel received the report of the PCC on the proposed precept.
2.2 The Panel AGREED to support the proposed precept of £250.20 for a Band D property.
2.3 The Panel NOTED the report. The Panel REQUESTED a further update on the estates strategy in June.

3. Police and Crime Plan

3.1 RESOLVED that the Panel:
(a) note the report;
(b) agree to write to the PCC about rural crime;
(c) defer consideration of the estates strategy to the next meeting.

4. Complaints

4.1 Members discussed complaints handling. The Chief Constable agreed to circulate the complaints data. The Chair requested clarification on timescales. The Panel noted that complaints had risen.
4.2 It was agreed that the Complaints Sub-Panel should meet again in April.
"""


def test_inline_paragraph_numbered_minutes(tmp_path):
    doc, ds = from_text(tmp_path, RESOLUTIONS)
    assert all(d.meeting_date == "2020-03-03" and d.decided_by == "Norfolk Police and Crime Panel" for d in ds)
    approval = one(ds, "were confirmed as a correct record")
    assert (approval.kind, approval.number, approval.item) == ("minutes", "1.1", "1")
    precept = one(ds, "AGREED to support the proposed precept")
    assert (precept.kind, precept.outcome, precept.number, precept.item) == ("resolution", "agreed", "2.2", "2")
    # Two resolutions in one paragraph are two decisions.
    assert one(ds, "The Panel NOTED the report").text == "The Panel NOTED the report."
    update = one(ds, "REQUESTED a further update on the estates strategy")
    assert (update.kind, update.outcome, update.number) == ("recommendation", "requested", "2.3")
    # "RESOLVED that the Panel:" with (a) (b) (c): one resolution, the whole list after its lead-in.
    [res] = [d for d in ds if d.item == "3"]
    assert (res.number, res.outcome, res.kind) == ("3.1", "resolved", "resolution")
    assert res.text.startswith("RESOLVED that the Panel:") and res.text.endswith("to the next meeting.")
    later = one(ds, "It was agreed that the Complaints Sub-Panel should meet again in April")
    assert later.kind == "resolution" and later.number == "4.2"
    for phrase in ("agreed to circulate the complaints data", "requested clarification", "complaints had risen"):
        assert not having(ds, phrase)
    assert len(ds) == 6


ACCOUNTABILITY = """PCC Accountability Meeting

Minutes of the meeting held on 12 May 2021

1. Road safety

The key points discussed were:

- the PCC requested for a breakdown of speeding offences by district to be provided. The Chief Constable agreed. ACTION: for the DCC to circulate the district breakdown to the PCC by June
- the PCC noted that collisions had fallen
- the action for a report on rural speeding was reported as completed

2. Actions

Action\tOwner update
Action 3 (10 February 2021): The Chief Constable is to report on drone usage.\tCompleted.
Action 4: ACC Smith is to review the 101 call answering times.\tNew Action (12 May 2021).
"""


def test_inline_bullet_minutes_and_actions_table(tmp_path):
    doc, ds = from_text(tmp_path, ACCOUNTABILITY)
    assert all(d.decided_by == "PCC Accountability Meeting" and d.meeting_date == "2021-05-12" for d in ds)
    req = one(ds, "the PCC requested for a breakdown of speeding offences")
    assert req.kind == "recommendation" and "ACTION" not in req.text
    act = one(ds, "ACTION: for the DCC to circulate the district breakdown")
    assert (act.kind, act.owner, act.item) == ("action", "DCC", "1")
    assert not having(ds, "collisions had fallen")
    assert one(ds, "rural speeding was reported as completed").status == "completed"
    a3 = one(ds, "Action 3 (10 February 2021)")
    assert (a3.number, a3.owner, a3.set_at, a3.status) == ("3", "Chief Constable", "2021-02-10", "Completed")
    a4 = one(ds, "Action 4: ACC Smith is to review")
    assert (a4.number, a4.owner, a4.set_at, a4.status) == ("4", "ACC Smith", "2021-05-12", "New Action (12 May 2021)")
    assert len(ds) == 5


RUN_ON_LIST = """Norfolk Countywide Community Safety Partnership Scrutiny Sub Panel

Minutes of the meeting held on Friday 10 November 2023

5. Partnership Priority – Prevent

5.1 The Scrutiny Sub Panel received a report.
5.2 The Scrutiny Sub Panel:
1) NOTED the information provided.
2) RECOMMENDED to the Partnership;  a. That it should report on hate crime. b. That it should report on radicalisation projects. 3) AGREED to delegate to the Chair the task of reporting the outcome.
"""


def test_inline_list_items_run_together_on_one_line(tmp_path):
    # PDF text often runs lettered sub-items and the next numbered item into one line.
    doc, ds = from_text(tmp_path, RUN_ON_LIST)
    assert [d.number for d in ds] == ["5.2(1)", "5.2(2)", "5.2(3)"]
    rec = ds[1]
    assert rec.kind == "recommendation"
    assert "That it should report on hate crime" in rec.text and "radicalisation projects" in rec.text
    assert "AGREED" not in rec.text
    assert ds[2].text == "AGREED to delegate to the Chair the task of reporting the outcome."
    assert all(d.decided_by == "NCCSP Scrutiny Sub Panel" and d.meeting_date == "2023-11-10" for d in ds)


DECISION_LIST = """Information bulletin

PCC's Decisions

Vehicle fleet replacement Decision 2019-07

The PCC approved the purchase of 40 replacement vehicles.

Estates disposal

Decision 2019-08 (Confidential)

The PCC agreed to dispose of a property.

Other 2019 confidential PCC decisions

2019-02 Contract extension – Custody healthcare

The PCC extended the contract for custody healthcare for one year.

Further detail about each decision can be viewed on the website.
"""


def test_inline_decision_list(tmp_path):
    doc, ds = from_text(tmp_path, DECISION_LIST)
    got = {d.number: (d.title, d.confidential) for d in ds}
    assert got == {"2019-07": ("Vehicle fleet replacement", False),
                   "2019-08": ("Estates disposal", True),
                   "2019-02": ("Contract extension – Custody healthcare", True)}
    assert all(d.kind == "decision_notice" and d.decided_by == "PCC" for d in ds)
    assert one(ds, "2019-08").text.endswith("The PCC agreed to dispose of a property.")
    assert not having(ds, "Further detail")


NOTICE = """Decision 2018-05

Title: Purchase of drones for rural crime

Summary: The PCC approved the purchase of two drones for the Rural Crime Team at a cost of £20,000.

Date: 5 May 2018
"""


def test_inline_stand_alone_decision_notice(tmp_path):
    doc, ds = from_text(tmp_path, NOTICE)
    assert len(ds) == 1
    d = ds[0]
    assert (d.kind, d.number, d.title, d.decided_by) == ("decision_notice", "2018-05", "Purchase of drones for rural crime", "PCC")
    assert "two drones for the Rural Crime Team" in d.text and not d.confidential


AGENDA_AND_REPORT = """Norfolk Police and Crime Panel

Date: 3 March 2020

A G E N D A

1. Apologies
2. Minutes
To confirm the minutes of the meeting held on 4 February 2020.
3. Precept
To consider the PCC's proposed precept.

If you need this document in large print, audio, Braille, alternative format or in a different language please contact 0344 800 8020 and we will do our best to help.

Norfolk Police and Crime Panel 3 March 2020 Item 3

Proposed precept 2020/21

Suggested approach from the Scrutiny Support Manager

1. Background

1.1 In February 2019 the Panel agreed to support the precept.

2. Action

The Panel is recommended to:
1) note the report;
2) agree to support the proposed precept.

RECOMMENDATION: The PCC is asked to note the report.
"""


def test_inline_agenda_and_report_proposals_are_not_decisions(tmp_path):
    doc, ds = from_text(tmp_path, AGENDA_AND_REPORT)
    assert {p.type for p in doc.parts} <= {"agenda", "report"}
    assert ds == []


# --- the same minutes as PDFs -------------------------------------------------------------------


@pytest.mark.parametrize("pdf, stem, items", [
    ("2017-11-28-panel-minutes-extract.pdf", PACK_2017, {str(n) for n in range(1, 11)}),
    ("2023-06-08-nccsp-minutes-extract.pdf", NCCSP_2023, {str(n) for n in range(1, 8)}),
])
def test_pdf_minutes_give_the_same_decisions_as_the_text(corpus, pdf, stem, items):
    """The fixture PDFs carry the same minutes (items as listed): line wraps, page furniture and
    run-together list items must not change which decisions are found."""
    doc, ds = load(PDF_DOCS / pdf)
    _, txt = corpus[stem]
    expected = [d for d in txt if d.kind != "decision_notice" and d.item in items]
    assert len(ds) == len(expected)
    for want, got in zip(expected, ds):
        assert norm(got.text) == norm(want.text)
        assert (got.kind, got.outcome, got.item, got.number, got.meeting_date) == \
            (want.kind, want.outcome, want.item, want.number, want.meeting_date)
        assert got.page is not None
    if pdf.startswith("2017"):
        # Printed page numbers are the PDF page index + 4 ("Page 5" on the first page).
        for d in ds:
            assert d.printed_page == str(d.page + 4)


def test_report_pdf_has_no_decisions():
    doc, ds = load(PDF_DOCS / "2025-01-29-accountability-report-item5.pdf")
    assert ds == []


# --- the evaluation -----------------------------------------------------------------------------


def test_eval_meets_target():
    from evals.decisions_eval import evaluate

    res = evaluate(LABELS, CORPUS)
    assert not res["warnings"], res["warnings"]
    overall = res["overall"]
    assert overall["labelled"] >= 40
    assert overall["precision"] >= 0.95 and overall["recall"] >= 0.95, overall
    for stem in (PACK_2017, EXTRACT_2018, NCCSP_2023):
        assert stem in res["per_document"]
        r = res["per_document"][stem]
        assert r["labelled"] > 0 and r["precision"] >= 0.95 and r["recall"] >= 0.95, (stem, r)


def test_eval_reports_mismatches(tmp_path):
    from evals.decisions_eval import evaluate

    labels = tmp_path / "labels"
    labels.mkdir()
    rows = [json.loads(line) for line in (LABELS / f"{EXTRACT_2018}.jsonl").read_text().splitlines() if line.strip()]
    rows[0]["kind"] = "resolution"  # wrong kind: the decision is extracted but must not match
    rows.append({"kind": "action", "outcome": "action", "quote": "The Chief Constable added that there needed to be a balance",
                 "item": "7", "meeting_date": None})  # not a decision: must be reported as missed
    (labels / f"{EXTRACT_2018}.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    res = evaluate(labels, CORPUS)
    r = res["per_document"][EXTRACT_2018]
    assert r["tp"] == len(rows) - 2 and r["labelled"] == len(rows)
    assert r["precision"] < 1.0 and r["recall"] < 1.0
    kinds = [m["type"] for m in res["mismatches"]]
    assert kinds.count("missed") == 2 and kinds.count("spurious") == 1


def test_eval_command_line_writes_only_what_is_asked(tmp_path):
    before = sorted(p.name for p in (ROOT / "evals").iterdir())
    run = subprocess.run([sys.executable, str(ROOT / "evals" / "decisions_eval.py"), "--labels", str(LABELS),
                          "--corpus", str(CORPUS), "--fail-under", "0.95"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    # "all labelled documents   P 1.000  R 1.000  F1 1.000   (64 matched / 64 extracted / 64 labelled)"
    assert re.search(r"all labelled documents\s+P (?:0\.9[5-9]\d|1\.000)\s+R \d\.\d{3}\s+F1 \d\.\d{3}", run.stdout), run.stdout
    assert list(tmp_path.iterdir()) == []
    assert sorted(p.name for p in (ROOT / "evals").iterdir()) == before
    out = tmp_path / "res.json"
    run = subprocess.run([sys.executable, str(ROOT / "evals" / "decisions_eval.py"), "--json", str(out)],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    data = json.loads(out.read_text())
    assert {"overall", "per_document", "per_kind", "mismatches"} <= set(data)
