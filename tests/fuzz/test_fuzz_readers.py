"""Fuzz: readers, the CLI's output writers and the Python API, on hostile files made at test time.

Invariants, whatever the input: no exception escapes; every file is documents or rejections
with a named reason (never `internal-error:*`); every line of a JSONL file is accounted for;
what comes out encodes as UTF-8; the JSON and JSONL outputs validate against the contract;
memory stays under a stated bound on gzip bombs and huge files. `make fuzz` runs the long
campaign (FILIGRANE_FUZZ=long); the CI profile keeps this file to about a minute.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import filigrane
from filigrane.cli import main
from filigrane.document import Document
from filigrane.ingest.read import Reader, ReadOptions
from filigrane.ingest.sources import expand_inputs

#: A named reason: lower-case words joined by hyphens (`internal-error:<step>` is a crash, caught).
REASON = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
FAST = filigrane.PipelineOptions(nlp=False)
#: Cap used by the fuzzed reads: small, so that caps and bombs are reached cheaply.
MAX_BYTES = 64 * 1024
SENTENCES = [
    "Le maire a affirmé mardi que l'usine serait fermée avant la fin de l'année.",
    "Selon l'AFP, le gouvernement aurait démenti ces informations.",
    "The minister said the plant would close, according to a spokesperson.",
    "Laisser un commentaire",
]
HOSTILE = ["\ud800", "\udfff", "\x00", "\x00" * 40, "[red]", "[/]", "[bold]x[/bold]", "\ufeff", "\u2028", "\r", "é"]

fragments = st.one_of(
    st.sampled_from(SENTENCES), st.sampled_from(HOSTILE), st.text(max_size=30), st.characters(codec=None).map(str)
)
hostile_text = st.lists(fragments, max_size=12).map(" ".join)


@st.composite
def huge_number(draw: st.DrawFn) -> str:
    digits = draw(st.sampled_from([1, 20, 4299, 4301, 5000, 20000]))
    return draw(st.sampled_from(["", "-"])) + "9" * digits + draw(st.sampled_from(["", ".5", "e999", "e-999"]))


def _json_string(value: str) -> str:
    """JSON for `value`, lone surrogates included (as \\uXXXX escapes, as a hostile writer sends them)."""
    return json.dumps(value, ensure_ascii=True)


@st.composite
def jsonl_line(draw: st.DrawFn) -> bytes:
    kind = draw(
        st.sampled_from(["record", "record", "record", "number", "broken", "bytes", "nested", "scalar", "blank"])
    )
    if kind == "record":
        fields = {}
        for key in draw(st.lists(st.sampled_from(["text", "html", "title", "url", "date", "id", "extra"]), max_size=5)):
            value = draw(
                st.one_of(hostile_text.map(_json_string), huge_number(), st.sampled_from(["null", "[]", "{}"]))
            )
            fields[key] = value
        if draw(st.booleans()):
            fields["text"] = _json_string(draw(hostile_text) + " " + SENTENCES[0])
        if draw(st.booleans()):
            fields["id"] = draw(st.sampled_from(['"g"', '"h"', "7", '""']))  # duplicate ids across lines
        body = ", ".join(f"{_json_string(key)}: {value}" for key, value in fields.items())
        return ("{" + body + "}").encode("utf-8", "surrogatepass")
    if kind == "number":
        return ('{"text": "' + SENTENCES[1] + '", "n": ' + draw(huge_number()) + "}").encode()
    if kind == "broken":
        return draw(
            st.sampled_from(['{"text": "x"', "{'text': 1}", '{"text": "\\ud8"}', "[1, 2", "}{", "nul"])
        ).encode()
    if kind == "bytes":
        return draw(st.binary(max_size=60)).replace(b"\n", b" ")
    if kind == "nested":
        depth = draw(st.sampled_from([10, 5000, 100000]))
        return b'{"text": "x", "deep": ' + b"[" * depth + b"]" * depth + b"}"
    if kind == "scalar":
        return draw(st.sampled_from([b"1", b'"text"', b"null", b"true", b"[]"]))
    return draw(st.sampled_from([b"", b"   ", b"\t"]))


jsonl_bytes = st.lists(jsonl_line(), max_size=12).map(lambda lines: b"\n".join(lines) + b"\n")


@st.composite
def warc_bytes(draw: st.DrawFn) -> bytes:
    """A WARC of random records: pages, requests, untyped records, odd content types and statuses."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for number in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["response", "response", "resource", "request", "metadata", "warcinfo"]))
        content_type = draw(
            st.sampled_from(["text/html", "text/html; charset=latin-1", "image/png[/]", "", "text/plain", "[red]x"])
        )
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "abc"]))
        payload = draw(
            st.one_of(
                hostile_text.map(lambda t: f"<html><body><p>{t}</p><p>{SENTENCES[0]}</p></body></html>"),
                st.binary(max_size=200).map(lambda b: b.decode("latin-1")),
            )
        ).encode("utf-8", "surrogatepass")
        http = None
        if kind == "request":
            payload = b"GET /" + str(number).encode() + b" HTTP/1.1\r\nHost: example.org\r\n\r\n"
        if kind == "response":
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        fixed = {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{number:012d}>",
            "WARC-Date": "2025-01-01T00:00:00Z",
        }
        record = writer.create_warc_record(
            f"https://example.org/{number}",
            kind,
            payload=io.BytesIO(payload),
            http_headers=http,
            warc_headers_dict=fixed,
        )
        writer.write_record(record)
    data = out.getvalue()
    if draw(st.booleans()):
        data = data.replace(b"WARC-Type: ", b"WARC-Typo: ", 1)
    return data


@st.composite
def packed(draw: st.DrawFn, plain: bytes) -> bytes:
    """`plain`, perhaps gzipped (one member or one per chunk), perhaps cut or with a byte flipped."""
    data = plain
    if draw(st.booleans()):
        if draw(st.booleans()):
            data = gzip.compress(plain, mtime=0)
        else:
            step = draw(st.integers(1, 200))
            data = b"".join(gzip.compress(plain[i : i + step], mtime=0) for i in range(0, len(plain), step))
    damage = draw(st.sampled_from(["none", "none", "cut", "flip"]))
    if damage == "cut" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == "flip" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
    return data


def bomb(expanded: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"a" * (1 << 20)
    return b"".join(compressor.compress(block) for _ in range(expanded >> 20)) + compressor.flush()


def encode(text: str, encoding: str) -> bytes:
    """Bytes as a careless writer makes them: lone surrogates kept where the codec can (UTF-*)."""
    return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")


@st.composite
def hostile_file(draw: st.DrawFn) -> tuple[str, bytes]:
    """(file name, content): the format the name says, or another one, or noise."""
    kind = draw(st.sampled_from(["txt", "html", "jsonl", "warc", "noise"]))
    if kind == "jsonl":
        plain = draw(jsonl_bytes)
    elif kind == "warc":
        plain = draw(warc_bytes())
    elif kind == "html":
        plain = f"<html><head><title>{draw(hostile_text)}</title></head><body><p>{draw(hostile_text)}</p></body>"
        plain = encode(plain, draw(st.sampled_from(["utf-8", "utf-16", "utf-32", "cp1252"])))
    elif kind == "txt":
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1"]))
        plain = encode(draw(hostile_text) + "\n\n" + SENTENCES[0], encoding)
    else:
        plain = draw(st.binary(max_size=400))
    data = draw(packed(plain))
    stem = draw(st.text(alphabet="abcé[]()-_ ~x", min_size=1, max_size=12).filter(lambda s: not s.endswith("~")))
    folder = draw(st.sampled_from(["", "", "x[/", "[red]/", "[bold]b[/"]))  # markup across the "/"
    suffix = draw(st.sampled_from([kind if kind != "noise" else "txt", "txt", "html", "jsonl", "warc", "bin"]))
    gz = ".gz" if data[:2] == b"\x1f\x8b" and draw(st.booleans()) else ""
    return f"{folder}{stem}.{suffix}{gz}", data


@contextmanager
def folder_with(files: list[tuple[str, bytes]], undecodable: bool = False) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name) / "in"
        folder.mkdir()
        for number, (file_name, data) in enumerate(files):
            path = folder / f"{number:02d}" / file_name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if undecodable:
            with open(bytes(folder) + b"/z-caf\xe9\xff.txt", "wb") as handle:
                handle.write(SENTENCES[0].encode())
        yield folder


def check_document(doc: Document) -> None:
    """What leaves the reader encodes as UTF-8 and is either live or rejected with a named reason."""
    for value in (doc.source, doc.raw_text, doc.raw_html or "", doc.title or "", doc.url or "", doc.date or ""):
        value.encode("utf-8")
    if doc.rejection is not None:
        assert REASON.fullmatch(doc.rejection.reason), doc.rejection
        (doc.rejection.source + doc.rejection.detail).encode("utf-8")


def names_in(folder: Path) -> list[str]:
    """The files, named as outputs must name them: undecodable bytes as `\\xNN`."""
    return sorted(os.fsencode(path).decode("utf-8", "backslashreplace") for path in folder.rglob("*") if path.is_file())


def covered(sources: list[str], files: list[str]) -> set[str]:
    """The files some output names (a record `file:3`, a page `file#url`, `file@offset`, or the file)."""
    return {name for name in files if any(_names(source, name) for source in sources)}


def _names(source: str, name: str) -> bool:
    return source == name or (source.startswith(name) and source[len(name)] in ":#@")


# -- readers ---------------------------------------------------------------------------------------


@settings(database=None)
@given(st.lists(hostile_file(), min_size=1, max_size=4), st.booleans())
def test_every_file_read_is_documents_or_named_rejections(files: list[tuple[str, bytes]], undecodable: bool) -> None:
    with folder_with(files, undecodable) as folder:
        docs = list(Reader(ReadOptions(max_bytes=MAX_BYTES))(expand_inputs([str(folder)])))
        expected = names_in(folder)
    for doc in docs:
        check_document(doc)
    assert covered([doc.source for doc in docs], expected) == set(expected)


@settings(database=None)
@given(jsonl_bytes)
def test_every_jsonl_line_is_a_document_or_a_rejection(data: bytes) -> None:
    with folder_with([("a.jsonl", data)]) as folder:
        path = str(folder / "00" / "a.jsonl")
        docs = list(Reader(ReadOptions(max_bytes=MAX_BYTES))(expand_inputs([path])))
    for doc in docs:
        check_document(doc)
    lines = data.split(b"\n")
    lines[0] = lines[0].removeprefix(b"\xef\xbb\xbf")
    wanted = {f"{path}:{n}" for n, line in enumerate(lines, start=1) if line.strip()}
    assert {doc.source for doc in docs} >= wanted
    assert len([doc for doc in docs if doc.source in wanted]) == len(wanted)  # one output per line, no more


# -- the CLI and its writers ---------------------------------------------------------------------


def _contract_from_jsonl(text: str) -> dict[str, Any]:
    """The JSONL lines put back together as one contract object, to validate the same way."""
    report: dict[str, Any] = {"filigrane": "1", "documents": [], "rejected": []}
    for line in text.splitlines():
        item = json.loads(line)
        assert item.pop("filigrane") == "1"
        ((key, value),) = item.items()
        if key == "document":
            report["documents"].append(value)
        elif key == "rejected":
            report["rejected"].append(value)
        else:
            report[key] = value
    return report


@settings(database=None)
@given(st.lists(hostile_file(), min_size=1, max_size=3), st.sampled_from(["json", "jsonl"]), st.booleans())
def test_the_cli_writes_valid_outputs_naming_every_file(
    files: list[tuple[str, bytes]], output_format: str, quiet: bool
) -> None:
    with folder_with(files) as folder:
        out, html = folder.parent / "out.json", folder.parent / "r.html"
        args = ["analyze", str(folder), "--no-nlp", "--no-db", "--max-bytes", str(MAX_BYTES)]
        args += ["--format", output_format, "-o", str(out), "--html", str(html)] + (["-q"] if quiet else [])
        done = CliRunner().invoke(main, args)
        assert done.exit_code in (0, 1), done.output
        assert isinstance(done.exception, SystemExit | None), done.exception
        text = out.read_text(encoding="utf-8")
        report = json.loads(text) if output_format == "json" else _contract_from_jsonl(text)
        filigrane.validate(report)
        assert "<html" in html.read_text(encoding="utf-8")
        expected = names_in(folder)
    sources = [d["source"] for d in report["documents"]] + [r["source"] for r in report["rejected"]]
    assert covered(sources, expected) == set(expected)
    for rejection in report["rejected"]:
        assert REASON.fullmatch(rejection["reason"]), rejection
    assert done.exit_code == (1 if report["rejected"] else 0)


# -- the Python API --------------------------------------------------------------------------------

#: Texts only: never "-" (stdin) nor a string naming an existing path ("/" would walk the disk).
api_text = hostile_text.filter(lambda text: text != "-" and not ("\n" not in text and os.path.exists(text)))
#: Hostile strings inside an article long enough to go through every step (not `no-content`).
article = st.tuples(hostile_text, hostile_text).map(
    lambda parts: f"{parts[0]}\n\n{SENTENCES[0]} {SENTENCES[1]}\n\n{parts[1]} {SENTENCES[0]}\n\n{SENTENCES[2]}"
)
api_input = st.one_of(
    article,
    api_text,
    st.sampled_from(["ftp://example.org/a", "/nonexistent/path.txt", "", "\n", "[red]"]),
    st.just(Path("/nonexistent/x.txt")),
)
wrong_input = st.one_of(
    st.none(), st.integers(), st.floats(), st.binary(max_size=20), st.dictionaries(st.integers(), st.text(), max_size=1)
)


@settings(database=None)
@given(st.lists(api_input, max_size=4))
def test_the_api_gives_a_valid_contract_for_any_texts(inputs: list[str | Path]) -> None:
    result = filigrane.analyze(inputs, FAST)
    assert len(result.documents) + len(result.rejected) >= len(inputs)
    output = json.loads(result.to_json())
    filigrane.validate(output)
    for rejection in result.rejected:
        assert REASON.fullmatch(rejection.reason), rejection
    with tempfile.TemporaryDirectory() as folder:
        result.write_html(Path(folder) / "r.html")


@settings(database=None)
@given(st.one_of(wrong_input, st.lists(st.one_of(wrong_input, api_text), min_size=1, max_size=3)))
def test_the_api_refuses_wrong_types_saying_what_it_takes(inputs: Any) -> None:
    if isinstance(inputs, list) and all(isinstance(item, str) for item in inputs):
        return  # all texts: the case above
    if isinstance(inputs, dict) and not inputs:
        return  # an empty iterable: nothing to analyse, not an error
    with pytest.raises(TypeError, match="expected a str"):
        filigrane.analyze(inputs, FAST)


# -- memory ----------------------------------------------------------------------------------------

#: Peak resident memory of `filigrane analyze --no-nlp` on the bombs below (the bound this test states).
PEAK_BOUND_MB = 1024


def test_bombs_and_huge_files_stay_under_the_memory_bound(tmp_path: Path) -> None:
    """A subprocess under RLIMIT_AS (4 GB): 400 MB of gzip bombs and huge lines, 2 MB cap (100 MB a container)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "bomb.txt.gz").write_bytes(bomb(100 << 20))
    (inputs / "bomb.jsonl.gz").write_bytes(bomb(150 << 20))
    (inputs / "bomb.warc.gz").write_bytes(bomb(150 << 20))
    (inputs / "line.jsonl").write_bytes(
        b'{"text": "' + b"a " * (3 << 20) + b'"}\n{"text": "' + SENTENCES[0].encode() + b'"}\n'
    )
    (inputs / "zeros.txt").write_bytes(b"\0" * (1 << 20))
    rss = tmp_path / "rss"
    code = (
        "import atexit, os, resource, sys\n"
        f"peak = {str(rss)!r}\n"
        # VmHWM: this program's own peak (ru_maxrss would count the forking parent's too, on Linux).
        "def hwm():\n"
        "    if not os.path.exists('/proc/self/status'):\n"
        "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "atexit.register(lambda: open(peak, 'w').write(str(hwm())))\n"
        "resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))\n"
        "from filigrane.cli import main\n"
        "main()\n"
    )
    out = tmp_path / "out.json"
    args = ["analyze", str(inputs), "--no-nlp", "--no-db", "--max-bytes", str(2 << 20), "-o", str(out)]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    filigrane.validate(report)
    reasons = {Path(r["source"]).name: r["reason"] for r in report["rejected"]}
    assert reasons["bomb.txt.gz"] == "too-large" and reasons["bomb.warc.gz"] == "too-large"
    assert reasons["line.jsonl:1"] == "too-large" and reasons["zeros.txt"] == "binary"
    assert [Path(d["source"]).name for d in report["documents"]] == ["line.jsonl:2"]
    assert reasons["bomb.jsonl.gz"] == "too-large"
    peak_mb = int(rss.read_text()) / 1024
    assert peak_mb < PEAK_BOUND_MB, f"peak {peak_mb:.0f} MB"
