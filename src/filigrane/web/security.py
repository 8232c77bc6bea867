"""Response headers, the request size cap and the local-only guards, as plain ASGI middleware."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Pages hold untrusted article text: scripts and styles from our own files only (nothing inline),
#: forms post back here only.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # not "no-referrer": it would blank the Origin of our own form posts
    "X-Frame-Options": "DENY",
}


class SecurityHeaders:
    """Adds the CSP and friends to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over `limit` bytes with 413: by Content-Length before reading, else as they come.

    The error is raised as an `HTTPException`, so the app's handlers turn it into the usual JSON
    or HTML error.
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received = 0
        declared = self.declared_length(scope)

        async def limited() -> Message:
            nonlocal received
            if declared > self.limit:
                raise self.too_large()
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise self.too_large()
            return message

        await self.app(scope, limited, send)

    @staticmethod
    def declared_length(scope: Scope) -> int:
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit():
                return int(value)
        return 0

    def too_large(self) -> HTTPException:
        return HTTPException(413, f"the request body is over the limit of {self.limit} bytes")


#: Names under which a server bound to this machine's loopback is reached.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
_UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class LocalOnly:
    """Two guards of an app without login that a browser on the same machine can reach.

    Host: a request must name one of `hosts` (a web page whose domain name was re-pointed at
    127.0.0.1, "DNS rebinding", would otherwise read the store). Origin: a form posted from
    another site's page (cross-site request forgery) is refused; clients that send no Origin
    header (curl, scripts) are not browsers posting for another site and pass.
    """

    def __init__(self, app: ASGIApp, hosts: Sequence[str] | None) -> None:
        self.app = app
        self.hosts = None if hosts is None else {host.lower() for host in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = Headers(scope=scope)
            host = headers.get("host", "")
            if self.hosts is not None and _netloc(f"//{host}", hostname=True) not in self.hosts:
                await _refuse(400, f"this server does not answer for the host {host[:100]!r}")(scope, receive, send)
                return
            origin = headers.get("origin")
            if scope["method"] in _UNSAFE_METHODS and origin and _netloc(origin) != host.lower():
                await _refuse(403, "a form posted from another site is refused")(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _netloc(url: str, hostname: bool = False) -> str:
    """The lower-cased host part of `url` (`hostname`: without port or brackets); "" when it does
    not parse (a Host header of "[" is an unterminated IPv6 address: refused, not a 500)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return (parts.hostname or "") if hostname else parts.netloc.lower()


def _refuse(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
