"""Delimited text files (.csv .tsv .txt): encodings, delimiters, title rows, ragged rows, NUL bytes.

The bytes are read once, mended where needed (BOMs, UTF-16, stray code-page lines, NUL bytes), transcoded to
UTF-8 and parsed by pyarrow's multithreaded CSV reader with every column as text. Typing happens later.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv

from segdesk.core.errors import InputError, ProgressCallback
from segdesk.core.io import sniff
from segdesk.core.io.cells import string_buffers
from segdesk.core.io.header import SCAN_ROWS, detect_header_row, unique_names
from segdesk.core.io.raw import RawTable, rows_item
from segdesk.core.io.table import WHITESPACE, FileFormat, ImportOptions

_BLOCK = 4 << 20
csv.field_size_limit(1 << 30)  # a 5 MB cell is data, not an attack


class _NotUtf8(Exception):
    """pyarrow met bytes that are not UTF-8 in a file detected as UTF-8 (an export with mixed encodings)."""


class _RaggedBytes(Exception):
    """A code-page file has ragged rows: pyarrow can only report those for UTF-8 text."""


def read_text(data: bytes, path: Path, options: ImportOptions, progress: ProgressCallback,
              encoding: str | None = None) -> RawTable:
    """Parse a delimited text file already read into memory (``encoding``: the file's, when known)."""
    encoding = encoding or options.encoding or sniff.detect_encoding(data[: sniff.SAMPLE_BYTES])
    if single_byte(encoding):
        # Parsed as it is and transcoded per column afterwards: decoding a 130 MB file to a Python str
        # and encoding it back costs a second and three copies of the file.
        try:
            return _parse_text(data, encoding, encoding, options, progress, [])
        except _RaggedBytes:
            pass  # rare: take the UTF-8 road, where pyarrow can report the ragged rows
    text_bytes = _to_utf8(data, encoding)
    try:
        return _parse_text(text_bytes, encoding, "utf-8", options, progress, [])
    except _NotUtf8:
        # pyarrow validates UTF-8 while it parses, so the common all-valid file pays for no separate check
        text_bytes, mended_lines = _mend_mixed(text_bytes)
        mended = [rows_item("encoding", mended_lines, "lines in another encoding were read as cp1251")]
        return _parse_text(text_bytes, encoding, "utf-8", options, progress, mended)


@dataclass(frozen=True)
class _Layout:
    """Where the rows start and how they are split, read from the first bytes of the text."""

    delimiter: str  # as detected or chosen (WHITESPACE for fixed-width logs)
    parse_delim: str  # what the parser splits on
    header_idx: int  # 0-based line of the header
    names: list[str]  # unique column names
    repeated: list[str]  # header names that had to be made unique
    source_names: list[str]  # the header cells as written
    offset: int  # byte offset of the first row after the header

    def raw_table(self, table: pa.Table, source_rows: np.ndarray, encoding: str, quality: list,
                  skipped: int) -> RawTable:
        if self.repeated:
            quality.append(rows_item("duplicate_header", [self.header_idx + 1],
                                     "repeated column names were made unique: " + ", ".join(self.repeated)))
        return RawTable(table, self.source_names, source_rows, FileFormat.CSV, self.header_idx + 1, encoding,
                        self.delimiter, quality=quality, skipped=skipped, notes=[])


def _layout(text_bytes: bytes, codec: str, delimiter: str, options: ImportOptions) -> _Layout:
    """The header and the first row's offset in ``text_bytes`` (whose first SAMPLE_BYTES are looked at)."""
    sample = text_bytes[: sniff.SAMPLE_BYTES].decode(codec, errors="replace")
    parse_delim = "\t" if delimiter == WHITESPACE else delimiter
    head_rows, line_ends = _head_records(sample, parse_delim, max(SCAN_ROWS, options.header_row or 0))
    if not any(any(c.strip() for c in r) for r in head_rows):
        raise InputError("no_data")
    header_idx = options.header_row - 1 if options.header_row else detect_header_row(head_rows)
    if header_idx >= len(head_rows):
        raise InputError("header_past_end", row=header_idx + 1)
    names, repeated = unique_names(head_rows[header_idx])
    offset = _byte_offset_after_lines(text_bytes, line_ends[header_idx])
    source_names = _pad([c.strip() for c in head_rows[header_idx]], len(names))
    return _Layout(delimiter, parse_delim, header_idx, names, repeated, source_names, offset)


def _parse_text(text_bytes: bytes, encoding: str, codec: str, options: ImportOptions, progress: ProgressCallback,
                quality: list) -> RawTable:
    """``codec`` is how the bytes are written now: "utf-8", or the file's code page (the cells stay bytes of it
    until :func:`~segdesk.core.io.raw.clean_cells` decodes them, a column per thread)."""
    if b"\x00" in text_bytes:
        nul_lines = _line_numbers_with(text_bytes, b"\x00")
        text_bytes = text_bytes.replace(b"\x00", b"")
        quality.append(rows_item("nul_bytes", nul_lines, "NUL bytes were removed from these lines"))
    progress(0.1, "detecting layout")
    delimiter = options.delimiter or sniff.detect_delimiter(
        text_bytes[: sniff.SAMPLE_BYTES].decode(codec, errors="replace"))
    if delimiter == WHITESPACE:
        text_bytes = _whitespace_to_tabs(text_bytes)
    layout = _layout(text_bytes, codec, delimiter, options)
    offset = layout.offset
    progress(0.2, "reading rows")
    body = memoryview(text_bytes)[offset:]
    if options.max_rows is not None:
        body = memoryview(_first_lines(bytes(body[: 4 << 20]), options.max_rows + 50))
    if not _NON_SPACE.search(text_bytes, offset):
        table, bad = pa.table({n: pa.array([], pa.string()) for n in layout.names}), 0
    else:
        quoted = delimiter != WHITESPACE
        table, bad = _parse(lambda: pa.BufferReader(pa.py_buffer(body)), len(body), layout.names,
                            layout.parse_delim, quoted=quoted, newlines=quoted and text_bytes.find(b'"', offset) >= 0,
                            codec=codec)
    source_rows = np.arange(table.num_rows, dtype=np.int64) + layout.header_idx + 2
    skipped = 0
    if bad:
        table, source_rows, sorted_out = _mend_short_rows(bytes(body), layout, table)
        if len(sorted_out.short):
            quality.append(rows_item("short_rows", sorted_out.short, "rows with fewer cells than the header were "
                                                                     "read with the missing cells left empty"))
        if len(sorted_out.bad):
            quality.append(rows_item("ragged_rows", sorted_out.bad,
                                     "rows with more cells than the header were not imported"
                                     if sorted_out.padded else
                                     "rows with a different number of cells than the header were not imported"))
        skipped = len(sorted_out.bad)
    if options.max_rows is not None and table.num_rows > options.max_rows:
        table, source_rows = table.slice(0, options.max_rows), source_rows[: options.max_rows]
    raw = layout.raw_table(table, source_rows, encoding, quality, skipped)
    if codec != "utf-8":
        raw.decode = partial(transcode, encoding=codec)  # column by column, on the import's threads
    return raw


def text_encoding(head: bytes, options: ImportOptions) -> str:
    """The user's encoding, or the one detected from the file's first bytes."""
    return options.encoding or sniff.detect_encoding(head[: sniff.SAMPLE_BYTES])


def read_text_file(path: Path, head: bytes, encoding: str, options: ImportOptions,
                   progress: ProgressCallback) -> RawTable | None:
    """The usual large file (UTF-8, nothing to mend) parsed by Arrow straight from disk; None otherwise.

    Arrow reads ahead on its own threads while it parses, so the file is neither read into memory first
    (a tenth of a second for 150 MB) nor held twice. ``head`` is the file's first bytes, at least
    SAMPLE_BYTES + 3 of them unless the file is shorter. Anything this road would have to mend (NUL bytes,
    lines in another encoding, ragged rows) or cannot see from the head returns None, and the caller reads
    the whole file into memory instead, where all of that is handled.
    """
    if encoding.lower().replace("_", "-") not in ("utf-8", "utf8", "utf-8-sig") or options.max_rows is not None:
        return None
    bom = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    text_head = head[bom:]
    if b"\x00" in text_head:
        return None
    progress(0.1, "detecting layout")
    delimiter = options.delimiter or sniff.detect_delimiter(
        text_head[: sniff.SAMPLE_BYTES].decode("utf-8", errors="replace"))
    if delimiter == WHITESPACE:
        return None
    layout = _layout(text_head, "utf-8", delimiter, options)
    complete = len(head) < sniff.SAMPLE_BYTES + 3  # the head is the whole file
    if not complete and layout.offset >= len(text_head):
        return None  # the header's end is past the head: the in-memory road finds it
    progress(0.2, "reading rows")

    def body() -> pa.NativeFile:
        source = pa.OSFile(str(path))
        source.seek(bom + layout.offset)
        return source

    try:
        # A quote may only show up past the head, so newlines in quoted cells are always allowed. (Without,
        # the parse is a quarter faster, but a block boundary inside a quoted cell can silently turn its two
        # halves into a wrong row and a lost one: tests hold that case.) The in-memory road looks at every
        # byte for quotes first, so this road only pays off for files with quotes, where it saves the read.
        table, bad = _parse(body, path.stat().st_size - bom - layout.offset, layout.names, delimiter,
                            quoted=True, newlines=True, codec="utf-8")
    except (_NotUtf8, InputError, OSError):
        return None
    if bad or table.num_rows == 0 or any(_has_nul(col) for col in table.columns):
        return None
    source_rows = np.arange(table.num_rows, dtype=np.int64) + layout.header_idx + 2
    return layout.raw_table(table, source_rows, encoding, [], 0)


def _has_nul(column: pa.ChunkedArray) -> bool:
    """Whether any cell holds a NUL byte (the in-memory road removes those and says where they were)."""
    for chunk in column.chunks:
        data = chunk.buffers()[2]
        if data is not None and len(data) and not np.frombuffer(data, dtype=np.uint8).all():
            return True
    return False


def _pad(values: list[str], n: int) -> list[str]:
    return (values + [""] * n)[:n]


def _to_utf8(data: bytes, encoding: str) -> bytes:
    """UTF-8 bytes of the file (not yet validated when it claims to be UTF-8: the parser checks)."""
    codec = encoding.lower().replace("_", "-")
    if codec in ("utf-8", "utf8", "utf-8-sig"):
        return data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError("bad_encoding", encoding=encoding, offset=e.start) from e
    except LookupError as e:
        raise InputError("unknown_encoding", encoding=encoding) from e


def _mend_mixed(body: bytes) -> tuple[bytes, list[int]]:
    lines = body.split(b"\n")
    mended = []
    for i, line in enumerate(lines):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            lines[i] = line.decode(sniff.detect_encoding(line + b" " * 8), errors="replace").encode("utf-8")
            mended.append(i + 1)
    return b"\n".join(lines), mended


def _line_numbers_with(data: bytes, needle: bytes) -> list[int]:
    found: list[int] = []
    start = 0
    while len(found) < 1000:
        pos = data.find(needle, start)
        if pos < 0:
            break
        line = data.count(b"\n", 0, pos) + 1
        if not found or found[-1] != line:
            found.append(line)
        start = data.find(b"\n", pos) + 1 or len(data)
    return found


def _whitespace_to_tabs(data: bytes) -> bytes:
    # Fixed-width logs: columns are runs of spaces; leading indentation is not a column.
    text = re.sub(rb"(?m)^[ \t]+|[ \t]+(?=\r?$)", b"", data)  # edges of a line are no column breaks
    return re.sub(rb"[ \t]+", b"\t", text)


def _head_records(sample: str, delimiter: str, limit: int) -> tuple[list[list[str]], list[int]]:
    """The first records of the file, and after each, how many physical lines were consumed."""
    reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
    rows, ends = [], []
    try:
        for row in reader:
            rows.append(row)
            ends.append(reader.line_num)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass
    return rows, ends


def _byte_offset_after_lines(data: bytes, lines: int) -> int:
    pos = 0
    for _ in range(lines):
        nxt = data.find(b"\n", pos)
        if nxt < 0:
            return len(data)
        pos = nxt + 1
    return pos


_NON_SPACE = re.compile(rb"\S")


def _parse(open_body: Callable[[], pa.NativeFile], size: int, names: list[str], delimiter: str, quoted: bool,
           newlines: bool, codec: str = "utf-8") -> tuple[pa.Table, int]:
    """Parse the rows after the header, every cell as text; ``open_body`` gives them from their first byte."""
    bad = [0]

    def on_bad_row(row: pcsv.InvalidRow) -> str:
        bad[0] += 1
        return "skip"

    block = _BLOCK
    # Code-page bytes are parsed as unchecked text (twice as fast as binary columns in pyarrow) and
    # transcoded by clean_cells, before anything reads them as text.
    cell_type = pa.string()
    table: pa.Table | None = None
    while table is None:
        try:
            with open_body() as body:
                table = _read_csv(body, names, delimiter, quoted, newlines, block, cell_type, codec, on_bad_row)
        except pa.ArrowInvalid as e:
            if "straddl" in str(e) and block < size + 1:
                block = min(block * 8, size + 1)  # a cell bigger than a block: a 5 MB note field
                bad[0] = 0
                continue
            if "utf8" in str(e).lower() or "utf-8" in str(e).lower():
                raise _NotUtf8 from e
            if codec != "utf-8" and "columns" in str(e):
                raise _RaggedBytes from e
            raise InputError("bad_text", reason=str(e).splitlines()[0]) from e
    return table, bad[0]


def _read_csv(body: pa.NativeFile, names: list[str], delimiter: str, quoted: bool, newlines: bool, block: int,
              cell_type: pa.DataType, codec: str, on_bad_row: Callable[[pcsv.InvalidRow], str]) -> pa.Table:
    return pcsv.read_csv(
        body,
        read_options=pcsv.ReadOptions(column_names=names, block_size=block),
        parse_options=pcsv.ParseOptions(delimiter=delimiter, quote_char='"' if quoted else False,
                                        newlines_in_values=newlines, ignore_empty_lines=False,
                                        # pyarrow hands a bad row over as UTF-8 text, which code-page bytes
                                        # are not: those files report ragged rows by raising
                                        invalid_row_handler=on_bad_row if codec == "utf-8" else None),
        convert_options=pcsv.ConvertOptions(column_types={n: cell_type for n in names}, null_values=[""],
                                            strings_can_be_null=True, check_utf8=codec == "utf-8"),
    )


def _first_lines(body: bytes, n: int) -> bytes:
    pos = 0
    for _ in range(n):
        nxt = body.find(b"\n", pos)
        if nxt < 0:
            return body
        pos = nxt + 1
    return body[:pos]


@dataclass(frozen=True)
class _SortedOut:
    """What the csv module found in a file pyarrow reported bad rows in (row numbers as Excel shows them)."""

    kept: np.ndarray  # the rows pyarrow kept
    short: np.ndarray  # rows with fewer cells than the header (exports leave trailing empty cells off)
    bad: np.ndarray  # rows that were not imported
    cells: list[list[str]]  # the short rows' cells, padded to the header's width
    padded: bool  # False when the csv module and pyarrow disagreed: short rows were not imported either


def _sort_out_rows(body: bytes, delimiter: str, ncols: int, first_row: int, kept: int) -> _SortedOut:
    """Sort the records of UTF-8 text into kept, short and bad (only run when pyarrow reported bad rows)."""
    reader = csv.reader(io.StringIO(body.decode("utf-8", errors="replace")), delimiter=delimiter)
    good: list[int] = []
    short: list[int] = []
    bad: list[int] = []
    cells: list[list[str]] = []
    for i, row in enumerate(reader):
        if len(row) in (0, ncols):
            good.append(first_row + i)
        elif len(row) < ncols:
            short.append(first_row + i)
            cells.append(row + [""] * (ncols - len(row)))
        else:
            bad.append(first_row + i)
    as_rows = partial(np.asarray, dtype=np.int64)
    if len(good) == kept:
        return _SortedOut(as_rows(good), as_rows(short), as_rows(bad), cells, True)
    # The csv module and pyarrow disagreed: import no short row and keep the numbering monotone.
    good_arr = as_rows(good[:kept])
    if len(good_arr) < kept:
        extra = np.arange(kept - len(good_arr)) + (good_arr[-1] + 1 if len(good_arr) else first_row)
        good_arr = np.concatenate([good_arr, extra])
    return _SortedOut(good_arr, as_rows([]), np.sort(as_rows(short + bad)), [], False)


def _mend_short_rows(body: bytes, layout: _Layout, table: pa.Table) -> tuple[pa.Table, np.ndarray, _SortedOut]:
    """The table with the short rows put back in their places, padded with empty cells; their row numbers."""
    found = _sort_out_rows(body, layout.parse_delim, len(layout.names), layout.header_idx + 2, table.num_rows)
    if not found.cells:
        return table, found.kept, found
    # As pyarrow reads them: empty cells are missing. (Only UTF-8 text gets here: a code-page file with bad
    # rows is transcoded first, since pyarrow can only hand those over as UTF-8.)
    columns = [[cell if cell != "" else None for cell in column] for column in zip(*found.cells, strict=True)]
    short = pa.table([pa.array(c, pa.string()) for c in columns], names=table.column_names)
    rows = np.concatenate([found.kept, found.short])
    order = np.argsort(rows, kind="stable")
    return pa.concat_tables([table, short]).take(pa.array(order)), rows[order], found


# --- single-byte code pages (cp1251, cp1252, cp1250, koi8-r, cp866) ------------------------------------------


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
    offsets_buf, data_buf = chunk.buffers()[1:3]
    if data_buf is None:
        return True
    offsets = np.frombuffer(offsets_buf, dtype=np.int32)[chunk.offset: chunk.offset + len(chunk) + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8)[offsets[0]: offsets[-1]]
    return not len(data) or int(data.max()) < 0x80
