"""Issue 15, readers: what a hostile file did to the readers, each case as a regression test.

Every input ends as documents or as rejections with a named reason; nothing before a cut is lost.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from filigrane.document import Document
from filigrane.ingest.documents import ReadOptions
from filigrane.ingest.read import Reader
from filigrane.ingest.sources import Source, expand_inputs

GOOD = "Le maire a dit que la ville allait rénover les écoles avant l'hiver."


def read(path: Path, max_bytes: int = 20 * 1024 * 1024) -> list[Document]:
    return list(Reader(ReadOptions(max_bytes=max_bytes))(expand_inputs([str(path)])))


def live(docs: list[Document]) -> list[Document]:
    return [doc for doc in docs if not doc.rejected]


def reasons(docs: list[Document]) -> list[str]:
    return [doc.rejection.reason for doc in docs if doc.rejection is not None]


def jsonl(*records: dict[str, object]) -> bytes:
    return b"".join(json.dumps(record).encode() + b"\n" for record in records)


def warc(*records: tuple[str, bytes]) -> bytes:
    """A WARC of (type, payload) records; responses are HTML pages."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for number, (kind, payload) in enumerate(records):
        uri = f"https://example.org/{number}"
        http = None
        if kind == "response":
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, kind, payload=io.BytesIO(payload), http_headers=http))
    return out.getvalue()


def page(title: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><p>{GOOD}</p></body></html>".encode()


# 1. A JSON integer over 4,300 digits rejects its own record, never the rest of the file.
def test_a_huge_integer_costs_its_record_only(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(
        b'{"text":"x","id":' + b"9" * 5000 + b"}\n"
        b'{"text":"' + GOOD.encode() + b'","views":' + b"7" * 6000 + b',"id":"g"}\n'
        b'{"text":"Le maire a dit.","id":"h"}\n'
    )
    docs = read(path)
    assert [doc.id for doc in live(docs)] == ["g", "h"]  # a huge number in an ignored field is harmless
    assert reasons(docs) == ["bad-field"]
    assert "5000 digits" in docs[0].rejection.detail  # type: ignore[union-attr]


# 3. A truncated .jsonl.gz or .warc.gz keeps every record before the cut and names the cut.
def test_a_truncated_jsonl_gz_keeps_every_record_before_the_cut(tmp_path: Path) -> None:
    data = gzip.compress(jsonl(*({"text": f"{GOOD} Article {n}."} for n in range(50))))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) - 40])
    readable = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[: len(data) - 40])
    docs = read(path)
    assert len(live(docs)) == readable.count(b"\n") > 30  # every whole line before the cut
    assert reasons(docs)[-1] == "truncated-gzip" and docs[-1].source == str(path)


def test_jsonl_gz_lines_across_chunks_and_over_the_cap_are_each_accounted_for(tmp_path: Path) -> None:
    long_text = (GOOD + " ") * 1500  # about 100 KB: each line spans decompression chunks
    records = [{"text": long_text, "id": "a"}, {"text": long_text * 12, "id": "big"}, {"text": GOOD, "id": "c"}]
    path = tmp_path / "long.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(*records)))
    docs = read(path, max_bytes=1 << 20)
    assert [doc.id for doc in live(docs)] == ["a", "c"] and live(docs)[0].raw_text == long_text
    assert reasons(docs) == ["too-large"] and docs[1].source.endswith(":2")


def test_a_truncated_warc_gz_keeps_every_record_before_the_cut(tmp_path: Path) -> None:
    members = [gzip.compress(warc(("response", page(f"Page {n}")))) for n in range(20)]
    path = tmp_path / "cut.warc.gz"
    whole = b"".join(members)
    path.write_bytes(whole[: len(whole) - len(members[-1]) // 2])
    docs = read(path)
    assert len(live(docs)) == 19
    assert "truncated-gzip" in reasons(docs)


# 9. File names that are not UTF-8 are read, and named with \xNN escapes (output stays encodable).
def test_a_file_name_with_undecodable_bytes_is_read_and_named_printably(tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    raw = bytes(folder) + b"/caf\xe9-\xff.txt"
    try:
        with open(raw, "wb") as handle:
            handle.write(GOOD.encode())
    except OSError:
        pytest.skip("this file system refuses non-UTF-8 names")
    docs = read(folder)
    assert len(live(docs)) == 1
    assert docs[0].source.endswith("caf\\xe9-\\xff.txt")
    docs[0].source.encode("utf-8")


# 10. Lone surrogates are repaired (U+FFFD) and the document says so.
def test_lone_surrogates_in_jsonl_are_repaired_and_said(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_bytes(b'{"text":"' + GOOD.encode() + b' \\ud800 fin","title":"Titre \\udc00"}\n')
    (doc,) = read(path)
    assert not doc.rejected
    assert "\ufffd" in doc.raw_text and doc.title == "Titre \ufffd"
    assert "text (1)" in doc.metadata["repaired"] and "title (1)" in doc.metadata["repaired"]
    doc.raw_text.encode("utf-8")


def test_a_lone_surrogate_in_a_given_id_is_repaired(tmp_path: Path) -> None:
    """Found by the fuzz suite: the id was written as it came and broke the JSON output."""
    path = tmp_path / "id.jsonl"
    path.write_bytes(b'{"text":"' + GOOD.encode() + b'","id":"[red] \\udfff"}\n')
    (doc,) = read(path)
    assert doc.id == "[red] \ufffd" and "id (1)" in doc.metadata["repaired"]


def test_a_jsonl_file_is_read_as_jsonl_whatever_its_first_bytes(tmp_path: Path) -> None:
    """Found by the fuzz suite: a .jsonl starting with "WARC/" was read as a (corrupt) WARC."""
    path = tmp_path / "w.jsonl"
    path.write_bytes(b"WARC/\n" + jsonl({"text": GOOD}))
    docs = read(path)
    assert [doc.source.rsplit(":", 1)[1] for doc in docs] == ["1", "2"]
    assert reasons(docs) == ["invalid-json"] and len(live(docs)) == 1


def test_a_python_text_with_a_lone_surrogate_is_repaired() -> None:
    (doc,) = Reader()([Source("text", "<text 1>", text=GOOD + " \ud800")])
    assert doc.raw_text.endswith("\ufffd") and "repaired" in doc.metadata


# 14. Every file ends as documents or rejections: empty WARCs, request-only WARCs, untyped records, folders.
def test_warcs_that_give_no_page_are_rejected_by_name(tmp_path: Path) -> None:
    (tmp_path / "zero.warc").write_bytes(b"")
    (tmp_path / "zero.warc.gz").write_bytes(b"")
    (tmp_path / "requests.warc").write_bytes(warc(("request", b"GET / HTTP/1.1\r\n\r\n")))
    untyped = warc(("resource", page("x"))).replace(b"WARC-Type: resource\r\n", b"")
    (tmp_path / "untyped.warc").write_bytes(untyped)
    docs = read(tmp_path)
    by_file = {Path(doc.source.split("#")[0].split("@")[0]).name: reasons([doc]) for doc in docs}
    assert by_file == {"requests.warc": ["no-pages"], "untyped.warc": ["corrupt-record"]} | {
        "zero.warc": ["empty"],
        "zero.warc.gz": ["empty"],
    }


def test_an_unreadable_folder_is_rejected_not_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    scandir = os.scandir

    def refusing(path: str) -> Iterator[os.DirEntry[str]]:  # what chmod 000 does (root ignores chmod)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    docs = read(tmp_path)
    assert len(live(docs)) == 1
    (refused,) = [doc.rejection for doc in docs if doc.rejection is not None]
    assert refused.reason == "unreadable" and refused.source == str(locked)
    assert "Permission denied" in refused.detail


def test_a_named_folder_that_gives_no_file_is_rejected_as_empty(tmp_path: Path) -> None:
    (tmp_path / "bare").mkdir()
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "README.md").write_text("# notes", encoding="utf-8")
    (notes / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    for folder in (tmp_path / "bare", notes):
        (doc,) = read(folder)
        assert doc.rejection is not None and doc.rejection.reason == "empty" and doc.source == str(folder)
        assert ".md" in doc.rejection.detail


# 15. UTF-32 with a BOM is UTF-32; NUL-ridden garbage is binary, whatever the BOM.
def test_utf32_with_a_bom_is_read_as_utf32(tmp_path: Path) -> None:
    for codec in ("utf-32-le", "utf-32-be"):
        path = tmp_path / f"{codec}.txt"
        bom = codecs.BOM_UTF32_LE if codec.endswith("le") else codecs.BOM_UTF32_BE
        path.write_bytes(bom + GOOD.encode(codec))
        (doc,) = read(path)
        assert doc.raw_text == GOOD


def test_nul_garbage_is_binary_even_behind_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + b"\0\0\0\0A\0\0\0" * 500)
    records = tmp_path / "nul.jsonl"
    records.write_bytes(jsonl({"text": "\0" * 300 + "x"}))
    assert reasons(read(path)) == ["binary"]
    assert reasons(read(records)) == ["binary"]


# 18. A gzip bomb is capped while decompressing: memory stays near the cap, not the expanded size.
@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.jsonl.gz", "bomb.warc.gz"])
def test_a_gzip_bomb_costs_the_cap_not_its_size(tmp_path: Path, name: str) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"a" * (1 << 20)
    data = b"".join(compressor.compress(block) for _ in range(400)) + compressor.flush()  # 400 MB expanded
    path = tmp_path / name
    path.write_bytes(data)
    tracemalloc.start()
    try:
        docs = read(path, max_bytes=1 << 20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert reasons(docs) == ["too-large"] and not live(docs)
    assert peak < 16 << 20, f"peak {peak / 2**20:.0f} MB for a 1 MB cap"
