"""The exported columns' values: typed Arrow arrays prepared once for all customers, then taken per list and
formatted, so only what is written is formatted.

CSV cells are Arrow arrays ready for Arrow's CSV writer: dates in the preset's format, phones in its format,
numbers with its decimal separator, text that a spreadsheet would run as a formula prefixed with ``'``. XLSX
cells are Python values for the workbook writer: text stays text (the writer never makes a formula of it),
dates stay dates, numbers stay numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.export.exclusions import consent_mask
from segdesk.core.export.model import ColumnSpec, ExportError, ExportSettings, PhoneFormat, Preset, Source
from segdesk.core.io.table import ColumnType, ImportedTable, Role

#: The header of the segment column when the preset does not name it.
SEGMENT_HEADER = "segment"


def resolve_columns(customers: ImportedTable, preset: Preset, settings: ExportSettings) -> tuple[ColumnSpec, ...]:
    """The columns to write: the user's choice, else the preset's, else every imported column and the segment.
    A named imported column that is not there is an error (a role that is not there is written empty)."""
    columns = settings.columns if settings.columns is not None else preset.columns
    if not columns:
        names = list(customers.frame.columns)
        header = SEGMENT_HEADER if SEGMENT_HEADER not in names else f"{SEGMENT_HEADER} (segdesk)"
        return (*(ColumnSpec(Source.COLUMN, n, n) for n in names), ColumnSpec(Source.SEGMENT, "", header))
    for spec in columns:
        if spec.source == Source.COLUMN and spec.key not in customers.frame.columns:
            raise ExportError("export_no_column", header=spec.header, key=spec.key)
    return tuple(columns)


@dataclass(frozen=True)
class Cells:
    """Per exported column, every customer's typed value (None for the segment column, filled in per list);
    :func:`csv_table` and :func:`xlsx_columns` take a list's rows and format only those."""

    headers: tuple[str, ...]
    arrays: tuple[pa.Array | None, ...]
    preset: Preset


def prepare_cells(customers: ImportedTable, columns: tuple[ColumnSpec, ...], preset: Preset) -> Cells:
    return Cells(tuple(c.header for c in columns), tuple(_array(customers, spec, preset) for spec in columns),
                 preset)


def csv_table(cells: Cells, rows: np.ndarray, segment: str) -> pa.Table:
    """The rows of one list as an Arrow table with the exported headers, formatted for CSV."""
    index = pa.array(rows, type=pa.int64())
    label = neutralise(pa.array([segment], pa.large_string()))
    constant = pa.DictionaryArray.from_arrays(pa.array(np.zeros(len(rows), np.int32)), label)
    arrays = [constant.cast(pa.large_string()) if a is None else _csv_cells(a.take(index), cells.preset)
              for a in cells.arrays]
    return pa.Table.from_arrays(arrays, names=list(cells.headers))


def xlsx_columns(cells: Cells, rows: np.ndarray, segment: str) -> list[list]:
    """The rows of one list, column by column, as Python values (datetime for dates, None for empty). Dates
    in a preset's own format (Mailchimp's MM/DD birthdays) are written as that text, as the service reads it."""
    index = pa.array(rows, type=pa.int64())
    iso = cells.preset.date_format == "%Y-%m-%d"
    return [[segment] * len(rows) if a is None else
            _dates(a.take(index), cells.preset.date_format).to_pylist()
            if pa.types.is_timestamp(a.type) and not iso else _xlsx_cells(a.take(index)) for a in cells.arrays]


#: A cell a spreadsheet would run as a formula starts with = @ tab or CR, or with + or - followed by something
#: that is not a number or phone ("+7 916 123-45-67", "+79161234567" and "-5" stay as they are).
_ALWAYS = np.zeros(256, dtype=bool)
_ALWAYS[list(b"=@\t\r")] = True
#: Bytes that may follow a leading + or - in a harmless cell: digits, space, ( ) . - and other white space.
_HARMLESS = np.zeros(256, dtype=bool)
_HARMLESS[list(b"0123456789 ().-\t\n\x0b\x0c\r")] = True


def neutralise(text: pa.Array) -> pa.Array:
    """Text that would run as a formula when a CSV is opened in a spreadsheet, prefixed with ``'``."""
    text = text.cast(pa.large_string())
    risky = _risky(text)
    if not risky.any():
        return text
    quote, nothing = pa.scalar("'", pa.large_string()), pa.scalar("", pa.large_string())
    mask = pa.array(risky)
    # only the risky cells are rebuilt; replace_with_mask puts them back in order
    return pc.replace_with_mask(text, mask, pc.binary_join_element_wise(quote, text.filter(mask), nothing))


def _risky(text: pa.Array) -> np.ndarray:
    """Per cell, read straight from Arrow's buffers: no per-cell Python, no regular expression (a million
    phones, all starting with +, in milliseconds)."""
    if text.offset:
        text = pa.concat_arrays([text])  # a slice: rebase its offsets at 0
    _, offsets, data = text.buffers()
    bounds = np.frombuffer(offsets, dtype=np.int64, count=len(text) + 1)
    starts, ends = bounds[:-1], bounds[1:]
    body = np.frombuffer(data, dtype=np.uint8) if data is not None and data.size else np.zeros(1, np.uint8)
    filled = ends > starts  # empty and missing cells have no first byte
    first = np.where(filled, body[np.minimum(starts, len(body) - 1)], 0)
    risky = _ALWAYS[first] & filled
    signed = filled & ((first == ord("+")) | (first == ord("-")))
    if signed.any():
        # rows holding a byte a number or phone never has, the sign itself aside: each row's bytes after its
        # first, OR-reduced in one pass (every row's first byte is cleared, so a segment that runs one byte
        # into the next row reads a False; two False bytes at the end keep every index in range)
        bad = np.concatenate([~_HARMLESS[body], np.zeros(2, dtype=bool)])
        bad[starts[filled]] = False
        odd = np.logical_or.reduceat(bad, starts + 1)
        risky |= signed & odd
    return risky


def _array(customers: ImportedTable, spec: ColumnSpec, preset: Preset) -> pa.Array | None:
    """The column's typed values as Arrow (None: the segment name)."""
    n = customers.rows
    if spec.source == Source.SEGMENT:
        return None
    if spec.source == Source.CONSENT:
        role = Role.SMS_CONSENT if spec.key == "sms" else Role.EMAIL_CONSENT
        mask = consent_mask(customers, role)
        if mask is None:
            return pa.nulls(n, pa.large_string())
        yes, no = preset.consent_words
        return pa.array(np.where(mask, yes, no).astype(object), pa.large_string())
    if spec.source == Source.ROLE:
        try:
            role = Role(spec.key)
        except ValueError:
            raise ExportError("export_bad_column", value=spec.key) from None
        special = _role_array(customers, role, preset)
        if special is not None:
            return special
        name = customers.column_for(role)
        if name is None and role == Role.FIRST_NAME:
            # a list with only a full-name column (ФИО in most Russian CRMs): the whole name beats a blank one
            name = customers.column_for(Role.FULL_NAME)
        if name is None:
            return pa.nulls(n, pa.large_string())
        return _typed(customers, name)
    return _typed(customers, spec.key)


def _role_array(customers: ImportedTable, role: Role, preset: Preset) -> pa.Array | None:
    """Emails as normalised (trimmed, lower case) and phones in the preset's format; None for other roles."""
    derived = customers.derived
    if role == Role.EMAIL and "email" in derived.columns:
        return pa.array(derived["email"], pa.large_string(), from_pandas=True)
    if role == Role.PHONE and "phone_e164" in derived.columns and preset.phone_format != PhoneFormat.AS_IS:
        phones = pa.array(derived["phone_e164"], pa.large_string(), from_pandas=True)
        if preset.phone_format == PhoneFormat.DIGITS:
            phones = pc.utf8_ltrim(phones, "+")
        return phones
    return None


def _typed(customers: ImportedTable, name: str) -> pa.Array:
    column = customers.frame[name]
    kind = customers.column(name).type
    if kind == ColumnType.DATE:
        return pa.array(column, pa.timestamp("us"), from_pandas=True)
    if kind == ColumnType.NUMBER:
        return pa.array(column, pa.float64(), from_pandas=True)
    if kind == ColumnType.INTEGER:
        return pa.array(column, pa.int64(), from_pandas=True)
    if kind == ColumnType.BOOLEAN:
        return pa.array(column, pa.bool_(), from_pandas=True)
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pa.array(column.astype("str").where(column.notna()), pa.large_string(), from_pandas=True)
    return pa.array(column, pa.large_string(), from_pandas=True)


def _csv_cells(values: pa.Array, preset: Preset) -> pa.Array:
    if pa.types.is_timestamp(values.type):
        return _dates(values, preset.date_format)
    if pa.types.is_floating(values.type):
        # sums carry floating-point noise (0.1 + 0.2); no currency needs more than six decimals
        values = pc.round(values, 6)
        if preset.decimal == ",":
            return pc.replace_substring(pc.cast(values, pa.large_string()), ".", ",")
        return values
    if pa.types.is_large_string(values.type) or pa.types.is_string(values.type):
        return neutralise(values.cast(pa.large_string()))
    return values


def _dates(values: pa.Array, fmt: str) -> pa.Array:
    """Dates in ``fmt``: each calendar day in the column's span formatted once, then looked up per cell (a
    million cells span a few thousand days)."""
    days = values.cast(pa.date32()).cast(pa.int32())
    low, high = pc.min(days).as_py(), pc.max(days).as_py()
    if low is None:
        return pa.nulls(len(values), pa.large_string())
    if high - low > 400_000:  # a span of over a thousand years: a stray far date, format cell by cell
        return pc.strftime(values, format=fmt).cast(pa.large_string())
    span = pa.array(np.arange(low, high + 1, dtype=np.int64) * 86_400, pa.int64()).cast(pa.timestamp("s"))
    table = pc.strftime(span, format=fmt).cast(pa.large_string())
    return table.take(pc.subtract(days, pa.scalar(low, pa.int32())))


def _xlsx_cells(values: pa.Array) -> list:
    if pa.types.is_floating(values.type):
        values = pc.round(values, 6)
    return values.to_pylist()
