"""Server-rendered web pages: ask, read the cited answer, open the source at the cited place, browse
the meetings and the register of decisions.

Everything here is plain HTML from Jinja2 templates (autoescaped); ``static/app.js`` only adds
small touches (focusing the cited passage, a busy state on submit). Every text that comes from a
document or from the person asking is escaped: the helpers below that build markup escape each
piece themselves before they add tags.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from indexer.chunking import TYPE_LABELS, format_date
from indexer.settings import NameSettings

from .answers import as_shown, content_terms

HERE = Path(__file__).parent

# Questions people on the panels have asked of these papers (from evals/questions.jsonl). The home
# page shows the ones the open index can answer (see ``Examples``), so they always lead somewhere.
EXAMPLE_CANDIDATES = [
    "What part did Operation Gravity play in the rise in knife crime?",
    "Who was appointed as the new co-opted independent member of the Panel?",
    "What action was agreed on KSI statistics?",
    "Who chairs the NCCSP?",
    "How many Clare's Law disclosures were made last year?",
    "Can video from a cyclist's helmet camera be used as evidence?",
    "How much does a Band D household pay towards policing in 2021/22?",
    "What was agreed about the national review of community safety partnerships?",
    "How many community speed watch schemes and volunteers are there?",
    "Which complaints handling model did the Norfolk and Suffolk commissioners choose?",
    "What reduction in reoffending did the IOM scheme show?",
    "What is Project ADDER?",
    "When did the new legal duty on serious violence start?",
    "How many officers carry the opioid overdose antidote?",
    "What did the sub panel ask for about the extremist leaflets in Norwich?",
]


# The API's error messages name query parameters; people filling in the form see these instead.
FORM_MESSAGES = {
    "empty_query": "Enter a question, for example “Who chairs the NCCSP?”",
    "query_too_long": "The question is too long; shorten it to at most 1,000 characters.",
    "malformed_query": "The question contains a character that cannot be searched; remove it.",
    "bad_date_range": "The ‘Meetings from’ date is after the ‘Meetings to’ date; swap them.",
}
DATE_FIELDS = {"date_from": "Meetings from", "date_to": "Meetings to"}


def form_message(exc) -> str:
    if exc.code == "bad_date":
        return f"‘{DATE_FIELDS.get(exc.field, exc.field)}’ must be a real date, like 28 November 2017."
    if exc.code == "unknown_body":
        return "Choose a body from the list."
    if exc.code == "unknown_type":
        return "Choose a document type from the list."
    if exc.code == "unknown_organisation":
        return "Choose an organisation from the list."
    return FORM_MESSAGES.get(exc.code, exc.message)


# --- escaping helpers that add markup ------------------------------------------------------------


def _term_regex(query: str) -> re.Pattern | None:
    terms = sorted({t for t in content_terms(query or "") if len(t) > 2}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\w*", re.I)


def highlight(text: str, query: str | None) -> Markup:
    """Escape ``text`` and wrap the query's content words in <mark>.

    Matching runs on the raw text and every piece is escaped on its own, so a query word can never
    land inside an HTML entity (a query "amp" must not split ``&amp;``).
    """
    text = text or ""
    rx = _term_regex(query or "")
    if rx is None:
        return escape(text)
    out, pos = [], 0
    for m in rx.finditer(text):
        out.append(str(escape(text[pos:m.start()])))
        out.append(f'<mark class="term">{escape(m.group(0))}</mark>')
        pos = m.end()
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def tidy(text: str) -> str:
    """Passage text for a quote box: no runs of blank lines, no stray edges."""
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", text or "").strip()


def slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-") or "x"


def item_anchor(part: int, item: str) -> str:
    return f"item-{part}-{slug(item)}"


@dataclass
class Anchor:
    offset: int
    html: str  # trusted markup built here from escaped values
    order: int = 1  # at one offset: 0 closes a mark, 1 anchors, 2 opens a mark


def render_span(text: str, base: int, anchors: list[Anchor], mark: tuple[int, int] | None,
                query: str | None, mark_id: bool) -> tuple[Markup, bool]:
    """Escaped HTML of ``text`` (which starts at document offset ``base``) with anchors inserted and
    the document range ``mark`` wrapped in <mark>. Returns (html, whether the mark id was used)."""
    end = base + len(text)
    events: list[Anchor] = [a for a in anchors if base <= a.offset < end]
    used_id = False
    if mark is not None:
        ms, me = max(mark[0], base), min(mark[1], end)
        if ms < me:
            attrs = ' id="passage" tabindex="-1"' if mark_id else ""
            used_id = mark_id
            events.append(Anchor(ms, f'<mark class="cited"{attrs}>', 2))
            events.append(Anchor(me, "</mark>", 0))
    events.sort(key=lambda a: (a.offset, a.order))
    out, pos = [], base
    inside = False
    for ev in events:
        seg = text[pos - base: ev.offset - base]
        out.append(str(highlight(seg, query) if inside and query else escape(seg)))
        pos = ev.offset
        if ev.order == 2:
            inside = True
        elif ev.order == 0:
            inside = False
        out.append(ev.html)
    seg = text[pos - base:]
    out.append(str(highlight(seg, query) if inside and query else escape(seg)))
    return Markup("".join(out)), used_id


# --- labels --------------------------------------------------------------------------------------


def body_title(b: str | None, names: NameSettings | None = None) -> str:
    """How pages name a body: its title in the index's name settings, else the name itself."""
    return (names.title(b) if names else b) or "Body not stated"


def date_label(iso: str | None) -> str:
    try:
        return format_date(iso) or "date not stated"
    except ValueError:
        return iso or "date not stated"


def type_label(t: str | None) -> str:
    return TYPE_LABELS.get(t or "", (t or "document").replace("_", " ").capitalize())


def part_label(part_type: str | None, title: str | None) -> str:
    """'Report: Fire Governance'; just 'Agenda' when the title only repeats the type."""
    label = type_label(part_type)
    if not title or title.strip().lower() in (label.lower(), (part_type or "").lower()):
        return label
    return f"{label}: {title}"


def page_label(p) -> str:
    """'page 6' (printed number), with the PDF page index when it differs."""
    if not p.page:
        return ""
    if p.printed_page and p.printed_page != str(p.page):
        return f"page {p.printed_page} (PDF page {p.page})"
    return f"page {p.page}"


def query_string(**params) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


# --- the decisions register ----------------------------------------------------------------------

KIND_LABELS = {
    "resolution": "Resolution",
    "recommendation": "Recommendation",  # requests too: the outcome column says "Requested"
    "action": "Action",
    "decision_notice": "Decision notice",
    "minutes": "Minutes approved",
}
DECISIONS_PER_PAGE = 100
DECISION_PARAMS = ("q", "kind", "body", "date_from", "date_to", "limit")
MAX_DECISIONS = 500  # the API's own limit
DECISION_MESSAGES = {
    "unknown_kind": "Choose a kind of decision from the list.",
    "unknown_body": "Choose who decided from the list.",
    "query_too_long": "The topic is too long; shorten it to at most 1,000 characters.",
    "malformed_query": "The topic contains a character that cannot be searched; remove it.",
    "bad_date_range": FORM_MESSAGES["bad_date_range"],
}


def decisions_url(**params) -> str:
    query = query_string(**params)
    return "/decisions" + ("?" + query if query else "")


def kind_label(kind: str | None) -> str:
    return KIND_LABELS.get(kind or "", (kind or "decision").replace("_", " ").capitalize())


def decided_by_label(b: str | None, names: NameSettings | None = None) -> str:
    if b == "PCC":
        return "Police and Crime Commissioner (PCC)"
    return body_title(b, names)


def decision_groups(records: list[dict]) -> list[dict]:
    """A topic's decisions as a history: one group per meeting, oldest first, undated meetings last;
    inside a meeting, in the order of the papers."""
    from .decisions import timeline

    groups = timeline(records)
    groups.sort(key=lambda g: (g["meeting_date"] is None, g["meeting_date"] or "", g["decided_by"] or ""))
    for n, g in enumerate(groups, 1):
        g["decisions"] = sorted(g["decisions"], key=lambda r: (r["document_id"], r["start"]))
        g["anchor"] = f"meeting-{n}"
        outcomes: list[str] = []
        for r in g["decisions"]:
            if r["outcome"] and r["outcome"] not in outcomes:
                outcomes.append(r["outcome"])
        g["outcomes"] = outcomes
        titles: list[str] = []
        for r in g["decisions"]:
            t = r["item_title"] or r["title"]
            if t and t not in titles:
                titles.append(t)
        g["topics"] = titles
    return groups


# --- examples ------------------------------------------------------------------------------------


class Examples:
    """Example questions the open index has words for: checked once, lazily, with BM25 (no model)."""

    def __init__(self, state, candidates: list[str], n: int = 5):
        self.state, self.candidates, self.n = state, candidates, n
        self._cached: list[str] | None = None

    def covered(self, con, question: str) -> bool:
        terms = set(content_terms(question))
        if not terms:
            return False
        from .retrieval import Filters

        hits = self.state.retriever.bm25(con, question, 3, Filters())
        if not hits:
            return False
        ps = self.state.index.passages(con, [i for i, _ in hits])
        best = max(len(terms & set(content_terms(p.embed_text))) / len(terms) for p in ps.values())
        return best >= 0.6

    def get(self) -> list[str]:
        if self._cached is None:
            con = self.state.index.connect()
            try:
                ok = [q for q in self.candidates if self.covered(con, q)]
            except Exception:  # examples are a nicety; never break the home page over them
                ok = []
            finally:
                con.close()
            self._cached = (ok or self.candidates)[: self.n]
        return self._cached


# --- reading the index ---------------------------------------------------------------------------


@dataclass
class Meeting:
    body: str | None
    date: str | None
    documents: list[dict] = field(default_factory=list)
    organisation: str | None = None
    ask_url: str = "/"
    decisions_url: str | None = None

    @property
    def key(self) -> str:
        return slug(f"{self.date or 'undated'}-{self.body or 'unknown'}")


def document_items(index, con, doc_id: str) -> dict[int, list[dict]]:
    """The document's agenda items (its contents list) by part, in printed order, with where each starts."""
    out: dict[int, list[dict]] = {}
    for r in index.items(con, doc_id):
        part = r["part"] if r["part"] is not None else 0
        key = r["number"] or r["title"] or str(r["start"])
        out.setdefault(part, []).append({"item": r["number"], "minute": r["minute"], "title": r["title"],
                                         "start": r["start"], "anchor": item_anchor(part, key)})
    return out


def load_meetings(con, body: str | None = None) -> list[Meeting]:
    """Parts grouped by (body, meeting date), each with its documents and their items."""
    rows = [dict(r) for r in con.execute(
        'SELECT p.document_id, p.ordinal, p.type, p.title, p.item, p.item_title, p.meeting_date, p.body, '
        'p.start, d.title AS doc_title, d.doc_type, d.kind, d.body AS doc_body, d.meeting_date AS doc_date, '
        'd.organisation FROM parts p JOIN documents d ON d.id = p.document_id ORDER BY p.document_id, p.ordinal')]
    items: dict[tuple[str, int], list[dict]] = {}
    for r in con.execute(
            "SELECT document_id, part, item, item_title, MIN(start) AS start FROM chunks "
            "WHERE item IS NOT NULL AND item != '' GROUP BY document_id, part, item ORDER BY start"):
        part = r["part"] if r["part"] is not None else 0
        items.setdefault((r["document_id"], part), []).append(
            {"item": r["item"], "title": r["item_title"], "anchor": item_anchor(part, r["item"])})
    meetings: dict[tuple, Meeting] = {}
    for r in rows:
        b = r["body"] or r["doc_body"]
        d = r["meeting_date"] or r["doc_date"]
        if body and b != body:
            continue
        m = meetings.setdefault((b, d), Meeting(b, d, organisation=r["organisation"]))
        m.organisation = m.organisation or r["organisation"]
        doc = next((x for x in m.documents if x["id"] == r["document_id"]), None)
        if doc is None:
            doc = {"id": r["document_id"], "title": r["doc_title"], "doc_type": r["doc_type"], "kind": r["kind"],
                   "parts": []}
            m.documents.append(doc)
        doc["parts"].append({"ordinal": r["ordinal"], "type": r["type"], "title": r["title"], "start": r["start"],
                             "items": items.get((r["document_id"], r["ordinal"]), [])})
    # Newest first; undated meetings last.
    return sorted(meetings.values(), key=lambda m: (m.date is not None, m.date or "", m.body or ""), reverse=True)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def page_of(pages: list[dict], offset: int) -> dict | None:
    for p in pages:
        if p["start"] <= offset <= p["end"]:
            return p
    return None


# --- routes --------------------------------------------------------------------------------------


def mount_web(app: FastAPI, state) -> None:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True  # every template, whatever its name
    env.filters["date"] = date_label
    # Names and the archive's title come with the open index (they follow a re-index).
    env.filters["body_title"] = lambda b: body_title(b, state.index.names)
    env.globals["archive_name"] = lambda: state.archive_name
    env.filters["type_label"] = type_label
    env.globals["highlight"] = highlight
    env.filters["tidy"] = tidy
    env.filters["as_shown"] = as_shown
    env.globals["page_label"] = page_label
    env.globals["part_label"] = part_label
    env.globals["qs"] = query_string
    env.filters["kind_label"] = kind_label
    env.filters["decided_by"] = lambda b: decided_by_label(b, state.index.names)
    from .decisions import votes_text

    env.filters["votes"] = votes_text
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    examples = Examples(state, EXAMPLE_CANDIDATES)

    def page(request: Request, name: str, ctx: dict, status: int = 200):
        ctx = {"request": request, "nav": name} | ctx
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    def not_found(request: Request, message: str):
        return page(request, "error.html", {"title": "Page not found", "message": message}, 404)

    def doc_title(doc_id: str) -> str | None:
        con = state.index.connect()
        try:
            row = con.execute("SELECT title FROM documents WHERE id = ?", (doc_id,)).fetchone()
        finally:
            con.close()
        return row["title"] if row else None

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        from .app import ApiError, _validate

        qp = request.query_params
        q = qp.get("q", "")
        f = {"body": qp.get("body", ""), "type": qp.get("type", ""), "date_from": qp.get("date_from", ""),
             "date_to": qp.get("date_to", ""), "doc": qp.get("doc", ""), "organisation": qp.get("organisation", "")}
        ctx = {"q": q, "f": f, "bodies": state.index.bodies, "types": state.index.types, "answer": None,
               "organisations": state.index.organisations,
               "error": None, "doc_title": None, "cited": [], "filtered": any(f.values())}
        if f["doc"]:
            ctx["doc_title"] = doc_title(f["doc"])
        if q.strip() or "q" in qp:
            try:
                if f["doc"] and ctx["doc_title"] is None:
                    raise ApiError(400, "unknown_document", "That document is not in the archive; search all "
                                   "documents instead.", "q")
                query, filters = _validate(q, 10, f["body"], f["type"], f["date_from"], f["date_to"], None,
                                           "relevance", state, organisation=f["organisation"])
                filters.document_id = f["doc"] or None
                ans = state.answerer.ask(query, filters)
                ctx["answer"] = ans
                seen: dict[int, object] = {}
                for c in ans.citations:
                    if c.n not in seen and 1 <= c.n <= len(ans.passages):
                        seen[c.n] = ans.passages[c.n - 1]
                ctx["cited"] = sorted(seen.items())
            except ApiError as exc:
                exc.message = form_message(exc)
                ctx["error"] = exc
        else:
            ctx["examples"] = examples.get()

        def more_url(p) -> str | None:
            """Same question, narrowed to the passage's meeting (or document when undated)."""
            if p.meeting_date and p.body and p.body in state.index.bodies:
                target = {"body": p.body, "date_from": p.meeting_date, "date_to": p.meeting_date, "doc": ""}
            else:
                target = {"body": "", "date_from": "", "date_to": "", "doc": p.document_id}
            if all(f.get(k, "") == v for k, v in target.items()) and not f["type"]:
                return None
            return "/?" + query_string(q=q, **target)

        ctx["more_url"] = more_url
        ctx["doc_url"] = lambda p: f"/documents/{p.document_id}?" + query_string(start=p.start, end=p.end, q=q) + "#passage"
        ctx["source_url"] = lambda p: f"/api/documents/{p.document_id}/source" + (f"#page={p.page}" if p.page else "")
        return page(request, "index.html", ctx, 400 if ctx["error"] else 200)

    @app.get("/meetings", response_class=HTMLResponse, include_in_schema=False)
    def meetings(request: Request):
        body = request.query_params.get("body", "")
        if body and body not in state.index.bodies:
            body = ""
        con = state.index.connect()
        try:
            ms = load_meetings(con, body or None)
            n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
        decided = {(who, r["meeting_date"]) for r in state.register.rows.values() if r["meeting_date"]
                   for who in (r["body"], r["decided_by"]) if who}
        years: list[tuple[str, list[Meeting]]] = []
        for m in ms:
            known_body = m.body if m.body in state.index.bodies else ""
            m.decisions_url = ("/decisions?" + query_string(body=known_body, date_from=m.date, date_to=m.date)
                               if known_body and m.date and (known_body, m.date) in decided else None)
            if m.date:
                m.ask_url = "/?" + query_string(body=known_body, date_from=m.date, date_to=m.date)
            elif len(m.documents) == 1:
                m.ask_url = "/?" + query_string(doc=m.documents[0]["id"])
            else:
                m.ask_url = "/?" + query_string(body=known_body)
            y = m.date[:4] if m.date else "Date not stated"
            if not years or years[-1][0] != y:
                years.append((y, []))
            years[-1][1].append(m)
        return page(request, "meetings.html", {"years": years, "n_meetings": len(ms), "n_docs": n_docs,
                                               "bodies": state.index.bodies, "body": body})

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document(request: Request, doc_id: str):
        qp = request.query_params
        start, end, q = _int(qp.get("start")), _int(qp.get("end")), qp.get("q", "")
        con = state.index.connect()
        try:
            row = con.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                return not_found(request, f"There is no document called “{doc_id}” in the archive.")
            parts = [dict(r) for r in con.execute(
                'SELECT ordinal, type, title, item, item_title, meeting_date, body, start, "end" FROM parts '
                "WHERE document_id = ? ORDER BY start, ordinal", (doc_id,))]
            items = document_items(state.index, con, doc_id)
            cited = None
            if start is not None and end is not None:
                cited = con.execute(
                    'SELECT part_type, item, item_title, page, printed_page, minute, heading FROM chunks '
                    'WHERE document_id = ? AND start = ? AND "end" = ?', (doc_id, start, end)).fetchone()
                if cited is None:
                    # A decision (or any other range) inside a passage: say where that passage is.
                    cited = con.execute(
                        'SELECT part_type, item, item_title, page, printed_page, minute, heading FROM chunks '
                        'WHERE document_id = ? AND start <= ? AND ? < "end" ORDER BY start DESC LIMIT 1',
                        (doc_id, start, start)).fetchone()
        finally:
            con.close()
        doc = dict(row)
        text = doc["text"] or ""
        n = len(text)
        mark = (start, end) if start is not None and end is not None and 0 <= start < end <= n else None
        try:
            pages = json.loads(doc.get("pages") or "[]")
        except ValueError:
            pages = []
        source_url = f"/api/documents/{doc_id}/source"
        anchors: list[Anchor] = []
        for part_items in items.values():
            for it in part_items:
                anchors.append(Anchor(it["start"], f'<span class="anchor" id="{escape(it["anchor"])}"></span>'))
        if doc["kind"] == "pdf" and len(pages) > 1:
            for pg in pages:
                printed = pg.get("printed") or pg.get("label")
                label = f"Page {printed}" if printed and str(printed) != str(pg["pdf_page"]) else ""
                text_ = (f"{label} (PDF page {pg['pdf_page']})" if label else f"PDF page {pg['pdf_page']}")
                anchors.append(Anchor(pg["start"], f'<span class="page-break" id="page-{int(pg["pdf_page"])}">'
                                                   f'<a href="{source_url}#page={int(pg["pdf_page"])}">'
                                                   f'{escape(text_)}</a></span>'))
        # Sections: one per part (anchor part-N), plus any text before the first part.
        sections = []
        bounds = sorted({0, n} | {max(0, min(n, p["start"])) for p in parts})
        by_start = {}
        for p in parts:
            by_start.setdefault(max(0, min(n, p["start"])), p)
        used_id = False
        for a, b in zip(bounds, bounds[1:]):
            html, used = render_span(text[a:b], a, anchors, mark, q, not used_id)
            used_id = used_id or used
            sections.append({"part": by_start.get(a), "html": html})
        if not sections:
            sections.append({"part": None, "html": Markup("")})
        cited_page = page_of(pages, mark[0]) if mark and pages else None
        for p in parts:
            p["items"] = items.get(p["ordinal"], [])
        back, back_label = None, "Back to your results"
        if q:
            back = "/?" + query_string(q=q)
        elif mark:
            back = decisions_referer(request)
            if back:
                back_label = "Back to the decisions"
        return page(request, "document.html", {
            "doc": doc, "parts": parts, "sections": sections, "mark": mark, "cited": cited,
            "cited_page": cited_page, "source_url": source_url, "q": q, "back": back, "back_label": back_label,
            "excerpt": text[mark[0]:mark[1]] if mark else ""})

    def decisions_referer(request: Request) -> str | None:
        """The decisions view a person came from (this site's /decisions only), to go back to it."""
        ref = request.headers.get("referer") or ""
        parts = urlsplit(ref)
        if parts.path != "/decisions" or (parts.netloc and parts.netloc != request.url.netloc):
            return None
        return decisions_url(**{k: v for k, v in parse_qsl(parts.query) if k in DECISION_PARAMS})

    @app.get("/decisions", response_class=HTMLResponse, include_in_schema=False)
    def decisions(request: Request):
        from .app import MAX_QUERY, ApiError, decisions_query

        qp = request.query_params
        q = qp.get("q", "")
        f = {k: qp.get(k, "") for k in ("kind", "body", "date_from", "date_to")}
        limit = _int(qp.get("limit")) or DECISIONS_PER_PAGE
        limit = max(1, min(MAX_DECISIONS, limit))
        reg = state.register
        who = sorted({w for r in reg.rows.values() for w in (r["body"], r["decided_by"]) if w},
                     key=lambda b: (b == "PCC", b))
        valid_bodies = set(state.index.bodies) | {"PCC"}
        bodies = [b for b in who if b in valid_bodies]
        if f["body"] in valid_bodies and f["body"] not in bodies:
            bodies.append(f["body"])
        ctx = {"q": q, "f": f, "limit": limit, "kinds": reg.kinds, "bodies": bodies, "error": None,
               "records": [], "total": 0, "groups": None, "n_all": len(reg.rows),
               "filtered": any(f.values()), "clear_url": decisions_url(q=q.strip())}
        try:
            if len(q) > MAX_QUERY:
                raise ApiError(400, "query_too_long", "", "q")
            if "\x00" in q:
                raise ApiError(400, "malformed_query", "", "q")
            dq = decisions_query(state, q, f["kind"], f["body"], f["date_from"], f["date_to"], limit)
            records, total = reg.search(dq)
        except ApiError as exc:
            exc.message = (form_message(exc) if exc.code == "bad_date"
                           else DECISION_MESSAGES.get(exc.code, "Check the search and try again."))
            ctx["error"] = exc
            return page(request, "decisions.html", ctx, 400)
        params = {"q": q.strip(), **f}
        ctx.update(records=records, total=total, topic=q.strip(),
                   groups=decision_groups(records) if q.strip() else None,
                   csv_url="/api/decisions.csv?" + query_string(**params, limit=limit),
                   more_url=(decisions_url(**params, limit=min(MAX_DECISIONS, limit + DECISIONS_PER_PAGE))
                             if total > len(records) and limit < MAX_DECISIONS else None),
                   all_url=decisions_url(**f))
        return page(request, "decisions.html", ctx)
