"""What every response and request goes through before the routes: security headers, and limits
on the size of a request (its address and its body), so a hostile or careless client gets one
clear error, never a crash or an echo of megabytes."""

from __future__ import annotations

import json

# Pages and the API load scripts, styles and images from this site only; nothing may frame them.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# Swagger UI (served from the installed fastapi-offline package) sets inline styles as it renders.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
# An original PDF opens in the browser's own viewer, which a document CSP would break: it may only
# not be framed.
SOURCE_CSP = "frame-ancestors 'none'"
SECURITY_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"), (b"cross-origin-opener-policy", b"same-origin")]

MAX_BODY = 64 * 1024  # bytes of a request body (a question is at most 1,000 characters)
MAX_TARGET = 8 * 1024  # characters of a request's path and query


def _policy(path: str) -> bytes:
    if path.startswith("/docs"):
        return DOCS_CSP.encode()
    if path.startswith("/api/documents/") and path.endswith("/source"):
        return SOURCE_CSP.encode()
    return CSP.encode()


async def _send_error(send, status: int, code: str, message: str, headers: list | None = None) -> None:
    body = json.dumps({"error": {"code": code, "message": message, "field": None}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *SECURITY_HEADERS, (b"content-security-policy", CSP.encode()), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class Protection:
    """ASGI middleware: adds the security headers to every response, refuses request targets
    over MAX_TARGET (414) and bodies over MAX_BODY (413), reading a body once so the app sees it
    whole."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        if len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"") > MAX_TARGET:
            return await _send_error(send, 414, "uri_too_long",
                                     f"The request address is over {MAX_TARGET:,} characters; shorten the query.")
        policy = _policy(path)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [h for h in SECURITY_HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    extra.append((b"content-security-policy", policy))
                message = message | {"headers": [*message.get("headers", []), *extra]}
            await send(message)

        if scope.get("method") in ("POST", "PUT", "PATCH"):
            body = await self._read_body(scope, receive)
            if body is None:
                return await _send_error(send, 413, "body_too_large",
                                         f"The request body is over {MAX_BODY // 1024} KB; send a shorter question.")
            receive = _replay(body, receive)
        return await self.app(scope, receive, send_with_headers)

    @staticmethod
    async def _read_body(scope, receive) -> bytes | None:
        """The whole body, or None once it is over MAX_BODY (by its declared length or as read)."""
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > MAX_BODY:
                return None
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY:
                return None
            chunks.append(chunk)
            if not message.get("more_body"):
                break
        return b"".join(chunks)


def _replay(body: bytes, receive):
    """A receive that gives the body read already, then waits on the client (for its disconnect)."""
    sent = False

    async def replay():
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}
    return replay
