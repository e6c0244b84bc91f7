"""Server-rendered web pages: ask, read the cited answer, open the source at the cited place, browse
the meetings and the register of decisions.

Everything here is plain HTML from Jinja2 templates (autoescaped); ``static/app.js`` only adds
small touches (focusing the cited passage, a busy state on submit). Input is checked by the same
request layer as the API (``service.requests``); its errors are said here in the form's words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from . import requests as rq
from .answers import as_shown
from .api import services
from .citations import body_title, date_label, decided_by_label, kind_label, page_label, part_label, type_label
from .decisions import timeline, votes_text
from .rendering import Anchor, highlight, item_anchor, page_of, render_span, slug, tidy
from .requests import RequestError
from .retrieval import iso_date
from .serialise import cited_url, decision_json, query_string, source_url
from .services import Services

HERE = Path(__file__).parent
router = APIRouter(include_in_schema=False)

# The request layer's messages name query parameters; people filling in the form see these instead.
FORM_MESSAGES = {
    "empty_query": "Enter a question, for example “Who chairs the NCCSP?”",
    "query_too_long": f"The question is too long; shorten it to at most {rq.MAX_QUERY:,} characters.",
    "malformed_query": "The question contains a character that cannot be searched; remove it.",
    "bad_date_range": "The ‘Meetings from’ date is after the ‘Meetings to’ date; swap them.",
    "unknown_body": "Choose a body from the list.",
    "unknown_type": "Choose a document type from the list.",
    "unknown_organisation": "Choose an organisation from the list.",
}
DECISION_MESSAGES = {
    "unknown_kind": "Choose a kind of decision from the list.",
    "unknown_body": "Choose who decided from the list.",
    "query_too_long": f"The topic is too long; shorten it to at most {rq.MAX_QUERY:,} characters.",
    "malformed_query": "The topic contains a character that cannot be searched; remove it.",
    "bad_date_range": FORM_MESSAGES["bad_date_range"],
}
DATE_FIELDS = {"date_from": "Meetings from", "date_to": "Meetings to"}
DECISIONS_PER_PAGE = 100
DECISION_PARAMS = ("q", "kind", "body", "date_from", "date_to", "limit")


def form_message(exc: RequestError, messages: dict[str, str] = FORM_MESSAGES, fallback: str | None = None) -> str:
    if exc.code == "bad_date":
        return f"‘{DATE_FIELDS.get(exc.field, exc.field)}’ must be a real date, like 28 November 2017."
    return messages.get(exc.code, exc.message if fallback is None else fallback)


def check_form_dates(f: dict) -> None:
    """A form's dates the wrong way round are a mistake to show the person (the API serves the
    range the right way round; a person may have meant another date altogether)."""
    try:
        lo, hi = iso_date(f.get("date_from"), "date_from"), iso_date(f.get("date_to"), "date_to")
    except ValueError:
        return  # the request layer names the bad date
    if lo and hi and lo > hi:
        raise RequestError(400, "bad_date_range", "date_from is after date_to.", "date_from")


def decisions_url(**params) -> str:
    query = query_string(**params)
    return "/decisions" + ("?" + query if query else "")


def decision_groups(records: list[dict]) -> list[dict]:
    """A topic's decisions as a history: one group per meeting, oldest first, undated meetings last;
    inside a meeting, in the order of the papers."""
    groups = timeline(records)
    groups.sort(key=lambda g: (g["meeting_date"] is None, g["meeting_date"] or "", g["decided_by"] or ""))
    for n, g in enumerate(groups, 1):
        g["decisions"] = sorted(g["decisions"], key=lambda r: (r["document_id"], r["start"]))
        g["anchor"] = f"meeting-{n}"
        g["outcomes"] = list(dict.fromkeys(r["outcome"] for r in g["decisions"] if r["outcome"]))
        g["topics"] = list(dict.fromkeys(t for r in g["decisions"] if (t := r["item_title"] or r["title"])))
    return groups


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


def document_items(items: list[dict]) -> dict[int, list[dict]]:
    """A document's agenda items (its contents list) by part, in printed order, with where each starts."""
    out: dict[int, list[dict]] = {}
    for r in items:
        part = r["part"] if r["part"] is not None else 0
        key = r["number"] or r["title"] or str(r["start"])
        out.setdefault(part, []).append({"item": r["number"], "minute": r["minute"], "title": r["title"],
                                         "start": r["start"], "anchor": item_anchor(part, key)})
    return out


def load_meetings(db, body: str | None = None) -> list[Meeting]:
    """Parts grouped by (body, meeting date), each with its documents and their items."""
    items: dict[tuple[str, int], list[dict]] = {}
    for r in db.chunk_items():
        part = r["part"] if r["part"] is not None else 0
        items.setdefault((r["document_id"], part), []).append(
            {"item": r["item"], "title": r["item_title"], "anchor": item_anchor(part, r["item"])})
    meetings: dict[tuple, Meeting] = {}
    for r in db.meeting_parts():
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
    """A whole number from the address, or None when it is not one (or is beyond any offset)."""
    try:
        n = int(value) if value not in (None, "") and len(value) <= 12 else None
    except ValueError:
        return None
    return n if n is not None and 0 <= n < 2**31 else None


# --- templates -----------------------------------------------------------------------------------


def make_templates(app: FastAPI) -> Jinja2Templates:
    """The pages' templates; names and the archive's title come with the served index version."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True  # every template, whatever its name
    current = app.state.mb.current
    env.filters["date"] = date_label
    env.filters["body_title"] = lambda b: body_title(b, current().index.names)
    env.globals["archive_name"] = lambda: current().archive_name
    env.filters["type_label"] = type_label
    env.globals["highlight"] = highlight
    env.filters["tidy"] = tidy
    env.filters["as_shown"] = as_shown
    env.globals["page_label"] = page_label
    env.globals["part_label"] = part_label
    env.globals["qs"] = query_string
    env.filters["kind_label"] = kind_label
    env.filters["decided_by"] = lambda b: decided_by_label(b, current().index.names)
    env.filters["votes"] = votes_text
    return templates


def mount(app: FastAPI) -> None:
    app.state.templates = make_templates(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(router)


def page(request: Request, name: str, ctx: dict, status: int = 200):
    ctx = {"request": request, "nav": name} | ctx
    return request.app.state.templates.TemplateResponse(request, name, ctx, status_code=status)


# --- ask -----------------------------------------------------------------------------------------


def _answer_context(svc: Services, q: str, f: dict, doc_title: str | None) -> dict:
    """The answer to the form's question, and the passages it cites (raises RequestError)."""
    if f["doc"] and doc_title is None:
        raise RequestError(400, "unknown_document", "That document is not in the archive; search all "
                           "documents instead.", "q")
    check_form_dates(f)
    req = rq.ask_request(svc.choices, q, body=f["body"], doc_type=f["type"], date_from=f["date_from"],
                         date_to=f["date_to"], organisation=f["organisation"], document_id=f["doc"])
    ans = svc.answerer.ask(req.question, req.filters)
    seen: dict[int, object] = {}
    for c in ans.citations:
        if c.n not in seen and 1 <= c.n <= len(ans.passages):
            seen[c.n] = ans.passages[c.n - 1]
    return {"answer": ans, "cited": sorted(seen.items())}


def _more_url(svc: Services, q: str, f: dict):
    def more_url(p) -> str | None:
        """Same question, narrowed to the passage's meeting (or document when undated)."""
        if p.meeting_date and p.body and p.body in svc.index.bodies:
            target = {"body": p.body, "date_from": p.meeting_date, "date_to": p.meeting_date, "doc": ""}
        else:
            target = {"body": "", "date_from": "", "date_to": "", "doc": p.document_id}
        if all(f.get(k, "") == v for k, v in target.items()) and not f["type"]:
            return None
        return "/?" + query_string(q=q, **target)
    return more_url


@router.get("/", response_class=HTMLResponse)
def home(request: Request, svc: Services = Depends(services)):
    qp = request.query_params
    q = qp.get("q", "")
    f = {k: qp.get(k, "") for k in ("body", "type", "date_from", "date_to", "doc", "organisation")}
    ctx = {"q": q, "f": f, "bodies": svc.index.bodies, "types": svc.index.types, "answer": None,
           "organisations": svc.index.organisations,
           "error": None, "doc_title": None, "cited": [], "filtered": any(f.values())}
    if f["doc"]:
        with svc.index.session() as db:
            ctx["doc_title"] = db.document_title(f["doc"])
    if not svc.index.manifest.counts.get("documents"):
        with svc.index.session() as db:
            ctx.update(empty_index=True, failures=db.failures())
    if q.strip() or "q" in qp:
        try:
            ctx |= _answer_context(svc, q, f, ctx["doc_title"])
        except RequestError as exc:
            exc.message = form_message(exc)
            ctx["error"] = exc
    else:
        ctx["examples"] = svc.examples
    ctx["more_url"] = _more_url(svc, q, f)
    ctx["doc_url"] = lambda p: cited_url(p.document_id, p.start, p.end, q)
    ctx["source_url"] = lambda p: source_url(p.document_id, p.page)
    return page(request, "index.html", ctx, 400 if ctx["error"] else 200)


# --- meetings ------------------------------------------------------------------------------------


def _meeting_links(svc: Services, m: Meeting, decided: set) -> None:
    known_body = m.body if m.body in svc.index.bodies else ""
    m.decisions_url = ("/decisions?" + query_string(body=known_body, date_from=m.date, date_to=m.date)
                       if known_body and m.date and (known_body, m.date) in decided else None)
    if m.date:
        m.ask_url = "/?" + query_string(body=known_body, date_from=m.date, date_to=m.date)
    elif len(m.documents) == 1:
        m.ask_url = "/?" + query_string(doc=m.documents[0]["id"])
    else:
        m.ask_url = "/?" + query_string(body=known_body)


@router.get("/meetings", response_class=HTMLResponse)
def meetings(request: Request, svc: Services = Depends(services)):
    body = request.query_params.get("body", "")
    if body and body not in svc.index.bodies:
        body = ""
    with svc.index.session() as db:
        ms = load_meetings(db, body or None)
        n_docs = db.document_count()
    decided = {(who, r["meeting_date"]) for r in svc.register.rows.values() if r["meeting_date"]
               for who in (r["body"], r["decided_by"]) if who}
    years: list[tuple[str, list[Meeting]]] = []
    for m in ms:
        _meeting_links(svc, m, decided)
        y = m.date[:4] if m.date else "Date not stated"
        if not years or years[-1][0] != y:
            years.append((y, []))
        years[-1][1].append(m)
    return page(request, "meetings.html", {"years": years, "n_meetings": len(ms), "n_docs": n_docs,
                                           "bodies": svc.index.bodies, "body": body})


# --- a document ----------------------------------------------------------------------------------


def _anchors(doc: dict, pages: list[dict], items: dict[int, list[dict]]) -> list[Anchor]:
    """Where each agenda item starts and, in a PDF of several pages, where each page starts."""
    anchors = [Anchor(it["start"], f'<span class="anchor" id="{escape(it["anchor"])}"></span>')
               for part_items in items.values() for it in part_items]
    if doc["kind"] == "pdf" and len(pages) > 1:
        for pg in pages:
            printed = pg.get("printed") or pg.get("label")
            label = f"Page {printed}" if printed and str(printed) != str(pg["pdf_page"]) else ""
            text_ = (f"{label} (PDF page {pg['pdf_page']})" if label else f"PDF page {pg['pdf_page']}")
            anchors.append(Anchor(pg["start"], f'<span class="page-break" id="page-{int(pg["pdf_page"])}">'
                                               f'<a href="{source_url(doc["id"], int(pg["pdf_page"]))}">'
                                               f'{escape(text_)}</a></span>'))
    return anchors


def _sections(text: str, parts: list[dict], anchors: list[Anchor], mark, q: str) -> list[dict]:
    """The document's text as HTML, one section per part (plus any text before the first part)."""
    n = len(text)
    bounds = sorted({0, n} | {max(0, min(n, p["start"])) for p in parts})
    by_start: dict[int, dict] = {}
    for p in parts:
        by_start.setdefault(max(0, min(n, p["start"])), p)
    sections, used_id = [], False
    for a, b in zip(bounds, bounds[1:]):
        html, used = render_span(text[a:b], a, anchors, mark, q, not used_id)
        used_id = used_id or used
        sections.append({"part": by_start.get(a), "html": html})
    return sections or [{"part": None, "html": Markup("")}]


def _back_link(request: Request, q: str, mark) -> tuple[str | None, str]:
    if q:
        return "/?" + query_string(q=q), "Back to your results"
    if mark:
        back = decisions_referer(request)
        if back:
            return back, "Back to the decisions"
    return None, "Back to your results"


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str, svc: Services = Depends(services)):
    qp = request.query_params
    start, end, q = _int(qp.get("start")), _int(qp.get("end")), qp.get("q", "")
    with svc.index.session() as db:
        doc = db.document(doc_id)
        if doc is None:
            return page(request, "error.html", {"title": "Page not found",
                                                "message": f"There is no document called “{doc_id}” in the archive."},
                        404)
        parts = db.parts(doc_id, by_position=True)
        items = document_items(db.items(doc_id))
        cited = db.locate(doc_id, start, end) if start is not None and end is not None else None
    text = doc["text"] or ""
    mark = (start, end) if start is not None and end is not None and 0 <= start < end <= len(text) else None
    try:
        pages = json.loads(doc.get("pages") or "[]")
    except ValueError:
        pages = []
    sections = _sections(text, parts, _anchors(doc, pages, items), mark, q)
    for p in parts:
        p["items"] = items.get(p["ordinal"], [])
    back, back_label = _back_link(request, q, mark)
    return page(request, "document.html", {
        "doc": doc, "parts": parts, "sections": sections, "mark": mark, "cited": cited,
        "cited_page": page_of(pages, mark[0]) if mark and pages else None, "source_url": source_url(doc_id),
        "q": q, "back": back, "back_label": back_label, "excerpt": text[mark[0]:mark[1]] if mark else ""})


def decisions_referer(request: Request) -> str | None:
    """The decisions view a person came from (this site's /decisions only), to go back to it."""
    ref = request.headers.get("referer") or ""
    parts = urlsplit(ref)
    if parts.path != "/decisions" or (parts.netloc and parts.netloc != request.url.netloc):
        return None
    return decisions_url(**{k: v for k, v in parse_qsl(parts.query) if k in DECISION_PARAMS})


# --- the decisions register ----------------------------------------------------------------------


def _deciders(svc: Services, chosen: str) -> list[str]:
    """Who decided, as the filter lists them: bodies first, the commissioner last."""
    who = sorted({w for r in svc.register.rows.values() for w in (r["body"], r["decided_by"]) if w},
                 key=lambda b: (b == "PCC", b))
    valid = set(svc.choices.deciders)
    bodies = [b for b in who if b in valid]
    if chosen in valid and chosen not in bodies:
        bodies.append(chosen)
    return bodies


@router.get("/decisions", response_class=HTMLResponse)
def decisions(request: Request, svc: Services = Depends(services)):
    qp = request.query_params
    q = qp.get("q", "")
    f = {k: qp.get(k, "") for k in ("kind", "body", "date_from", "date_to")}
    limit = max(1, min(rq.MAX_DECISIONS, _int(qp.get("limit")) or DECISIONS_PER_PAGE))
    reg = svc.register
    ctx = {"q": q, "f": f, "limit": limit, "kinds": reg.kinds, "bodies": _deciders(svc, f["body"]), "error": None,
           "records": [], "total": 0, "groups": None, "n_all": len(reg.rows),
           "filtered": any(f.values()), "clear_url": decisions_url(q=q.strip())}
    try:
        check_form_dates(f)
        records, total = reg.search(rq.decisions_request(svc.choices, q, limit=limit, **f))
    except RequestError as exc:
        exc.message = form_message(exc, DECISION_MESSAGES, "Check the search and try again.")
        ctx["error"] = exc
        return page(request, "decisions.html", ctx, 400)
    records = [decision_json(r) for r in records]
    params = {"q": q.strip(), **f}
    ctx.update(records=records, total=total, topic=q.strip(),
               groups=decision_groups(records) if q.strip() else None,
               csv_url="/api/decisions.csv?" + query_string(**params, limit=limit),
               more_url=(decisions_url(**params, limit=min(rq.MAX_DECISIONS, limit + DECISIONS_PER_PAGE))
                         if total > len(records) and limit < rq.MAX_DECISIONS else None),
               all_url=decisions_url(**f))
    return page(request, "decisions.html", ctx)
