"""Time segdesk's import engine (``read_table``) against bare readers measured in the same run.

Run:  .venv/bin/python benchmarks/bench_import.py [--runs 3] [--cases 1,2,3,4,5] [--cache /tmp/segdesk-bench]
                                                  [--rows 1000000] [--xlsx-rows 100000] [--slow] [--regen]

Cases (timings are the median of --runs; within a run the candidates take turns, so a noisy neighbour
slows them alike; every candidate is warmed up once on a 2,000-row copy of its file first):

1. a 1M-row customer CSV (UTF-8, ',', ISO dates, decimal point). Baselines: pandas.read_csv with
   engine="pyarrow" and engine="c", pyarrow.csv.read_csv; the fastest is THE baseline.
   Target: read_table within 2.5x of it. For context, the C engine with object strings (how pandas 2 read
   text; pandas 3 reads it into Arrow strings, several times faster) is timed once.
2. the same rows as cp1251, ';', decimal comma, dd.mm.yyyy dates. Baseline: pandas.read_csv(sep=";",
   decimal=",", encoding="cp1251") and pd.to_datetime(format="%d.%m.%Y") on the three date columns.
   Target: read_table at least 3x faster.
3. a 100k-row xlsx (real date and number cells). Baseline: fastexcel load_sheet(0).to_arrow().
   Target: read_table within 1.5x. pandas.read_excel(engine="calamine") is timed once for context,
   and engine="openpyxl" too with --slow.
4. peak RSS (getrusage(RUSAGE_CHILDREN).ru_maxrss) of a fresh ``python -c`` running read_table on the
   case-1 CSV, minus that of one that only does the imports, as a multiple of the CSV's size. Target: < 4x.
5. the case-1 CSV with 2% of its rows leaving their last three cells off (as many exports do): the rows
   Arrow rejects are found and put back. Baseline: read_table on the case-1 CSV. Target: within 3x.
   pd.read_csv(engine="c"), which pads short rows too, is timed once for context.

The files are generated with vectorised numpy/Arrow code into --cache and reused when present (--regen
rebuilds them). The exit status is 0 even when a target fails: this measures, it does not test.
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import fastexcel
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import xlsxwriter

from segdesk.core.io import ImportedTable, ImportOptions, read_table

SMALL_ROWS = 2_000
COLUMNS = ("customer_id", "customer_code", "first_name", "last_name", "email", "phone", "city", "country",
           "gender", "birth_date", "signup_date", "last_purchase_date", "total_spent", "orders_count",
           "email_consent")
DATE_COLUMNS = ("birth_date", "signup_date", "last_purchase_date")
FIRST_NAMES = ("Иван", "Мария", "Алексей", "Ольга", "Дмитрий", "Елена", "Сергей", "Анна", "Андрей", "Наталья",
               "Ivan", "Maria", "Alexey", "Olga", "Dmitry", "Elena", "Sergey", "Anna", "Nikolai", "Tatiana")
LAST_NAMES = ("Иванов", "Петрова", "Смирнов", "Кузнецова", "Попов", "Соколова", "Лебедев", "Козлова", "Новиков",
              "Морозова", "Ivanov", "Petrova", "Smirnov", "Kuznetsova", "Popov", "Sokolova", "Lebedev", "Kozlova",
              "Volkov", "Pavlova")
MAIL_NAMES = ("ivan", "maria", "alexey", "olga.k", "dmitry", "elena_s", "sergey", "anna-p", "petrov", "smirnova")
DOMAINS = ("mail.ru", "yandex.ru", "gmail.com", "bk.ru", "inbox.ru", "list.ru", "rambler.ru", "ya.ru")
CITIES = ("Москва", "Санкт-Петербург", "Новосибирск", "Екатеринбург", "Казань", "Нижний Новгород", "Челябинск",
          "Самара", "Омск", "Ростов-на-Дону", "Уфа", "Красноярск", "Воронеж", "Пермь", "Волгоград", "Краснодар",
          "Саратов", "Тюмень", "Тольятти", "Ижевск", "Барнаул", "Ульяновск", "Иркутск", "Хабаровск", "Ярославль",
          "Владивосток", "Махачкала", "Томск", "Оренбург", "Кемерово", "Новокузнецк", "Рязань", "Астрахань",
          "Пенза", "Липецк", "Киров", "Чебоксары", "Тула", "Калининград", "Курск")


# ---------------------------------------------------------------------------------------------------------
# Test data: typed columns first, then written out per case


def _pick(rng: np.random.Generator, pool: tuple[str, ...], n: int, p: list[float] | None = None) -> pa.Array:
    return pa.array(pool, pa.string()).take(pa.array(rng.choice(len(pool), size=n, p=p)))


def _text(values: np.ndarray) -> pa.Array:
    return pc.cast(pa.array(values), pa.string())


def _join(*parts: pa.Array | str) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def _emails(rng: np.random.Generator, ids: np.ndarray) -> pa.Array:
    """name+id@domain; about 2% invalid (no '@', no dot in the domain, '@@', a space)."""
    n = len(ids)
    local = _join(_pick(rng, MAIL_NAMES, n), _text(ids))
    domain = _pick(rng, DOMAINS, n)
    forms = [_join(local, "@", domain), _join(local, ".", domain), _join(local, "@", _pick(rng, ("mail", "yandex"), n)),
             _join(local, "@@", domain), _join(local, " @", domain)]
    form = np.where(rng.random(n) < 0.02, rng.integers(1, len(forms), n), 0).astype(np.int8)
    return pc.choose(pa.array(form), *forms)


def _phones(rng: np.random.Generator, n: int) -> pa.Array:
    """Valid Russian mobiles (9XX, not 93X) in five written forms; about 1% empty."""
    second = rng.choice(np.array([0, 1, 2, 4, 5, 6, 7, 8, 9]), size=n)
    nsn = _text(9_000_000_000 + second * 100_000_000 + rng.integers(0, 10**8, size=n))
    a, b, c, d = (pc.utf8_slice_codeunits(nsn, lo, hi) for lo, hi in ((0, 3), (3, 6), (6, 8), (8, 10)))
    forms = [_join("+7 (", a, ") ", b, "-", c, "-", d), _join("8 ", a, " ", b, " ", c, " ", d), _join("8", nsn),
             _join("+7", nsn), _join("8 (", a, ") ", b, "-", c, "-", d)]
    phones = pc.choose(pa.array(rng.integers(0, len(forms), n).astype(np.int8)), *forms)
    return pc.if_else(pa.array(rng.random(n) < 0.01), pa.scalar(None, pa.string()), phones)


def _days(rng: np.random.Generator, first: str, last: str, n: int) -> np.ndarray:
    start, end = np.datetime64(first, "D"), np.datetime64(last, "D")
    return start + rng.integers(0, int((end - start).astype(int)), size=n).astype("timedelta64[D]")


@lru_cache(maxsize=1)
def customer_columns(n: int, seed: int = 20260101) -> dict[str, pa.Array]:
    """n customers as typed Arrow columns (dates date32, money int64 cents), in COLUMNS order."""
    rng = np.random.default_rng(seed)
    ids = np.arange(1, n + 1, dtype=np.int64)
    signup = _days(rng, "2015-01-01", "2025-06-30", n)
    last = np.minimum(signup + rng.integers(0, 900, size=n).astype("timedelta64[D]"), np.datetime64("2025-12-31"))
    orders = rng.integers(1, 60, size=n)
    birth = pa.array(_days(rng, "1950-01-01", "2006-12-31", n), mask=rng.random(n) < 0.03)
    return {
        "customer_id": pa.array(ids), "customer_code": pc.utf8_lpad(_text(ids), 8, "0"),
        "first_name": _pick(rng, FIRST_NAMES, n), "last_name": _pick(rng, LAST_NAMES, n),
        "email": _emails(rng, ids), "phone": _phones(rng, n), "city": _pick(rng, CITIES, n),
        "country": _pick(rng, ("Россия", "Казахстан", "Беларусь"), n, [0.9, 0.05, 0.05]),
        "gender": _pick(rng, ("м", "ж"), n), "birth_date": birth, "signup_date": pa.array(signup),
        "last_purchase_date": pa.array(last),
        "total_spent": pa.array((orders * rng.lognormal(7.5, 0.6, size=n) * 100).astype(np.int64)),
        "orders_count": pa.array(orders), "email_consent": _pick(rng, ("yes", "no"), n, [0.7, 0.3]),
    }


def _money(cents: pa.Array, mark: str) -> pa.Array:
    whole = _text(np.asarray(cents) // 100)
    return _join(whole, mark, pc.utf8_lpad(_text(np.asarray(cents) % 100), 2, "0"))


def _strftime(dates: pa.Array, date_format: str) -> pa.Array:
    """Dates as text, formatting each distinct day once (strftime over a million cells takes seconds)."""
    encoded = pc.dictionary_encode(dates)
    return pc.strftime(encoded.dictionary, format=date_format).take(encoded.indices)


def _csv_bytes(cols: dict[str, pa.Array], delimiter: str, decimal: str, date_format: str | None) -> bytes:
    """The columns as delimited text, unquoted (no value holds a delimiter), header included."""
    out = dict(cols, total_spent=_money(cols["total_spent"], decimal))
    if date_format:
        out.update({c: _strftime(cols[c], date_format) for c in DATE_COLUMNS})
    buf = io.BytesIO()
    buf.write((delimiter.join(COLUMNS) + "\n").encode())
    pcsv.write_csv(pa.table(out), buf, pcsv.WriteOptions(include_header=False, delimiter=delimiter,
                                                         quoting_style="none"))
    return buf.getvalue()


def write_xlsx(path: Path, rows: int) -> None:
    _write_xlsx(path, customer_columns(rows))


def _write_xlsx(path: Path, cols: dict[str, pa.Array]) -> None:
    """Text cells, number cells (money as a float) and real date cells, written row by row."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "default_date_format": "dd.mm.yyyy"})
    sheet = book.add_worksheet("Customers")
    sheet.write_row(0, 0, COLUMNS)
    values = [cols[c].to_pylist() for c in COLUMNS]
    values[COLUMNS.index("total_spent")] = (np.asarray(cols["total_spent"]) / 100).tolist()
    for r, row in enumerate(zip(*values, strict=True), start=1):
        sheet.write_row(r, 0, row)
    book.close()


def short(n: int) -> str:
    return f"{n / 1e6:g}M" if n >= 1_000_000 else f"{n / 1e3:g}k" if n >= 1000 else str(n)


@dataclass(frozen=True)
class Files:
    utf8: Path
    cp1251: Path
    xlsx: Path
    rows: str  # "1M"
    xlsx_rows: str


def _make(path: Path, write: Callable[[Path], None], regen: bool) -> Path:
    if regen or not path.exists():
        tmp = path.with_name(path.name + ".tmp")
        write(tmp)
        tmp.replace(path)
    return path


def write_csv(path: Path, rows: int, delimiter: str, decimal: str, date_format: str | None, encoding: str) -> None:
    data = _csv_bytes(customer_columns(rows), delimiter, decimal, date_format)
    path.write_bytes(data if encoding == "utf-8" else data.decode().encode(encoding))


def make_files(cache: Path, rows: int, xlsx_rows: int, regen: bool) -> Files:
    """The three test files of the given sizes (reused from the cache when present).

    xlsxwriter needs ~15 s per 100k rows whatever the caller does, so the workbook is written in a second
    process while this one writes the CSV files.
    """
    cache.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=1) as pool:
        xlsx = pool.submit(_make, cache / f"customers_{xlsx_rows}.xlsx", partial(write_xlsx, rows=xlsx_rows), regen)
        utf8 = _make(cache / f"customers_{rows}_utf8.csv",
                     partial(write_csv, rows=rows, delimiter=",", decimal=".", date_format=None, encoding="utf-8"),
                     regen)
        cp1251 = _make(cache / f"customers_{rows}_cp1251.csv",
                       partial(write_csv, rows=rows, delimiter=";", decimal=",", date_format="%d.%m.%Y",
                               encoding="cp1251"), regen)
        customer_columns.cache_clear()
        return Files(utf8, cp1251, xlsx.result(), short(rows), short(xlsx_rows))


# ---------------------------------------------------------------------------------------------------------
# Timing


Reader = Callable[[Path], object]


def segdesk(path: Path) -> ImportedTable:
    return read_table(path, ImportOptions(), progress=None)


def object_strings_read_csv(path: Path) -> pd.DataFrame:
    """The C engine as pandas 2 ran it: text as Python string objects. pandas 3 reads text into Arrow
    strings, several times faster, so the same baseline call costs far less on pandas 3 than on pandas 2."""
    if int(pd.__version__.split(".")[0]) < 3:
        return pd.read_csv(path, engine="c")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the option is deprecated in pandas 3 and goes in pandas 4
        with pd.option_context("future.infer_string", False):
            return pd.read_csv(path, engine="c")


def pandas_cp1251(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, sep=";", decimal=",", encoding="cp1251")
    for col in DATE_COLUMNS:
        frame[col] = pd.to_datetime(frame[col], format="%d.%m.%Y")
    return frame


def fastexcel_arrow(path: Path) -> pa.RecordBatch:
    return fastexcel.read_excel(path).load_sheet(0).to_arrow()


def interleaved(readers: dict[str, Reader], path: Path, small: Path, runs: int) -> dict[str, float]:
    """Median seconds of each reader on path; one warm-up on small, then the readers take turns."""
    for read in readers.values():
        read(small)
    times: dict[str, list[float]] = {name: [] for name in readers}
    for _ in range(runs):
        for name, read in readers.items():
            gc.collect()
            start = time.perf_counter()
            read(path)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def once(read: Reader, path: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    read(path)
    return time.perf_counter() - start


def small_copy(path: Path, cache: Path) -> Path:
    """The header and first SMALL_ROWS rows of a text file (xlsx files get a small workbook instead)."""
    target = cache / f"small_{path.name}"
    if not target.exists() or target.stat().st_mtime < path.stat().st_mtime:
        with path.open("rb") as f:
            target.write_bytes(b"".join(f.readline() for _ in range(SMALL_ROWS + 1)))
    return target


def describe(table: ImportedTable) -> str:
    """One line: rows, and each column's type (and role when it has one)."""
    cols = ", ".join(f"{c.name}={c.type.value}" + (f"/{c.role.value}" if c.role and c.role.value != c.name else "")
                     + (f"[{c.unparseable} bad]" if c.unparseable else "") for c in table.columns)
    return f"{table.rows:,} rows; {cols}"


# ---------------------------------------------------------------------------------------------------------
# Cases


@dataclass(frozen=True)
class Row:
    case: str
    baseline: str
    base: float
    ours: float
    target: float  # the largest ratio ours/base that passes
    target_text: str
    unit: str = "s"

    @property
    def ratio(self) -> float:
        return self.ours / self.base

    @property
    def passed(self) -> bool:
        return self.ratio <= self.target


def case_utf8(files: Files, cache: Path, runs: int) -> list[Row]:
    readers: dict[str, Reader] = {
        "pd.read_csv(engine=pyarrow)": lambda p: pd.read_csv(p, engine="pyarrow"),
        "pd.read_csv(engine=c)": lambda p: pd.read_csv(p, engine="c"),
        "pyarrow.csv.read_csv": lambda p: pcsv.read_csv(p),
        "segdesk": segdesk,
    }
    medians = interleaved(readers, files.utf8, small_copy(files.utf8, cache), runs)
    ours = medians.pop("segdesk")
    for name, seconds in medians.items():
        print(f"  case 1 baseline {name}: {seconds:.3f} s")
    print(f"  case 1 context pd.read_csv(engine=c) with object strings (pandas 2's default; this is pandas "
          f"{pd.__version__}): {once(object_strings_read_csv, files.utf8):.3f} s (one run)")
    best = min(medians, key=medians.__getitem__)
    return [Row(f"1 utf-8 csv {files.rows}", best, medians[best], ours, 2.5, "<= 2.5x")]


def case_cp1251(files: Files, cache: Path, runs: int) -> list[Row]:
    readers: dict[str, Reader] = {"pandas naive": pandas_cp1251, "segdesk": segdesk}
    medians = interleaved(readers, files.cp1251, small_copy(files.cp1251, cache), runs)
    return [Row(f"2 cp1251 ; csv {files.rows}", "pd.read_csv+to_datetime", medians["pandas naive"], medians["segdesk"],
                1 / 3, "<= 0.33x (3x faster)")]


def case_xlsx(files: Files, cache: Path, runs: int, slow: bool) -> list[Row]:
    small = _make(cache / "small_customers.xlsx", partial(write_xlsx, rows=SMALL_ROWS), False)
    readers: dict[str, Reader] = {"fastexcel": fastexcel_arrow, "segdesk": segdesk}
    medians = interleaved(readers, files.xlsx, small, runs)
    context = {"pd.read_excel(engine=calamine)": lambda p: pd.read_excel(p, engine="calamine")}
    if slow:
        context["pd.read_excel(engine=openpyxl)"] = lambda p: pd.read_excel(p, engine="openpyxl")
    for name, read in context.items():
        read(small)
        print(f"  case 3 context {name}: {once(read, files.xlsx):.3f} s (one run)")
    return [Row(f"3 xlsx {files.xlsx_rows}", "fastexcel.to_arrow", medians["fastexcel"], medians["segdesk"], 1.5,
                "<= 1.5x")]


_IMPORTS = "import sys, numpy, pandas, pyarrow, pyarrow.csv, segdesk.core.io as sio"
_FULL = _IMPORTS + "; sio.read_table(sys.argv[1], sio.ImportOptions())"
# The wrapper's only child is the measured process; measuring from this (large) process instead would let
# a vfork'ed child inherit our own high-water RSS.
_WRAPPER = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def peak_rss_mb(code: str, *args: str) -> float:
    """ru_maxrss of a fresh ``python -c code args`` (KiB on Linux), in MB."""
    done = subprocess.run([sys.executable, "-c", _WRAPPER, sys.executable, "-c", code, *args],
                          capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1]) * 1024 / 1e6


def case_memory(files: Files, runs: int) -> list[Row]:
    imports = statistics.median(peak_rss_mb(_IMPORTS) for _ in range(runs))
    full = statistics.median(peak_rss_mb(_FULL, str(files.utf8)) for _ in range(runs))
    size = files.utf8.stat().st_size / 1e6
    print(f"  case 4 peak RSS: imports only {imports:.0f} MB, with read_table {full:.0f} MB, csv {size:.0f} MB")
    return [Row(f"4 memory {files.rows} csv", "csv file size", size, full - imports, 4.0, "< 4x file", "MB")]


# ---------------------------------------------------------------------------------------------------------


def write_short_rows(path: Path, source: Path) -> None:
    """``source`` with every 50th data row cut after its twelfth cell (no quotes in it: a cut is a cut)."""
    lines = source.read_bytes().split(b"\n")
    for i in range(1, len(lines) - 1, 50):
        lines[i] = lines[i].rsplit(b",", 3)[0]
    path.write_bytes(b"\n".join(lines))


def case_short_rows(files: Files, cache: Path, runs: int, regen: bool) -> list[Row]:
    short_rows = _make(cache / f"customers_{files.rows}_short_rows.csv",
                       partial(write_short_rows, source=files.utf8), regen)
    segdesk(small_copy(short_rows, cache))
    times: dict[Path, list[float]] = {files.utf8: [], short_rows: []}
    for _ in range(runs):  # the two files take turns, so a noisy neighbour slows both alike
        for path, taken in times.items():
            gc.collect()
            start = time.perf_counter()
            segdesk(path)
            taken.append(time.perf_counter() - start)
    medians = {"clean": statistics.median(times[files.utf8]), "short rows": statistics.median(times[short_rows])}
    print(f"  case 5 context pd.read_csv(engine=c) of the file with short rows: "
          f"{once(lambda p: pd.read_csv(p, engine='c'), short_rows):.3f} s (one run)")
    return [Row(f"5 short rows {files.rows}", "read_table, clean file", medians["clean"], medians["short rows"], 3.0,
                "<= 3x")]


def print_table(rows: list[Row]) -> None:
    head = ("case", "baseline", "baseline", "segdesk", "ratio", "target", "result")
    lines = [head] + [(r.case, r.baseline, f"{r.base:.3f} {r.unit}" if r.unit == "s" else f"{r.base:.0f} MB",
                       f"{r.ours:.3f} {r.unit}" if r.unit == "s" else f"{r.ours:.0f} MB", f"{r.ratio:.2f}x",
                       r.target_text, "PASS" if r.passed else "FAIL") for r in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    for i, line in enumerate(lines):
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if i == 0:
            print("  ".join("-" * w for w in widths))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per candidate; the median is reported")
    parser.add_argument("--cases", default="1,2,3,4,5", help="comma-separated case numbers")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/segdesk-bench"), help="where the files live")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the CSV files")
    parser.add_argument("--xlsx-rows", type=int, default=100_000, help="rows of the workbook")
    parser.add_argument("--slow", action="store_true", help="also time pandas' openpyxl engine once")
    parser.add_argument("--regen", action="store_true", help="rebuild the files even when cached")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    cases = {int(c) for c in args.cases.split(",")}
    start = time.perf_counter()
    files = make_files(args.cache, args.rows, args.xlsx_rows, args.regen)
    print(f"files ready in {time.perf_counter() - start:.1f} s: "
          + ", ".join(f"{p.name} {p.stat().st_size / 1e6:.0f} MB" for p in (files.utf8, files.cp1251, files.xlsx)))
    for number, path in ((1, files.utf8), (2, files.cp1251), (3, files.xlsx)):
        if number in cases:
            print(f"  case {number} read_table: {describe(segdesk(path))}")
    rows: list[Row] = []
    if 1 in cases:
        rows += case_utf8(files, args.cache, args.runs)
    if 2 in cases:
        rows += case_cp1251(files, args.cache, args.runs)
    if 3 in cases:
        rows += case_xlsx(files, args.cache, args.runs, args.slow)
    if 4 in cases:
        rows += case_memory(files, args.runs)
    if 5 in cases:
        rows += case_short_rows(files, args.cache, args.runs, args.regen)
    print(f"\nmedian of {args.runs} runs; ratio = segdesk / baseline")
    print_table(rows)


if __name__ == "__main__":
    main()
