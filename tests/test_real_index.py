"""Real papers from other committee systems through the whole stack: the API, the pages, the CLI.

The session's ``real_index`` holds a county council's agenda frontsheet and record of decision, a
London borough's agenda pack and a US housing authority's agenda packet, under neutral names.
"""

from __future__ import annotations

import pytest

from conftest import PLAIN_SETTINGS, run_cli


@pytest.fixture(scope="module")
def client(real_index):
    from fastapi.testclient import TestClient

    from indexer.settings import Settings
    from service.app import create_app

    return TestClient(create_app(Settings(index_dir=real_index.dir)))


def test_document_api_lists_items_and_both_dates(client):
    d = client.get("/api/documents/a-pdf").json()
    # "AGENDA" / "CABINET" / "Thursday, 30th January, 2025, at 10.00 am" … "Wednesday, 22 January 2025"
    assert (d["organisation"], d["body"], d["type"], d["meeting_date"], d["document_date"]) == \
        ("Kent County Council", "Cabinet", "agenda", "2025-01-30", "2025-01-22")
    items = d["items"]
    assert [it["number"] for it in items] == [str(n) for n in range(1, 10)]
    assert items[2]["title"] == "Minutes of the Meeting held on 9th January 2025" and items[2]["page"] == 1
    assert d["text"][items[4]["offset"]:].startswith("5. 24/00108 - Revenue and Capital Budget Monitoring")
    # The London borough's pack: its agenda's items, then those of the earlier minutes it holds.
    c = client.get("/api/documents/c-pdf").json()
    assert (c["organisation"], c["body"], c["type"], c["meeting_date"]) == \
        ("Merton Council", "Audit Committee", "agenda_pack", "2009-10-22")
    assert [it["number"] for it in c["items"]][:8] == [str(n) for n in range(1, 9)]
    assert {"number": "3", "minute": "2"}.items() <= next(it for it in c["items"] if it["minute"] == "2").items()


def test_organisation_filter_and_citation(client):
    r = client.get("/api/search", params={"q": "budget", "organisation": "Norfolk"})
    assert r.status_code == 400 and r.json()["error"]["field"] == "organisation"
    r = client.get("/api/search", params={"q": "audit", "organisation": "Merton Council"})
    hits = r.json()["results"]
    assert r.status_code == 200 and hits and all(h["document"]["organisation"] == "Merton Council" for h in hits)
    stats = client.get("/api/stats").json()
    assert {"Kent County Council", "Merton Council"} <= set(stats["organisations"])
    assert {"Cabinet", "Audit Committee", "Housing Authority"} <= set(stats["bodies"])
    # The web form offers the organisations once there is more than one.
    page = client.get("/", params={"q": "audit", "organisation": "Merton Council"}).text
    assert '<select id="organisation" name="organisation">' in page
    assert '<option value="Merton Council" selected>' in page and "Merton Council" in page


def test_votes_in_the_register_api_page_and_cli(client, real_index):
    # Norwalk, PDF page 3: "MOTION CARRIED BY THE FOLLOWING ROLL CALL VOTE: AYES: Commissioners
    # *Davis, **Hernandez, and Perez, Vice Chair Valencia, and Chair Ramirez NOES: None ABSENT: …"
    data = client.get("/api/decisions", params={"q": "consent calendar", "kind": "motion"}).json()
    [motion] = [d for d in data["decisions"] if "consent calendar" in d["text"]]
    assert (motion["outcome"], motion["meeting_date"], motion["decided_by"]) == ("carried", "2022-10-18",
                                                                                 "Housing Authority")
    assert motion["votes"]["for"] == 5 and motion["votes"]["against"] == 0 and motion["votes"]["absent"] == 2
    page = client.get("/decisions", params={"kind": "motion"}).text
    assert "for 5, against 0, absent 2" in page
    res = run_cli("decisions", "consent calendar", "--index-dir", real_index.dir, "--kind", "motion",
                  "--config", PLAIN_SETTINGS)
    assert res.returncode == 0 and "[motion: carried – for 5, against 0, absent 2]" in res.stdout
    # The record of decision's decision text, proposed, for the Cabinet.
    data = client.get("/api/decisions", params={"kind": "decision_notice"}).json()
    [record] = data["decisions"]
    assert record["text"].startswith("Cabinet agree to:") and record["outcome"] == "proposed"
    assert record["decided_by"] == "Cabinet" and record["number"] == "24-00096"
    r = client.get("/api/decisions", params={"organisation": "Kent County Council", "limit": 500}).json()
    assert r["decisions"] and all(d["organisation"] == "Kent County Council" for d in r["decisions"])


def test_contents_list_on_the_document_page(client):
    page = client.get("/documents/c-pdf").text
    # "Organisation" and the agenda's items in the contents list.
    assert "<dt>Organisation</dt><dd>Merton Council</dd>" in page
    assert "Item 4: Annual complaints report" in page
    assert "Item 3 (minute 2): MINUTES OF THE MEETING HELD ON 23 JUNE 2009" in page
