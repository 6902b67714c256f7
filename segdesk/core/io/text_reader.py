"""Delimited text files (.csv .tsv .txt): encodings, delimiters, title rows, ragged rows, NUL bytes.

pyarrow's multithreaded CSV reader parses the rows, every column as text; typing happens later. A UTF-8 file
whose first bytes need nothing mended is parsed straight from disk (:func:`read_text_file`); any other is read
into memory and mended first (BOMs, UTF-16, stray code-page lines, NUL bytes) by :func:`read_text`. Files in
a single-byte code page are parsed as they are, and their columns decoded afterwards (see ``codepage``).
"""

from __future__ import annotations

import codecs
import csv
import io
import mmap
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv

from segdesk.core.errors import InputError, ProgressCallback
from segdesk.core.io import sniff
from segdesk.core.io.codepage import single_byte, transcode
from segdesk.core.io.header import SCAN_ROWS, detect_header_row, unique_names
from segdesk.core.io.ragged import RowShape, mend_rows
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
        data = _mac_line_ends(data)  # a 0x0D byte is a CR in a code page (in UTF-16 it may be half a letter)
        # Parsed as it is and transcoded per column afterwards: decoding a 130 MB file to a Python str
        # and encoding it back costs a second and three copies of the file.
        try:
            return _parse_text(data, encoding, encoding, options, progress, [])
        except _RaggedBytes:
            pass  # rare: take the UTF-8 road, where pyarrow can report the ragged rows
    text_bytes = _mac_line_ends(_to_utf8(data, encoding))  # UTF-16's CR bytes are only CRs once decoded
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
        """The parsed cells with what the layout knows; ``quality``: the findings so far (not changed)."""
        found = list(quality)
        if self.repeated:
            found.append(rows_item("duplicate_header", [self.header_idx + 1],
                                   "repeated column names were made unique: " + ", ".join(self.repeated)))
        return RawTable(table, self.source_names, source_rows, FileFormat.CSV, self.header_idx + 1, encoding,
                        self.delimiter, quality=found, skipped=skipped, notes=[])


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
    if not any(c.strip() for c in head_rows[header_idx]):  # a blank line chosen as the header
        raise InputError("blank_header", row=header_idx + 1)
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
        shape = RowShape(layout.parse_delim, delimiter != WHITESPACE, len(layout.names), layout.header_idx + 2)
        mended = mend_rows(bytes(body), shape, table, bad)
        table, source_rows, skipped = mended.table, mended.source_rows, mended.skipped
        quality = quality + mended.findings
    if options.max_rows is not None and table.num_rows > options.max_rows:
        table, source_rows = table.slice(0, options.max_rows), source_rows[: options.max_rows]
    raw = layout.raw_table(table, source_rows, encoding, quality, skipped)
    if codec != "utf-8":
        raw.decode = partial(transcode, encoding=codec)  # column by column, on the import's threads
    return raw


def is_utf8(encoding: str) -> bool:
    """Whether ``encoding`` names UTF-8, with or without a BOM, under any of its spellings."""
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


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
    if not is_utf8(encoding) or options.max_rows is not None:
        return None
    bom = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    text_head = head[bom:]
    if b"\x00" in text_head or b"\n" not in text_head:  # NUL bytes; or lines ended by CR alone (old Macs)
        return None
    delimiter = options.delimiter or sniff.detect_delimiter(
        text_head[: sniff.SAMPLE_BYTES].decode("utf-8", errors="replace"))
    if delimiter == WHITESPACE:
        return None
    layout = _layout(text_head, "utf-8", delimiter, options)
    complete = len(head) < sniff.SAMPLE_BYTES + 3  # the head is the whole file
    if not complete and layout.offset >= len(text_head):
        return None  # the header's end is past the head: the in-memory road finds it
    progress(0.1, "reading rows")  # no further: the in-memory road starts at 0.1 should it take over

    def body() -> pa.NativeFile:
        source = pa.OSFile(str(path))
        source.seek(bom + layout.offset)
        return source

    try:
        # Newlines in quoted cells make Arrow's parse a quarter slower, but without them a block boundary
        # inside a quoted cell can silently turn its two halves into a wrong row and a lost one (tests hold
        # that case); so they are allowed unless the file has no quote at all, which a look at the mapped
        # file tells in a fiftieth of a second for 150 MB.
        table, bad = _parse(body, path.stat().st_size - bom - layout.offset, layout.names, delimiter,
                            quoted=True, newlines=_has_quote(path, bom + layout.offset), codec="utf-8")
    except (_NotUtf8, InputError, OSError):
        return None
    if table.num_rows == 0 or any(_has_nul(col) for col in table.columns):
        return None
    source_rows = np.arange(table.num_rows, dtype=np.int64) + layout.header_idx + 2
    if not bad:
        return layout.raw_table(table, source_rows, encoding, [], 0)
    # Rows of another width (short ones, footers): Arrow's rows are kept and the file's lines looked through
    # for the others, instead of parsing it all again on the in-memory road.
    try:
        with path.open("rb") as f:
            f.seek(bom + layout.offset)
            lines = f.read()
    except OSError:
        return None
    if b"\x00" in lines:
        return None
    shape = RowShape(delimiter, True, len(layout.names), layout.header_idx + 2)
    mended = mend_rows(lines, shape, table, bad)
    return layout.raw_table(mended.table, mended.source_rows, encoding, mended.findings, mended.skipped)


def _has_quote(path: Path, start: int) -> bool:
    """Whether the file has a '"' from byte ``start`` on (True when that cannot be told)."""
    try:
        with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            return mapped.find(b'"', start) >= 0
    except (OSError, ValueError):  # a file that can't be mapped (emptied since, a pipe): assume the worst
        return True


def _has_nul(column: pa.ChunkedArray) -> bool:
    """Whether any cell holds a NUL byte (the in-memory road removes those and says where they were)."""
    for chunk in column.chunks:
        buffers = chunk.buffers()
        data = buffers[2] if len(buffers) > 2 else None  # a column of nulls has no data buffer
        if data is not None and len(data) and not np.frombuffer(data, dtype=np.uint8).all():
            return True
    return False


def _mac_line_ends(data: bytes) -> bytes:
    """Lines ended by a CR alone (Excel's "CSV (Macintosh)") as ordinary lines; any other file as it is."""
    if b"\n" not in data and b"\r" in data:  # in this order: an ordinary file meets a LF at once
        return data.replace(b"\r", b"\n")
    return data


def _pad(values: list[str], n: int) -> list[str]:
    return (values + [""] * n)[:n]


def _to_utf8(data: bytes, encoding: str) -> bytes:
    """UTF-8 bytes of the file (not yet validated when it claims to be UTF-8: the parser checks)."""
    if is_utf8(encoding):
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
