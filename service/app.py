"""The web application: builds the services from settings, switches to a newly published index
version, turns every error into one JSON shape, and mounts the API and the pages."""

from __future__ import annotations

import logging
import os
import threading

from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from indexer.embedding import set_threads
from indexer.settings import Settings
from storage.folder import current_version

from . import api, pages
from .openapi import build_openapi
from .protection import Protection
from .requests import RequestError, shown
from .services import Services, build_services

log = logging.getLogger(__name__)

def _plain_page(title: str, text: str) -> str:
    return ("<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><title>" + title + " – Minutebook"
            "</title><link rel='stylesheet' href='/static/style.css'></head><body><main id='main' class='wrap'>"
            "<h1>" + title + "</h1><p>" + text + "</p></main></body></html>")


NOT_FOUND_PAGE = _plain_page("Page not found", "Check the address, or <a href='/'>ask a question</a>.")
ERROR_PAGE = _plain_page("Something went wrong", "The server could not show this page; try again, or "
                         "<a href='/'>ask a question</a>.")
# Swagger UI from the installed fastapi-offline package: /docs works without internet, and its
# start-up script is a file of ours, so the page keeps the strict script policy.
DOCS_PAGE = ("<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><title>Minutebook API</title>"
             "<link rel='stylesheet' href='/docs-static/swagger-ui.css'></head><body><div id='swagger-ui'></div>"
             "<script src='/docs-static/swagger-ui-bundle.js'></script><script src='/static/docs.js'></script>"
             "</body></html>")


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def _methods(request: Request) -> list[str]:
    """The methods some route of this address takes (asked of the router, as it would route them)."""
    return [m for m in METHODS if any(r.matches({**request.scope, "method": m})[0] == Match.FULL
                                      for r in request.app.router.routes)]


def _wants_page(request: Request) -> bool:
    """A person's browser asking for a page (not the API, not a script)."""
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def error_body(code: str, message: str, field: str | None = None) -> dict:
    """The one error shape of the API: {"error": {"code", "message", "field"}}."""
    return {"error": {"code": code, "message": message, "field": field}}


class AppState:
    """The services of the index version being served, switched to a newer one when it is published."""

    def __init__(self, settings: Settings):
        set_threads(settings.service.threads)
        self.settings = settings
        self._lock = threading.Lock()
        self.services: Services = build_services(settings)
        # Warm the model so the first user does not pay for loading it.
        self.services.index.embedder.encode_query("warm up")

    def current(self) -> Services:
        """The services to answer a request with: a newly published version (``minutebook index``
        while serving) is loaded first, keeping the model; requests already running finish on the
        version they started with, as the swap is one assignment."""
        services = self.services
        latest = current_version(self.settings.index_dir)
        if latest is None or latest == services.index.version:
            return services
        with self._lock:
            if self.services.index.version != latest:
                log.info("index changed: loading %s", latest.name)
                self.services = build_services(self.settings, embedder=services.index.embedder,
                                               reranker=services.retriever.reranker)
            return self.services


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestError)
    async def _request_error(request: Request, exc: RequestError):
        return JSONResponse(error_body(exc.code, exc.message, exc.field), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        err = exc.errors()[0] if exc.errors() else {}
        loc = [str(x) for x in err.get("loc", []) if x not in ("query", "body")]
        field = loc[-1] if loc else None
        msg = err.get("msg", "invalid request")
        return JSONResponse(error_body("invalid_request", f"{field or 'request'}: {msg}.", field), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        msg = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code == 404 and msg == "Not Found":
            if _wants_page(request):
                # A person who mistyped a page address gets a page, not JSON.
                return HTMLResponse(NOT_FOUND_PAGE, status_code=404)
            msg = f"No such page: {shown(request.url.path, 100)}. See /docs for the API."
        headers = exc.headers
        if exc.status_code == 405:
            # Allow lists every method of the address (its GET and POST are separate routes).
            allowed = ", ".join(_methods(request))
            headers = {**(exc.headers or {}), "Allow": allowed}
            msg = f"{request.method} is not allowed here; use {allowed}."
        return JSONResponse(error_body(code, msg), status_code=exc.status_code, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        if _wants_page(request):
            return HTMLResponse(ERROR_PAGE, status_code=500)
        return JSONResponse(error_body("internal_error", "Something went wrong on the server; try again, "
                                       "and report it if it keeps happening."), status_code=500)


def _mount_docs(app: FastAPI) -> None:
    app.mount("/docs-static", StaticFiles(directory=str(files("fastapi_offline") / "static")), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)


def create_app(settings: Settings) -> FastAPI:
    state = AppState(settings)
    app = FastAPI(title="Minutebook", version="0.1.0", docs_url=None, redoc_url=None,
                  description=f"Cited answers from the meeting papers in this archive ({state.services.archive_name}).")
    app.state.mb = state

    built_for: dict = {}  # the index version the cached document describes

    def openapi() -> dict:
        # The filter values come from the open index: the document is rebuilt for a new version.
        services = state.current()
        if app.openapi_schema is None or built_for.get("version") != services.index.version:
            app.openapi_schema = build_openapi(app, services.choices)
            built_for["version"] = services.index.version
        return app.openapi_schema

    app.openapi = openapi
    _install_error_handlers(app)
    app.include_router(api.router)
    _mount_docs(app)
    pages.mount(app)
    app.add_middleware(Protection)
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory service.app:app_from_env``: uvicorn's worker processes
    import the app by name, so ``minutebook serve --workers N`` can hand them its settings only
    through the environment (the settings file and the index folder)."""
    return create_app(Settings.load(os.environ.get("MINUTEBOOK_CONFIG"),
                                    index_dir=os.environ.get("MINUTEBOOK_INDEX_DIR", "index")))
