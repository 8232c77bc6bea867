"""Gzip as a stream: bounded output per step, every member read, a cut noticed (not fatal).

`.warc.gz` files compress each record as its own member, and `cat a.gz b.gz` is a valid gzip
file, so decompression goes on member after member. Output comes in chunks and stops at a cap,
so a gzip bomb costs at most the cap, never its expanded size.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from filigrane.steps import RejectDocument

#: Largest piece of output produced at a time.
CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b"


def gunzip_chunks(data: bytes, limit: int) -> Iterator[bytes]:
    """Decompressed chunks of `data`; `RejectDocument` past `limit` bytes, on a corrupt byte or at a cut.

    The reasons are `too-large`, `corrupt-gzip` and `truncated-gzip`: a caller keeps what it got
    before the error and reports the file with that reason.
    """
    total = 0
    rest = data
    while True:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        pending = rest
        while not decompressor.eof:
            try:
                out = decompressor.decompress(pending, CHUNK)
            except zlib.error as error:
                detail = f"not a valid gzip stream after {total} bytes ({error})"
                raise RejectDocument("corrupt-gzip", detail) from error
            pending = decompressor.unconsumed_tail
            if not out and not pending:
                raise RejectDocument("truncated-gzip", f"the gzip stream is cut short after {total} bytes")
            total += len(out)
            if total > limit:
                raise RejectDocument("too-large", f"decompresses past {limit} bytes")
            if out:
                yield out
        rest = decompressor.unused_data
        if not rest.startswith(GZIP_MAGIC):
            return  # end of data (or trailing padding, which gzip tools ignore too)
