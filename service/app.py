"""The web application: builds the services from settings, switches to a newly published index
version, turns every error into one JSON shape, and mounts the API and the pages."""

from __future__ import annotations

import logging
import os
import threading

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from indexer.embedding import set_threads
from indexer.settings import Settings
from storage.folder import current_version

from . import api, pages
from .requests import RequestError
from .services import Services, build_services

log = logging.getLogger(__name__)

NOT_FOUND_PAGE = (
    "<!doctype html><html lang='en-GB'><head><meta charset='utf-8'><title>Page not found – Minutebook"
    "</title><link rel='stylesheet' href='/static/style.css'></head><body><main id='main' class='wrap'>"
    "<h1>Page not found</h1><p>Check the address, or <a href='/'>ask a question</a>.</p></main></body></html>")


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
            if not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", ""):
                # A person who mistyped a page address gets a page, not JSON.
                return HTMLResponse(NOT_FOUND_PAGE, status_code=404)
            msg = f"No such page: {request.url.path}. See /docs for the API."
        return JSONResponse(error_body(code, msg), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse(error_body("internal_error", "Something went wrong on the server; try again, "
                                       "and report it if it keeps happening."), status_code=500)


def create_app(settings: Settings) -> FastAPI:
    state = AppState(settings)
    app = FastAPI(title="Minutebook", version="0.1.0",
                  description=f"Cited answers from the meeting papers in this archive ({state.services.archive_name}).")
    app.state.mb = state
    _install_error_handlers(app)
    app.include_router(api.router)
    pages.mount(app)
    return app


def app_from_env() -> FastAPI:
    """Factory for ``uvicorn --factory service.app:app_from_env``: uvicorn's worker processes
    import the app by name, so ``minutebook serve --workers N`` can hand them its settings only
    through the environment (the settings file and the index folder)."""
    return create_app(Settings.load(os.environ.get("MINUTEBOOK_CONFIG"),
                                    index_dir=os.environ.get("MINUTEBOOK_INDEX_DIR", "index")))
