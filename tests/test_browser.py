"""The web pages in a real browser: Playwright for Python driving Debian's Chromium.

A real index is built once from the fixture PDFs, one corpus text and a small hostile text file
(HTML in its title and body), and the real server is started with ``minutebook serve``. Every test
then uses the site the way a panel member would: typing, pressing Enter, following links, using only
the keyboard, with JavaScript off, on a phone-width screen. axe-core checks each kind of page.
The decisions register (/decisions) is used the same way: browsing, a topic's history, filters,
the CSV download and the way from a decision to its place in the papers.

Screenshots go to test-artifacts/screenshots/ (gitignored). The results page is also saved as
docs/screenshot.png for the README when that file is missing or MINUTEBOOK_UPDATE_SCREENSHOT=1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("MINUTEBOOK_CHROMIUM", "/usr/bin/chromium")
SHOTS = ROOT / "test-artifacts" / "screenshots"
README_SHOT = ROOT / "docs" / "screenshot.png"
AXE_PATHS = [ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js", ROOT / "tests" / "assets" / "axe.min.js"]
SOURCES = [*sorted((ROOT / "tests" / "fixtures" / "docs").glob("*.pdf")),
           ROOT / "corpus" / "2018-pcc-accountability-meeting-minutes-extract.txt"]

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

if sync_playwright is None:
    pytestmark = pytest.mark.skip(reason="playwright is not installed (pip install playwright; scripts/install does)")
elif not Path(CHROMIUM).exists():
    pytestmark = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (apt-get install chromium; scripts/install does)")

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
               "--no-first-run", "--disable-component-update", "--disable-sync"]

XSS_QUERY = "<script>alert(1)</script>"
XSS_TITLE = 'Test document <script>alert("doc")</script>'
XSS_TEXT = (f"{XSS_TITLE}\n\nMinutes of the meeting held on 3 March 2019.\n\n"
            "The Panel noted that <img src=x onerror=alert(3)> & <script>alert(2)</script> tags must appear "
            "as text in the archive viewer.\n")

ANSWERED = "What part did Operation Gravity play in the rise in knife crime?"
UNANSWERED = "What is the recipe for a lemon drizzle cake?"
PANEL = "Norfolk Police and Crime Panel"


# --- the real index and the real server -------------------------------------------------------------


@pytest.fixture(scope="session")
def web_index(tmp_path_factory) -> Path:
    """Three fixture PDFs, one corpus text and the hostile text, indexed with the real pipeline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from indexer.pipeline import build_index
    from indexer.settings import Settings

    base = tmp_path_factory.mktemp("web")
    src = base / "papers"
    src.mkdir()
    for p in SOURCES:
        shutil.copy2(p, src / p.name)
    (src / "xss-test.txt").write_text(XSS_TEXT, encoding="utf-8")
    # The corpus's metadata line for the 2018 extract (it has lost its heading), and the archive's
    # settings (its name, the alias map of its bodies' names), as scripts/serve indexes corpus/.
    meta = (ROOT / "corpus" / "metadata.csv").read_text(encoding="utf-8").splitlines()
    (src / "metadata.csv").write_text("\n".join([meta[0]] + [ln for ln in meta if ln.startswith("2018-")]) + "\n",
                                      encoding="utf-8")
    index_dir = base / "index"
    settings = Settings.load(ROOT / "corpus" / "minutebook.json", index_dir=index_dir, show_progress=False)
    report = build_index([src], settings)
    assert not report.failed, report.failed
    assert report.counts["documents"] == len(SOURCES) + 1
    return index_dir


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(web_index) -> str:
    """``minutebook serve`` on a free port, as a person starts it; stopped at the end."""
    port = _free_port()
    cli = ROOT / ".venv" / "bin" / "minutebook"
    cmd = [str(cli)] if cli.exists() else [sys.executable, "-m", "service.cli"]
    log = (ROOT / "test-artifacts")
    log.mkdir(exist_ok=True)
    out = open(log / "browser-server.log", "w")
    proc = subprocess.Popen([*cmd, "serve", "--index-dir", str(web_index), "--port", str(port)], cwd=ROOT,
                            stdout=out, stderr=subprocess.STDOUT, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}: {(log / 'browser-server.log').read_text()}")
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                    if json.loads(r.read())["status"] == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not answer /healthz within 180 s")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        out.close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


class Tab:
    """A page plus what went wrong on it: alert dialogs (XSS) and JavaScript errors."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        # The pages' own scripts and styles must satisfy their Content-Security-Policy.
        page.on("console", lambda m: self.errors.append(m.text)
                if m.type == "error" and "Content Security Policy" in m.text else None)

    def go(self, path: str):
        resp = self.page.goto(self.base + path)
        return resp

    def shot(self, name: str, full_page: bool = True):
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


@pytest.fixture
def tab(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    t = Tab(ctx.new_page(), server)
    yield t
    assert not t.errors, f"JavaScript errors: {t.errors}"
    ctx.close()


def ask(t: Tab, question: str):
    """Type a question into the field and press Enter, as a person does."""
    t.page.get_by_label("Your question").fill(question)
    with t.page.expect_navigation():
        t.page.get_by_label("Your question").press("Enter")


def in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => {
        const r = el.getBoundingClientRect();
        return r.height > 0 && r.top < window.innerHeight && r.bottom > 0 && r.left < window.innerWidth;
    }""")


def norm(s: str) -> str:
    return " ".join(s.split())


# --- asking --------------------------------------------------------------------------------------------


def test_home_offers_example_questions_from_the_archive(tab):
    tab.go("/")
    page = tab.page
    expect(page.get_by_role("heading", name="Ask the meeting papers", level=1)).to_be_visible()
    examples = page.locator(".examples a")
    assert examples.count() >= 3
    tab.shot("home")
    # An example leads to an answer or at least to passages, never to an empty page.
    first = examples.first.inner_text()
    with page.expect_navigation():
        examples.first.click()
    assert parse_qs(urlsplit(page.url).query)["q"] == [first]
    assert page.locator(".passage").count() >= 1


def test_ask_shows_a_cited_answer(tab):
    tab.go("/")
    ask(tab, ANSWERED)
    page = tab.page
    assert parse_qs(urlsplit(page.url).query)["q"] == [ANSWERED]
    expect(page.get_by_role("heading", name="Answer", level=2)).to_be_visible()
    answer = page.locator(".answer-text").inner_text()
    assert "Operation Gravity" in answer
    cites = page.locator(".answer-text a.cite")
    assert cites.count() >= 1
    assert re.fullmatch(r"source \[\d+\]", norm(cites.first.text_content()))
    # Each numbered source names the meeting, its date, the document type, the item and the page.
    sources = page.locator("ol.sources > li")
    assert sources.count() >= 1
    panel = sources.filter(has_text=PANEL).first
    line = norm(panel.inner_text())
    for bit in (PANEL, "26 September 2017", "Minutes", "item 7", "page 7 (PDF page 3)"):
        assert bit in line, (bit, line)
    assert panel.get_by_role("link", name=re.compile("Original PDF")).get_attribute("href").endswith("#page=3")
    # Supporting passages with the question's words highlighted and a link to more from that meeting.
    passages = page.locator("ol.passages > li")
    assert passages.count() >= 3
    assert page.locator(".passage-text mark.term", has_text=re.compile("gravity", re.I)).count() >= 1
    assert page.get_by_role("link", name=re.compile("More like this from the same meeting")).count() >= 1
    tab.shot("results")
    if os.environ.get("MINUTEBOOK_UPDATE_SCREENSHOT") == "1" or not README_SHOT.exists():
        README_SHOT.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(README_SHOT), full_page=False)


def test_citation_opens_the_document_at_the_highlighted_passage(tab):
    tab.go("/?q=" + quote(ANSWERED))
    page = tab.page
    # The citation of the Panel minutes (a PDF): its number in the answer, or its source line.
    link = page.locator("ol.sources > li", has_text=PANEL).first.get_by_role("link").first
    href = link.get_attribute("href")
    n = int(re.search(r"\[(\d+)\]", page.locator("ol.sources > li", has_text=PANEL).first.inner_text()).group(1))
    passage_text = norm(page.locator(f"#p{n} .passage-text").inner_text())
    with page.expect_navigation():
        link.click()
    assert urlsplit(page.url).path == "/documents/2017-11-28-panel-minutes-extract-pdf"
    assert href.endswith("#passage")
    mark = page.locator("mark#passage")
    expect(mark).to_have_count(1)
    assert in_viewport(page, "mark#passage"), "the cited passage should be scrolled into view"
    assert norm(mark.inner_text()) == passage_text
    # The query's words are highlighted inside the passage too, and the page says where it is.
    assert mark.locator("mark.term").count() >= 1
    expect(page.locator(".cited-box")).to_contain_text("item 7")
    original = page.get_by_role("link", name=re.compile(r"Open the original PDF at page 7"))
    assert original.get_attribute("href") == "/api/documents/2017-11-28-panel-minutes-extract-pdf/source#page=3"
    resp = page.request.get(tab.base + original.get_attribute("href").split("#")[0])
    assert resp.status == 200 and resp.headers["content-type"] == "application/pdf"
    assert resp.body()[:5] == b"%PDF-"
    tab.shot("document-cited", full_page=False)


def test_filters_are_kept_in_the_url_and_survive_a_reload(tab):
    tab.go("/")
    page = tab.page
    page.get_by_text("Narrow the search").click()
    page.get_by_label("Body").select_option(PANEL)
    page.get_by_label("Meetings from").fill("2017-01-01")
    page.get_by_label("Meetings to").fill("2017-12-31")
    ask(tab, "knife crime")
    qs = parse_qs(urlsplit(page.url).query)
    assert qs["body"] == [PANEL] and qs["date_from"] == ["2017-01-01"] and qs["date_to"] == ["2017-12-31"]

    def check():
        assert page.get_by_label("Body").input_value() == PANEL
        assert page.get_by_label("Meetings from").input_value() == "2017-01-01"
        expect(page.locator(".active-filters")).to_contain_text(PANEL)
        lines = page.locator(".passage .cite-line").all_inner_texts()
        assert lines and all(PANEL in x and "2017" in x for x in lines), lines

    check()
    page.reload()
    check()
    tab.shot("results-filtered")
    # Clearing the filters keeps the question.
    with page.expect_navigation():
        page.get_by_role("link", name="Clear the filters").click()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["knife crime"]}


def test_more_like_this_stays_in_the_same_meeting(tab):
    tab.go("/?q=" + quote("domestic abuse"))
    page = tab.page
    item = page.locator("ol.passages > li", has_text="24 February 2023").first
    with page.expect_navigation():
        item.get_by_role("link", name=re.compile("More like this")).click()
    qs = parse_qs(urlsplit(page.url).query)
    assert qs["q"] == ["domestic abuse"]
    assert qs["date_from"] == qs["date_to"] == ["2023-02-24"]
    lines = page.locator(".passage .cite-line").all_inner_texts()
    assert lines and all("24 February 2023" in x for x in lines), lines


def test_no_answer_says_so_and_shows_the_closest_passages(tab):
    tab.go("/")
    ask(tab, UNANSWERED)
    page = tab.page
    expect(page.get_by_role("heading", name="No answer found")).to_be_visible()
    # No paper uses "recipe", "lemon", "drizzle" or "cake": the page names them.
    expect(page.locator(".no-answer")).to_contain_text("No paper in the archive mentions “recipe”")
    expect(page.get_by_role("heading", name="Closest passages")).to_be_visible()
    assert page.locator(".passage").count() >= 1
    assert page.locator(".answer-text").count() == 0
    tab.shot("no-answer")


def test_empty_and_bad_input_get_a_clear_error(tab):
    page = tab.page
    resp = tab.go("/?q=+++")
    assert resp.status == 400
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Enter a question")
    assert page.title().startswith("Error:")
    # The error links to the field, which is marked invalid.
    assert summary.get_by_role("link").get_attribute("href") == "#q"
    assert page.get_by_label("Your question").get_attribute("aria-invalid") == "true"
    resp = tab.go("/?q=budget&date_from=2020-01-01&date_to=2019-01-01")
    assert resp.status == 400
    expect(page.locator(".error-summary")).to_contain_text("‘Meetings from’ date is after the ‘Meetings to’ date")
    resp = tab.go("/documents/no-such-document")
    assert resp.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


# --- browsing ------------------------------------------------------------------------------------------


def test_meetings_list_by_date_with_documents_and_items(tab):
    tab.go("/meetings")
    page = tab.page
    meetings = page.locator("article.meeting")
    assert meetings.count() >= 4
    dates = [norm(d) for d in page.locator("article.meeting .meeting-date").all_inner_texts()]
    # Newest first; meetings whose date is not stated come last.
    dated = [dt.datetime.strptime(d, "%d %B %Y").date() for d in dates if d != "date not stated"]
    assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == [d for d in dates if d != "date not stated"], dates
    assert "29 January 2025" in dates and "26 September 2017" in dates
    panel = meetings.filter(has_text="26 September 2017")
    panel.locator("summary").click()
    item7 = panel.get_by_role("link", name=re.compile("Item 7: Police and Crime Commissioner"))
    expect(item7).to_be_visible()
    tab.shot("meetings")
    with page.expect_navigation():
        item7.click()
    target = urlsplit(page.url).fragment
    assert target.startswith("item-") and page.locator(f"#{target}").count() == 1
    assert in_viewport(page, f"#{target}")


def test_document_page_has_contents_with_in_page_links(tab):
    tab.go("/documents/2017-11-28-panel-minutes-extract-pdf")
    page = tab.page
    toc = page.get_by_role("navigation", name="Contents")
    links = toc.get_by_role("link")
    assert links.count() >= 8  # the part and its agenda items
    for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert href.startswith("#") and page.locator(href).count() == 1, href
    # Page breaks of the PDF are marked and link to the original at that page.
    brk = page.locator(".page-break a").first
    assert re.search(r"/source#page=\d+$", brk.get_attribute("href"))
    toc.get_by_role("link", name=re.compile("Item 8: Complaints")).click()
    assert in_viewport(page, "#" + urlsplit(page.url).fragment)
    tab.shot("document")
    # Search within this document only.
    page.get_by_label("Search in this document").fill("complaints")
    with page.expect_navigation():
        page.get_by_label("Search in this document").press("Enter")
    assert parse_qs(urlsplit(page.url).query)["doc"] == ["2017-11-28-panel-minutes-extract-pdf"]
    expect(page.locator(".scope")).to_contain_text("Searching only in Norfolk Police and Crime Panel - Minutes")
    links = page.get_by_role("link", name=re.compile("Open at this place")).evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    assert links and all(h.startswith("/documents/2017-11-28-panel-minutes-extract-pdf?") for h in links)


# --- the decisions register ----------------------------------------------------------------------------

CSV_COLUMNS = ["meeting_date", "organisation", "decided_by", "kind", "outcome", "item", "item_title", "number",
               "title", "text", "votes_for", "votes_against", "votes_abstain", "owner", "status", "set_at",
               "confidential", "document_id", "page", "printed_page", "start", "end", "url"]
NCCSP_TITLE = "Norfolk Countywide Community Safety Partnership Scrutiny Sub Panel"


def decision_rows(page) -> list[dict]:
    """The register's table rows as a person reads them: one dict per row, by column header."""
    return page.eval_on_selector_all("table.register tbody tr", """rows => rows.map(tr => {
        const table = tr.closest('table');
        const heads = Array.from(table.querySelectorAll('thead th')).map(th => th.textContent.trim());
        const cells = Array.from(tr.children);
        const out = {};
        cells.forEach((c, i) => { out[heads[i]] = c.innerText.replace(/\\s+/g, ' ').trim(); });
        out.text = tr.querySelector('.decision-text').innerText;
        out.href = tr.querySelector('.source-link a').getAttribute('href');
        return out; })""")


def to_date(label: str) -> dt.date | None:
    return None if label == "Not stated" else dt.datetime.strptime(label, "%d %B %Y").date()


def test_every_page_links_to_the_decisions_register(tab):
    for path in ("/", "/meetings", "/documents/2017-11-28-panel-minutes-extract-pdf", "/?q=", "/decisions"):
        tab.go(path)
        nav = tab.page.get_by_role("navigation", name="Main")
        expect(nav.get_by_role("link", name="Decisions register")).to_have_attribute("href", "/decisions")
    # On the register itself the link says it is the current page.
    assert tab.page.get_by_role("link", name="Decisions register").get_attribute("aria-current") == "page"


def test_decisions_register_lists_decisions_newest_first(tab):
    tab.go("/")
    page = tab.page
    with page.expect_navigation():
        page.get_by_role("link", name="Decisions register").click()
    assert urlsplit(page.url).path == "/decisions"
    expect(page.get_by_role("heading", name="Decisions register", level=1)).to_be_visible()
    table = page.get_by_role("table", name=re.compile("Decisions, newest first"))
    expect(table).to_be_visible()
    heads = table.locator("thead th").all_inner_texts()
    assert heads == ["Date", "Decided by", "Kind", "Outcome", "Agenda item", "Decision"]
    assert table.locator("thead th[scope=col]").count() == 6
    rows = decision_rows(page)
    assert len(rows) >= 20
    n = int(re.match(r"(\d+) decisions", page.locator("#results-h").inner_text()).group(1))
    assert n == len(rows)
    # Newest first; decisions whose meeting date is not stated come last.
    dates = [to_date(r["Date"]) for r in rows]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True) and dates[: len(dated)] == dated
    # The fixture papers: Sub Panel minutes of 24 February 2023, Panel minutes of 26 September 2017,
    # and the 2018 accountability minutes, which do not state their date.
    assert dated[0] == dt.date(2023, 2, 24) and dated[-1] == dt.date(2017, 9, 26)
    assert len(dated) < len(dates)
    hill = [r for r in rows if "APPOINTED Mr Peter Hill" in r["text"]]
    assert len(hill) == 1
    assert hill[0]["Decided by"] == PANEL and hill[0]["Kind"] == "Resolution" and hill[0]["Date"] == "26 September 2017"
    assert hill[0]["Agenda item"].startswith("Item 6")
    # An action shows who must act.
    ksi = next(r for r in rows if "report on KSI figures" in r["text"])
    assert ksi["Kind"] == "Action" and re.search(r"Owner:? Chief Constable", ksi["Decision"])
    # Each row links to its place in the papers.
    assert all(re.fullmatch(r"/documents/[^?]+\?start=\d+&end=\d+#passage", r["href"]) for r in rows)
    # On a desktop screen the whole table fits: no column is hidden behind a scroll bar.
    sw, cw = page.eval_on_selector(".table-wrap", "e => [e.scrollWidth, e.clientWidth]")
    assert sw <= cw, f"the table is {sw}px wide in a {cw}px box"
    tab.shot("decisions")


def test_decisions_on_a_topic_are_a_history_oldest_first(tab):
    tab.go("/decisions")
    page = tab.page
    page.get_by_label("Topic or words").fill("accurate record")
    with page.expect_navigation():
        page.get_by_label("Topic or words").press("Enter")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["accurate record"]
    expect(page.get_by_role("heading", name="History of “accurate record”", level=2)).to_be_visible()
    # The Panel agreed its June minutes in September 2017; the Sub Panel agreed its 2022 minutes in
    # February 2023: two meetings, oldest first, in the summary line and as sections.
    steps = [norm(x) for x in page.locator("ol.timeline > li").all_inner_texts()]
    assert len(steps) == 2, steps
    assert steps[0].startswith("26 September 2017 Norfolk Police and Crime Panel")
    assert steps[1].startswith("24 February 2023 " + NCCSP_TITLE)
    headings = [norm(h) for h in page.locator(".timeline-meeting h3").all_inner_texts()]
    assert headings == ["26 September 2017 Norfolk Police and Crime Panel", f"24 February 2023 {NCCSP_TITLE}"]
    rows = decision_rows(page)
    assert len(rows) == 2
    assert all(r["Kind"] == "Minutes approved" and "accurate record" in r["text"] for r in rows)
    assert "20 June 2017" in rows[0]["text"]
    # The topic's words are marked in the decision text.
    assert page.locator(".decision-text mark.term", has_text=re.compile("accurate", re.I)).count() == 2
    # Each meeting's table is named for screen readers; the summary links to it.
    assert page.get_by_role("table", name=re.compile("accurate record.*26 September 2017")).count() == 1
    page.locator("ol.timeline a").nth(1).click()
    assert urlsplit(page.url).fragment == "meeting-2" and in_viewport(page, "#meeting-2")
    tab.shot("decisions-history")
    # A topic with no decisions says so and offers a way on.
    tab.go("/decisions?q=" + quote("lemon drizzle cake recipe"))
    expect(page.get_by_role("heading", name="No decisions found")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Ask the meeting papers about"))).to_be_visible()


def test_decision_filters_are_kept_in_the_url_and_survive_a_reload(tab):
    tab.go("/decisions")
    page = tab.page
    page.get_by_label("Kind of decision").select_option(label="Action")
    with page.expect_navigation():
        page.get_by_role("button", name="Show decisions").click()
    assert parse_qs(urlsplit(page.url).query) == {"kind": ["action"]}

    def check_actions():
        assert page.get_by_label("Kind of decision").input_value() == "action"
        expect(page.locator(".active-filters")).to_contain_text("Action")
        rows = decision_rows(page)
        assert rows and all(r["Kind"] == "Action" for r in rows)
        # Only the 2018 accountability minutes record actions: every "ACTION: …" line of them is one.
        assert all(r["Decided by"] == "PCC Accountability Meeting" for r in rows)
        minutes_2018 = next(p for p in SOURCES if p.name.startswith("2018-")).read_text(encoding="utf-8")
        assert sum(r["text"].startswith("ACTION:") for r in rows) == minutes_2018.count("ACTION:")
        return rows

    before = check_actions()
    page.reload()
    assert check_actions() == before
    tab.shot("decisions-actions")
    # Body and dates: the Sub Panel's 2023 decisions only.
    tab.go("/decisions")
    page.get_by_label("Decided by").select_option(label=NCCSP_TITLE)
    page.get_by_label("Meetings from").fill("2023-01-01")
    page.get_by_label("Meetings to").fill("2023-12-31")
    page.get_by_label("Topic or words").fill("domestic abuse")
    with page.expect_navigation():
        page.get_by_role("button", name="Show decisions").click()
    qs = parse_qs(urlsplit(page.url).query)
    assert qs == {"q": ["domestic abuse"], "body": ["NCCSP Scrutiny Sub Panel"], "date_from": ["2023-01-01"],
                  "date_to": ["2023-12-31"]}
    page.reload()
    assert page.get_by_label("Meetings from").input_value() == "2023-01-01"
    rows = decision_rows(page)
    assert rows and all(r["Date"] == "24 February 2023" and r["Decided by"] == "NCCSP Scrutiny Sub Panel" for r in rows)
    # Clearing the filters keeps the topic.
    with page.expect_navigation():
        page.get_by_role("link", name="Clear the filters").first.click()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["domestic abuse"]}
    # A bad filter gets a clear error, linked to its field.
    resp = tab.go("/decisions?date_from=2023-12-31&date_to=2023-01-01")
    assert resp.status == 400
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("‘Meetings from’ date is after the ‘Meetings to’ date")
    assert summary.get_by_role("link").get_attribute("href") == "#d-date_from"
    assert page.locator("table.register").count() == 0


def test_meeting_links_to_its_decisions(tab):
    tab.go("/meetings")
    page = tab.page
    meeting = page.locator("article.meeting").filter(has_text="26 September 2017")
    with page.expect_navigation():
        meeting.get_by_role("link", name=re.compile("Decisions of this meeting")).click()
    qs = parse_qs(urlsplit(page.url).query)
    assert qs == {"body": [PANEL], "date_from": ["2017-09-26"], "date_to": ["2017-09-26"]}
    rows = decision_rows(page)
    assert rows and all(r["Date"] == "26 September 2017" for r in rows)
    assert any("APPOINTED Mr Peter Hill" in r["text"] for r in rows)


def test_decision_opens_the_document_at_the_highlighted_passage(tab):
    tab.go("/decisions?q=" + quote("Peter Hill"))
    page = tab.page
    row = page.locator("table.register tbody tr", has_text="APPOINTED Mr Peter Hill")
    expect(row).to_have_count(1)
    text = norm(row.locator(".decision-text").inner_text())
    link = row.get_by_role("link", name=re.compile("Read it in the papers"))
    # The PDF's printed page number is given with the link.
    assert re.search(r"page \d+$", norm(link.inner_text()))
    with page.expect_navigation():
        link.click()
    assert urlsplit(page.url).path == "/documents/2017-11-28-panel-minutes-extract-pdf"
    mark = page.locator("mark#passage")
    expect(mark).to_have_count(1)
    assert norm(mark.inner_text()) == text
    assert in_viewport(page, "mark#passage")
    expect(page.locator(".cited-box")).to_contain_text("item 6")
    tab.shot("decision-in-document", full_page=False)
    # And back to the same view of the register.
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the decisions").click()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["Peter Hill"]}


def test_csv_download_has_the_rows_of_the_view(tab):
    tab.go("/decisions?kind=recommendation&q=" + quote("requested update"))
    page = tab.page
    shown = decision_rows(page)
    assert shown
    link = page.get_by_role("link", name="Download CSV of this view")
    href = link.get_attribute("href")
    assert urlsplit(href).path == "/api/decisions.csv"
    params = parse_qs(urlsplit(href).query)
    assert params["q"] == ["requested update"] and params["kind"] == ["recommendation"]
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert list(rows[0]) == CSV_COLUMNS
    assert all(r["kind"] == "recommendation" for r in rows)
    # The same decisions as the table (which groups them by meeting).
    key = lambda r: norm(r["text"])  # noqa: E731
    assert sorted(map(key, rows)) == sorted(map(key, shown))
    assert sorted(r["url"] for r in rows) == sorted(r["href"] for r in shown)
    resp = page.request.get(tab.base + href)
    assert resp.status == 200 and resp.headers["content-type"].startswith("text/csv")
    # Without a topic: newest first, in the table's order.
    tab.go("/decisions?body=" + quote(PANEL))
    shown = decision_rows(page)
    href = page.get_by_role("link", name="Download CSV of this view").get_attribute("href")
    rows = list(csv.DictReader(io.StringIO(page.request.get(tab.base + href).text())))
    assert [r["url"] for r in rows] == [r["href"] for r in shown]


def test_decisions_with_the_keyboard_only(tab):
    tab.go("/decisions")
    page = tab.page
    page.get_by_label("Topic or words").focus()
    page.keyboard.type("KSI")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="History of “KSI”")).to_be_visible()
    # Tab on: the table's scrolling box takes focus visibly, then the first decision's link.
    seen_region = False
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('table-wrap')"):
            seen_region = True
            style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert style != "none", "the focused table box must show focus"
        if page.evaluate("!!document.activeElement.closest('.source-link')"):
            break
    assert seen_region and page.evaluate("!!document.activeElement.closest('.source-link')")
    bg = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert bg == "rgb(255, 221, 0)", f"a focused link is highlighted yellow, got {bg}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "passage"
    assert "KSI" in page.locator("mark#passage").inner_text()


def test_decisions_work_without_javascript(browser, server):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = ctx.new_page()
    try:
        page.goto(server + "/decisions")
        page.get_by_label("Topic or words").fill("KSI")
        page.get_by_label("Kind of decision").select_option("action")
        with page.expect_navigation():
            page.get_by_role("button", name="Show decisions").click()
        assert parse_qs(urlsplit(page.url).query) == {"q": ["KSI"], "kind": ["action"]}
        rows = decision_rows(page)
        assert rows and all(r["Kind"] == "Action" for r in rows)
        assert any("KSI figures" in r["text"] for r in rows)
        with page.expect_navigation():
            page.locator("table.register .source-link a").first.click()
        assert in_viewport(page, "mark#passage")
    finally:
        ctx.close()


def test_decisions_on_a_phone(browser, server):
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True,
                              has_touch=True, locale="en-GB")
    t = Tab(ctx.new_page(), server)
    try:
        for path in ("/decisions", "/decisions?q=" + quote("accurate record")):
            t.go(path)
            page = t.page
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], f"{path}: page is {width[0]}px wide on a {width[1]}px screen"
            # Each decision is a card inside the screen, with its fields labelled; nothing scrolls sideways.
            boxes = page.eval_on_selector_all("table.register tbody tr", """rows => rows.map(r => {
                const b = r.getBoundingClientRect(); return [b.left, b.right]; })""")
            assert boxes and all(0 <= left and right <= width[1] for left, right in boxes), boxes
            wraps = page.eval_on_selector_all(".table-wrap", "els => els.map(e => [e.scrollWidth, e.clientWidth])")
            assert all(sw <= cw for sw, cw in wraps), wraps
            kind = page.locator("table.register td.col-kind").first
            assert kind.get_attribute("data-label") == "Kind"
            assert kind.evaluate("el => getComputedStyle(el, '::before').content") not in ("none", "normal", "")
            # The table keeps its meaning for screen readers.
            assert page.get_by_role("table").count() >= 1 and page.get_by_role("columnheader").count() >= 6
        t.page.evaluate("document.getElementById('results-h').scrollIntoView()")
        t.shot("phone-decisions-history", full_page=False)
        t.go("/decisions")
        t.page.evaluate("document.getElementById('results-h').scrollIntoView()")
        t.shot("phone-decisions", full_page=False)
        assert not t.errors
    finally:
        ctx.close()


def test_decision_topic_with_markup_is_shown_as_text(tab):
    page = tab.page
    tab.go("/decisions?q=" + quote(XSS_QUERY) + "&body=" + quote('"><script>alert(6)</script>'))
    assert page.locator(".error-summary").count() == 1  # an unknown body
    assert page.get_by_label("Topic or words").input_value() == XSS_QUERY
    assert script_count(page) == 1
    tab.go("/decisions?q=" + quote(XSS_QUERY))
    assert page.get_by_label("Topic or words").input_value() == XSS_QUERY
    expect(page.locator("main")).to_contain_text(XSS_QUERY)
    assert script_count(page) == 1 and tab.dialogs == []


# --- keyboard, no JavaScript, phone ----------------------------------------------------------------


def test_keyboard_only(tab):
    tab.go("/")
    page = tab.page
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.textContent")
    assert skip == "Skip to main content"
    assert in_viewport(page, ".skip-link"), "the skip link shows when focused"
    for _ in range(8):
        if page.evaluate("document.activeElement.id") == "q":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q", "Tab reaches the question field"
    style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }""")
    assert style[0] != "none" and style[1] >= 2, f"focus must be visible: {style}"
    page.keyboard.type("Operation Gravity knife crime")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".answer-text")).to_be_visible()
    # Tab on to the first citation and follow it with Enter.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cite')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('cite')")
    bg = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert bg == "rgb(255, 221, 0)", f"a focused link is highlighted yellow, got {bg}"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert in_viewport(page, "mark#passage")
    # Focus moved to the passage, so the next Tab continues from there.
    assert page.evaluate("document.activeElement.id") == "passage"


def test_works_without_javascript(browser, server):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = ctx.new_page()
    try:
        page.goto(server + "/")
        page.get_by_label("Your question").fill(ANSWERED)
        with page.expect_navigation():
            page.get_by_role("button", name="Ask").click()
        expect(page.locator(".answer-text")).to_contain_text("Operation Gravity")
        with page.expect_navigation():
            page.locator(".answer-text a.cite").first.click()
        assert in_viewport(page, "mark#passage"), "the #passage fragment scrolls without JavaScript"
        page.goto(server + "/meetings")
        assert page.locator("article.meeting").count() >= 4
    finally:
        ctx.close()


PAGES = {
    "home": "/",
    "results": "/?q=" + quote(ANSWERED),
    "no-answer": "/?q=" + quote(UNANSWERED),
    "document": "/documents/2017-11-28-panel-minutes-extract-pdf?start=0&end=400",
    "meetings": "/meetings",
    "decisions": "/decisions",
    "decisions-history": "/decisions?q=" + quote("accurate record"),
}


def test_phone_width_has_no_horizontal_scroll(browser, server):
    ctx = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True,
                              has_touch=True, locale="en-GB")
    t = Tab(ctx.new_page(), server)
    try:
        for name, path in PAGES.items():
            t.go(path)
            if name == "home":
                t.page.get_by_text("Narrow the search").click()
            width = t.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], f"{name}: page is {width[0]}px wide on a {width[1]}px screen"
            t.shot(f"phone-{name}", full_page=False)
    finally:
        ctx.close()


# --- escaping ------------------------------------------------------------------------------------------


def script_count(page) -> int:
    return page.evaluate("document.scripts.length")


def test_query_with_markup_is_shown_as_text(tab):
    page = tab.page
    tab.go("/?q=" + quote(XSS_QUERY))
    assert page.get_by_label("Your question").input_value() == XSS_QUERY
    assert XSS_QUERY in page.title()
    assert script_count(page) == 1  # only /static/app.js
    assert page.locator("main").inner_html().count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 1
    # In the document page's back link and in error pages too.
    tab.go("/documents/2017-11-28-panel-minutes-extract-pdf?start=0&end=50&q=" + quote(XSS_QUERY))
    tab.go("/documents/" + quote("<img src=x onerror=alert(4)>", safe=""))
    expect(page.locator("main")).to_contain_text("<img src=x onerror=alert(4)>")
    assert page.locator("main img").count() == 0
    tab.go("/?q=x&date_from=" + quote('"><script>alert(5)</script>'))
    assert script_count(page) == 1
    assert tab.dialogs == []


def test_document_with_markup_is_shown_as_text(tab):
    page = tab.page
    tab.go("/?q=" + quote("tags must appear as text in the archive viewer"))
    hit = page.locator("ol.passages > li", has_text="archive viewer").first
    expect(hit.locator(".passage-text")).to_contain_text("<script>alert(2)</script>")
    assert script_count(page) == 1 and page.locator("main img").count() == 0
    with page.expect_navigation():
        hit.get_by_role("link", name=re.compile("Open at this place")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(XSS_TITLE)
    expect(page.locator("mark#passage")).to_contain_text("<img src=x onerror=alert(3)>")
    assert script_count(page) == 1 and page.locator("main img").count() == 0
    tab.go("/meetings")
    expect(page.locator("main")).to_contain_text(XSS_TITLE)
    assert script_count(page) == 1
    assert tab.dialogs == []


# --- security headers and the API's documentation ------------------------------------------------------


def test_pages_carry_security_headers_and_keep_their_policy(tab):
    """Every page is served with a strict CSP (scripts and styles from this site only, no framing)
    and nosniff; the tab fixture fails the test if a page breaks its own policy."""
    for path in ("/", "/?q=Who+chairs+the+NCCSP%3F", "/meetings", "/decisions", "/nothing-here"):
        resp = tab.go(path)
        headers = resp.headers
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "same-origin", path
    # A script that is not the site's own does not run.
    tab.go("/")
    ran = tab.page.evaluate("""() => new Promise(done => {
        const s = document.createElement('script'); s.textContent = 'window.__injected = 1';
        document.body.appendChild(s); setTimeout(() => done(window.__injected === 1), 100); })""")
    assert ran is False
    tab.errors.clear()  # the refused script is this test's own doing


def test_api_documentation_works_offline(tab):
    """/docs renders Swagger UI from the installed package (no CDN; the machine has no internet)."""
    requested = []
    tab.page.on("request", lambda r: requested.append(r.url))
    tab.go("/docs")
    tab.page.wait_for_selector(".opblock", timeout=30_000)
    assert tab.page.locator(".opblock").count() >= 10
    assert "/api/search" in tab.page.inner_text(".swagger-ui")
    assert all(u.startswith(tab.base) for u in requested), [u for u in requested if not u.startswith(tab.base)]


# --- accessibility -------------------------------------------------------------------------------------


def axe_script() -> Path:
    for p in AXE_PATHS:
        if p.exists():
            return p
    pytest.fail("axe-core is missing: run scripts/install (it fetches axe-core with npm into .cache/axe)")


@pytest.fixture
def axe_tab(browser, server):
    """A tab that may inject axe-core: the pages' CSP forbids inline scripts, so this one context
    bypasses it (every other test runs under it)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", bypass_csp=True)
    t = Tab(ctx.new_page(), server)
    yield t
    assert not t.errors, f"JavaScript errors: {t.errors}"
    ctx.close()


@pytest.mark.parametrize("name", list(PAGES) + ["error"])
def test_axe_finds_no_serious_problems(axe_tab, name):
    tab = axe_tab
    path = PAGES.get(name, "/?q=")
    tab.go(path)
    page = tab.page
    if name == "home":
        page.get_by_text("Narrow the search").click()  # check the filter controls too
    page.add_script_tag(path=str(axe_script()))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""")
    out = ROOT / "test-artifacts" / "axe"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(result, indent=2))
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps(serious, indent=2)
    tab.shot(f"axe-{name}")
