"""Server-rendered web form: ask, read the cited answer, open the source at the cited place."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from indexer.chunking import TYPE_LABELS, format_date
from indexer.structure import BODY_TITLES

from .answers import content_terms

HERE = Path(__file__).parent

EXAMPLES = [
    "What was decided about body-worn video?",
    "What is Operation Gravity?",
    "How many people were killed or seriously injured on Norfolk's roads?",
    "What did the Panel agree about the PCC's annual report?",
    "What is the Athena crime recording system?",
]


def highlight(text: str, query: str) -> Markup:
    """Escape ``text`` and wrap the query's content words in <mark>."""
    terms = sorted({t for t in content_terms(query) if len(t) > 2}, key=len, reverse=True)
    safe = str(escape(text))
    if not terms:
        return Markup(safe)
    rx = re.compile(r"\b(" + "|".join(re.escape(str(escape(t))) for t in terms) + r")\w*", re.I)
    return Markup(rx.sub(lambda m: f"<mark>{m.group(0)}</mark>", safe))


def mount_web(app: FastAPI, state) -> None:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.filters["date"] = lambda iso: format_date(iso) or "date not stated"
    env.filters["body_title"] = lambda b: BODY_TITLES.get(b or "", b or "")
    env.filters["type_label"] = lambda t: TYPE_LABELS.get(t, t or "")
    env.globals["highlight"] = highlight
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def filters_ctx(request: Request) -> dict:
        qp = request.query_params
        return {"body": qp.get("body", ""), "type": qp.get("type", ""), "date_from": qp.get("date_from", ""),
                "date_to": qp.get("date_to", "")}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        from .app import ApiError, _validate

        qp = request.query_params
        q = qp.get("q", "")
        f = filters_ctx(request)
        ctx = {"request": request, "q": q, "f": f, "bodies": state.index.bodies, "types": state.index.types,
               "examples": EXAMPLES, "answer": None, "error": None}
        if q.strip():
            try:
                query, filters = _validate(q, 10, f["body"], f["type"], f["date_from"], f["date_to"], None,
                                           "relevance", state)
                ctx["answer"] = state.answerer.ask(query, filters)
            except ApiError as exc:
                ctx["error"] = exc
        status = 400 if ctx["error"] else 200
        return templates.TemplateResponse(request, "index.html", ctx, status_code=status)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document(request: Request, doc_id: str, start: int | None = None, end: int | None = None):
        con = state.index.connect()
        try:
            row = con.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
            parts = [dict(r) for r in con.execute(
                'SELECT * FROM parts WHERE document_id = ? ORDER BY ordinal', (doc_id,))] if row else []
        finally:
            con.close()
        if row is None:
            return templates.TemplateResponse(request, "error.html", {"request": request, "message":
                                              f"There is no document called {doc_id}."}, status_code=404)
        text = row["text"]
        n = len(text)
        if start is not None and end is not None and 0 <= start < end <= n:
            before, passage, after = text[:start], text[start:end], text[end:]
        else:
            before, passage, after = text, "", ""
        return templates.TemplateResponse(request, "document.html", {
            "request": request, "doc": dict(row), "parts": parts, "before": before, "passage": passage,
            "after": after})
