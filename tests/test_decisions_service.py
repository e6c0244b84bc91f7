"""The decisions register served: /api/decisions (+ .csv), ``minutebook decisions`` and decision
questions to /api/ask, over the session's real index of the archive (real model, FAISS, SQLite).

Assertions state facts of the source texts (what the minutes say was decided, by whom, when) and
the contract of the API (every decision is a verbatim slice of its document), not copied outputs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from fastapi.testclient import TestClient

from conftest import run_cli

PACK_2017 = "2017-11-28-police-and-crime-panel-agenda-pack-txt"
EXTRACT_2018 = "2018-pcc-accountability-meeting-minutes-extract-txt"
NCCSP_2023 = "2023-06-08-nccsp-scrutiny-sub-panel-agenda-pack-txt"
PACK_2025 = "2025-01-29-pcc-accountability-meeting-agenda-pack-txt"
PANEL = "Norfolk Police and Crime Panel"
NCCSP = "NCCSP Scrutiny Sub Panel"
PAM = "PCC Accountability Meeting"
KINDS = {"resolution", "recommendation", "action", "decision_notice", "minutes"}
FIELDS = {"id", "kind", "outcome", "text", "decided_by", "meeting_date", "item", "item_title", "document_id",
          "part", "page", "printed_page", "start", "end", "url", "owner", "status", "set_at", "number", "title",
          "confidential", "body"}
CSV_COLUMNS = ["meeting_date", "organisation", "decided_by", "kind", "outcome", "item", "item_title", "number",
               "title", "text", "votes_for", "votes_against", "votes_abstain", "owner", "status", "set_at",
               "confidential", "document_id", "page", "printed_page", "start", "end", "url"]


@pytest.fixture(scope="module")
def client(corpus_index):
    from indexer.settings import Settings
    from service.app import create_app

    with TestClient(create_app(Settings(index_dir=corpus_index.dir))) as c:
        yield c


@pytest.fixture(scope="module")
def everything(client) -> list[dict]:
    data = client.get("/api/decisions", params={"limit": 500}).json()
    assert data["total"] == len(data["decisions"]) > 0
    return data["decisions"]


@pytest.fixture(scope="module")
def doc_text(client):
    cache: dict[str, str] = {}

    def get(doc_id: str) -> str:
        if doc_id not in cache:
            r = client.get(f"/api/documents/{doc_id}")
            assert r.status_code == 200, r.text
            cache[doc_id] = r.json()["text"]
        return cache[doc_id]

    return get


def words(s: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s.lower()).split())


def decisions(client, **params) -> tuple[list[dict], int]:
    r = client.get("/api/decisions", params=params)
    assert r.status_code == 200, r.text
    data = r.json()
    assert set(data) == {"decisions", "total"}
    return data["decisions"], data["total"]


def assert_error(r, status: int, code: str, field: str | None):
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "field"}, body
    assert body["error"]["code"] == code and body["error"]["field"] == field, body
    assert body["error"]["message"]


# --- shape and provenance ---------------------------------------------------------------------


def test_records_have_every_field_and_are_verbatim_slices(everything, doc_text):
    ids = [r["id"] for r in everything]
    assert len(ids) == len(set(ids))
    for r in everything:
        assert FIELDS <= set(r), FIELDS - set(r)
        assert r["kind"] in KINDS
        assert isinstance(r["id"], str) and re.fullmatch(r"[0-9a-f]{16}", r["id"])
        assert r["outcome"] and r["outcome"] == r["outcome"].lower()
        assert isinstance(r["confidential"], bool)
        assert r["decided_by"]
        assert r["meeting_date"] is None or dt.date.fromisoformat(r["meeting_date"])
        assert 0 <= r["start"] < r["end"]
        # The decision is word for word the document's text at [start:end] ...
        assert doc_text(r["document_id"])[r["start"]:r["end"]] == r["text"]
        # ... and its link opens the document there, with the passage highlighted.
        assert r["url"] == f"/documents/{r['document_id']}?start={r['start']}&end={r['end']}#passage"
        if r["kind"] != "action":
            assert r["owner"] is None and r["status"] is None
    # All five documents of the archive are text files: no page numbers.
    assert all(r["page"] is None for r in everything)
    # Every minutes, decision-list and accountability paper of the archive has decisions; the briefing has none.
    assert {r["document_id"] for r in everything} == {PACK_2017, EXTRACT_2018, NCCSP_2023, PACK_2025}


def test_record_link_opens_the_document_page_at_the_decision(client, everything):
    r = next(r for r in everything if "APPOINTED Mr Peter Hill" in r["text"])
    page = client.get(r["url"].split("#")[0])
    assert page.status_code == 200 and 'id="passage"' in page.text
    assert "APPOINTED Mr Peter Hill" in page.text.split('id="passage"', 1)[1].split("</mark>", 1)[0]


def test_facts_of_the_minutes(everything):
    # 26 September 2017 (minutes inside the 28 November 2017 Panel pack): item 6 appointed Peter Hill.
    hill = [r for r in everything if "APPOINTED Mr Peter Hill" in r["text"]]
    assert len(hill) == 1
    assert (hill[0]["kind"], hill[0]["decided_by"], hill[0]["meeting_date"], hill[0]["item"]) == (
        "resolution", PANEL, "2017-09-26", "6")
    # The 2025 pack's action table (minutes of 8 October 2024) lists Actions 1 to 11.
    table = [r for r in everything if r["kind"] == "action" and r["document_id"] == PACK_2025]
    assert sorted(int(r["number"]) for r in table) == list(range(1, 12))
    for r in table:
        assert r["meeting_date"] == "2024-10-08" and r["decided_by"] == PAM
        assert r["text"].startswith(f"Action {r['number']}") and r["owner"] and r["status"]
    # Actions 1-5 were set on 22 July 2024, 6-11 at the 8 October 2024 meeting itself.
    assert {r["set_at"] for r in table if int(r["number"]) <= 5} == {"2024-07-22"}
    assert {r["set_at"] for r in table if int(r["number"]) >= 6} == {"2024-10-08"}


def test_confidential_decision_notices_hold_only_what_is_printed(everything, doc_text):
    notices = [r for r in everything if r["kind"] == "decision_notice"]
    confidential = [r for r in notices if r["confidential"]]
    assert confidential and len(confidential) < len(notices)
    text = doc_text(PACK_2017)
    # The 2017 pack lists "Decision 2017-24 (Confidential)" among the PCC's decisions.
    assert "2017-24 (Confidential)" in text
    assert "2017-24" in {r["number"] for r in confidential}
    for r in notices:
        assert r["decided_by"] == "PCC" and r["document_id"] == PACK_2017
        assert r["number"] and re.fullmatch(r"\d{4}-\d{2}", r["number"])
        assert r["title"]
        # Number and title are as printed: both are inside the verbatim text.
        assert r["number"] in r["text"] and r["title"] in r["text"]
        assert text[r["start"]:r["end"]] == r["text"]
        # One entry only: no other decision number inside it.
        others = set(re.findall(r"\b20\d\d-\d\d\b", r["text"])) - {r["number"]}
        assert not others, (r["number"], others)


# --- ordering and relevance -------------------------------------------------------------------


def test_without_a_topic_newest_meeting_first(everything):
    dates = [r["meeting_date"] for r in everything]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    # Decisions whose meeting date is not stated come last.
    assert dates[: len(dated)] == dated and all(d is None for d in dates[len(dated):])
    assert "score" not in everything[0]
    # The newest meeting in the archive's minutes is the PCC Accountability Meeting of 8 October 2024.
    assert everything[0]["meeting_date"] == "2024-10-08"


def test_ksi_finds_the_request_and_the_action_in_the_2018_minutes(client):
    rs, total = decisions(client, q="KSI")
    assert 2 <= total <= 10
    top = rs[:2]
    assert {r["document_id"] for r in top} == {EXTRACT_2018}
    assert {r["kind"] for r in top} == {"recommendation", "action"}
    assert all("ksi" in words(r["text"]) for r in top)
    action = next(r for r in top if r["kind"] == "action")
    assert action["owner"] == "Chief Constable"
    assert [r["score"] for r in rs] == sorted((r["score"] for r in rs), reverse=True)


def test_accurate_record_finds_the_minutes_approvals(client, everything):
    rs, _ = decisions(client, q="accurate record")
    assert rs and rs[0]["kind"] == "minutes"
    approvals = {r["id"] for r in everything if "accurate record" in r["text"]}
    # The Panel (2017) and the Sub Panel (2023) each agreed earlier minutes as an accurate record.
    assert len(approvals) >= 2
    assert approvals <= {r["id"] for r in rs}
    assert all(r["kind"] == "minutes" for r in rs if r["id"] in approvals)
    assert {r["decided_by"] for r in rs if r["id"] in approvals} >= {PANEL, NCCSP}


# --- filters ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_filter_by_kind(client, everything, kind):
    rs, total = decisions(client, kind=kind, limit=500)
    assert rs and all(r["kind"] == kind for r in rs)
    assert total == len(rs) == sum(r["kind"] == kind for r in everything)


def test_filter_by_body(client, everything):
    rs, _ = decisions(client, body=NCCSP, limit=500)
    assert rs and all(r["decided_by"] == NCCSP for r in rs)
    # The PCC's own decisions are the decision notices, printed in the Panel's papers.
    rs, _ = decisions(client, body="PCC", limit=500)
    assert rs and {r["kind"] for r in rs} == {"decision_notice"}
    # With a topic too.
    rs, _ = decisions(client, q="accurate record", body=PAM)
    assert rs and all(r["decided_by"] == PAM for r in rs)
    assert any("true and accurate reflection" in r["text"] for r in rs)


def test_filter_by_date(client, everything):
    rs, total = decisions(client, date_from="2023-01-01", date_to="2023-12-31", limit=500)
    assert rs and all("2023-01-01" <= r["meeting_date"] <= "2023-12-31" for r in rs)
    assert total == sum(1 for r in everything if r["meeting_date"] and r["meeting_date"].startswith("2023"))
    # The Sub Panel's minutes of 24 February 2023 are all of them.
    assert {(r["decided_by"], r["meeting_date"]) for r in rs} == {(NCCSP, "2023-02-24")}
    # One end only.
    rs, _ = decisions(client, date_to="2017-12-31", limit=500)
    assert rs and all(r["meeting_date"] <= "2017-12-31" for r in rs)
    rs, _ = decisions(client, date_from="2024-01-01", q="action", limit=500)
    assert rs and all(r["meeting_date"] >= "2024-01-01" for r in rs)


def test_limit_and_total(client, everything):
    rs, total = decisions(client, limit=3)
    assert len(rs) == 3 and total == len(everything)
    assert [r["id"] for r in rs] == [r["id"] for r in everything[:3]]


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("params, status, code, field", [
    ({"limit": 0}, 400, "bad_limit", "limit"),
    ({"limit": 501}, 400, "bad_limit", "limit"),
    ({"limit": "many"}, 422, "invalid_request", "limit"),
    ({"kind": "verdict"}, 400, "unknown_kind", "kind"),
    ({"body": "Parish Council"}, 400, "unknown_body", "body"),
    ({"date_from": "2023-02-30"}, 400, "bad_date", "date_from"),
    ({"date_to": "yesterday"}, 400, "bad_date", "date_to"),
    ({"q": "x" * 1001}, 400, "query_too_long", "q"),
])
def test_bad_parameters_get_the_error_shape(client, params, status, code, field):
    assert_error(client.get("/api/decisions", params=params), status, code, field)
    assert_error(client.get("/api/decisions.csv", params=params), status, code, field)


def test_unknown_kind_names_the_kinds(client):
    msg = client.get("/api/decisions", params={"kind": "verdict"}).json()["error"]["message"]
    assert all(k in msg for k in KINDS)


# --- CSV --------------------------------------------------------------------------------------


def test_csv_has_the_same_rows_as_json(client):
    for params in ({"q": "KSI"}, {"kind": "action", "limit": 500}, {"body": "PCC", "limit": 500}):
        r = client.get("/api/decisions.csv", params=params)
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/csv")
        assert "attachment" in r.headers["content-disposition"] and ".csv" in r.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(r.text)))
        assert list(rows[0]) == CSV_COLUMNS
        js, _ = decisions(client, **params)
        assert len(rows) == len(js)
        for row, rec in zip(rows, js):
            # Texts with tabs, quotes and line breaks survive the round trip.
            assert row["text"] == rec["text"]
            assert (row["document_id"], int(row["start"]), int(row["end"])) == (rec["document_id"], rec["start"], rec["end"])
            assert row["kind"] == rec["kind"] and row["url"] == rec["url"]
            assert row["meeting_date"] == (rec["meeting_date"] or "")


def test_csv_default_holds_every_decision(client, everything):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/decisions.csv").text)))
    assert len(rows) == len(everything)
    assert any(row["confidential"] == "True" and row["title"] for row in rows)


# --- the command line -------------------------------------------------------------------------


def test_cli_json(corpus_index):
    res = run_cli("decisions", "KSI", "--json", "--index-dir", corpus_index.dir)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert set(data) == {"decisions", "total"}
    top = data["decisions"][:2]
    assert {r["document_id"] for r in top} == {EXTRACT_2018}
    assert any(r["kind"] == "action" and r["owner"] == "Chief Constable" for r in top)
    assert all(FIELDS <= set(r) for r in data["decisions"])


def test_cli_csv(corpus_index):
    res = run_cli("decisions", "KSI", "--csv", "--index-dir", corpus_index.dir)
    assert res.returncode == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert list(rows[0]) == CSV_COLUMNS
    assert any("KSI figures" in row["text"] and row["kind"] == "action" for row in rows)


def test_cli_plain_output_and_filters(corpus_index):
    res = run_cli("decisions", "KSI", "--index-dir", corpus_index.dir)
    assert res.returncode == 0, res.stderr
    out = " ".join(res.stdout.split())
    # The 2018 extract does not state its own meeting date.
    assert "date not stated" in out.lower() and PAM in out
    assert "ACTION: for Chief Constable to provide report on KSI figures to the PCC" in out
    assert re.search(r"\(\d+ of \d+ shown\)", out)
    # Newest first without a topic, narrowed to one kind.
    res = run_cli("decisions", "--kind", "minutes", "--json", "--index-dir", corpus_index.dir)
    assert res.returncode == 0, res.stderr
    rs = json.loads(res.stdout)["decisions"]
    assert rs and {r["kind"] for r in rs} == {"minutes"}
    assert [r["meeting_date"] for r in rs] == sorted((r["meeting_date"] for r in rs), reverse=True)
    res = run_cli("decisions", "--kind", "verdict", "--index-dir", corpus_index.dir)
    assert res.returncode == 2 and "unknown kind" in res.stderr.lower()


# --- decisions lead "what was agreed" answers ---------------------------------------------------


def test_ask_about_previous_minutes_leads_with_the_approvals_oldest_first(client, everything):
    data = client.get("/api/ask", params={"q": "What was agreed about the minutes of the previous meeting?"}).json()
    assert data["answered"]
    approvals = [r for r in everything if r["kind"] == "minutes"]
    assert len(approvals) >= 3  # the Panel (2017), the Sub Panel (2023), the PCC Accountability Meeting (2024)

    def approval_of(quote: str):
        return next((r for r in approvals if words(quote) and words(quote) in words(r["text"])), None)

    lead = []
    for c in data["citations"]:
        r = approval_of(c["quote"])
        if r is None:
            break
        lead.append(r)
    assert len(lead) >= 2, [c["quote"] for c in data["citations"]]
    dates = [r["meeting_date"] for r in lead]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    # The oldest: on 26 September 2017 the Panel agreed the minutes of 20 June 2017.
    assert lead[0]["meeting_date"] == "2017-09-26" and "20 June 2017" in data["citations"][0]["quote"]
    # The answer quotes them in that order, each cited to a passage that holds it.
    answer = words(data["answer"])
    positions = [answer.find(words(c["quote"])) for c in data["citations"][: len(lead)]]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    for c in data["citations"][: len(lead)]:
        assert words(c["quote"]) in words(data["passages"][c["n"] - 1]["text"])
