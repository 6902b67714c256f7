"""Rows with another number of cells than the header: short ones are kept, the rest reported and skipped.

Many exports leave a row's trailing empty cells off ("2,Boris,b@x.ru" under a five-column header): those
rows are data, and are read with the missing cells empty. A row with more cells than the header, or with so
few that it is no row of data (a footer line such as "Выгружено из CRM 01.02.2024"), is not guessed at.

pyarrow only says how many rows it rejected; this module reads the rows again with the csv module (only when
pyarrow rejected some) to say which, and to put the short ones back in their places.
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
class Layout:
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


def mend_rows(body: bytes, layout: Layout, table: pa.Table, rejected: int) -> Mended:
    """Sort the records of UTF-8 ``body`` into kept, short and skipped; ``rejected``: pyarrow's count."""
    kept, short, skipped, cells = _sort_out(body, layout)
    if len(kept) != table.num_rows:
        return _disagreed(table, layout, kept, rejected, short + skipped)
    rows = np.asarray(kept + short, dtype=np.int64)
    findings = []
    if short:
        findings.append(rows_item("short_rows", short,
                                  "rows with fewer cells than the header were read with the missing cells left empty"))
        columns = [[cell if cell != "" else None for cell in column] for column in zip(*cells, strict=True)]
        padded = pa.table([pa.array(c, pa.string()) for c in columns], names=table.column_names)
        order = np.argsort(rows, kind="stable")
        table, rows = pa.concat_tables([table, padded]).take(pa.array(order)), rows[order]
    if skipped:
        findings.append(_ragged(skipped, len(skipped)))
    return Mended(table, rows, findings, len(skipped))


def _sort_out(body: bytes, layout: Layout) -> tuple[list[int], list[int], list[int], list[list[str]]]:
    reader = csv.reader(io.StringIO(body.decode("utf-8", errors="replace")), delimiter=layout.delimiter,
                        quoting=csv.QUOTE_MINIMAL if layout.quoted else csv.QUOTE_NONE)
    # A row of data has at least half the header's cells (and two); fewer is a note, a footer, a stray line.
    fewest = max(2, (layout.ncols + 1) // 2)
    kept: list[int] = []
    short: list[int] = []
    skipped: list[int] = []
    cells: list[list[str]] = []
    try:
        for i, row in enumerate(reader):
            if len(row) in (0, layout.ncols):
                kept.append(layout.first_row + i)
            elif fewest <= len(row) < layout.ncols:
                short.append(layout.first_row + i)
                cells.append(row + [""] * (layout.ncols - len(row)))
            else:
                skipped.append(layout.first_row + i)
    except csv.Error as e:
        raise InputError("bad_text", reason=str(e)) from e
    return kept, short, skipped, cells


def _disagreed(table: pa.Table, layout: Layout, kept: list[int], rejected: int, suspects: list[int]) -> Mended:
    """The csv module and pyarrow read the rows differently: keep pyarrow's, say how many it skipped."""
    rows = np.asarray(kept[: table.num_rows], dtype=np.int64)
    if len(rows) < table.num_rows:  # keep the numbering monotone
        start = rows[-1] + 1 if len(rows) else layout.first_row
        rows = np.concatenate([rows, np.arange(table.num_rows - len(rows), dtype=np.int64) + start])
    return Mended(table, rows, [_ragged(sorted(suspects), rejected)], rejected)


def _ragged(rows: list[int], count: int) -> QualityItem:
    item = rows_item("ragged_rows", rows, "rows whose number of cells does not fit the header were not imported")
    if item.count == count:
        return item
    # The rows can't all be named (the two readers disagree): the count is pyarrow's, the rows a best guess.
    return QualityItem(item.kind, count, item.rows, None, item.message, item.all_rows)
