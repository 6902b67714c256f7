"""What a table view shows: rows sorted and filtered through an index array, values read in small blocks.

Qt-free on purpose (import-linter enforces it). The Qt item model asks this module for the values of the
rows on screen and formats them itself (formatting is the UI's job); sorting, quick search and filtering are
vectorised here so that a table of a million rows answers in well under a second. Nothing here copies the
frame: columns are read through zero-copy arrow/numpy views, prepared lazily the first time they are needed
and cached, so building a view is O(1) and a first paint only touches the columns on screen.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: Below this many rows a text column is sorted in one piece: splitting only pays off on big columns.
_PARALLEL_SORT_ROWS = 200_000
_SORT_PARTS = 4


class ValueKind(StrEnum):
    """How the UI should present a column's values."""

    TEXT = "text"  # str, or a category (labels)
    INTEGER = "integer"
    NUMBER = "number"
    DATE = "date"  # datetimes that all fall on midnight
    DATETIME = "datetime"
    BOOLEAN = "boolean"


def value_kind(dtype: Any) -> ValueKind:
    """The presentation kind of a pandas dtype."""
    if isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_string_dtype(dtype):
        return ValueKind.TEXT
    if pd.api.types.is_bool_dtype(dtype):
        return ValueKind.BOOLEAN
    if pd.api.types.is_integer_dtype(dtype):
        return ValueKind.INTEGER
    if pd.api.types.is_float_dtype(dtype):
        return ValueKind.NUMBER
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return ValueKind.DATETIME
    return ValueKind.TEXT


class TableColumns:
    """Per-column arrays of a frame, prepared on first use and cached.

    Safe to read from a worker thread while the GUI thread reads too: each cache entry is built once under
    its own lock (so a sort lower-casing one column never holds up a paint reading another), and the frame
    itself is never modified.
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame
        self.names: list[str] = [str(c) for c in frame.columns]
        self.row_count = len(frame)
        self.kinds: list[ValueKind] = [value_kind(dt) for dt in frame.dtypes]
        self._lock = threading.Lock()
        self._key_locks: dict[tuple[str, int], threading.Lock] = {}
        self._cache: dict[tuple[str, int], Any] = {}

    def cached(self, what: str, column: int, build: Callable[[], Any]) -> Any:
        """``build()`` for (what, column), built once and kept (other modules cache their arrays here too)."""
        key = (what, column)
        if key in self._cache:
            return self._cache[key]
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            if key not in self._cache:
                self._cache[key] = build()
        return self._cache[key]

    def series(self, column: int) -> pd.Series:
        return self.cached("series", column, lambda: self._frame.iloc[:, column])

    def arrow(self, column: int) -> pa.Array | pa.ChunkedArray:
        """The column as arrow (zero-copy for pandas' arrow-backed text), missing values as nulls."""
        return self.cached("arrow", column, lambda: _to_arrow(self.series(column)))

    def kind(self, column: int) -> ValueKind:
        """DATE when every value of a datetime column is at midnight, else the dtype's kind."""
        kind = self.kinds[column]
        if kind != ValueKind.DATETIME:
            return kind
        return self.cached("kind", column, lambda: _date_or_datetime(self.series(column)))

    def category(self, column: int) -> tuple[pa.Array, np.ndarray] | None:
        """(folded labels, each row's label index or -1) of a category column; None for other columns."""
        values = self.arrow(column)
        if not pa.types.is_dictionary(values.type):
            return None
        return self.cached("category", column, lambda: _folded_labels(_single(values)))

    def lowered(self, column: int) -> pa.Array:
        """Folded text of a text column (categories: of their labels), for search and sort.

        Lower case, and ё as е: Russian writes both for one letter, so "Федорова" finds "Фёдорова" and ё
        sorts with е instead of after я.
        """
        return self.cached("lower", column, lambda: _single(fold(_as_text(self.arrow(column)))))

    def unaccented(self, column: int) -> pa.Array:
        """:meth:`lowered` without diacritics ("šimić" as "simic"), for needles typed on a plain Latin
        keyboard; the labels of a category column."""
        category = self.category(column)
        lowered = category[0] if category is not None else self.lowered(column)
        return self.cached("unaccented", column, lambda: _single(unaccent(lowered)))

    def missing(self, column: int) -> np.ndarray:
        return self.cached("missing", column, lambda: np.asarray(self.arrow(column).is_null()))

    def decimals(self, column: int) -> int:
        """How many decimals a number column needs to show every value (0..4)."""
        if self.kinds[column] != ValueKind.NUMBER:
            return 0
        return self.cached("decimals", column, lambda: number_decimals(self.series(column).to_numpy()))

    def values(self, column: int, positions: np.ndarray) -> list[Any]:
        """Python values (str, int, float, datetime, bool; None when missing) at frame ``positions``."""
        series = self.series(column)
        if isinstance(series.dtype, np.dtype) and series.dtype.kind in "fM":
            # plain numpy columns are read in place: no conversion of the whole column before a first paint
            block = series.to_numpy()[positions]
            if block.dtype.kind == "M":
                return block.astype("datetime64[us]").tolist()  # NaT becomes None
            return [None if v != v else v for v in block.tolist()]  # NaN becomes None
        return self.arrow(column).take(pa.array(positions, type=pa.int64())).to_pylist()

    def text_columns(self) -> list[int]:
        return [i for i, k in enumerate(self.kinds) if k == ValueKind.TEXT]


def _to_arrow(series: pd.Series) -> pa.Array | pa.ChunkedArray:
    try:
        return pa.array(series, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        # object columns of mixed Python types (hand-built frames); show them as their text
        return pa.array(series.astype("str"))


def _as_text(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        return values
    return values.cast(pa.large_string())


def _single(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _folded_labels(values: pa.DictionaryArray) -> tuple[pa.Array, np.ndarray]:
    return fold(_as_text(values.dictionary)), _codes(values)


def _date_or_datetime(series: pd.Series) -> ValueKind:
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        return ValueKind.DATETIME
    values = series.to_numpy()
    per_day = int(np.timedelta64(1, "D").astype(values.dtype.str.replace("M8", "m8")).astype(np.int64))
    ticks = values.view(np.int64)[~np.isnat(values)]
    return ValueKind.DATETIME if np.any(ticks % per_day != 0) else ValueKind.DATE


def number_decimals(values: np.ndarray, most: int = 4) -> int:
    """The fewest decimals (up to ``most``) that show every value of ``values`` without rounding.

    A sample of every 97th value gives the least it can be; the whole column then usually confirms that in
    one pass, instead of one pass per candidate.
    """
    least = _decimals_needed(values[::97], 0, most)
    return _decimals_needed(values, least, most)


def _decimals_needed(values: np.ndarray, start: int, most: int) -> int:
    for decimals in range(start, most):
        scaled = values * 10.0**decimals
        off = np.abs(scaled - np.round(scaled)) >= 1e-6 * np.maximum(1.0, np.abs(scaled))
        if not np.any(off & np.isfinite(scaled)):
            return decimals
    return most


# --- sorting -----------------------------------------------------------------------------------------------


def sort_order(columns: TableColumns, column: int, ascending: bool = True) -> np.ndarray:
    """Frame positions in display order: stable (equal values keep file order), missing values last.

    Text compares case-insensitively; categories by their labels.
    """
    values = columns.arrow(column)
    if pa.types.is_dictionary(values.type):  # a category: rank its few labels, sort the codes
        values = _single(values)
        return _coded_order(_codes(values), pc.utf8_lower(_as_text(values.dictionary)), columns.missing(column),
                            ascending)
    if columns.kinds[column] == ValueKind.TEXT:
        return _text_order(columns.lowered(column), ascending)
    key = _numeric_key(columns.arrow(column))
    return order_by_key(key, columns.missing(column), ascending)


def order_by_key(key: np.ndarray, missing: np.ndarray, ascending: bool = True) -> np.ndarray:
    """Stable argsort of ``key`` with the ``missing`` rows last, in file order, in both directions."""
    present = np.flatnonzero(~missing) if missing.any() else None
    values = key if present is None else key[present]
    if not ascending:
        # negating keeps equal values in file order; reversing an ascending sort would flip them
        values = -values
    order = np.argsort(values, kind="stable")
    if present is None:
        return order.astype(np.int64, copy=False)
    return np.concatenate([present[order], np.flatnonzero(missing)]).astype(np.int64, copy=False)


def _numeric_key(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    if pa.types.is_timestamp(values.type) or pa.types.is_date(values.type):
        values = values.cast(pa.int64())
    elif pa.types.is_boolean(values.type):
        values = values.cast(pa.int8())
    key = np.asarray(values.fill_null(0).to_numpy(zero_copy_only=False))
    return key.astype(np.float64 if key.dtype.kind == "f" else np.int64, copy=False)


def _text_order(lowered: pa.Array, ascending: bool) -> np.ndarray:
    """Stable order of lower-cased text, missing last.

    Arrow's string sort runs on one core and needs ~0.8 s for a million rows. Columns with few distinct
    values (cities, genders) sort as integer codes instead. Otherwise splitting the rows at sampled pivots
    gives parts that are sorted side by side; equal values always land in the same part, so the
    concatenation is still a stable sort.
    """
    order = "ascending" if ascending else "descending"
    n = len(lowered)
    missing = np.asarray(lowered.is_null())
    if n >= _PARALLEL_SORT_ROWS and _looks_repetitive(lowered):
        encoded = pc.dictionary_encode(lowered)
        return _coded_order(_codes(encoded), encoded.dictionary, missing, ascending)
    if n < _PARALLEL_SORT_ROWS:
        parts = [np.flatnonzero(~missing)]
    else:
        parts = _partition(lowered, missing)
    if not ascending:
        parts.reverse()

    def sort_part(rows: np.ndarray) -> np.ndarray:
        return rows[np.asarray(pc.sort_indices(lowered.take(pa.array(rows)), sort_keys=[("", order)]))]

    workers = min(len(parts), os.cpu_count() or 1)
    if workers <= 1:
        sorted_parts = [sort_part(rows) for rows in parts]
    else:
        with ThreadPoolExecutor(workers) as pool:  # arrow releases the GIL while it sorts
            sorted_parts = list(pool.map(sort_part, parts))
    return np.concatenate([*sorted_parts, np.flatnonzero(missing)]).astype(np.int64)


def _looks_repetitive(lowered: pa.Array) -> bool:
    sample = lowered.take(pa.array(np.random.default_rng(0).integers(0, len(lowered), 2_000)))
    return len(pc.unique(sample)) < 500


def _codes(values: pa.DictionaryArray) -> np.ndarray:
    """Dictionary indices as int64, missing as -1."""
    return np.asarray(values.indices.fill_null(-1)).astype(np.int64)


def _coded_order(codes: np.ndarray, labels: pa.Array, missing: np.ndarray, ascending: bool) -> np.ndarray:
    """Order of rows holding ``labels[codes]``: the labels are ranked once, then the codes sort as integers."""
    if len(labels) == 0:
        return np.arange(len(codes), dtype=np.int64)
    labels_order = np.asarray(pc.array_sort_indices(labels))
    sorted_labels = labels.take(pa.array(labels_order))
    # labels equal once lower-cased ("Moscow", "moscow") must share a rank, or their rows would not interleave
    new = np.ones(len(labels), dtype=bool)
    new[1:] = np.asarray(pc.fill_null(pc.not_equal(sorted_labels[1:], sorted_labels[:-1]), True))
    label_rank = np.empty(len(labels), dtype=np.int64)
    label_rank[labels_order] = np.cumsum(new) - 1
    key = label_rank[np.where(codes >= 0, codes, 0)]
    if len(labels) < 2**15:
        key = key.astype(np.int16)  # numpy radix-sorts 16-bit keys: ten times faster
    return order_by_key(key, missing, ascending)


def _partition(lowered: pa.Array, missing: np.ndarray) -> list[np.ndarray]:
    """Present rows split into ascending value ranges at pivots drawn from a fixed sample."""
    sample_rows = np.random.default_rng(0).integers(0, len(lowered), 4_000)
    sample = pc.array_sort_indices(lowered.take(pa.array(sample_rows)))
    sample_values = lowered.take(pa.array(sample_rows)).take(sample).drop_null()
    if len(sample_values) == 0:
        return [np.flatnonzero(~missing)]
    pivots = [sample_values[len(sample_values) * i // _SORT_PARTS] for i in range(1, _SORT_PARTS)]
    bucket = np.zeros(len(lowered), dtype=np.int8)
    for pivot in pivots:
        bucket += np.asarray(pc.fill_null(pc.greater_equal(lowered, pivot), False), dtype=np.int8)
    bucket[missing] = -1
    return [np.flatnonzero(bucket == b) for b in range(_SORT_PARTS)]


# --- filters ------------------------------------------------------------------------------------


def fold(values: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Lower case with ё folded into е (see :meth:`TableColumns.lowered`)."""
    return pc.replace_substring(pc.utf8_lower(values), "ё", "е")


# Latin letters with no decomposition into a base letter and a mark, written as their plain spelling.
_PLAIN_LETTERS = {"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ð": "d"}


def unaccent(folded: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Folded text without its diacritics: marks taken off (NFKD), and đ, ł, ø, ß... spelt plainly.

    Cyrillic loses its marks too (й as и): only plain-Latin needles are matched against this. Each distinct
    value is worked on once (a name column of a million rows has a few thousand).
    """
    if pc.all(pc.fill_null(pc.string_is_ascii(folded), True)).as_py():
        return folded  # the usual English column: nothing to take off
    encoded = pc.dictionary_encode(folded)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    plain = pc.replace_substring_regex(pc.utf8_normalize(encoded.dictionary, form="NFKD"), r"\p{Mn}", "")
    for letter, spelt in _PLAIN_LETTERS.items():
        if pc.any(pc.match_substring(plain, letter)).as_py():
            plain = pc.replace_substring(plain, letter, spelt)
    return plain.take(encoded.indices)


def positions_of_source_rows(source_rows: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    """Frame positions of the given source (Excel) row numbers; rows not imported are left out."""
    return np.flatnonzero(np.isin(source_rows, np.asarray(rows, dtype=np.int64)))


class FrameView:
    """The rows a table shows, in display order: an index array over frame positions.

    A sort order and any number of named filters (quick search, a quality item, later a segment) combine:
    the view shows the rows every filter keeps, in the sort order.
    """

    def __init__(self, columns: TableColumns) -> None:
        self.columns = columns
        self.sort_column: int | None = None
        self.ascending = True
        self._order: np.ndarray | None = None  # None: file order
        self._filters: dict[str, np.ndarray] = {}
        self._rows: np.ndarray | None = None  # display row -> frame position; None: identity

    @property
    def row_count(self) -> int:
        return self.columns.row_count if self._rows is None else len(self._rows)

    def positions(self, start: int, stop: int) -> np.ndarray:
        """Frame positions of display rows ``start:stop``."""
        stop = min(stop, self.row_count)
        if self._rows is None:
            return np.arange(start, stop, dtype=np.int64)
        return self._rows[start:stop]

    def values(self, column: int, start: int, stop: int) -> list[Any]:
        """The values of display rows ``start:stop`` in ``column`` (None when missing)."""
        return self.columns.values(column, self.positions(start, stop))

    def set_order(self, order: np.ndarray | None, column: int | None = None, ascending: bool = True) -> None:
        """Show rows in ``order`` (from :func:`sort_order`), or in file order when None."""
        self._order, self.sort_column, self.ascending = order, column, ascending
        self._rebuild()

    def set_filter(self, name: str, positions: np.ndarray | None) -> None:
        """Keep only frame ``positions`` for the filter ``name``; None removes that filter."""
        if positions is None:
            self._filters.pop(name, None)
        else:
            self._filters[name] = np.asarray(positions, dtype=np.int64)
        self._rebuild()

    def filter(self, name: str) -> np.ndarray | None:
        return self._filters.get(name)

    def display_row(self, position: int) -> int | None:
        """The display row showing frame ``position``, or None when it is filtered out."""
        row = int(self.display_rows([position])[0])
        return row if row >= 0 else None

    def display_rows(self, positions: Sequence[int]) -> np.ndarray:
        """The display rows showing frame ``positions`` (-1 where filtered out), in one pass."""
        wanted = np.asarray(positions, dtype=np.int64)
        if self._rows is None:
            return np.where((wanted >= 0) & (wanted < self.row_count), wanted, -1)
        where = np.full(self.columns.row_count, -1, dtype=np.int64)
        where[self._rows] = np.arange(len(self._rows))
        return where[wanted]

    def _rebuild(self) -> None:
        if not self._filters:
            self._rows = self._order
            return
        keep = np.ones(self.columns.row_count, dtype=bool)
        for positions in self._filters.values():
            chosen = np.zeros(self.columns.row_count, dtype=bool)
            chosen[positions] = True
            keep &= chosen
        self._rows = np.flatnonzero(keep) if self._order is None else self._order[keep[self._order]]
