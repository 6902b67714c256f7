"""The two export targets: a file per segment (CSV or XLSX, the control group in a file of its own), or one
workbook with a summary sheet and a sheet per segment (the control groups in a second workbook)."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import numpy as np
import pyarrow as pa

from segdesk.core.atomic import AtomicBatch
from segdesk.core.errors import ProgressCallback
from segdesk.core.export.exclusions import REASONS
from segdesk.core.export.model import FileKind, Preset, Reason
from segdesk.core.export.plan import ExportPlan, ListPlan
from segdesk.core.export.report import ExportReport, ListReport
from segdesk.core.export.values import Cells, csv_table, prepare_cells, resolve_columns, xlsx_columns
from segdesk.core.export.writers import (
    SHEET_ROWS,
    Chunks,
    Workbook,
    WrittenFile,
    csv_bytes,
    sheet_names,
    write_csv_list,
)
from segdesk.core.io.table import ImportedTable
from segdesk.core.rules.describe import describe
from segdesk.core.segments.output import file_names

WORKBOOK_NAME = "segments.xlsx"
#: Lists formatted at once (each on a thread: Arrow's kernels and CSV writer release the GIL).
_WORKERS = 2
CONTROL_WORKBOOK_NAME = "segments (control).xlsx"
#: The summary sheet's headers for the exclusion reasons.
REASON_HEADERS = {Reason.SUPPRESSED: "Suppressed", Reason.NO_CONSENT: "No consent", Reason.NO_EMAIL: "No email",
                  Reason.INVALID_EMAIL: "Invalid email", Reason.DUPLICATE: "Duplicate"}


def write_files(batch: AtomicBatch, folder: Path, customers: ImportedTable, plan: ExportPlan, as_of: dt.date,
                progress: ProgressCallback) -> ExportReport:
    """One file per list (split when the preset limits its size), and one per control group."""
    csv = plan.kind == FileKind.CSV
    suffix = ".csv" if csv else ".xlsx"
    progress(0.02, "formatting")
    cells = prepare_cells(customers, resolve_columns(customers, plan.preset, plan.settings), plan.preset)
    names = [p.segment.name for p in plan.lists]
    stems = list_stems(names, suffix)
    jobs = [(stems[k], item.rows, item.segment.name) for k, item in enumerate(plan.lists)]
    jobs += [(stems[len(names) + k], item.control, item.segment.name) for k, item in enumerate(plan.lists)
             if plan.settings.control_file and len(item.control)]
    written: dict[str, list[WrittenFile]] = {}
    for done, (stem, files) in enumerate(_write_all(batch, folder, cells, jobs, plan, csv)):
        progress(0.05 + 0.9 * done / len(jobs), stem)
        written[stem] = files
    reports = [_list_report(item, written[stems[k]], written.get(stems[len(names) + k], []))
               for k, item in enumerate(plan.lists)]
    return _report(folder, customers, plan, as_of, reports)


def list_stems(names: list[str], suffix: str) -> list[str]:
    """File stems for each list, then for each list's control group: the list's own stem plus " (control)", so
    the label survives a long name, and never the stem of another segment's list."""
    lists = [n.removesuffix(suffix) for n in file_names(names, suffix)]
    taken = {n.casefold() for n in lists}
    controls = []
    for stem in lists:
        candidate, n = f"{stem} (control)", 2
        while candidate.casefold() in taken:
            candidate, n = f"{stem} (control {n})", n + 1
        taken.add(candidate.casefold())
        controls.append(candidate)
    return lists + controls


def _write_all(batch: AtomicBatch, folder: Path, cells: Cells, jobs: list[tuple[str, np.ndarray, str]],
               plan: ExportPlan, csv: bool) -> Iterator[tuple[str, list[WrittenFile]]]:
    """Write each job's file(s), yielding as each is done. CSV: the next lists are formatted on worker threads
    while this one is written; files are staged and written in order, here."""
    if not csv:
        for stem, rows, segment in jobs:
            book = Workbook(batch, folder / (stem + ".xlsx"))
            _list_sheets(book, stem, cells, rows, segment)
            yield stem, [book.close()]
        return
    with ThreadPoolExecutor(max_workers=_WORKERS, thread_name_prefix="segdesk-export") as pool:
        # a few lists ahead, formatted in parallel while this one is written; never more than that in memory
        ahead: deque[Future] = deque()
        pending = iter(jobs)
        try:
            for stem, _, _ in jobs:
                while len(ahead) < _WORKERS and (job := next(pending, None)) is not None:
                    ahead.append(pool.submit(_csv_job, cells, job[1], job[2], plan.preset))
                table, data = ahead.popleft().result()
                yield stem, write_csv_list(batch, folder, stem, table, plan.preset, data)
        finally:
            for future in ahead:
                future.cancel()  # a cancel or an error: no more formatting


def _csv_job(cells: Cells, rows: np.ndarray, segment: str, preset: Preset) -> tuple[pa.Table, Chunks]:
    table = csv_table(cells, rows, segment)
    return table, csv_bytes(table, preset)


def _list_sheets(book: Workbook, name: str, cells: Cells, rows: np.ndarray, segment: str,
                 taken: tuple[str, ...] = ()) -> list[str]:
    """A sheet for the list (several when it passes Excel's row limit); returns their names."""
    step = SHEET_ROWS - 1
    chunks = [rows[i:i + step] for i in range(0, len(rows), step)] or [rows]
    if len(chunks) == 1:
        names = sheet_names([name]) if not taken else [name]  # a workbook's caller made the name unique
    else:
        names = sheet_names([f"{name} {i}" for i in range(1, len(chunks) + 1)], taken)
    for sheet, chunk in zip(names, chunks, strict=True):
        book.sheet(sheet, cells.headers, xlsx_rows(cells, chunk, segment), widths=[16] * len(cells.headers))
    return names


def xlsx_rows(cells: Cells, rows: np.ndarray, segment: str) -> Iterator[tuple]:
    """The list's rows as tuples of Python values (the segment column filled with its name)."""
    return zip(*xlsx_columns(cells, rows, segment), strict=True)


def write_workbook(batch: AtomicBatch, folder: Path, customers: ImportedTable, plan: ExportPlan, as_of: dt.date,
                   progress: ProgressCallback) -> ExportReport:
    """``segments.xlsx``: a summary sheet, then a sheet per list; the control groups in a workbook of their own."""
    progress(0.02, "formatting")
    cells = prepare_cells(customers, resolve_columns(customers, plan.preset, plan.settings), plan.preset)
    book = Workbook(batch, folder / WORKBOOK_NAME)
    summary = "Summary"
    headers, rows = summary_rows(plan, as_of, customers.path.name)
    book.sheet(summary, headers, rows, widths=[24, 60, *[12] * (len(headers) - 4), 12, 24])
    names = sheet_names([p.segment.name for p in plan.lists], (summary,))
    reports = []
    for k, item in enumerate(plan.lists):
        progress(0.05 + 0.8 * k / len(plan.lists), item.segment.name)
        _list_sheets(book, names[k], cells, item.rows, item.segment.name, (summary, *names))
        reports.append(_list_report(item, [], []))
    written = book.close(rows=sum(len(p.rows) for p in plan.lists))
    control = _control_workbook(batch, folder, cells, plan) if plan.settings.control_file else None
    report = _report(folder, customers, plan, as_of, reports)
    return replace(report, workbook=written, control_workbook=control)


def _control_workbook(batch: AtomicBatch, folder: Path, cells: Cells, plan: ExportPlan) -> WrittenFile | None:
    held = [p for p in plan.lists if len(p.control)]
    if not held:
        return None
    book = Workbook(batch, folder / CONTROL_WORKBOOK_NAME)
    for name, item in zip(sheet_names([p.segment.name for p in held]), held, strict=True):
        _list_sheets(book, name, cells, item.control, item.segment.name)
    return book.close()


def summary_rows(plan: ExportPlan, as_of: dt.date, source: str) -> tuple[list[str], list[list[object]]]:
    """The summary sheet: per list its rule in words, customers, exported, control group, exclusions by reason."""
    headers = ["Segment", "Rule", "Customers", "Exported", "Control group", "Excluded",
               *(REASON_HEADERS[r] for r in REASONS), "As of", "Source file"]
    rows = [[p.segment.name, describe(p.segment.rule), p.customers, len(p.rows), len(p.control), p.excluded_total,
             *(p.excluded[r] for r in REASONS), dt.datetime.combine(as_of, dt.time()), source] for p in plan.lists]
    return headers, rows


def _list_report(item: ListPlan, files: list[WrittenFile], control: list[WrittenFile]) -> ListReport:
    return ListReport(item.segment.name, describe(item.segment.rule), item.customers, len(item.rows),
                      len(item.control), {r.value: n for r, n in item.excluded.items()}, tuple(files), tuple(control))


def _report(folder: Path, customers: ImportedTable, plan: ExportPlan, as_of: dt.date,
            lists: list[ListReport]) -> ExportReport:
    return ExportReport(folder, dt.datetime.now().astimezone().replace(microsecond=0), as_of, customers.path.name,
                        plan.preset.name, plan.settings.target, tuple(lists))
