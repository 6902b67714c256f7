"""The exported columns' values, formatted once for all customers and then taken per list.

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

#: A CSV cell a spreadsheet would run as a formula: starts with = @ tab or CR, or with + or - and is not a
#: number or phone (so "+7 916 123-45-67", "+79161234567" and "-5" stay as they are). Two RE2 patterns
#: (Arrow's regular expressions have no look-ahead): always risky, and the sign-led shape that is harmless.
FORMULA_START = r"^[=@\t\r]"
SIGNED = r"^[+-]"
SIGNED_NUMBER = r"^[+-][\d\s().-]*$"
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
    """Per exported column, every customer's cell (None for the segment column, filled in per list)."""

    headers: tuple[str, ...]
    csv: tuple[pa.Array | None, ...] | None
    xlsx: tuple[np.ndarray | None, ...] | None  # object arrays of Python values
    dates: tuple[bool, ...]  # which columns hold dates (XLSX formats them)


def prepare_cells(customers: ImportedTable, columns: tuple[ColumnSpec, ...], preset: Preset,
                  csv: bool = True, xlsx: bool = False) -> Cells:
    arrays = [_array(customers, spec, preset) for spec in columns]
    return Cells(tuple(c.header for c in columns),
                 tuple(None if a is None else _csv_cells(a, preset) for a in arrays) if csv else None,
                 tuple(None if a is None else _xlsx_cells(a) for a in arrays) if xlsx else None,
                 tuple(a is not None and pa.types.is_timestamp(a.type) for a in arrays))


def csv_table(cells: Cells, rows: np.ndarray, segment: str) -> pa.Table:
    """The rows of one list as an Arrow table with the exported headers."""
    assert cells.csv is not None
    index = pa.array(rows, type=pa.int64())
    label = neutralise(pa.array([segment], pa.large_string()))[0].as_py()
    arrays = [pa.array(np.full(len(rows), label, dtype=object), pa.large_string()) if a is None else a.take(index)
              for a in cells.csv]
    return pa.Table.from_arrays(arrays, names=list(cells.headers))


def neutralise(text: pa.Array) -> pa.Array:
    """Text that would run as a formula when a CSV is opened in a spreadsheet, prefixed with ``'``."""
    signed = pc.and_(pc.match_substring_regex(text, SIGNED), pc.invert(pc.match_substring_regex(text, SIGNED_NUMBER)))
    risky = pc.or_(pc.match_substring_regex(text, FORMULA_START), signed)
    if not pc.any(risky).as_py():
        return text
    quote, nothing = pa.scalar("'", pa.large_string()), pa.scalar("", pa.large_string())
    return pc.if_else(risky, pc.binary_join_element_wise(quote, text, nothing), text)


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
        return pc.strftime(values, format=preset.date_format)
    if pa.types.is_floating(values.type):
        # sums carry floating-point noise (0.1 + 0.2); no currency needs more than six decimals
        values = pc.round(values, 6)
        if preset.decimal == ",":
            return pc.replace_substring(pc.cast(values, pa.large_string()), ".", ",")
        return values
    if pa.types.is_large_string(values.type) or pa.types.is_string(values.type):
        return neutralise(values.cast(pa.large_string()))
    return values


def _xlsx_cells(values: pa.Array) -> np.ndarray:
    """Python values (datetime for dates, None for empty) for the workbook writer."""
    if pa.types.is_floating(values.type):
        values = pc.round(values, 6)
    cells = np.empty(len(values), dtype=object)
    cells[:] = values.to_pylist()
    return cells
