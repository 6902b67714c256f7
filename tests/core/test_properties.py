"""Property-based tests: the input space of real exports is large, so let hypothesis explore it."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import numpy as np
import pyarrow as pa
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from segdesk.core.io import ImportOptions, dates, read_table
from segdesk.core.io.header import unique_names
from segdesk.core.io.numbers import parse_numbers
from segdesk.core.io.raw import _TOTALS
from segdesk.core.io.table import DateOrder

SEPARATORS = [(",", " "), (",", "\u00a0"), (",", "."), (".", ","), (".", "'"), (",", ""), (".", "")]


def _format(value: float, decimal: str, thousands: str) -> str:
    text = f"{abs(value):,.2f}".replace(",", "\x00").replace(".", decimal).replace("\x00", thousands)
    return ("-" if value < 0 else "") + text


@given(st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), min_size=1, max_size=30),
       st.sampled_from(SEPARATORS))
def test_numbers_written_any_local_way_parse_back(values, seps):
    decimal, thousands = seps
    cells = pa.chunked_array([pa.array([_format(v, decimal, thousands) for v in values])])
    parsed, ok = parse_numbers(cells, decimal, thousands)
    assert all(ok.to_pylist())
    for got, want in zip(parsed.to_pylist(), values, strict=True):
        assert abs(got - round(want, 2)) < 1e-6 * max(1.0, abs(want))


@given(st.lists(st.text(max_size=8), max_size=12))
def test_header_names_are_unique_and_never_empty(raw):
    names, _ = unique_names(raw)
    assert len(names) == len(raw)
    assert len({n.casefold() for n in names}) == len(names)
    assert all(n.strip() for n in names)


_CELL = st.text(alphabet=st.characters(codec="cp1251", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=1, max_size=15),
       delimiter=st.sampled_from([",", ";", "\t", "|"]), encoding=st.sampled_from(["utf-8", "cp1251", "utf-8-sig"]))
def test_any_text_table_round_trips(tmp_path_factory, rows, delimiter, encoding):
    """Whatever the cells (quotes, delimiters, Cyrillic), what a csv writer wrote is what we read back as text."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["first", "second", "third"])
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("rt") / "t.csv"
    path.write_bytes(buf.getvalue().encode(encoding))
    expected = [[c.strip() or None for c in r] for r in rows if any(c.strip() for c in r)]
    assume(expected)
    # A last row labelled "Итого"/"Total" is a totals row and is dropped on purpose (tested elsewhere).
    assume(not any(_TOTALS.match(c) for c in expected[-1] if c))
    # So are lines of words below a table of three rows or more: notes, footers (tested elsewhere).
    assume(len(expected) < 3 or not (sum(c is not None for c in expected[-1]) <= 2
                                     and any(ch.isalpha() for c in expected[-1] if c for ch in c)))
    all_text = {n: "text" for n in ("first", "second", "third")}
    t = read_table(path, ImportOptions(delimiter=delimiter, encoding=encoding, header_row=1,
                                       column_types=all_text))
    got = [[None if v is None or v != v else v for v in row] for row in t.frame.astype(object).values.tolist()]
    assert got == expected


def test_the_core_never_imports_qt():
    code = ("import sys, segdesk.core.io, segdesk.core.model.orders, segdesk.core.model.dedupe, segdesk.cli_inspect;"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')];"
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _alphabet(encoding: str) -> str:
    return bytes(b for b in range(1, 256) if len(bytes([b]).decode(encoding, errors="ignore"))).decode(
        encoding, errors="ignore")


_CODE_PAGES = {enc: _alphabet(enc) for enc in ("cp1251", "cp1252", "cp1250", "koi8-r", "cp866")}


@given(st.sampled_from(sorted(_CODE_PAGES)).flatmap(
    lambda enc: st.tuples(st.just(enc), st.lists(st.one_of(st.none(), st.text(alphabet=_CODE_PAGES[enc],
                                                                              max_size=20)), max_size=30))))
def test_code_page_cells_transcode_like_python(case):
    """Cells parsed as bytes and transcoded by the table say exactly what Python's codec says."""
    from segdesk.core.io.codepage import transcode

    encoding, cells = case
    raw = pa.chunked_array([pa.array([c.encode(encoding) if c is not None else None for c in cells], pa.binary())],
                           pa.binary())
    assert transcode(raw, encoding).to_pylist() == cells


_DATE_CELLS = st.one_of(
    st.builds(lambda y, m, d, a, b: f"{y:04d}{a}{m:02d}{b}{d:02d}", st.integers(0, 9999), st.integers(0, 14),
              st.integers(0, 32), st.sampled_from("-/."), st.sampled_from("-/.")),
    st.builds(lambda y, m, d, a: f"{d:02d}{a}{m:02d}{a}{y:04d}", st.integers(0, 9999), st.integers(0, 14),
              st.integers(0, 32), st.sampled_from("-/.")),
    st.builds(lambda y, m, d: f"{y:04d}{m:02d}{d:02d}", st.integers(0, 9999), st.integers(0, 14),
              st.integers(0, 32)),
    st.text(alphabet="0123456789-./ :", min_size=6, max_size=12), st.none())


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATE_CELLS, max_size=20), st.sampled_from(dates.LAYOUTS),
       st.sampled_from([DateOrder.DMY, DateOrder.MDY]))
def test_dates_read_from_their_bytes_agree_with_pandas(cells, layout, order):
    """The byte-level reading of full-width dates only ever gives pandas' own answer: in the column's
    layout, and for the cells that missed it and are written ISO, in ISO."""
    order = DateOrder.YMD if layout.year_first else order  # as the importer pairs them
    values = pa.chunked_array([pa.array(cells[:7], pa.string()), pa.array(cells[7:], pa.string())])
    expected = dates._parse_distinct(pa.array(cells, pa.string()), layout, order) if cells else np.array([])
    iso = dates.LAYOUTS[0]
    if layout != iso and cells:
        as_iso = dates._parse_distinct(pa.array(cells, pa.string()), iso, DateOrder.YMD)
        written_iso = np.array([c is not None and re.fullmatch(iso.pattern.strip("^$"), c) is not None for c in cells])
        expected = np.where(np.isnat(expected) & written_iso, as_iso, expected)
    got = dates.parse_dates(values, layout, order).to_numpy(dtype="datetime64[us]")
    assert [str(v) for v in got] == [str(v) for v in expected]


_LINE_CELLS = st.lists(st.sampled_from(["", "a", "Пётр", " x ", "1,5", "b c"]), min_size=0, max_size=7)


@given(st.lists(_LINE_CELLS, max_size=40), st.sampled_from([";", ",", "\t"]), st.sampled_from(["\n", "\r\n"]),
       st.booleans(), st.integers(1, 6), st.integers(1, 200))
def test_ragged_rows_are_sorted_out_alike_by_counting_and_by_the_csv_module(lines, delimiter, newline, last_newline,
                                                                           ncols, part_size):
    """The numpy road for files without quotes finds what the csv module finds, however the body is cut."""
    from segdesk.core.io.ragged import RowShape, _sort_out_quoted, _sort_out_unquoted

    text = newline.join(delimiter.join(c for c in cells if delimiter not in c) for cells in lines)
    body = (text + (newline if last_newline and lines else "")).encode("utf-8")
    for quoted in (True, False):
        shape = RowShape(delimiter, quoted, ncols, 7)
        assert _sort_out_unquoted(body, shape, part_size) == _sort_out_quoted(body, shape)
