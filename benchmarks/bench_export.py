"""Export at scale (issue 5).

1. 1,000,000 customers in 10 segments, one CSV per segment (preset ``excel_csv``: every imported column plus
   the segment, UTF-8 with a BOM, dates formatted, the formula guard on every text column, exclusions and
   duplicates decided, files staged and renamed together, SHA-256 logged), against Arrow's CSV writer writing
   the same rows of the same columns, unformatted and unguarded, into 10 files. Target: within 1.5x.
2. One 100,000-row XLSX workbook (preset ``excel``, target ``workbook``: a summary sheet and a sheet per
   segment), against the fastest plain writer measured in the same run on the same rows: xlsxwriter in
   constant-memory mode (``write_row``) and openpyxl in write-only mode. Target: within 1.5x.

Figures are medians of ``--runs`` runs (default 3), segdesk and the baselines alternating so that a noisy
neighbour hits both. Run: ``python benchmarks/bench_export.py [--customers 1000000] [--xlsx-rows 100000]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core"))
from rule_tables import table_of  # noqa: E402

from segdesk.core.export.model import ExportSettings, Target  # noqa: E402
from segdesk.core.export.run import ExportPlan, export, plan_export  # noqa: E402
from segdesk.core.io.normalize import normalize_emails, normalize_phones  # noqa: E402
from segdesk.core.io.table import ColumnType, ImportedTable, Role  # noqa: E402
from segdesk.core.rules.data import RuleData  # noqa: E402
from segdesk.core.rules.model import Combinator, Condition, Group, Operator  # noqa: E402
from segdesk.core.segments.assign import SegmentResult, assign  # noqa: E402
from segdesk.core.segments.model import Segment, SegmentSet  # noqa: E402

AS_OF = dt.date(2025, 6, 1)
CITIES = ["Москва", "Санкт-Петербург", "Казань", "Пермь", "Новосибирск", "Екатеринбург", "Самара", "Омск",
          "Уфа", "Воронеж"]
NAMES = ["Анна", "Мария", "Иван", "=Пётр", "Ольга", "Сергей", "+Елена", "Алексей", "Наталья", "-Дмитрий"]
TYPES = {"id": ColumnType.TEXT, "name": ColumnType.TEXT, "email": ColumnType.TEXT, "phone": ColumnType.TEXT,
         "city": ColumnType.TEXT, "spent": ColumnType.NUMBER, "orders": ColumnType.INTEGER,
         "last_purchase": ColumnType.DATE, "consent": ColumnType.BOOLEAN}
ROLES = {"id": Role.CUSTOMER_ID, "name": Role.FULL_NAME, "email": Role.EMAIL, "phone": Role.PHONE,
         "city": Role.CITY, "spent": Role.TOTAL_SPENT, "orders": Role.ORDERS_COUNT,
         "last_purchase": Role.LAST_PURCHASE_DATE, "consent": Role.EMAIL_CONSENT}


def make_customers(n: int, seed: int = 5) -> ImportedTable:
    rng = np.random.default_rng(seed)
    # unique addresses but for about 1 % repeats (the duplicates an export drops)
    owner = np.where(rng.random(n) < 0.01, rng.integers(0, n, n), np.arange(n))
    email = np.char.add(np.char.add("User", owner.astype("U7")), "@Example.ru").astype(object)
    email[rng.random(n) < 0.05] = None
    phone = np.char.add("+7 916 ", rng.integers(1_000_000, 9_999_999, n).astype("U7")).astype(object)
    frame = pd.DataFrame({
        "id": pd.array(np.char.zfill(np.arange(n).astype("U7"), 7), dtype="str"),
        "name": pd.array(np.array(NAMES, dtype=object)[rng.integers(0, 10, n)], dtype="str"),
        "email": pd.array(email, dtype="str"), "phone": pd.array(phone, dtype="str"),
        "city": pd.array(np.array(CITIES, dtype=object)[rng.integers(0, 10, n)], dtype="str"),
        "spent": np.round(rng.gamma(2.0, 9000.0, n), 2), "orders": pd.array(rng.integers(0, 40, n), dtype="Int64"),
        "last_purchase": pd.Timestamp("2022-01-01") + pd.to_timedelta(rng.integers(0, 1200, n), unit="D"),
        "consent": pd.array(rng.random(n) < 0.8, dtype="boolean"),
    })
    table = table_of(frame, TYPES, ROLES)
    emails, valid = normalize_emails(frame["email"])
    phones, phone_valid = normalize_phones(frame["phone"])
    table.derived = pd.DataFrame({"email": emails, "email_valid": valid, "phone_e164": phones,
                                  "phone_valid": phone_valid})
    return table


def segments_of(table: ImportedTable) -> tuple[SegmentSet, SegmentResult]:
    segments = SegmentSet(tuple(Segment(c, Group(Combinator.AND, False, (Condition("city", Operator.EQ, c),)))
                                for c in CITIES), holdout=10, seed=1)
    return segments, assign(segments, RuleData(table, AS_OF, None))


def arrow_baseline(table: ImportedTable, plan: ExportPlan, folder: Path) -> None:
    """Arrow's CSV writer on the same rows: the frame as Arrow, each file's rows taken and written."""
    whole = pa.Table.from_pandas(table.frame, preserve_index=False)
    for i, item in enumerate(plan.lists):
        pa_csv.write_csv(whole.take(pa.array(item.rows)), str(folder / f"{i}.csv"))
        pa_csv.write_csv(whole.take(pa.array(item.control)), str(folder / f"{i} (control).csv"))


def xlsxwriter_baseline(rows: list[tuple], headers: list[str], path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "default_date_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("data")
    sheet.write_row(0, 0, headers)
    for r, row in enumerate(rows, start=1):
        sheet.write_row(r, 0, row)
    book.close()


def openpyxl_baseline(rows: list[tuple], headers: list[str], path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)


def timed(fn: Callable[[Path], object], root: Path, name: str) -> float:
    """Seconds ``fn`` takes to write into an emptied folder (emptying it is not timed)."""
    folder = root / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    gc.collect()
    start = time.perf_counter()
    fn(folder)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="segdesk-bench-export-"))
    try:
        bench_csv(args.customers, args.runs, root)
        bench_xlsx(args.xlsx_rows, args.runs, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def bench_csv(n: int, runs: int, root: Path) -> None:
    table = make_customers(n)
    segments, result = segments_of(table)
    settings = ExportSettings(preset="excel_csv")
    ours, plans, base = [], [], []
    plan = plan_export(table, segments, result, settings)
    for _ in range(runs):
        base.append(timed(lambda f: arrow_baseline(table, plan, f), root, "arrow"))
        plans.append(timed(lambda f: plan_export(table, segments, result, settings), root, "plan"))
        ours.append(timed(lambda f: export(f, table, plan, AS_OF), root, "ours"))
    written = sum(len(p.rows) + len(p.control) for p in plan.lists)
    b, o, p = statistics.median(base), statistics.median(ours), statistics.median(plans)
    print(f"CSV, {n:,} customers in {len(CITIES)} segments ({written:,} rows written, medians of {runs}):")
    print(f"  pyarrow write_csv, same rows, unformatted   {b:7.2f} s")
    print(f"  segdesk export (format, guard, write, log)  {o:7.2f} s   {o / b:5.2f}x  (target <= 1.5x)")
    print(f"  segdesk plan (exclusions, duplicates)       {p:7.2f} s   plan + export {(p + o) / b:5.2f}x")


def bench_xlsx(n: int, runs: int, root: Path) -> None:
    table = make_customers(n, seed=7)
    segments, result = segments_of(table)
    settings = ExportSettings(preset="excel", target=Target.WORKBOOK, control_file=False,
                              exclude_no_consent=False, exclude_invalid_email=False, exclude_duplicates=False)
    plan = plan_export(table, segments, result, settings)
    rows_order = np.concatenate([p.rows for p in plan.lists])
    frame = table.frame.iloc[rows_order]
    headers = [*frame.columns, "segment"]
    names = np.array(CITIES, dtype=object)[result.assigned[rows_order]]
    columns = [frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in frame.columns]
    columns = [[v.to_pydatetime() if isinstance(v, pd.Timestamp) else v for v in c] for c in columns]
    rows = list(zip(*columns, names.tolist(), strict=True))
    ours, xw, op = [], [], []
    for _ in range(runs):
        xw.append(timed(lambda f: xlsxwriter_baseline(rows, headers, f / "plain.xlsx"), root, "xw"))
        op.append(timed(lambda f: openpyxl_baseline(rows, headers, f / "plain.xlsx"), root, "op"))
        ours.append(timed(lambda f: export(f, table, plan, AS_OF), root, "ours"))
    x, w, o = statistics.median(xw), statistics.median(op), statistics.median(ours)
    fastest = min(x, w)
    print(f"XLSX workbook, {len(rows):,} rows x {len(headers)} columns (medians of {runs}):")
    print(f"  xlsxwriter constant_memory write_row        {x:7.2f} s")
    print(f"  openpyxl write-only append                  {w:7.2f} s")
    print(f"  segdesk workbook (summary + 10 sheets)      {o:7.2f} s   {o / fastest:5.2f}x the fastest "
          f"(target <= 1.5x)")


if __name__ == "__main__":
    main()
