"""Single-byte code pages (cp1251, cp1252, cp1250, koi8-r, cp866): a file in one is split into rows and cells
as bytes, and its text columns are turned into UTF-8 afterwards, a column per thread.

Until then the cells are Arrow *string* arrays holding code-page bytes (pyarrow parses unchecked text twice as
fast as binary): nothing may read them as text before :func:`transcode` (``clean_cells`` runs it first).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pyarrow as pa

from segdesk.core.io.cells import string_buffers


@lru_cache(maxsize=16)
def single_byte(encoding: str) -> bool:
    """True for a code page that keeps ASCII as it is and writes every character in one byte.

    Such a file can be split into rows and cells as bytes (delimiters, quotes and newlines are ASCII) and
    transcoded cell by cell afterwards.
    """
    try:
        ascii_same = bytes(range(128)).decode(encoding) == "".join(map(chr, range(128)))
        high = bytes(range(128, 256)).decode(encoding, errors="replace")
    except (LookupError, UnicodeDecodeError):
        return False
    # UTF-8 (with or without BOM) also decodes each stray high byte to one U+FFFD: a code page defines them.
    return ascii_same and len(high) == 128 and high.count("\ufffd") < 16


@lru_cache(maxsize=16)
def _utf8_lengths(encoding: str) -> np.ndarray:
    """How many UTF-8 bytes each byte of ``encoding`` becomes (an undefined byte becomes U+FFFD, 3)."""
    return np.array([len(bytes([b]).decode(encoding, errors="replace").encode("utf-8")) for b in range(256)],
                    dtype=np.uint8)


def transcode(column: pa.ChunkedArray, encoding: str) -> pa.ChunkedArray:
    """A binary column of ``encoding`` bytes as UTF-8 text.

    The codec turns each chunk's byte buffer into UTF-8 at once (Python's codecs do ~600 MB/s, and read
    the buffer in place); the cell boundaries move by the per-byte growth, counted with a 256-entry table.
    Chunk by chunk, the scratch stays the size of a parse block.
    """
    if all(_is_ascii(chunk) for chunk in column.chunks):  # numbers, dates, emails: already UTF-8
        return column if column.type == pa.string() else column.cast(pa.string())
    return pa.chunked_array([_transcode_chunk(chunk, encoding) for chunk in column.chunks], pa.string())


def _transcode_chunk(chunk: pa.Array, encoding: str) -> pa.Array:
    if _is_ascii(chunk):
        return chunk.view(pa.string()) if chunk.type != pa.string() else chunk
    if chunk.offset:
        chunk = pa.concat_arrays([chunk])  # a fresh array: its validity bitmap starts at its first cell
    offsets, data = string_buffers(chunk)
    utf8 = str(data.data, encoding, "replace").encode("utf-8")  # the array's own buffer: no copy
    grown = np.zeros(len(data) + 1, dtype=np.int64)
    np.cumsum(_utf8_lengths(encoding)[data], out=grown[1:])
    text_type = pa.string() if len(utf8) < 2**31 else pa.large_string()
    index = grown[offsets].astype(np.int32 if text_type == pa.string() else np.int64)
    out = pa.Array.from_buffers(text_type, len(chunk), [chunk.buffers()[0], pa.py_buffer(index),
                                                        pa.py_buffer(utf8)], chunk.null_count)
    return out if text_type == pa.string() else out.cast(pa.string())


def _is_ascii(chunk: pa.Array) -> bool:
    data = string_buffers(chunk)[1]
    return not len(data) or int(data.max()) < 0x80
