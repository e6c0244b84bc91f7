"""The web pages in a real browser: Playwright for Python driving Debian's Chromium.

A real index is built once from the fixture PDFs, one corpus text and a small hostile text file
(HTML in its title and body), and the real server is started with ``minutebook serve``. Every test
then uses the site the way a panel member would: typing, pressing Enter, following links, using only
the keyboard, with JavaScript off, on a phone-width screen. axe-core checks each kind of page.

Screenshots go to test-artifacts/screenshots/ (gitignored). The results page is also saved as
docs/screenshot.png for the README when that file is missing or MINUTEBOOK_UPDATE_SCREENSHOT=1.
"""

from __future__ import annotations

import datetime as dt
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
    index_dir = base / "index"
    report = build_index([src], Settings(index_dir=index_dir, show_progress=False))
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
    expect(page.locator(".no-answer")).to_contain_text("Nothing in the meeting papers answers")
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


# --- accessibility -------------------------------------------------------------------------------------


def axe_script() -> Path:
    for p in AXE_PATHS:
        if p.exists():
            return p
    pytest.fail("axe-core is missing: run scripts/install (it fetches axe-core with npm into .cache/axe)")


@pytest.mark.parametrize("name", list(PAGES) + ["error"])
def test_axe_finds_no_serious_problems(tab, name):
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
