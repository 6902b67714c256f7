"""How the customer table behaves at a million rows.

Measures, as the user meets them on the Data page (offscreen, rendered with ``grab()``):
- opening: model construction + first paint, against the same over 1,000 rows;
- jumping to the last row;
- sorting by a text and by a numeric column (off the GUI thread, until the sorted rows are painted),
  against a plain ``DataFrame.sort_values`` on the same column;
- a quick search over every text column.

Targets: first paint < 150 ms, jump < 150 ms, sort < 0.5 s. Run: ``python benchmarks/bench_table.py [rows]``.
Every figure is the median of several runs; each sort run starts from a fresh table (no cached keys).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from segdesk.core.io.table import (  # noqa: E402
    ColumnInfo,
    ColumnType,
    Detected,
    FileFormat,
    ImportedTable,
    Role,
)
from segdesk.core.model.search import search_positions  # noqa: E402
from segdesk.core.model.view import TableColumns, sort_order  # noqa: E402
from segdesk.ui.data_page import DataPage  # noqa: E402
from segdesk.ui.i18n import set_language  # noqa: E402

RUNS = 5
_FIRST = ["Анна", "Мария", "Елена", "Ольга", "Иван", "Дмитрий", "Сергей", "Anna", "Marko", "Ivana", "John"]
_LAST = ["Иванова", "Петров", "Смирнова", "Кузнецов", "Попова", "Horvat", "Kovačić", "Novak", "Smith", "Brown"]
_CITIES = ["Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург", "Zagreb", "Split", "Rijeka"]


def build_table(rows: int, seed: int = 0) -> ImportedTable:
    """A customer list of ``rows`` rows and 15 columns of the types an import produces."""
    rng = np.random.default_rng(seed)
    day = np.datetime64("2015-01-01")
    first, last = rng.choice(_FIRST, rows), rng.choice(_LAST, rows)
    number = rng.integers(0, 10**7, rows).astype(str)
    frame = pd.DataFrame({
        "customer_id": pd.Series(np.char.zfill(np.arange(1, rows + 1).astype(str), 7), dtype="str"),
        "first_name": pd.Series(first, dtype="str"),
        "last_name": pd.Series(last, dtype="str"),
        "email": pd.Series(np.char.add(np.char.add(np.char.add("user", number), "@"),
                                       rng.choice(["mail.ru", "yandex.ru", "gmail.com"], rows)), dtype="str"),
        "phone": pd.Series(np.char.add("+7916", rng.integers(10**6, 10**7, rows).astype(str)), dtype="str"),
        "city": pd.Categorical(rng.choice(_CITIES, rows)),
        "country": pd.Categorical(rng.choice(["Россия", "Hrvatska", "Казахстан"], rows)),
        "gender": pd.Categorical(rng.choice(["ж", "м"], rows)),
        "birth_date": pd.Series(np.datetime64("1950-01-01") + rng.integers(0, 20_000, rows).astype("timedelta64[D]")),
        "signup_date": pd.Series(day + rng.integers(0, 3_000, rows).astype("timedelta64[D]")),
        "last_purchase": pd.Series(day + rng.integers(0, 3_300, rows).astype("timedelta64[D]")),
        "total_spent": np.round(rng.gamma(2.0, 9_000.0, rows), 2),
        "orders_count": pd.array(rng.integers(0, 60, rows), dtype="Int64"),
        "email_consent": pd.array(rng.random(rows) < 0.7, dtype="boolean"),
        "tags": pd.Series(rng.choice(["vip", "opt", "new", "b2b", ""], rows), dtype="str").replace("", None),
    })
    frame.loc[rng.integers(0, rows, rows // 50), "total_spent"] = np.nan
    types = [ColumnType.TEXT] * 5 + [ColumnType.CATEGORY] * 3 + [ColumnType.DATE] * 3 + [
        ColumnType.NUMBER, ColumnType.INTEGER, ColumnType.BOOLEAN, ColumnType.TEXT]
    roles = [Role.CUSTOMER_ID, Role.FIRST_NAME, Role.LAST_NAME, Role.EMAIL, Role.PHONE, Role.CITY, Role.COUNTRY,
             Role.GENDER, Role.BIRTH_DATE, Role.SIGNUP_DATE, Role.LAST_PURCHASE_DATE, Role.TOTAL_SPENT,
             Role.ORDERS_COUNT, Role.EMAIL_CONSENT, Role.TAGS]
    infos = [ColumnInfo(n, n, t, r, int(frame[n].isna().sum())) for n, t, r in zip(frame.columns, types, roles,
                                                                                     strict=True)]
    detected = Detected(FileFormat.CSV, "utf-8", ";", ",", " ", None, (), 1, None)
    return ImportedTable(Path("bench.csv"), detected, frame, infos, np.arange(2, rows + 2, dtype=np.int64), [])


def median_ms(run: Callable[[], float], runs: int = RUNS) -> float:
    return statistics.median(run() for _ in range(runs)) * 1000


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _wait(signal: object, timeout_ms: int = 30_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def first_paint(table: ImportedTable) -> float:
    page = DataPage()
    page.resize(1400, 900)
    page.show()
    page.grab()  # the empty page is up; measure what opening a table costs

    def open_table() -> None:
        page.set_data(table)
        page.grab()

    elapsed = _timed(open_table)
    page.close()
    return elapsed


def jump_to_end(page: DataPage) -> float:
    page.table_view.scrollToTop()
    page.grab()
    return _timed(lambda: (page.table_view.scrollToBottom(), page.grab()))


def sort_on_page(table: ImportedTable, column: str) -> float:
    """Header click to painted sorted rows, on a fresh table (nothing cached)."""
    page = DataPage()
    page.resize(1400, 900)
    page.show()
    page.set_data(ImportedTable(**{**table.__dict__}))
    page.grab()
    index = page.model.frame_view().columns.names.index(column)
    start = time.perf_counter()
    page.model.sort(index)
    _wait(page.model.sort_finished)
    page.grab()
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def main(rows: int = 1_000_000) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    set_language("en")
    print(f"building {rows:,} rows × 15 columns …", flush=True)
    big, small = build_table(rows), build_table(1_000)
    page = DataPage()
    page.resize(1400, 900)
    page.show()
    page.set_data(big)
    figures = {
        f"open + first paint, {rows:,} rows": median_ms(lambda: first_paint(big)),
        "open + first paint, 1,000 rows (baseline)": median_ms(lambda: first_paint(small)),
        "jump to last row": median_ms(lambda: jump_to_end(page)),
    }
    for column in ("last_name", "email", "total_spent", "signup_date", "city"):
        figures[f"sort by {column}: compute (core, cold)"] = median_ms(
            lambda c=column: _timed(lambda: sort_order(TableColumns(big.frame), big.frame.columns.get_loc(c))))
        figures[f"sort by {column}: header click to painted rows"] = median_ms(
            lambda c=column: sort_on_page(big, c), runs=3)
        figures[f"sort by {column}: DataFrame.sort_values (baseline)"] = median_ms(
            lambda c=column: _timed(lambda: big.frame[c].sort_values(kind="stable")))
    figures["quick search 'anna' over 8 text columns (cold)"] = median_ms(
        lambda: _timed(lambda: search_positions(TableColumns(big.frame), "anna")))
    warm = TableColumns(big.frame)
    search_positions(warm, "x")
    figures["quick search 'anna' over 8 text columns (warm)"] = median_ms(
        lambda: _timed(lambda: search_positions(warm, "anna")))
    page.close()
    width = max(len(k) for k in figures)
    for name, ms in figures.items():
        print(f"{name:<{width}}  {ms:9.1f} ms")
    del app


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
