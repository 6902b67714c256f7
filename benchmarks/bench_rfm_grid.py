"""How the RFM grid repaints with a million scored customers.

The grid paints from core's list of cells (at most 25), prepared once per result, so a repaint should cost the
same as for a handful of customers. Measured offscreen with ``grab()``, against grabbing an empty QWidget of the
same size (the cost of the grab itself). Also printed, for context: scoring, summing up the report, handing it
to the grid, and re-scoring (bins 5 → 3).

Target: repaint < 100 ms. Run: ``python benchmarks/bench_rfm_grid.py [customers]``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from segdesk.core.rfm.analysis import RfmSettings, compute_rfm  # noqa: E402
from segdesk.core.rfm.purchases import SummaryColumns, to_day  # noqa: E402
from segdesk.ui.i18n import set_language  # noqa: E402
from segdesk.ui.rfm_grid import Colouring, RfmGrid  # noqa: E402
from segdesk.ui.rfm_labels import segment_name  # noqa: E402
from segdesk.ui.rfm_tasks import report_of, rescore  # noqa: E402

RUNS = 15
SIZE = (560, 460)


def build_source(customers: int, seed: int = 0) -> SummaryColumns:
    """A customer list with last purchase dates, orders counts and totals; a tenth never bought."""
    import datetime as dt

    rng = np.random.default_rng(seed)
    today = to_day(dt.date(2025, 6, 30))
    last = (today - rng.gamma(1.5, 200.0, customers)).astype(np.int32)
    orders = np.maximum(1, rng.geometric(0.35, customers)).astype(np.float64)
    spent = np.round(orders * rng.gamma(2.0, 2_500.0, customers), 2)
    never = rng.random(customers) < 0.1
    last[never] = np.iinfo(np.int32).min
    orders[never] = np.nan
    spent[never] = np.nan
    return SummaryColumns(last, orders, spent)


def median_ms(run: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(customers: int = 1_000_000) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    set_language("en")
    print(f"building {customers:,} customers …", flush=True)
    source = build_source(customers)
    figures: dict[str, float] = {}
    start = time.perf_counter()
    result = compute_rfm(source, RfmSettings())
    figures["score (compute_rfm)"] = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    report = report_of(source, result)
    figures["sum up (grid cells, summaries, ranges, groups)"] = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    rescore(report, RfmSettings(bins=3))
    figures["re-score to 3 bins, with its report"] = (time.perf_counter() - start) * 1000

    rfm_map = result.settings.rfm_map
    names = [segment_name(rfm_map, s.key) for s in rfm_map.segments]
    grid = RfmGrid()
    grid.resize(*SIZE)
    grid.show()
    empty = QWidget()
    empty.resize(*SIZE)
    empty.show()
    figures["hand the report to the grid (set_cells)"] = median_ms(
        lambda: grid.set_cells(report.cells, result.settings.bins, rfm_map, report.ranges, names))
    figures[f"repaint (grab), {customers:,} customers"] = median_ms(grid.grab)
    grid.set_colouring(Colouring.MONETARY)
    figures[f"repaint (grab), {customers:,} customers, coloured by spend"] = median_ms(grid.grab)
    figures["grab of an empty QWidget (baseline)"] = median_ms(empty.grab)
    width = max(len(k) for k in figures)
    for name, ms in figures.items():
        print(f"{name:<{width}}  {ms:9.2f} ms")
    grid.close()
    empty.close()
    del app


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
