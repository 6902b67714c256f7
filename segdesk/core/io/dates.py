"""Dates written as text: which layout a column uses, day-first or month-first, and vectorised parsing.

Cells written out in full (2024-03-05, 05.03.2024, 20240305) are read from their bytes with numpy; the
rest go through pandas, each distinct string once and mapped back (columns repeat dates a lot).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.io.cells import string_buffers
from segdesk.core.io.table import DateOrder

# A time after the date, with seconds, fractions and a time-zone designator optional ("10:01", "10:01:00.123Z",
# "10:01:00 +0300": web shops write the offset).
_ZONE = r"(?:\s?(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?"  # "Z", " UTC", "+0300", "+03:00", "+03" (PostgreSQL)
_TIME = rf"(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?{_ZONE})?"
_TIME_PARTS = rf"^(?P<h>\d{{1,2}}):(?P<m>\d{{2}})(?::(?P<s>\d{{2}})(?:\.(?P<f>\d+))?)?{_ZONE}$"


@dataclass(frozen=True)
class DateLayout:
    name: str
    pattern: str  # RE2, whole cell
    sep: str  # the separator between day, month and year ("" for yyyymmdd)
    year_first: bool
    needs_order: bool  # day and month could be swapped (decided from values)


LAYOUTS = (
    DateLayout("iso", rf"^\d{{4}}-\d{{1,2}}-\d{{1,2}}{_TIME}$", "-", True, False),
    DateLayout("ymd_slash", rf"^\d{{4}}/\d{{1,2}}/\d{{1,2}}{_TIME}$", "/", True, False),
    # Croatian and Serbian write a dot after the year too, and often a space after each dot: "3. 4. 1985."
    DateLayout("dot", rf"^\d{{1,2}}\. ?\d{{1,2}}\. ?(?:\d{{4}}|\d{{2}})\.?{_TIME}$", ".", False, False),
    DateLayout("slash", rf"^\d{{1,2}}/\d{{1,2}}/\d{{4}}{_TIME}$", "/", False, True),
    DateLayout("dash", rf"^\d{{1,2}}-\d{{1,2}}-\d{{4}}{_TIME}$", "-", False, True),
    DateLayout("compact", r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$", "", True, False),
)


def match_layout(sample: pa.Array, threshold: float = 0.9) -> DateLayout | None:
    """The layout that at least ``threshold`` of the (non-empty, trimmed) sample cells follow.

    ISO cells may make up the count of another layout: a workbook column of real date cells and dates
    typed in as text ("06.03.2023") reaches us as text, the real dates written "2023-12-25 00:00:00".
    ISO can't be misread, so :func:`parse_dates` reads those cells as ISO whatever the column's layout.
    """
    n = len(sample)
    if n == 0:
        return None
    hits = {layout: pc.sum(pc.match_substring_regex(sample, layout.pattern)).as_py() or 0 for layout in LAYOUTS}
    iso = hits[LAYOUTS[0]]
    other = max(LAYOUTS[1:], key=hits.__getitem__)
    if iso and hits[other] and iso + hits[other] >= threshold * n:
        return other  # the layout of the cells that are not ISO: the ISO ones are read either way
    return next((layout for layout in LAYOUTS if hits[layout] >= threshold * n), None)


def decide_order(values: pa.Array, layout: DateLayout) -> DateOrder | None:
    """DMY or MDY from the values themselves (a part over 12 must be the day); None when they can't tell."""
    if layout.year_first:
        return DateOrder.YMD
    if not layout.needs_order:
        return DateOrder.DMY  # dd.mm.yyyy: dotted dates are day-first wherever they are written
    parts = pc.extract_regex(pc.unique(values), r"^(?P<a>\d{1,2})\D(?P<b>\d{1,2})\D")
    a = pc.cast(pc.struct_field(parts, [0]), pa.int32())
    b = pc.cast(pc.struct_field(parts, [1]), pa.int32())
    a_day = (pc.max(a).as_py() or 0) > 12
    b_day = (pc.max(b).as_py() or 0) > 12
    if a_day and not b_day:
        return DateOrder.DMY
    if b_day and not a_day:
        return DateOrder.MDY
    return None


def strptime_format(layout: DateLayout, order: DateOrder) -> str:
    if layout.name == "compact":
        return "%Y%m%d"
    s = layout.sep
    if order == DateOrder.YMD:
        return f"%Y{s}%m{s}%d"
    return f"%d{s}%m{s}%Y" if order == DateOrder.DMY else f"%m{s}%d{s}%Y"


def parse_dates(values: pa.ChunkedArray, layout: DateLayout, order: DateOrder) -> pd.Series:
    """Parse text cells to datetime64; cells that don't parse become NaT.

    Cells written out in full ("2024-03-05", "05.03.2024", "20240305") are read straight from their bytes;
    the rest go through pandas, each distinct string once.
    """
    arr = values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values
    out, ok = _fixed_width(arr, layout, order)
    rows = np.flatnonzero(~ok & arr.is_valid().to_numpy(zero_copy_only=False))
    if len(rows):
        out[rows] = _parse_distinct(arr.take(pa.array(rows, pa.int64())), layout, order)
        missed = rows[np.isnat(out[rows])]
        if len(missed) and layout != LAYOUTS[0]:  # ISO cells among another layout's (see match_layout)
            cells = arr.take(pa.array(missed, pa.int64()))
            iso = pc.fill_null(pc.match_substring_regex(cells, LAYOUTS[0].pattern), False)
            if pc.any(iso).as_py():
                out[missed[iso.to_numpy(zero_copy_only=False)]] = _parse_distinct(cells.filter(iso), LAYOUTS[0],
                                                                                  DateOrder.YMD)
    return pd.Series(out)


def _parse_distinct(values: pa.Array, layout: DateLayout, order: DateOrder) -> np.ndarray:
    encoded = pc.dictionary_encode(values)
    uniques = pd.Series(encoded.dictionary.to_pandas(), dtype=object)
    parsed = _parse_unique(uniques, layout, order).to_numpy(dtype="datetime64[us]")
    indices = pc.fill_null(encoded.indices, 0).to_numpy(zero_copy_only=False).astype(np.int64)
    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[us]")
    valid = encoded.indices.is_valid().to_numpy(zero_copy_only=False)
    out[valid] = parsed[indices[valid]]
    return out


# Where year, month and day sit in a cell written out in full, and where its separators are.
_Places = tuple[tuple[int, int], tuple[int, int], tuple[int, int], tuple[int, ...]]
_YMD: _Places = ((0, 4), (5, 7), (8, 10), (4, 7))
_DMY: _Places = ((6, 10), (3, 5), (0, 2), (2, 5))
_MDY: _Places = ((6, 10), (0, 2), (3, 5), (2, 5))
_COMPACT: _Places = ((0, 4), (4, 6), (6, 8), ())


def _fixed_width(arr: pa.Array, layout: DateLayout, order: DateOrder) -> tuple[np.ndarray, np.ndarray]:
    """(datetime64[us], parsed) per cell, for cells of exactly 10 bytes (8 for yyyymmdd) that hold a real
    calendar date in years 1678-2261 (the years pandas reads alike in any company: beyond them its answer
    for one cell depends on the others); other cells are left unparsed."""
    n = len(arr)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
    ok = np.zeros(n, dtype=bool)
    if layout.name == "compact":
        places, width = _COMPACT, 8
    else:
        places, width = (_YMD if layout.year_first else _MDY if order == DateOrder.MDY else _DMY), 10
    offsets, data = string_buffers(arr)
    rows = np.flatnonzero(np.diff(offsets) == width)
    if not len(rows):
        return out, ok
    if len(rows) * width == len(data):  # every other cell is empty: the bytes are the cells, back to back
        cells = data.reshape(-1, width)
    else:
        cells = data[offsets[rows][:, None] + np.arange(width)]
    by_place = [cells[:, i] - np.uint8(ord("0")) for i in range(width)]  # '-' wraps around to 253
    good = np.ones(len(rows), dtype=bool)
    for i in range(width):
        good &= by_place[i] == (ord(layout.sep) - ord("0")) % 256 if i in places[3] else by_place[i] <= 9

    def number(span: tuple[int, int]) -> np.ndarray:
        value = np.zeros(len(rows), dtype=np.int32)
        for i in range(*span):
            value = value * 10 + by_place[i]
        return value

    year, month, day = number(places[0]), number(places[1]), number(places[2])
    good &= (year >= _FIRST_YEAR) & (year < _FIRST_YEAR + _YEARS) & (month >= 1) & (month <= 12) & (day >= 1)
    month_at = np.where(good, (year - _FIRST_YEAR) * 12 + month - 1, 0)
    first_day, length = _month_table()
    good &= day <= length[month_at]
    rows = rows[good]
    out[rows] = ((first_day[month_at[good]] + day[good] - 1) * 86_400_000_000).view("datetime64[us]")
    ok[rows] = True
    return out, ok


_FIRST_YEAR, _YEARS = 1678, 584  # up to 2261


@lru_cache(maxsize=1)
def _month_table() -> tuple[np.ndarray, np.ndarray]:
    """For each month of the years above: its first day (days since 1970-01-01) and its length."""
    months = np.arange(_FIRST_YEAR * 12, (_FIRST_YEAR + _YEARS) * 12 + 1) - 1970 * 12
    starts = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return starts[:-1], np.diff(starts)


def _parse_unique(uniques: pd.Series, layout: DateLayout, order: DateOrder) -> pd.Series:
    base = strptime_format(layout, order)
    if layout.name == "dot":  # "3. 4. 1985." as "3.4.1985"
        uniques = uniques.str.replace(r"^(\d{1,2})\. ?(\d{1,2})\. ?(\d{2,4})\.?", r"\1.\2.\3", regex=True)
    date_part = uniques.str.split(r"[ T]", n=1, regex=True).str[0]
    result = pd.to_datetime(date_part, format=base, errors="coerce")
    if layout.name == "dot":  # dd.mm.yy: two-digit years
        short = result.isna() & date_part.str.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2}")
        if short.any():
            result[short] = pd.to_datetime(date_part[short], format=base.replace("%Y", "%y"), errors="coerce")
    has_time = uniques.str.contains(r"\d:\d", regex=True) & result.notna()
    if has_time.any():
        result[has_time] = result[has_time] + _time_of_day(uniques[has_time].str.split(r"[ T]", n=1, regex=True).str[1])
    return result.astype("datetime64[us]")


def _time_of_day(times: pd.Series) -> pd.Series:
    """The time written after a date, as a timedelta; NaT (the cell is unparseable) for an impossible one.

    A time-zone designator is read past: the time is taken as written, the way the export's reader saw it
    ("10:01:00 +0300" is 10:01), so dates never move to the next or the previous day.
    """
    parts = times.str.extract(_TIME_PARTS)
    hours, minutes = parts["h"].astype(float), parts["m"].astype(float)
    seconds = parts["s"].astype(float).fillna(0)
    fraction = ("0." + parts["f"].fillna("0")).astype(float)
    possible = (hours < 24) & (minutes < 60) & (seconds < 60)
    total = pd.to_timedelta(hours * 3600 + minutes * 60 + seconds + fraction, unit="s")
    return total.where(possible)
