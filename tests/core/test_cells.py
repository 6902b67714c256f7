"""The byte-level "maybe" checks must never say "no" where the exact Arrow kernel would change a cell."""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given
from hypothesis import strategies as st

from segdesk.core.io.cells import may_need_trim, rows_starting_with, string_buffers, take_rows
from segdesk.core.io.quality import _repeats

SPACES = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and chr(c).isspace()]


def _trim_changes(values: list[str | None]) -> bool:
    arr = pa.array(values, pa.string())
    return pc.utf8_trim_whitespace(arr).to_pylist() != values or "" in values


def test_every_whitespace_character_is_caught_at_either_end() -> None:
    for space in SPACES:
        for cell in (space + "Иван", "Иван" + space, space, "a" + space, space + "7"):
            assert may_need_trim(pa.array(["Мария", cell, "Olga"])), repr(cell)


def test_clean_columns_pass_without_a_trim() -> None:
    cyrillic = pa.array(["Иван", "Мария", "Нижний Новгород", None, "Ростов-на-Дону", "Ёлка"])
    assert not may_need_trim(cyrillic)
    assert not may_need_trim(pa.array(["8 (955) 658-52-57", "+79428562635", None, None]))
    assert not may_need_trim(pa.array([], pa.string()))
    assert not may_need_trim(pa.array([None, None], pa.string()))


def test_an_empty_string_that_is_not_missing_needs_cleaning() -> None:
    assert may_need_trim(pa.array(["a", "", "b"]))
    assert may_need_trim(pa.array(["a", None, ""]))


def test_slices_and_large_strings_are_read_at_their_offsets() -> None:
    arr = pa.array([" padded", "clean", "also clean ", "x"])
    assert not may_need_trim(arr.slice(1, 1))
    assert may_need_trim(arr.slice(1, 2))
    assert may_need_trim(arr.cast(pa.large_string()).slice(0, 1))
    offsets, data = string_buffers(arr.slice(1, 2))
    assert data.tobytes() == b"cleanalso clean "
    assert offsets.tolist() == [0, 5, 16]


@given(st.lists(st.one_of(st.none(), st.text(alphabet=st.sampled_from(
    ["a", "Я", "é", "7", "€", "©", "\u1000", "\u4e00", *SPACES]), max_size=6)), max_size=12))
def test_no_means_the_trim_would_change_nothing(values: list[str | None]) -> None:
    arr = pa.array(values, pa.string())
    if not may_need_trim(arr):
        assert not _trim_changes(values)


@given(st.lists(st.one_of(st.none(), st.text(alphabet="0+-19 a", max_size=20)), max_size=20))
def test_rows_starting_with_finds_every_such_row(values: list[str | None]) -> None:
    arr = pa.array(values, pa.string())
    found = set(rows_starting_with(arr, b"0+-", min_length=16).tolist())
    expected = {i for i, v in enumerate(values) if v and (v[0] in "0+-" or len(v.encode()) >= 16)}
    assert found == expected
    assert np.array_equal(rows_starting_with(arr, b"9"), [i for i, v in enumerate(values) if v and v[0] == "9"])


@given(st.lists(st.lists(st.one_of(st.none(), st.text(max_size=3)), max_size=5), min_size=1, max_size=5),
       st.data())
def test_take_rows_matches_arrow_take(chunks: list[list[str | None]], data: st.DataObject) -> None:
    values = pa.chunked_array([pa.array(c, pa.string()) for c in chunks], pa.string())
    rows = np.array(sorted(data.draw(st.sets(st.integers(0, max(len(values) - 1, 0)), max_size=len(values)))),
                    dtype=np.int64) if len(values) else np.empty(0, np.int64)
    assert take_rows(values, rows).to_pylist() == values.take(pa.array(rows, pa.int64())).to_pylist()


@given(st.lists(st.one_of(st.none(), st.sampled_from(["a@x.ru", "b@x.ru", "c@y.com", "a@x.ru "])), max_size=30))
def test_repeats_marks_every_row_of_a_shared_value(values: list[str | None]) -> None:
    expected = [v is not None and values.count(v) > 1 for v in values]
    assert _repeats(pd.Series(values, dtype="str")).tolist() == expected
