"""Workbooks (.xlsx .xlsm .xls .ods) through fastexcel (calamine in Rust, Arrow output).

openpyxl is not used for reading cells (about 10x slower); python-calamine is asked for merged cell ranges
only when the header row has gaps that merged cells would explain.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from typing import Any

import fastexcel
import numpy as np
import pyarrow as pa

from segdesk.core.errors import InputError, ProgressCallback
from segdesk.core.io.header import SCAN_ROWS, detect_header_row, unique_names
from segdesk.core.io.raw import RawTable, rows_item
from segdesk.core.io.table import FileFormat, ImportOptions


def read_workbook(path: Path, fmt: FileFormat, options: ImportOptions, progress: ProgressCallback) -> RawTable:
    reader = _open(path)
    sheets = tuple(reader.sheet_names)
    if not sheets:
        raise InputError("no_sheets")
    sheet = _choose_sheet(reader, path, fmt, sheets, options.sheet)
    progress(0.1, "reading cells")
    single = _single_pass(reader, path, fmt, sheet, options) if options.header_row is None else None
    table, header_idx, header_cells, own_cells = single or _two_passes(reader, path, sheet, options)
    width = max(table.num_columns, len(header_cells))
    names, repeated = unique_names((header_cells + [None] * width)[:width])
    table = _widen(table, width).rename_columns(names)
    quality = []
    if repeated:
        quality.append(rows_item("duplicate_header", [header_idx + 1],
                                 "repeated column names were made unique: " + ", ".join(repeated)))
    rows = np.arange(table.num_rows, dtype=np.int64) + header_idx + 2
    source_names = _texts(header_cells, width)
    # Roles come from a column's own header cell: "Фамилия" under a merged "Клиент" is named "Клиент Фамилия"
    # (so two groups' "Имя" stay apart) but is still a last name.
    role_headers = [own or combined for own, combined in zip(_texts(own_cells, width), source_names, strict=True)]
    return RawTable(table, source_names, rows, fmt, header_idx + 1, sheet=sheet, sheets=sheets, quality=quality,
                    role_headers=role_headers)


def _texts(cells: list[object], width: int) -> list[str]:
    return [str(c).strip() if c is not None else "" for c in (cells + [None] * width)[:width]]


def _two_passes(reader: fastexcel.ExcelReader, path: Path, sheet: str,
                options: ImportOptions) -> tuple[pa.Table, int, list[object], list[object]]:
    """Look at the first rows as text to find the header, then load the cells below it typed."""
    head = _load(reader, sheet, header_row=None, skip_rows=0, n_rows=max(SCAN_ROWS, options.header_row or 0),
                 dtypes="string")
    head_rows = [list(r) for r in zip(*(c.to_pylist() for c in head.columns), strict=True)]
    if not any(any(c not in (None, "") for c in r) for r in head_rows):
        raise InputError("empty_sheet", sheet=sheet)
    header_idx = options.header_row - 1 if options.header_row else detect_header_row(head_rows)
    if header_idx >= len(head_rows):
        raise InputError("header_past_end", row=header_idx + 1)
    if all(c in (None, "") for c in head_rows[header_idx]):  # a blank row chosen as the header
        raise InputError("blank_header", row=header_idx + 1)
    found, header_cells = _header_cells(path, sheet, head_rows, header_idx, chosen=options.header_row is not None)
    if found < len(head_rows):
        header_idx = found
    else:  # the merged header reaches past the rows looked at: keep the first row as the header
        header_cells = head_rows[header_idx]
    table = _load(reader, sheet, header_row=None, skip_rows=header_idx + 1, n_rows=options.max_rows,
                  schema_sample_rows=None)
    return table, header_idx, header_cells, head_rows[header_idx]


def _single_pass(reader: fastexcel.ExcelReader, path: Path, fmt: FileFormat, sheet: str,
                 options: ImportOptions) -> tuple[pa.Table, int, list[object], list[object]] | None:
    """The common case, a header on the sheet's first filled row, in one parse instead of two.

    calamine parses the whole sheet for any load, so probing the first rows costs as much as reading them
    all. The sheet XML says cheaply where the first filled row is; if the header is there, one typed load
    does. Anything else (title rows above the header, xls/ods) takes the two-pass road.
    """
    if fmt not in (FileFormat.XLSX, FileFormat.XLSM):
        return None
    first = _first_filled_row(path, sheet)
    if first is None:
        return None
    table = _load(reader, sheet, header_row=0, n_rows=options.max_rows, schema_sample_rows=None)
    names = _undo_renames(table.column_names)
    probe = [names] + [list(r.values()) for r in table.slice(0, SCAN_ROWS - 1).to_pylist()]
    if detect_header_row(probe) != 0:
        return None
    head_rows: list[list[object]] = [[] for _ in range(first - 1)] + [names]
    header_idx, header_cells = _header_cells(path, sheet, head_rows, first - 1)
    if header_idx != first - 1:
        return None  # a header of two rows: the second is read the two-pass way
    return table, header_idx, header_cells, names


def _undo_renames(columns: list[str]) -> list[object]:
    """The header cells as written: fastexcel names blanks "__UNNAMED__n" and repeats "name_1"."""
    names: list[object] = []
    for col in columns:
        m = re.fullmatch(r"(.*)_(\d+)", col)
        if col.startswith("__UNNAMED__"):
            names.append(None)
        elif m and m.group(1) in names:
            names.append(m.group(1))  # unique_names() makes it unique again, and reports the repeat
        else:
            names.append(col)
    return names


_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"[^>]*>(.*?)</(?:\w+:)?row>", re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|t)[ >]")


def _first_filled_row(path: Path, sheet: str) -> int | None:
    """1-based number of the first row with a value, from the start of the sheet's XML (None if unsure)."""
    try:
        with zipfile.ZipFile(path) as z:
            member = _sheet_members(z).get(sheet)
            if member is None:
                return None
            with z.open(member) as f:
                head = f.read(256 * 1024)
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    for m in _ROW.finditer(head):
        if _VALUE.search(m.group(2)):
            return int(m.group(1))
    return None


def _open(path: Path) -> fastexcel.ExcelReader:
    try:
        return fastexcel.read_excel(path)
    except fastexcel.FastExcelError as e:
        raise InputError(_workbook_key(e)) from e
    except OSError as e:
        raise InputError("unreadable", name=path.name, reason=e.strerror or str(e)) from e


def _workbook_key(e: Exception) -> str:
    text = str(e).lower()
    return "password" if "password" in text or "encrypt" in text else "damaged_workbook"


def _load(reader: fastexcel.ExcelReader, sheet: str, **kwargs: Any) -> pa.Table:
    try:
        batch = reader.load_sheet(sheet, **kwargs).to_arrow()
    except fastexcel.FastExcelError as e:
        raise InputError(_workbook_key(e)) from e
    return pa.Table.from_batches([batch])


def _widen(table: pa.Table, width: int) -> pa.Table:
    while table.num_columns < width:
        table = table.append_column(f"__pad{table.num_columns}", pa.nulls(table.num_rows, pa.string()))
    return table


def _choose_sheet(reader: fastexcel.ExcelReader, path: Path, fmt: FileFormat, sheets: tuple[str, ...],
                  wanted: str | None) -> str:
    if wanted is not None:
        if wanted not in sheets:
            raise InputError("no_such_sheet", sheet=wanted, sheets=", ".join(sheets))
        return wanted
    if len(sheets) == 1:
        return sheets[0]
    sizes = _xlsx_sheet_sizes(path, sheets) if fmt in (FileFormat.XLSX, FileFormat.XLSM) else None
    if sizes is None:
        sizes = {s: _cells(reader, s) for s in sheets}
    return max(sheets, key=lambda s: sizes.get(s, 0))


def _cells(reader: fastexcel.ExcelReader, sheet: str) -> int:
    try:
        loaded = reader.load_sheet(sheet, header_row=None)
        return int(loaded.total_height) * int(loaded.width)
    except fastexcel.FastExcelError:
        return 0


def _xlsx_sheet_sizes(path: Path, sheets: tuple[str, ...]) -> dict[str, int] | None:
    """Uncompressed size of each sheet's XML: a free measure of "most data" that parses no cells."""
    try:
        with zipfile.ZipFile(path) as z:
            sizes = {name: z.getinfo(member).file_size for name, member in _sheet_members(z).items()}
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    return sizes if set(sizes) >= set(sheets) else None


def _sheet_members(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> path of its XML inside an xlsx (workbook.xml names sheets, its rels locate them)."""
    book = z.read("xl/workbook.xml").decode("utf-8", errors="replace")
    rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", errors="replace")
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
    members = {}
    for name, rid in re.findall(r'<(?:\w+:)?sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', book):
        target = targets.get(rid, "").lstrip("/")
        members[html.unescape(name)] = target if target.startswith("xl/") else f"xl/{target}"
    return members


def _header_cells(path: Path, sheet: str, head_rows: list[list[object]], header_idx: int,
                  chosen: bool = False) -> tuple[int, list[object]]:
    """The header row and its names, with merged header cells spread over the columns they cover.

    A header of two rows ("Kontakt" merged over "E-mail" and "Telefon", "Ime i prezime" merged down beside
    them) is read as its second row, named from both; unless the user ``chosen`` the row. The row returned is
    past ``head_rows`` when the header goes on below the rows looked at (the caller reads more).
    """
    cells = list(head_rows[header_idx])
    above = head_rows[header_idx - 1] if header_idx > 0 else []
    gaps = any(c in (None, "") for c in cells[: _last_filled(cells) + 1])
    group_row = sum(c not in (None, "") for c in above) >= 1 and header_idx > 0
    if not gaps and not group_row:
        return header_idx, cells
    merged, col0 = _merged_ranges(path, sheet)
    if not merged:
        return header_idx, cells
    if not chosen:
        bottom = max((r1 for (r0, c0), (r1, _) in merged if r0 == header_idx and 0 <= c0 - col0 < len(cells)),
                     default=header_idx)
        if bottom >= len(head_rows):
            return bottom, cells
        if bottom > header_idx:
            header_idx, cells, above = bottom, list(head_rows[bottom]), head_rows[bottom - 1]
    if any(r0 == header_idx - 1 and r1 >= header_idx for (r0, _), (r1, _) in merged):
        # the row above is the header's first row (cells merged down from it): its cells that are neither
        # merged down nor a group still name their columns ("Grad" beside "Kontakt" over "E-mail", "Telefon")
        grouped = {c for (r0, c0), (_, c1) in merged if r0 == header_idx - 1 and c1 > c0
                   for c in range(c0 - col0, c1 - col0 + 1)}
        for c, value in enumerate(above[: len(cells)]):
            if cells[c] in (None, "") and value not in (None, "") and c not in grouped:
                cells[c] = value
    parents: dict[int, str] = {}
    for (r0, c0), (r1, c1) in merged:
        lo, hi = c0 - col0, c1 - col0
        if r0 <= header_idx <= r1 and 0 <= lo < len(cells):
            top = head_rows[r0][lo] if r0 < len(head_rows) and lo < len(head_rows[r0]) else None
            for c in range(lo, min(hi + 1, len(cells))):
                if cells[c] in (None, ""):
                    cells[c] = top if top not in (None, "") else cells[lo]
        elif r1 == header_idx - 1 and hi > lo and 0 <= lo < len(above) and above[lo] not in (None, ""):
            for c in range(lo, min(hi + 1, len(cells))):
                parents[c] = str(above[lo]).strip()
    for c, parent in parents.items():
        cells[c] = f"{parent} {cells[c]}".strip() if cells[c] not in (None, "") else parent
    return header_idx, cells


def _last_filled(cells: list[object]) -> int:
    return max((i for i, c in enumerate(cells) if c not in (None, "")), default=-1)


def _merged_ranges(path: Path, sheet: str) -> tuple[list, int]:
    try:
        import python_calamine

        ws = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet)
        return list(ws.merged_cell_ranges or []), int(ws.start[1]) if ws.start else 0
    except Exception:  # noqa: BLE001 - merged ranges only improve header names; never fail an import on them
        return [], 0
