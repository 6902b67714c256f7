"""Rows with another number of cells than the header: short ones are kept, the rest reported and skipped.

Many exports leave a row's trailing empty cells off ("2,Boris,b@x.ru" under a five-column header), and many
end every row with one delimiter more than the header ("1;Anna;"): those rows are data, read with the missing
cells empty and the extra empty ones dropped. A row with more filled cells than the header, or a single cell
under a wider header (a footer line such as "Выгружено из CRM 01.02.2024"), is not guessed at.

pyarrow only says how many rows it rejected; this module reads the rows again (only when pyarrow rejected
some) to say which, and to put the short ones back in their places: a file without quotes by counting the
delimiters of every line with numpy, a file with quotes with the csv module.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from segdesk.core.errors import InputError
from segdesk.core.io.raw import rows_item
from segdesk.core.io.table import QualityItem


@dataclass(frozen=True)
class RowShape:
    """How the rows are written: what a csv reader needs to read them as pyarrow did."""

    delimiter: str
    quoted: bool  # False for fixed-width logs: a '"' there is text, as pyarrow reads it
    ncols: int
    first_row: int  # the Excel row number of the first record


@dataclass(frozen=True)
class Mended:
    table: pa.Table  # pyarrow's rows with the short ones put back in their places
    source_rows: np.ndarray  # the Excel row number of each row of ``table``
    findings: list[QualityItem]
    skipped: int


def mend_rows(body: bytes, shape: RowShape, table: pa.Table, rejected: int) -> Mended:
    """Sort the records of UTF-8 ``body`` into kept, mended and skipped; ``rejected``: pyarrow's count."""
    found = _sort_out(body, shape)
    if len(found.kept) != table.num_rows:
        return _disagreed(table, shape, found.kept, rejected, found.short + found.skipped)
    mended = sorted(found.short + found.trimmed)
    rows = np.asarray(found.kept + mended, dtype=np.int64)
    findings = []
    if found.short:
        findings.append(rows_item("short_rows", found.short,
                                  "rows with fewer cells than the header were read with the missing cells left empty"))
    if mended:
        by_row = dict(found.cells)
        columns = [[cell if cell != "" else None for cell in column]
                   for column in zip(*(by_row[r] for r in mended), strict=True)]
        extra = pa.table([pa.array(c, pa.string()) for c in columns], names=table.column_names)
        order = np.argsort(rows, kind="stable")
        table, rows = pa.concat_tables([table, extra]).take(pa.array(order)), rows[order]
    if found.skipped:
        findings.append(_ragged(found.skipped, len(found.skipped)))
    return Mended(table, rows, findings, len(found.skipped))


@dataclass
class _Found:
    kept: list[int]  # rows pyarrow kept (their Excel row numbers)
    short: list[int]  # fewer cells than the header: padded, and reported
    trimmed: list[int]  # only empty cells past the header's width: those dropped, not reported
    skipped: list[int]
    cells: list[tuple[int, list[str]]]  # the short and trimmed rows' cells, at the header's width


def _sort_out(body: bytes, shape: RowShape) -> _Found:
    if not (shape.quoted and b'"' in body):
        found = _sort_out_unquoted(body, shape)
        if found is not None:
            return found
    return _sort_out_quoted(body, shape)


def _sort_out_quoted(body: bytes, shape: RowShape) -> _Found:
    reader = csv.reader(io.StringIO(body.decode("utf-8", errors="replace")), delimiter=shape.delimiter,
                        quoting=csv.QUOTE_MINIMAL if shape.quoted else csv.QUOTE_NONE)
    found = _Found([], [], [], [], [])
    try:
        for i, row in enumerate(reader):
            _sort_row(found, shape, shape.first_row + i, row)
    except csv.Error as e:
        raise InputError("bad_text", reason=str(e)) from e
    return found


def _sort_row(found: _Found, shape: RowShape, number: int, row: list[str]) -> None:
    # A row of data has two cells at least; one under a wider header is a note, a footer, a stray line.
    if len(row) > shape.ncols and not any(row[shape.ncols:]):
        found.trimmed.append(number)  # a delimiter at each line's end: an empty cell too many
        found.cells.append((number, row[: shape.ncols]))
    elif len(row) in (0, shape.ncols):
        found.kept.append(number)
    elif min(2, shape.ncols) <= len(row) < shape.ncols:
        found.short.append(number)
        found.cells.append((number, row + [""] * (shape.ncols - len(row))))
    else:
        found.skipped.append(number)


_LF, _CR = 10, 13
_PART = 8 << 20


def _sort_out_unquoted(body: bytes, shape: RowShape, part_size: int = _PART) -> _Found | None:
    """What :func:`_sort_out_quoted` finds, for a body in which every line is a record: the cells of each
    line counted by its delimiters, a part of the body at a time; Python only splits the lines that do not
    fit. None when a CR stands anywhere but at a line's end (the csv module decides what that means)."""
    data = np.frombuffer(body, dtype=np.uint8)
    if len(shape.delimiter.encode("utf-8")) != 1 or _stray_cr(body):
        return None
    delimiter = np.uint8(ord(shape.delimiter))
    found = _Found([], [], [], [], [])
    number = shape.first_row
    start = 0
    while start < len(data):
        stop = body.find(b"\n", min(start + part_size, len(data)) - 1)
        stop = len(data) if stop < 0 else stop + 1
        part = data[start:stop]
        ends = np.flatnonzero(part == _LF)
        line_stops = ends if len(ends) and ends[-1] == len(part) - 1 else np.append(ends, len(part))
        line_starts = np.concatenate([[0], ends + 1])[: len(line_stops)]
        line_stops = line_stops - ((line_stops > line_starts) & (part[np.maximum(line_stops - 1, 0)] == _CR))
        marks = np.flatnonzero(part == delimiter)
        cells = np.searchsorted(marks, line_stops) - np.searchsorted(marks, line_starts) + 1
        cells[line_stops == line_starts] = 0  # an empty line reads as a row of no cells
        fits = (cells == 0) | (cells == shape.ncols)
        numbers = np.arange(len(cells), dtype=np.int64) + number
        found.kept.extend(numbers[fits].tolist())  # in order: a misfit is never kept, so no sort is needed
        for i in np.flatnonzero(~fits).tolist():
            line = bytes(part[line_starts[i]:line_stops[i]]).decode("utf-8", errors="replace")
            _sort_row(found, shape, number + i, line.split(shape.delimiter))
        number += len(cells)
        start = stop
    return found


def _stray_cr(body: bytes) -> bool:
    """Whether a CR stands anywhere but right before a LF."""
    return b"\r" in body and body.count(b"\r") != body.count(b"\r\n")


def _disagreed(table: pa.Table, shape: RowShape, kept: list[int], rejected: int, suspects: list[int]) -> Mended:
    """The csv module and pyarrow read the rows differently: keep pyarrow's, say how many it skipped."""
    rows = np.asarray(kept[: table.num_rows], dtype=np.int64)
    if len(rows) < table.num_rows:  # keep the numbering monotone
        start = rows[-1] + 1 if len(rows) else shape.first_row
        rows = np.concatenate([rows, np.arange(table.num_rows - len(rows), dtype=np.int64) + start])
    return Mended(table, rows, [_ragged(sorted(suspects), rejected)], rejected)


def _ragged(rows: list[int], count: int) -> QualityItem:
    item = rows_item("ragged_rows", rows, "rows whose number of cells does not fit the header were not imported")
    if item.count == count:
        return item
    # The rows can't all be named (the two readers disagree): the count is pyarrow's, the rows a best guess.
    return QualityItem(item.kind, count, item.rows, None, item.message, item.all_rows)
