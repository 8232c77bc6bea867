"""Ingest: every bad input becomes one named rejection and the rest of the batch still reads."""

from __future__ import annotations

import contextlib
import gzip
import io
import ipaddress
import json
import socket
import threading
import time
import types
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from filigrane.document import Document
from filigrane.ingest import fetch as fetch_module
from filigrane.ingest.documents import ReadOptions
from filigrane.ingest.fetch import fetch_url, refused_kind, user_agent
from filigrane.ingest.read import Reader
from filigrane.ingest.sources import Source, expand_inputs

FRENCH = "Le café coûte 2 € — c\u2019est l\u2019été à Paris, dit-elle.\nDeuxième ligne de l\u2019article.\n"
PAGE = "<html><head><title>Une page</title></head><body><p>Un été à Paris.</p></body></html>"


def by_source(docs: list[Document]) -> dict[str, Document]:
    return {doc.source: doc for doc in docs}


def reason(doc: Document) -> str | None:
    return doc.rejection.reason if doc.rejection else None


def read_all(inputs: list[Any], options: ReadOptions | None = None) -> list[Document]:
    return list(Reader(options)(expand_inputs(inputs)))


# --- WARC helpers ---------------------------------------------------------------------------


def build_warc(*, gzip_records: bool = False) -> bytes:
    """A request, two HTML pages (Latin-1 declared, UTF-8 undeclared) and a PNG image."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)

    def response(uri: str, content_type: str, body: bytes, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
        writer.write_record(record)

    request = StatusAndHeaders("GET /a HTTP/1.1", [("Host", "example.org")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://example.org/a", "request", http_headers=request))
    response("https://example.org/a", "text/html; charset=iso-8859-1", PAGE.encode("latin-1"))
    response("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    response("https://example.org/b", "text/html", "<html><body><p>L\u2019article deux.</p></body></html>".encode())
    return buffer.getvalue()


def record_spans(data: bytes) -> list[tuple[str, int, int]]:
    spans = []
    iterator = ArchiveIterator(io.BytesIO(data))
    for record in iterator:
        record.content_stream().read()
        spans.append((record.rec_type, iterator.get_record_offset(), iterator.get_record_length()))
    return spans


# --- local HTTP server ----------------------------------------------------------------------


class Handler(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared on purpose: the tests read what the server saw
    agents: list[str] = []  # noqa: RUF012

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.agents.append(self.headers.get("User-Agent", ""))
        # the client may give up (timeout, size cap): that is the point of those tests
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route()

    def _send(self, status: int, body: bytes, content_type: str, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def _route(self) -> None:
        port = self.server.server_address[1]
        if self.path == "/page":
            self._send(200, PAGE.encode("utf-8"), "text/html; charset=utf-8")
        elif self.path == "/latin1":
            self._send(200, PAGE.encode("latin-1"), "text/html; charset=ISO-8859-1")
        elif self.path == "/plain":
            self._send(200, FRENCH.encode("utf-8"), "text/plain; charset=utf-8")
        elif self.path == "/error":
            self._send(500, b"boom", "text/plain")
        elif self.path == "/slow":
            time.sleep(1.0)
            self._send(200, PAGE.encode(), "text/html")
        elif self.path == "/big":
            self.close_connection = True
            self._send(200, b"<html><body>" + b"x" * 50_000, "text/html", length=False)
        elif self.path == "/big-declared":
            self._send(200, b"<html><body>" + b"x" * 50_000, "text/html")
        elif self.path == "/image":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png")
        elif self.path.startswith("/loop/"):
            step = int(self.path.rsplit("/", 1)[1])
            self._redirect(f"/loop/{step + 1}")
        elif self.path == "/to-ftp":
            self._redirect("ftp://example.org/file.txt")
        elif self.path == "/redirect":
            self._redirect("/page")
        elif self.path == "/to-localhost":
            self._redirect(f"http://localhost:{port!s}/page")
        else:
            self._send(404, b"not found", "text/plain")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy in the environment must not carry the test requests away from the local server."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)


LOCAL = ReadOptions(allow_private=True, timeout=0.5, max_bytes=10_000)


# --- files ----------------------------------------------------------------------------------


def test_a_batch_of_bad_files_rejects_each_and_keeps_the_good_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "good.txt": "Un article tout à fait normal.\n".encode(),
        "empty.txt": b"",
        "blank.txt": b"  \n\n ",
        "binary.dat": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 4,
        "broken-utf8.txt": "Le café est prêt.".encode() + b" \xff " + b"Fin.",
        "cp1252.txt": FRENCH.encode("cp1252"),
        "bom.txt": b"\xef\xbb\xbf" + FRENCH.encode("utf-8"),
        "crlf.txt": FRENCH.replace("\n", "\r\n").encode("utf-8"),
        "good.txt.gz": gzip.compress(FRENCH.encode("utf-8")),
        "truncated.txt.gz": gzip.compress(FRENCH.encode("utf-8") * 20)[:40],
        "fake.gz": b"this is not gzip at all",
        "malformed.html": b"<html><body><div><p>Unclosed <b>bold <i>italic <p>Second paragraph",
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    real_read_bytes = Path.read_bytes

    def guarded_read_bytes(self: Path) -> bytes:
        assert self.name != "huge.txt", "the oversized file must be refused from its size alone"
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", guarded_read_bytes)

    inputs = [tmp_path / name for name in files] + [huge, tmp_path / "missing.txt"]
    docs = by_source(read_all([str(path) for path in inputs]))
    assert len(docs) == len(inputs)

    def at(name: str) -> Document:
        return docs[str(tmp_path / name)]

    expected = {
        "empty.txt": "empty",
        "blank.txt": "empty",
        "binary.dat": "binary",
        "broken-utf8.txt": "invalid-utf8",
        "truncated.txt.gz": "truncated-gzip",
        "fake.gz": "corrupt-gzip",
        "huge.txt": "too-large",
        "missing.txt": "not-found",
    }
    for name, wanted in expected.items():
        doc = at(name)
        assert reason(doc) == wanted, (name, doc.rejection)
        assert doc.rejection is not None and "\n" not in doc.rejection.detail
    assert "209715200 bytes" in (at("huge.txt").rejection or types.SimpleNamespace(detail="")).detail

    assert at("good.txt").raw_text == "Un article tout à fait normal.\n"
    for name in ("cp1252.txt", "bom.txt", "crlf.txt", "good.txt.gz"):
        doc = at(name)
        assert not doc.rejected, (name, doc.rejection)
        assert doc.format == "text"
        assert doc.raw_text == FRENCH, name
        assert "\r" not in doc.raw_text and "\ufeff" not in doc.raw_text
    malformed = at("malformed.html")
    assert not malformed.rejected and malformed.format == "html"
    assert malformed.raw_html is not None and "Second paragraph" in malformed.raw_html


def test_a_folder_is_walked_in_order_and_skips_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Deuxième.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Premier.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Caché.", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    docs = read_all([tmp_path])
    assert [Path(doc.source).name for doc in docs] == ["b.txt", "a.txt"]


def test_utf16_bom_file() -> None:
    data = b"\xff\xfe" + FRENCH.replace("\n", "\r\n").encode("utf-16-le")
    (doc,) = Reader().documents_from_bytes("utf16.txt", data)
    assert doc.raw_text == FRENCH


# --- JSON Lines -----------------------------------------------------------------------------


def jsonl_lines() -> list[bytes]:
    big = json.dumps({"text": "x" * 3000}).encode()
    return [
        json.dumps({"text": "Premier article.\r\nSuite.", "id": 7, "title": "Un", "date": "2024-05-01"}).encode(),
        b"",
        b"{not json",
        b"[1, 2]",
        json.dumps({"title": "Sans texte"}).encode(),
        json.dumps({"text": 42}).encode(),
        json.dumps({"text": "Un texte", "title": ["pas", "une", "chaîne"]}).encode(),
        json.dumps({"text": "   \n"}).encode(),
        json.dumps({"html": "<p>Deuxième article</p>", "url": "https://example.org/2", "id": "abc"}).encode(),
        b'{"text": "caf' + b"\xe9" + b'"}',
        big,
        b"   ",
        json.dumps({"text": "Dernier article, bien lu.", "id": True}).encode(),
        json.dumps({"text": "Vraiment le dernier.", "html": None}, ensure_ascii=False).encode(),
    ]


JSONL_EXPECTED = {
    3: "invalid-json",
    4: "invalid-json",
    5: "missing-text",
    6: "bad-field",
    7: "bad-field",
    8: "empty",
    10: "invalid-utf8",
    11: "too-large",
    13: "bad-field",
}


@pytest.mark.parametrize("gzipped", [False, True], ids=["jsonl", "jsonl.gz"])
def test_jsonl_good_and_bad_lines(tmp_path: Path, gzipped: bool) -> None:
    data = b"\xef\xbb\xbf" + b"\r\n".join(jsonl_lines()) + b"\n"
    path = tmp_path / ("articles.jsonl.gz" if gzipped else "articles.jsonl")
    path.write_bytes(gzip.compress(data) if gzipped else data)
    options = ReadOptions(max_bytes=2000)
    docs = by_source(read_all([path, tmp_path / "absent.jsonl"], options))
    name = str(path)
    assert set(docs) == {f"{name}:{n}" for n in (1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14)} | {
        str(tmp_path / "absent.jsonl")
    }
    for number, wanted in JSONL_EXPECTED.items():
        assert reason(docs[f"{name}:{number}"]) == wanted, number
    first = docs[f"{name}:1"]
    assert (first.format, first.id, first.title, first.date) == ("text", "7", "Un", "2024-05-01")
    assert first.raw_text == "Premier article.\nSuite."
    html = docs[f"{name}:9"]
    assert (html.format, html.id, html.url, html.raw_html) == (
        "html",
        "abc",
        "https://example.org/2",
        "<p>Deuxième article</p>",
    )
    last = docs[f"{name}:14"]
    assert last.raw_text == "Vraiment le dernier." and last.id and not last.rejected


def test_empty_jsonl_is_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"\n\n  \n")
    (doc,) = read_all([path])
    assert reason(doc) == "empty"


# --- WARC -----------------------------------------------------------------------------------


@pytest.mark.parametrize("gzip_records", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses_become_documents(tmp_path: Path, gzip_records: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip_records else "crawl.warc")
    path.write_bytes(build_warc(gzip_records=gzip_records))
    docs = read_all([path])
    name = str(path)
    assert [doc.source for doc in docs] == [
        f"{name}#https://example.org/a",
        f"{name}#https://example.org/logo.png",
        f"{name}#https://example.org/b",
    ]
    first, image, second = docs
    assert first.format == "html" and first.url == "https://example.org/a" and first.raw_html == PAGE
    assert reason(image) == "not-html" and image.rejection and image.rejection.detail == "image/png"
    assert second.raw_html is not None and "L\u2019article deux." in second.raw_html


def test_warc_rejects_errors_and_oversized_payloads_and_sniffs_untyped_html() -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for uri, status, content_type, body in [
        ("https://example.org/gone", "404 Not Found", "text/html", b"<html><body>Gone</body></html>"),
        ("https://example.org/huge", "200 OK", "text/html", b"<html><body>" + b"x" * 5000),
        ("https://example.org/untyped", "200 OK", "application/octet-stream", PAGE.encode()),
        ("https://example.org/data.json", "200 OK", "application/json", b'{"a": 1}'),
    ]:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    docs = list(Reader(ReadOptions(max_bytes=1000)).documents_from_bytes("x.warc", buffer.getvalue()))
    assert [reason(doc) for doc in docs] == ["http-error", "too-large", None, "not-html"]
    assert docs[2].raw_html == PAGE


@pytest.mark.parametrize(
    ("record", "keep", "expected"),
    [
        (2, 0.5, [None, "corrupt-warc"]),  # the image, cut in its WARC headers
        (3, 0.5, [None, "not-html", "corrupt-warc"]),  # the second page, cut in its headers
        (3, 0.97, [None, "not-html", "corrupt-warc"]),  # the second page, cut in its payload
    ],
)
def test_truncated_warc_keeps_complete_records_then_says_corrupt(
    tmp_path: Path, record: int, keep: float, expected: list[str | None]
) -> None:
    data = build_warc()
    rec_type, offset, length = record_spans(data)[record]
    assert rec_type == "response"
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: offset + int(length * keep)])
    docs = read_all([path, tmp_path / "missing.warc"])
    assert [reason(doc) for doc in docs] == [*expected, "not-found"]
    assert docs[0].raw_html == PAGE
    corrupt = docs[-2]
    assert corrupt.source == str(path) and corrupt.rejection and "truncated" in corrupt.rejection.detail


def test_every_cut_of_a_warc_fails_cleanly() -> None:
    data = build_warc()
    ends = {offset + length for _, offset, length in record_spans(data)}
    for cut in range(1, len(data), 3):
        docs = list(Reader().documents_from_bytes("cut.warc", data[:cut]))
        reasons = [reason(doc) for doc in docs]
        assert not any(r and r.startswith("internal-error") for r in reasons), (cut, reasons)
        at_boundary = any(end <= cut <= end + 4 for end in ends)
        assert at_boundary or reasons[-1] == "corrupt-warc", (cut, reasons)


# --- URLs -----------------------------------------------------------------------------------


def test_fetch_a_page(server: str) -> None:
    (doc,) = read_all([f"{server}/page"], LOCAL)
    assert not doc.rejected and doc.format == "html"
    assert doc.raw_html == PAGE and doc.url == f"{server}/page" and doc.source == f"{server}/page"
    assert Handler.agents[-1] == user_agent()
    assert user_agent().startswith("Filigrane/") and "fact-checking research" in user_agent()


def test_fetch_decodes_with_the_declared_charset_and_follows_redirects(server: str) -> None:
    latin, plain, redirected = read_all([f"{server}/latin1", f"{server}/plain", f"{server}/redirect"], LOCAL)
    assert latin.raw_html == PAGE
    assert plain.format == "text" and plain.raw_text == FRENCH
    assert redirected.source == f"{server}/redirect" and redirected.url == f"{server}/page"


def test_fetch_failures_are_named(server: str) -> None:
    urls = ["/error", "/slow", "/big", "/big-declared", "/image", "/loop/0", "/to-ftp", "/missing", "/page"]
    started = time.monotonic()
    docs = read_all([server + url for url in urls], LOCAL)
    assert time.monotonic() - started < 5
    assert [reason(doc) for doc in docs] == [
        "http-error",
        "fetch-timeout",
        "too-large",
        "too-large",
        "not-html",
        "too-many-redirects",
        "unsupported-scheme",
        "http-error",
        None,
    ]
    assert docs[0].rejection and "500" in docs[0].rejection.detail
    assert docs[7].rejection and "404" in docs[7].rejection.detail
    assert Handler.hits.count("/loop/5") == 1 and "/loop/6" not in Handler.hits


def test_loopback_is_refused_without_a_request(server: str) -> None:
    before = len(Handler.hits)
    docs = read_all([f"{server}/page", "ftp://example.org/file.txt", "file:///etc/passwd"])
    assert [reason(doc) for doc in docs] == ["refused-address", "unsupported-scheme", "unsupported-scheme"]
    assert docs[0].rejection and "127.0.0.1" in docs[0].rejection.detail
    assert len(Handler.hits) == before


def test_each_redirect_target_is_checked(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 passes as public here; the redirect to `localhost` must still be refused."""
    real = socket.getaddrinfo

    def fake_getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        if host == "127.0.0.1":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]
        return real(host, port, *args, **kwargs)

    fake_socket = types.SimpleNamespace(getaddrinfo=fake_getaddrinfo, SOCK_STREAM=socket.SOCK_STREAM)
    monkeypatch.setattr(fetch_module, "socket", fake_socket)
    before = len(Handler.hits)
    (doc,) = fetch_url(f"{server}/to-localhost", ReadOptions(timeout=0.5))
    assert reason(doc) == "refused-address" and doc.rejection and "localhost" in doc.rejection.detail
    assert Handler.hits[before:] == ["/to-localhost"]


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),
        ("::ffff:127.0.0.1", "loopback (embedded in ::ffff:7f00:1)"),
        ("::ffff:10.0.0.1", "private (embedded in ::ffff:a00:1)"),
        ("fd00::1", "private"),
        ("8.8.8.8", None),
        ("2001:4860:4860::8888", None),
    ],
)
def test_refused_addresses(address: str, kind: str | None) -> None:
    assert refused_kind(ipaddress.ip_address(address)) == kind


def test_unresolvable_host_is_a_fetch_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(fetch_module, "socket", types.SimpleNamespace(getaddrinfo=no_dns, SOCK_STREAM=1))
    (doc,) = fetch_url("http://does-not-exist.invalid/", ReadOptions(timeout=0.5))
    assert reason(doc) == "fetch-error" and doc.rejection and "does-not-exist.invalid" in doc.rejection.detail


def test_reader_never_raises_on_a_bad_source() -> None:
    docs = list(Reader()([Source("text", "inline", text=""), Source("text", "inline2", text="Bonjour.")]))
    assert [reason(doc) for doc in docs] == ["empty", None]
