"""Column types: decide what a column holds and convert it, vectorised over Arrow arrays.

A type is chosen when at least 95% of the non-empty cells fit it; the rest are reported as unparseable and
left empty (never silently turned into something else). Identifiers keep their leading zeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.io import dates
from segdesk.core.io.cells import rows_starting_with, take_rows
from segdesk.core.io.numbers import AMBIGUOUS, parse_numbers, parse_numbers_lenient
from segdesk.core.io.roles import DATE_ROLES
from segdesk.core.io.table import ColumnType, DateOrder, Role

FIT = 0.95
SAMPLE = 2000
_TRUE = {"yes", "y", "true", "да", "д", "da", "истина", "+", "1", "t", "ja", "x", "✓", "v"}
_FALSE = {"no", "n", "false", "нет", "н", "ne", "ложь", "-", "0", "f", "nein", ""}
_WORD_BOOLS = (_TRUE | _FALSE) - {"1", "0", "+", "-", "x", "v", "t", "f", "y", "n", "д", "н"}
_EXCEL_EPOCH = np.datetime64("1899-12-30", "us")
_CONSENT_ROLES = {Role.EMAIL_CONSENT, Role.SMS_CONSENT}


@dataclass(frozen=True)
class FileHints:
    decimal: str
    thousands: str
    date_order: DateOrder | None  # the user's choice, or one decided by another column of the same file
    decimal_chosen: bool = False  # the user chose the decimal mark: cells are never read with the other one
    order_chosen: bool = False  # the user chose the date order: it holds even for dotted dates
    decimal_guessed: bool = False  # only numbers such as "1,500" were seen: the cells read either way are told
    workbook: bool = False  # a column mixing date cells and numbers: those numbers are Excel serial days
    month_first: bool = False  # the phone region writes month first (US): a column that can't tell reads so

    def numbers(self, values: pa.ChunkedArray) -> tuple[pa.ChunkedArray, pa.ChunkedArray]:
        """(float64 values, cells that are numbers) with these separators."""
        read = parse_numbers if self.decimal_chosen else parse_numbers_lenient
        return read(values, self.decimal, self.thousands)


@dataclass
class Converted:
    series: pd.Series
    type: ColumnType
    bad: np.ndarray | None = None  # bool mask of cells that were filled but did not parse
    date_format: str | None = None
    ambiguous: bool = False
    date_order: DateOrder | None = None
    sample: pa.Array | None = None  # some filled cells of the column as text (its role is guessed from them)
    source: pa.ChunkedArray | None = None  # the cells as read, kept only while they may be typed again
    unsure: np.ndarray | None = None  # bool mask of number cells the other decimal mark reads otherwise ("1,500")
    unsure_example: str | None = None  # the first of them, as written


def sample_of(values: pa.ChunkedArray) -> pa.Array:
    """Up to SAMPLE non-empty cells, from the start and spread over the rest (exports sort by date)."""
    n = len(values) - values.null_count
    picks = np.arange(n) if n <= SAMPLE else \
        np.unique(np.concatenate([np.arange(SAMPLE // 2), np.linspace(0, n - 1, SAMPLE // 2).astype(np.int64)]))
    if values.null_count:  # the picks count filled cells: find where those are (no copy of the column)
        picks = np.flatnonzero(values.is_valid().to_numpy(zero_copy_only=False))[picks]
    return take_rows(values, picks)


def convert_text(values: pa.ChunkedArray, hints: FileHints, role: Role | None,
                 forced: ColumnType | None) -> Converted:
    """Type and convert a column of trimmed text cells (empty cells already null)."""
    sample = sample_of(values)
    conv = _convert_text(values, sample, hints, role, forced)
    conv.sample = sample
    return conv


def _convert_text(values: pa.ChunkedArray, sample: pa.Array, hints: FileHints, role: Role | None,
                  forced: ColumnType | None) -> Converted:
    type_ = forced or _guess(sample, hints, role)
    if type_ == ColumnType.BOOLEAN:
        return _to_bool(values)
    if type_ == ColumnType.DATE:
        return _to_date(values, sample, hints, serials=role in DATE_ROLES or hints.workbook)
    if type_ in (ColumnType.NUMBER, ColumnType.INTEGER):
        if forced is None and _keeps_zeros(values):
            # The sample missed a 007123 or a 20-digit card further down: numbers would change those cells.
            return Converted(values.to_pandas(), ColumnType.TEXT)
        return _to_number(values, hints, integer=type_ == ColumnType.INTEGER, forced=forced is not None)
    if type_ == ColumnType.CATEGORY:
        return Converted(_categorical(values), ColumnType.CATEGORY)
    return Converted(values.to_pandas(), ColumnType.TEXT)


def _guess(sample: pa.Array, hints: FileHints, role: Role | None) -> ColumnType:
    n = len(sample)
    if n == 0 or role in {Role.PHONE, Role.EMAIL}:
        return ColumnType.TEXT
    # "+442079460958" parses as a number, but nobody writes amounts with a plus: these are phones.
    if (pc.sum(pc.match_substring_regex(sample, r"^\+\d[\d\s().-]{6,}$")).as_py() or 0) >= 0.5 * n:
        return ColumnType.TEXT
    lowered = {str(v).casefold() for v in pc.unique(sample).to_pylist()}
    if len(lowered) <= 2 and lowered <= _TRUE | _FALSE and (role in _CONSENT_ROLES or lowered & _WORD_BOOLS):
        return ColumnType.BOOLEAN
    if dates.match_layout(sample, FIT) is not None:
        return ColumnType.DATE
    # Serial day numbers among dates: a workbook column of mostly dates (Excel stored it mixed), and a column
    # named for a date in any file; never numbers alone or a few dates among them (zip codes are five digits too).
    if (role in DATE_ROLES or hints.workbook and dates.match_layout(sample, 0.5) is not None) \
            and _date_or_serial_share(sample) >= FIT:
        return ColumnType.DATE
    # Whether the column holds numbers is judged with either decimal mark: under a chosen mark, cells written
    # the other way are reported as unparseable, not left to turn the whole column into text unnoticed.
    numbers, ok = parse_numbers_lenient(pa.chunked_array([sample]), hints.decimal, hints.thousands)
    if (pc.sum(ok).as_py() or 0) >= FIT * n and not _keeps_zeros(sample):
        integral = pc.all(pc.equal(pc.floor(numbers), numbers)).as_py() is not False
        written_whole = not (pc.any(pc.match_substring(sample, hints.decimal)).as_py() or False)
        if integral and written_whole:
            return ColumnType.INTEGER
        return ColumnType.NUMBER
    if _looks_categorical(sample, lowered):
        return ColumnType.CATEGORY
    return ColumnType.TEXT


_KEEPS_ZEROS = r"^[+-]?0\d|^\d{16,}$"


def _keeps_zeros(values: pa.Array | pa.ChunkedArray) -> bool:
    """Codes like 000123 or long digit strings (cards, barcodes) are identifiers, not numbers."""
    for chunk in values.chunks if isinstance(values, pa.ChunkedArray) else [values]:
        maybe = rows_starting_with(chunk, b"0+-", min_length=16)  # the pattern only looks at these
        if len(maybe) and pc.any(pc.match_substring_regex(chunk.take(pa.array(maybe)), _KEEPS_ZEROS)).as_py():
            return True
    return False


def _looks_categorical(sample: pa.Array, distinct: set[str]) -> bool:
    n = len(sample)
    avg_len = (pc.mean(pc.utf8_length(sample)).as_py() or 0)
    return n >= 20 and len(distinct) <= 50 and len(distinct) <= 0.2 * n and avg_len <= 40


def _bad(values: pa.ChunkedArray, parsed_ok: np.ndarray) -> np.ndarray:
    filled = values.is_valid().to_numpy(zero_copy_only=False)
    return filled & ~parsed_ok


def _to_bool(values: pa.ChunkedArray) -> Converted:
    low = pc.utf8_lower(values)
    is_true = pc.is_in(low, pa.array(sorted(_TRUE)))
    is_false = pc.is_in(low, pa.array(sorted(_FALSE)))
    ok = pc.or_(is_true, is_false).to_numpy(zero_copy_only=False)
    data = pd.array(is_true.to_numpy(zero_copy_only=False), dtype="boolean")
    data[~ok] = pd.NA
    return Converted(pd.Series(data), ColumnType.BOOLEAN, _bad(values, ok))


_SERIAL = r"^\d{5}(?:\.\d+)?$"


def _date_or_serial_share(sample: pa.Array) -> float:
    """The share of cells that are dates, or serial day numbers of the years the dates are in."""
    layout = dates.match_layout(sample, 0.3)
    dated = pc.match_substring_regex(sample, dates.LAYOUTS[0].pattern)
    if layout is not None:  # ISO cells join any layout (see dates.match_layout)
        dated = pc.or_(dated, pc.match_substring_regex(sample, layout.pattern))
    serial = pc.match_substring_regex(sample, _SERIAL)
    years = _years_written(sample.filter(dated))
    if years is not None:
        days = _serial_dates(sample)
        serial = pa.array(_plausible(days, years) & ~np.isnat(days))
    return (pc.sum(pc.or_(dated, serial)).as_py() or 0) / max(len(sample), 1)


_YEAR = r"(?:^|\D)(?P<year>(?:1[89]|2[01])\d\d)(?:\D|$)"


def _years_written(cells: pa.Array) -> tuple[int, int] | None:
    """(first, last) year of date cells written as text; None when there are none."""
    found = pc.struct_field(pc.extract_regex(cells, _YEAR), [0]) if len(cells) else None
    if found is None or found.null_count == len(found):
        return None
    years = pc.cast(found, pa.int32())
    return int(pc.min(years).as_py()), int(pc.max(years).as_py())


def _plausible(moments: np.ndarray, years: tuple[int, int], margin: int = 10) -> np.ndarray:
    """Whether each serial day falls near the years the column's written dates are in (a serial among 2022's
    dates is of the 2010s or 2020s; 10001, 1927, is a number that only looks like one)."""
    year = _year(moments)
    return (year >= years[0] - margin) & (year <= years[1] + margin)


def _year(moments: np.ndarray | np.datetime64) -> Any:
    """The calendar year(s) of datetime64 values."""
    return moments.astype("datetime64[Y]").astype(np.int64) + 1970


def _serial_dates(values: pa.Array) -> np.ndarray:
    """Excel serial day numbers written out as text (a date cell in a column Excel stored mixed)."""
    is_serial = pc.match_substring_regex(values, _SERIAL)
    numbers = pc.cast(pc.if_else(is_serial, values, pa.scalar(None, pa.string())), pa.float64())
    days = numbers.to_numpy(zero_copy_only=False)
    out = _EXCEL_EPOCH + (np.nan_to_num(days) * 86400e6).astype("timedelta64[us]")
    out[np.isnan(days)] = np.datetime64("NaT")
    return out


def _to_date(values: pa.ChunkedArray, sample: pa.Array, hints: FileHints, serials: bool = False) -> Converted:
    layout = dates.match_layout(sample, 0.5) or dates.LAYOUTS[0]
    order = dates.decide_order(sample, layout)
    if order is None and layout.needs_order:
        order = dates.decide_order(pc.drop_null(values).combine_chunks(), layout)
    ambiguous = order is None and hints.date_order is None
    # The user's order rules every column; one settled by another column only those that can't tell.
    if (layout.needs_order or hints.order_chosen) and hints.date_order in (DateOrder.DMY, DateOrder.MDY):
        order = hints.date_order
    order = order or (DateOrder.MDY if hints.month_first else DateOrder.DMY)
    series = dates.parse_dates(values, layout, order)
    ok = series.notna().to_numpy().copy()
    if serials:
        missed = np.flatnonzero(~ok & values.is_valid().to_numpy(zero_copy_only=False))
        if len(missed):  # only the filled cells that did not parse can be serial numbers
            serial = _serial_dates(take_rows(values, missed))
            parsed = series.to_numpy()[ok]
            if len(parsed):  # among written dates, only serials of their years (see _plausible)
                serial[~_plausible(serial, (_year(parsed.min()), _year(parsed.max())))] = np.datetime64("NaT")
            series.iloc[missed] = serial
            ok[missed] = ~np.isnat(serial)
    decided = order if layout.needs_order and not ambiguous else None
    return Converted(series, ColumnType.DATE, _bad(values, ok), dates.strptime_format(layout, order),
                     ambiguous, decided)


def _to_number(values: pa.ChunkedArray, hints: FileHints, integer: bool, forced: bool) -> Converted:
    conv = _number_cells(values, hints, integer, forced)
    if hints.decimal_guessed:
        unsure = pc.fill_null(pc.match_substring_regex(values, AMBIGUOUS), False)
        if pc.any(unsure).as_py():
            conv.unsure = unsure.to_numpy(zero_copy_only=False)
            conv.unsure_example = values.filter(unsure)[0].as_py()
    return conv


def _number_cells(values: pa.ChunkedArray, hints: FileHints, integer: bool, forced: bool) -> Converted:
    numbers, ok = hints.numbers(values)
    arr = numbers.to_numpy(zero_copy_only=False).astype(np.float64)
    ok_np = ok.to_numpy(zero_copy_only=False).astype(bool) if ok.null_count == 0 else \
        pc.fill_null(ok, False).to_numpy(zero_copy_only=False)
    if integer:
        whole = np.isnan(arr) | (np.floor(arr) == arr)
        if whole.all():
            return Converted(pd.Series(pd.array(np.where(np.isnan(arr), 0, arr).astype(np.int64), dtype="Int64")
                                       ).mask(np.isnan(arr)), ColumnType.INTEGER, _bad(values, ok_np))
        if forced:
            arr = np.where(whole, arr, np.nan)
            ok_np = ok_np & whole
            return Converted(pd.Series(pd.array(np.where(np.isnan(arr), 0, arr).astype(np.int64), dtype="Int64")
                                       ).mask(np.isnan(arr)), ColumnType.INTEGER, _bad(values, ok_np))
    return Converted(pd.Series(arr), ColumnType.NUMBER, _bad(values, ok_np))


def _categorical(values: pa.ChunkedArray) -> pd.Series:
    encoded = pc.dictionary_encode(values).combine_chunks()
    codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int32)
    return pd.Series(pd.Categorical.from_codes(codes, categories=encoded.dictionary.to_pylist()))


def convert_typed(values: pa.ChunkedArray, role: Role | None, forced: ColumnType | None,
                  hints: FileHints) -> Converted:
    """A workbook column whose cells were already numbers, dates or booleans."""
    conv = _convert_typed(values, role, forced, hints)
    if conv.sample is None:
        sample = sample_of(values)
        if pa.types.is_floating(sample.type) and pc.all(pc.equal(pc.floor(sample), sample)).as_py():
            sample = pc.cast(sample, pa.int64())  # whole numbers as written: 79161234567, not 7.9161234567e+10
        conv.sample = sample.cast(pa.string())
    return conv


def _convert_typed(values: pa.ChunkedArray, role: Role | None, forced: ColumnType | None,
                   hints: FileHints) -> Converted:
    t = values.type
    if forced is not None and forced != _natural(t, values):
        return convert_text(pc.cast(values, pa.string()), hints, role, forced)
    if pa.types.is_boolean(t):
        return Converted(pd.Series(pd.array(values.to_pandas(), dtype="boolean")), ColumnType.BOOLEAN)
    if pa.types.is_timestamp(t) or pa.types.is_date(t):
        s = pd.Series(pc.cast(values, pa.timestamp("us")).to_pandas()).astype("datetime64[us]")
        return Converted(s, ColumnType.DATE)
    arr = pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False)
    if role in DATE_ROLES and np.nanmin(arr, initial=np.inf) >= 1 and np.nanmax(arr, initial=0) < 80000:
        # Excel serial dates stored as plain numbers (the cell lost its date format).
        days = np.where(np.isnan(arr), 0, arr)
        s = pd.Series(_EXCEL_EPOCH + (days * 86400e6).astype("timedelta64[us]")).mask(np.isnan(arr))
        return Converted(s.astype("datetime64[us]"), ColumnType.DATE)
    if _natural(t, values) == ColumnType.INTEGER and forced != ColumnType.NUMBER:
        s = pd.Series(pd.array(np.where(np.isnan(arr), 0, arr).astype(np.int64), dtype="Int64")).mask(np.isnan(arr))
        return Converted(s, ColumnType.INTEGER)
    return Converted(pd.Series(arr), ColumnType.NUMBER)


def _natural(t: pa.DataType, values: pa.ChunkedArray) -> ColumnType:
    if pa.types.is_boolean(t):
        return ColumnType.BOOLEAN
    if pa.types.is_timestamp(t) or pa.types.is_date(t):
        return ColumnType.DATE
    if pa.types.is_integer(t):
        return ColumnType.INTEGER
    arr = pc.cast(values, pa.float64()).to_numpy(zero_copy_only=False)
    finite = arr[~np.isnan(arr)]
    if len(finite) and np.all(np.floor(finite) == finite) and np.all(np.abs(finite) < 2**53):
        return ColumnType.INTEGER
    return ColumnType.NUMBER
