"""Cheap looks at text cells through their Arrow buffers: which cells could need a slower, exact kernel.

Each function here may only say "maybe"; the caller then runs the exact Arrow kernel on those cells (or
the column). Reading a byte or two per cell with numpy costs a few milliseconds per million cells, where
a regex or a trim over the whole column costs tens.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

# Whitespace as Arrow's utf8_trim_whitespace (and Python's str.isspace) know it, by UTF-8 byte: ASCII
# \t \n \v \f \r, the separators 0x1c-0x1f and the space (all <= 0x20); beyond ASCII U+0085 and U+00A0
# (C2 85, C2 A0), U+1680 (E1 9A 80), U+2000-U+200A, U+2028, U+2029, U+202F (E2 80 xx), U+205F (E2 81 9F)
# and U+3000 (E3 80 80). The checks below take supersets of these: comparisons, not table look-ups.


def string_buffers(arr: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(offsets rebased to 0; the bytes they index) of a string or large_string array, without copies."""
    _, offset_buf, data_buf = arr.buffers()
    kind = np.int64 if pa.types.is_large_string(arr.type) or pa.types.is_large_binary(arr.type) else np.int32
    if offset_buf is None:
        return np.zeros(len(arr) + 1, dtype=kind), np.empty(0, np.uint8)
    offsets = np.frombuffer(offset_buf, dtype=kind)[arr.offset:arr.offset + len(arr) + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.empty(0, np.uint8)
    data = data[offsets[0]:offsets[-1]]
    return (offsets - offsets[0] if offsets[0] else offsets), data


def may_need_trim(arr: pa.Array) -> bool:
    """False only when no cell starts or ends with whitespace and no cell is an empty string.

    Missing cells are not masked out: one reads its neighbour's byte, which at worst says "maybe".
    """
    offsets, data = string_buffers(arr)
    starts, ends = offsets[:-1], offsets[1:]
    empty = ends == starts
    if arr.null_count:
        if (empty & arr.is_valid().to_numpy(zero_copy_only=False)).any():
            return True  # an empty string that is not missing: the caller makes it missing
    elif empty.any():
        return True
    if not len(data):
        return False
    first = data[np.minimum(starts, len(data) - 1)]
    if ((first <= 0x20) | (first == 0xC2) | ((first >= 0xE1) & (first <= 0xE3))).any():
        return True
    last = data[np.maximum(ends - 1, 0)]
    if (last <= 0x20).any():
        return True
    # A character of two or three bytes ends the cell: whitespace has C2, 80, 81 or 9A before its last byte
    # (Cyrillic letters have D0 or D1 there, so Russian text passes without a second look).
    wide = np.flatnonzero(last >= 0x80)
    if not len(wide):
        return False
    before = data[np.maximum(ends[wide] - 2, 0)]
    return bool(((before == 0xC2) | (before == 0x80) | (before == 0x81) | (before == 0x9A)).any())


def rows_starting_with(arr: pa.Array, lead: bytes, min_length: int | None = None) -> np.ndarray:
    """Rows whose first byte is one of ``lead`` (or that are at least ``min_length`` bytes long)."""
    offsets, data = string_buffers(arr)
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    pick = np.zeros(256, dtype=bool)
    pick[np.frombuffer(lead, dtype=np.uint8)] = True
    hit = np.zeros(len(arr), dtype=bool)
    hit[filled] = pick[data[starts[filled]]]
    if min_length is not None:
        hit |= (ends - starts) >= min_length
    return np.flatnonzero(hit)


def take_rows(values: pa.ChunkedArray | pa.Array, rows: np.ndarray) -> pa.Array:
    """values[rows] for sorted rows, one array; only the chunks that hold them are read.

    (A ChunkedArray's own take joins all its chunks first: a copy of the column for a 2,000-cell sample.)
    """
    if isinstance(values, pa.Array):
        return values.take(pa.array(rows, pa.int64()))
    bounds = np.cumsum([0] + [len(chunk) for chunk in values.chunks])
    which = np.searchsorted(bounds, rows, side="right") - 1
    parts = []
    for k in np.unique(which):
        picked = rows[which == k] - bounds[k]
        parts.append(values.chunk(int(k)).take(pa.array(picked, pa.int64())))
    return pa.concat_arrays(parts) if parts else pa.array([], values.type)
