"""segdesk.core.model.view: sorting, searching and filtering the rows a table shows (no Qt here)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from segdesk.core.model.search import PhoneDigits, search_positions
from segdesk.core.model.view import (
    FrameView,
    TableColumns,
    ValueKind,
    number_decimals,
    order_by_key,
    positions_of_source_rows,
    sort_order,
)


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "name": pd.Series(["bob", "Anna", None, "anna", "Carl"], dtype="str"),
        "spent": [10.5, None, 3.0, 10.5, 7.25],
        "orders": pd.Series([2, None, 5, 2, 1], dtype="Int64"),
        "signup": pd.to_datetime(["2021-05-20", None, "2020-01-01", "2021-05-20", "2019-12-31"]),
        "city": pd.Categorical(["Zagreb", "moscow", "Moscow", None, "Berlin"]),
        "consent": pd.array([True, None, False, True, False], dtype="boolean"),
    })


@pytest.fixture
def columns(frame: pd.DataFrame) -> TableColumns:
    return TableColumns(frame)


def test_kinds_follow_the_dtypes(columns: TableColumns) -> None:
    assert columns.kinds == [ValueKind.TEXT, ValueKind.NUMBER, ValueKind.INTEGER, ValueKind.DATETIME,
                             ValueKind.TEXT, ValueKind.BOOLEAN]
    assert columns.kind(3) == ValueKind.DATE  # all at midnight


def test_a_datetime_with_a_time_stays_a_datetime() -> None:
    cols = TableColumns(pd.DataFrame({"t": pd.to_datetime(["2021-05-20 10:30", None])}))
    assert cols.kind(0) == ValueKind.DATETIME


def test_values_are_plain_python_with_none_for_missing(columns: TableColumns) -> None:
    positions = np.array([2, 0])
    assert columns.values(0, positions) == [None, "bob"]
    assert columns.values(1, positions) == [3.0, 10.5]
    assert columns.values(2, positions) == [5, 2]
    assert columns.values(3, positions) == [dt.datetime(2020, 1, 1), dt.datetime(2021, 5, 20)]
    assert columns.values(4, positions) == ["Moscow", "Zagreb"]
    assert columns.values(5, np.array([1, 0])) == [None, True]


@pytest.mark.parametrize("column", range(6))
@pytest.mark.parametrize("ascending", [True, False])
def test_sort_is_stable_with_missing_last(frame: pd.DataFrame, columns: TableColumns, column: int,
                                          ascending: bool) -> None:
    order = sort_order(columns, column, ascending)
    series = frame.iloc[:, column]
    if columns.kinds[column] == ValueKind.TEXT:
        series = series.astype("str").str.lower()  # text compares ignoring case
    expected = series.sort_values(ascending=ascending, kind="stable", na_position="last").index.to_numpy()
    assert order.tolist() == expected.tolist()


def test_text_sort_ignores_case_and_keeps_file_order_for_ties(columns: TableColumns) -> None:
    assert sort_order(columns, 0).tolist() == [1, 3, 0, 4, 2]  # Anna, anna, bob, Carl, missing
    assert sort_order(columns, 0, ascending=False).tolist() == [4, 0, 1, 3, 2]


def test_categories_sort_by_their_labels(columns: TableColumns) -> None:
    assert sort_order(columns, 4).tolist() == [4, 1, 2, 0, 3]


def test_order_by_key_descending_keeps_ties_in_file_order() -> None:
    key = np.array([1, 2, 1, 2])
    missing = np.array([False, False, False, True])
    assert order_by_key(key, missing, ascending=False).tolist() == [1, 0, 2, 3]


@pytest.mark.parametrize("ascending", [True, False])
def test_big_text_columns_sort_like_pandas(ascending: bool) -> None:
    """Past 200,000 rows text is sorted in parts side by side (or as codes): same result as one stable sort."""
    rng = np.random.default_rng(1)
    n = 250_000
    words = np.array(["anna", "Boris", "ivan", "Olga", "Маша", "ёжик", "ann", ""])
    unique = pd.Series(np.char.add(rng.choice(words, n), rng.integers(0, 10**6, n).astype(str)), dtype="str")
    unique[rng.integers(0, n, 500)] = None
    few = pd.Series(rng.choice(words, n), dtype="str")
    cols = TableColumns(pd.DataFrame({"unique": unique, "few": few}))
    for column, series in enumerate((unique, few)):
        folded = series.str.lower().str.replace("ё", "е")
        expected = folded.sort_values(ascending=ascending, kind="stable").index.to_numpy()
        assert np.array_equal(sort_order(cols, column, ascending), expected)


def test_search_is_case_insensitive_over_text_and_category_columns(columns: TableColumns) -> None:
    assert search_positions(columns, "ANN").tolist() == [1, 3]
    assert search_positions(columns, "moscow").tolist() == [1, 2]
    assert search_positions(columns, "10.5").tolist() == [0, 3]  # an amount, by its value
    assert search_positions(columns, "10,50").tolist() == [0, 3]  # as a Russian locale shows it
    assert search_positions(columns, "7.2").tolist() == []  # 7.25 is shown as 7.25
    assert search_positions(columns, "  ") is None


def test_search_words_are_found_apart_and_without_diacritics() -> None:
    frame = pd.DataFrame({
        "first": pd.Series(["Ivan", "Ivan", "Ana", "Иван", None], dtype="str"),
        "last": pd.Series(["Horvat", "Šimić", "Đurđević", "Йошкин", "Müller"], dtype="str"),
        "city": pd.Series(["Zagreb", "Čakovec", "Split", "Москва", "Zagreb"]).astype("category"),
    })
    columns = TableColumns(frame)
    assert search_positions(columns, "ivan horvat").tolist() == [0]  # first and last name, two columns
    assert search_positions(columns, "  horvat   ivan ").tolist() == [0]  # any order, any spacing
    assert search_positions(columns, "ivan zagreb").tolist() == [0]  # a word of a category column
    assert search_positions(columns, "simic").tolist() == [1]
    assert search_positions(columns, "cakovec").tolist() == [1]  # category labels too
    assert search_positions(columns, "durdevic").tolist() == [2]  # đ has no mark to take off: spelt d
    assert search_positions(columns, "djurdjevic").tolist() == [2]  # or dj
    assert search_positions(columns, "muller").tolist() == [4]
    assert search_positions(columns, "šimić").tolist() == [1]
    assert search_positions(columns, "šimic").tolist() == []  # a needle with diacritics means them
    assert search_positions(columns, "иошкин").tolist() == []  # й is not и to a Russian reader
    assert search_positions(columns, "иван москва").tolist() == [3]


def test_a_name_with_an_amount_or_a_phone_typed_with_spaces() -> None:
    frame = pd.DataFrame({"name": pd.Series(["Anna", "Anna", "Boris"], dtype="str"),
                          "spent": [4984.57, 12.0, 4984.57],
                          "phone": pd.Series(["+7 912 345-67-89", "+7 903 111-22-33", "+7 912 345-67-89"],
                                             dtype="str")})
    columns = TableColumns(frame)
    phones = PhoneDigits(pd.Series(["+79123456789", "+79031112233", "+79123456789"], dtype="str"), "RU")
    assert search_positions(columns, "anna 4 984,57", phones).tolist() == [0]
    assert search_positions(columns, "anna 8 912 345 67 89", phones).tolist() == [0]
    assert search_positions(columns, "boris 912 345", phones).tolist() == [2]


def test_dates_and_yes_no_are_found_as_the_table_shows_them() -> None:
    frame = pd.DataFrame({"name": pd.Series(["a", "b", "c"], dtype="str"),
                          "last": pd.to_datetime(["2021-03-15", "2021-03-16 10:00", None], format="mixed"),
                          "consent": pd.array([True, False, None], dtype="boolean")})
    columns = TableColumns(frame)
    phones = PhoneDigits(pd.Series(["+71503202100", None, None], dtype="str"), "RU")
    assert search_positions(columns, "15.03.2021", phones).tolist() == [0]  # a date, not a phone's digits
    assert search_positions(columns, "2021-03-16").tolist() == [1]  # any time of that day
    assert search_positions(columns, "3/15/2021").tolist() == [0]
    assert search_positions(columns, "31.02.2021").tolist() == []
    assert search_positions(columns, "Да").tolist() == [0]
    assert search_positions(columns, "no").tolist() == [1]


def test_a_date_time_is_found_as_the_table_shows_it() -> None:
    when = pd.to_datetime(["2023-01-05 08:30:15", "2023-01-05 09:00:00", "2023-05-01 08:30:00"])
    columns = TableColumns(pd.DataFrame({"created": when}))
    assert search_positions(columns, "05.01.2023 08:30").tolist() == [0]  # to the minute shown
    assert search_positions(columns, "1/5/2023 08:30").tolist() == [0, 2]  # January 5 or May 1
    assert search_positions(columns, "2023-01-05 09:00").tolist() == [1]
    assert search_positions(columns, "05.01.2023 25:00").tolist() == []


def test_a_date_search_over_a_time_zone_column_reads_its_wall_time() -> None:
    stamps = pd.Series(pd.to_datetime(["2021-03-15 23:30", "2021-03-16 00:30"]).tz_localize("Europe/Moscow"))
    columns = TableColumns(pd.DataFrame({"when": stamps}))
    assert search_positions(columns, "15.03.2021").tolist() == [0]


def test_an_amount_copied_with_its_currency_is_found() -> None:
    columns = TableColumns(pd.DataFrame({"spent": [1234.56, 12.5, 1200.0]}))
    assert search_positions(columns, "$1,234.56").tolist() == [0]
    assert search_positions(columns, "1 234,56 руб.").tolist() == [0]
    assert search_positions(columns, "€12.50").tolist() == [1]


def test_whole_numbers_find_integer_and_number_columns(columns: TableColumns) -> None:
    assert search_positions(columns, "5").tolist() == [0, 2, 3, 4]  # orders 5; 10.5 twice; 7.25
    assert search_positions(columns, "3").tolist() == [2]  # 3.0 is shown as 3, not 3.0
    assert search_positions(columns, "7").tolist() == [4]  # 7.25


def test_phones_are_found_however_they_are_typed() -> None:
    frame = pd.DataFrame({"phone": pd.Series(["+7 (912) 345-67-89", "8 912 345 67 89", "89161112233", None],
                                             dtype="str")})
    e164 = pd.Series(["+79123456789", "+79123456789", "+79161112233", None], dtype="str")
    columns, phones = TableColumns(frame), PhoneDigits(e164, "RU")
    for typed in ("+79123456789", "8 912 345-67-89", "89123456789", "9123456789", "912 345", "8 912 345"):
        assert search_positions(columns, typed, phones).tolist() == [0, 1], typed
    assert search_positions(columns, "1112233", phones).tolist() == [2]
    assert search_positions(columns, "89123456789").tolist() == []  # without the phones only the text counts


def test_an_amount_with_cents_is_no_phone_number() -> None:
    frame = pd.DataFrame({"spent": [4984.57, 10.0], "phone": pd.Series(["+7 916 849-84-57", None], dtype="str")})
    phones = PhoneDigits(pd.Series(["+79168498457", None], dtype="str"), "RU")
    assert search_positions(TableColumns(frame), "4984.57", phones).tolist() == [0]
    assert search_positions(TableColumns(frame), "4 984,57", phones).tolist() == [0]
    frame.loc[0, "spent"] = 1.0
    assert search_positions(TableColumns(frame), "4984.57", phones).tolist() == []  # not the phone's 849-84-57


def test_an_empty_category_column_sorts_and_searches() -> None:
    cols = TableColumns(pd.DataFrame({"c": pd.Categorical([None, None])}))
    assert sort_order(cols, 0).tolist() == [0, 1]
    assert search_positions(cols, "x").tolist() == []


def test_filters_combine_and_follow_the_sort(columns: TableColumns) -> None:
    view = FrameView(columns)
    assert view.row_count == 5
    view.set_order(sort_order(columns, 1), column=1)
    assert view.positions(0, 5).tolist() == [2, 4, 0, 3, 1]
    view.set_filter("search", np.array([0, 1, 3]))
    view.set_filter("quality", np.array([3, 1, 4]))
    assert view.positions(0, 10).tolist() == [3, 1]
    assert view.values(0, 0, 2) == ["anna", "Anna"]
    assert view.display_row(1) == 1 and view.display_row(0) is None
    view.set_filter("quality", None)
    assert view.positions(0, 10).tolist() == [0, 3, 1]
    view.set_order(None)
    assert view.positions(0, 10).tolist() == [0, 1, 3]


def test_source_rows_map_to_frame_positions() -> None:
    source_rows = np.array([3, 4, 6, 7], dtype=np.int64)  # row 5 was skipped at import
    assert positions_of_source_rows(source_rows, [7, 5, 3]).tolist() == [0, 3]


@pytest.mark.parametrize(("values", "decimals"), [([1.0, 2.0, np.nan], 0), ([1.5, 2.0], 1), ([12.34, 1.0], 2),
                                                  ([1 / 3], 4), ([], 0)])
def test_number_decimals_shows_every_value(values: list[float], decimals: int) -> None:
    assert number_decimals(np.array(values, dtype=float)) == decimals


def test_the_view_module_does_not_import_qt() -> None:
    code = "import sys, segdesk.core.model.view; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_search_and_sort_treat_yo_as_ye() -> None:
    frame = pd.DataFrame({"name": pd.Series(["Фёдорова", "Федоров", "Яковлев", "Ёлкин"], dtype="str")})
    columns = TableColumns(frame)
    assert search_positions(columns, "федоров").tolist() == [0, 1]
    assert search_positions(columns, "ЁЛКИН").tolist() == [3]
    order = sort_order(columns, 0, ascending=True)
    assert [frame["name"][i] for i in order] == ["Ёлкин", "Федоров", "Фёдорова", "Яковлев"]
