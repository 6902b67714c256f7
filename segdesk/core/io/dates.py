"""Dates written as text: which layout a column uses, day-first or month-first, and vectorised parsing.

Each distinct string is parsed once and mapped back (columns repeat dates a lot), which is what makes
dd.mm.yyyy columns of a million rows cheap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from segdesk.core.io.table import DateOrder

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"


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
    DateLayout("dot", rf"^\d{{1,2}}\.\d{{1,2}}\.(?:\d{{4}}|\d{{2}}){_TIME}$", ".", False, False),
    DateLayout("slash", rf"^\d{{1,2}}/\d{{1,2}}/\d{{4}}{_TIME}$", "/", False, True),
    DateLayout("dash", rf"^\d{{1,2}}-\d{{1,2}}-\d{{4}}{_TIME}$", "-", False, True),
    DateLayout("compact", r"^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$", "", True, False),
)


def match_layout(sample: pa.Array, threshold: float = 0.9) -> DateLayout | None:
    """The layout that at least ``threshold`` of the (non-empty, trimmed) sample cells follow."""
    n = len(sample)
    if n == 0:
        return None
    for layout in LAYOUTS:
        hits = pc.sum(pc.match_substring_regex(sample, layout.pattern)).as_py() or 0
        if hits >= threshold * n:
            return layout
    return None


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
    """Parse text cells to datetime64; cells that don't parse become NaT. Each distinct string once."""
    encoded = pc.dictionary_encode(values).combine_chunks()
    uniques = pd.Series(encoded.dictionary.to_pandas(), dtype=object)
    parsed = _parse_unique(uniques, layout, order)
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    valid = ~np.asarray(encoded.indices.is_null().to_numpy(zero_copy_only=False))
    out = np.full(len(indices), np.datetime64("NaT"), dtype="datetime64[us]")
    out[valid] = parsed.to_numpy(dtype="datetime64[us]")[indices[valid].astype(np.int64)]
    return pd.Series(out)


def _parse_unique(uniques: pd.Series, layout: DateLayout, order: DateOrder) -> pd.Series:
    base = strptime_format(layout, order)
    date_part = uniques.str.split(r"[ T]", n=1, regex=True).str[0]
    result = pd.to_datetime(date_part, format=base, errors="coerce")
    if layout.name == "dot":  # dd.mm.yy: two-digit years
        short = result.isna() & date_part.str.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2}")
        if short.any():
            result[short] = pd.to_datetime(date_part[short], format=base.replace("%Y", "%y"), errors="coerce")
    has_time = uniques.str.contains(r"\d:\d", regex=True) & result.notna()
    if has_time.any():
        times = uniques[has_time].str.split(r"[ T]", n=1, regex=True).str[1]
        result[has_time] = result[has_time] + pd.to_timedelta(times.where(times.str.count(":") == 2, times + ":00"),
                                                              errors="coerce").fillna(pd.Timedelta(0))
    return result.astype("datetime64[us]")
