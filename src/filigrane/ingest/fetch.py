"""Fetch one article the user named by URL, safely: bounded in time, size, redirects and reach.

This fetches single URLs a user asked for, one request each (plus redirects), like a browser
would; it is not a crawler, so robots.txt is not consulted. It refuses to reach the machine it
runs on or its private network (loopback, private, link-local, multicast, reserved addresses)
unless `ReadOptions.allow_private` is set, so a URL in a shared input list cannot probe an
intranet. Known gap: the address is checked before httpx resolves the name again, so a DNS
server that answers differently the second time (DNS rebinding) is not caught.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import time
from collections.abc import Iterator
from importlib import metadata

import httpx

from filigrane.document import Document
from filigrane.ingest.documents import ReadOptions, html_document, looks_like_html, rejected_document, text_document
from filigrane.ingest.warc import HTML_TYPES, VAGUE_TYPES, decode_payload, parse_content_type
from filigrane.steps import RejectDocument

MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
#: Whole-fetch budget, in multiples of `ReadOptions.timeout`: a server that trickles bytes
#: (each read within the timeout) still cannot hold the batch for long.
TOTAL_TIMEOUT_FACTOR = 3
_SCHEMES = ("http", "https")
_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@functools.cache
def user_agent() -> str:
    """Say who we are and why, so site owners can tell research traffic from a scraper."""
    try:
        version = metadata.version("filigrane")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"Filigrane/{version} (+https://github.com/filigrane/filigrane; fact-checking research)"


def fetch_url(url: str, options: ReadOptions) -> Iterator[Document]:
    """Yield the page at `url` as one document, or one rejected document saying why not."""
    try:
        yield _fetch(url, options)
    except RejectDocument as rejection:
        yield rejected_document(url, rejection.reason, rejection.detail)


def _fetch(url: str, options: ReadOptions) -> Document:
    timeout = httpx.Timeout(options.timeout, connect=CONNECT_TIMEOUT)
    deadline = time.monotonic() + CONNECT_TIMEOUT + TOTAL_TIMEOUT_FACTOR * options.timeout
    headers = {"User-Agent": user_agent(), "Accept": _ACCEPT}
    current = _parse_url(url)
    with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_target(current, options.allow_private)
            try:
                with client.stream("GET", current) as response:
                    if response.is_redirect:  # a 3xx with a Location: the target is checked again
                        current = _parse_url(response.headers["Location"], base=response.url)
                        continue
                    return _document(url, response, options.max_bytes, deadline)
            except httpx.TimeoutException as error:
                raise RejectDocument("fetch-timeout", f"{type(error).__name__} after {options.timeout}s") from error
            except httpx.HTTPError as error:
                raise RejectDocument("fetch-error", f"{type(error).__name__}: {error}") from error
    raise RejectDocument("too-many-redirects", f"more than {MAX_REDIRECTS} redirects (last: {current})")


def _parse_url(url: str, base: httpx.URL | None = None) -> httpx.URL:
    try:
        parsed = base.join(url) if base is not None else httpx.URL(url)
    except httpx.InvalidURL as error:
        raise RejectDocument("invalid-url", str(error)) from error
    if parsed.scheme not in _SCHEMES:
        raise RejectDocument("unsupported-scheme", f"only http and https URLs are fetched, not {parsed.scheme!r}")
    if not parsed.host:
        raise RejectDocument("invalid-url", "the URL has no host")
    return parsed


def check_target(url: httpx.URL, allow_private: bool) -> None:
    """Refuse a URL whose host resolves to any address we must not reach (every address is checked)."""
    if allow_private:
        return
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(url.raw_host.decode("ascii"), port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise RejectDocument("fetch-error", f"cannot resolve {url.host}: {error}") from error
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        kind = refused_kind(address)
        if kind:
            raise RejectDocument("refused-address", f"{url.host} resolves to {address}, a {kind} address")


def refused_kind(address: IPAddress) -> str | None:
    """Name why `address` is off limits, or None for a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        for embedded in (address.ipv4_mapped, address.sixtofour, (address.teredo or (None, None))[1]):
            if embedded is not None and (kind := refused_kind(embedded)):
                return f"{kind} (embedded in {address})"
    checks = (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("non-public", not address.is_global),
    )
    return next((kind for kind, matches in checks if matches), None)


def _document(name: str, response: httpx.Response, max_bytes: int, deadline: float) -> Document:
    if response.status_code >= 400:
        raise RejectDocument("http-error", f"HTTP {response.status_code} {response.reason_phrase}".strip())
    content_type = response.headers.get("Content-Type", "")
    mime, charset = parse_content_type(content_type)
    if not (mime in HTML_TYPES or mime in VAGUE_TYPES or mime.startswith("text/")):
        raise RejectDocument("not-html", content_type)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise RejectDocument("too-large", f"Content-Length {declared}, the limit is {max_bytes}")
    body = _read_body(response, max_bytes, deadline)
    text = decode_payload(body, charset)
    final_url = str(response.url)
    if mime in HTML_TYPES or looks_like_html(text):
        return html_document(name, text, url=final_url)
    return text_document(name, text, url=final_url)


def _read_body(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    """Stream the (decompressed) body and stop as soon as it passes the cap or the deadline."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise RejectDocument("too-large", f"body over {max_bytes} bytes")
        if time.monotonic() > deadline:
            raise RejectDocument("fetch-timeout", "the whole download took too long")
        chunks.append(chunk)
    return b"".join(chunks)
