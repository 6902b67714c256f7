"""Writing lists: CSV through Arrow's writer (split at a service's limits, in the preset's encoding), XLSX through
xlsxwriter in constant-memory mode, text always as text. Every file goes to a temporary name of an
:class:`AtomicBatch`; nothing appears under its real name until the whole export is complete.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv

from segdesk.core.atomic import AtomicBatch
from segdesk.core.export.model import ExportError, Preset

#: Excel's limits: rows per sheet (the header takes one) and characters per sheet name.
SHEET_ROWS = 1_048_576
SHEET_NAME = 31
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\\x00-\x1f]+")


@dataclass(frozen=True)
class WrittenFile:
    """A file an export wrote: its name in the folder, data rows, SHA-256 and size."""

    name: str
    rows: int
    sha256: str
    bytes: int


def part_names(stem: str, parts: int, suffix: str) -> list[str]:
    """``stem.csv``, or ``stem (part 1 of 3).csv`` … when a list is split."""
    if parts == 1:
        return [stem + suffix]
    return [f"{stem} (part {i} of {parts}){suffix}" for i in range(1, parts + 1)]


class Chunks(list):
    """A file's bytes in pieces (a BOM, then Arrow's buffer), written and hashed without joining them: a
    100 MB list is never copied."""

    @property
    def size(self) -> int:
        return sum(len(memoryview(c)) for c in self)


def csv_bytes(table: pa.Table, preset: Preset) -> Chunks:
    """The whole CSV file, header included, in the preset's encoding (a BOM for ``utf-8-sig``)."""
    sink = pa.BufferOutputStream()
    pa_csv.write_csv(table, sink, pa_csv.WriteOptions(delimiter=preset.delimiter, eol=preset.eol,
                                                      quoting_style="needed"))
    data = sink.getvalue()
    encoding = preset.encoding.lower().replace("_", "-")
    if encoding in ("utf-8", "utf8"):
        return Chunks([data])
    if encoding in ("utf-8-sig", "utf8-sig"):
        return Chunks([b"\xef\xbb\xbf", data])
    text = data.to_pybytes().decode("utf-8")
    try:
        return Chunks([text.encode(preset.encoding)])
    except UnicodeEncodeError as e:
        raise _cannot_encode(text, e, table, preset) from None


def _cannot_encode(text: str, error: UnicodeEncodeError, table: pa.Table, preset: Preset) -> ExportError:
    """Name the value and column that the encoding cannot hold."""
    line_start = text.rfind("\n", 0, error.start) + 1
    line_end = text.find("\n", error.end)
    line = text[line_start:line_end if line_end >= 0 else None]
    column = next((name for name in table.column_names
                   if any(text[error.start:error.end] in str(v) for v in table[name].to_pylist()[:100_000])), "?")
    return ExportError("export_cannot_encode", value=line.strip()[:60], column=column, encoding=preset.encoding)


def split_rows(rows: int, size_per_row: float, preset: Preset, header: int = 0) -> int:
    """How many parts a list of ``rows`` rows needs under the preset's row and byte limits."""
    parts = 1
    if preset.max_rows:
        parts = max(parts, -(-rows // preset.max_rows))
    if preset.max_bytes:
        # 5 % headroom: row lengths vary, and each part repeats the header
        budget = max(preset.max_bytes * 0.95 - header, 1)
        parts = max(parts, -(-int(rows * size_per_row) // int(budget)))
    return max(1, min(parts, max(rows, 1)))


def write_csv_list(batch: AtomicBatch, folder: Path, stem: str, table: pa.Table, preset: Preset,
                   data: Chunks | None = None) -> list[WrittenFile]:
    """Write one list as one CSV file, or as several when the preset limits rows or bytes per file. ``data``:
    the table's CSV, when already made."""
    data = csv_bytes(table, preset) if data is None else data
    if not (preset.max_rows or preset.max_bytes) or not table.num_rows:
        return [_put(batch, folder / (stem + ".csv"), data, table.num_rows)]
    header = csv_bytes(table.slice(0, 0), preset).size
    parts = split_rows(table.num_rows, (data.size - header) / table.num_rows, preset, header)
    while True:
        step = -(-table.num_rows // parts)
        slices = [table.slice(i, step) for i in range(0, table.num_rows, step)]
        chunks = [csv_bytes(part, preset) for part in slices]
        if parts >= table.num_rows or not preset.max_bytes or all(c.size <= preset.max_bytes for c in chunks):
            break
        parts += 1  # an unlucky run of long rows: one part more
    names = part_names(stem, len(chunks), ".csv")
    return [_put(batch, folder / name, chunk, part.num_rows)
            for name, chunk, part in zip(names, chunks, slices, strict=True)]


def _put(batch: AtomicBatch, path: Path, data: Chunks, rows: int) -> WrittenFile:
    temp = batch.stage(path)
    digest = hashlib.sha256()
    try:
        with temp.open("wb") as f:
            for chunk in data:
                f.write(chunk)
                digest.update(chunk)
    except OSError as e:
        raise ExportError("cannot_write", name=path.name, reason=e.strerror or str(e)) from None
    return WrittenFile(path.name, rows, digest.hexdigest(), data.size)


def file_sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def sheet_names(names: Sequence[str], taken: Iterable[str] = ()) -> list[str]:
    """A valid, unique (ignoring case) Excel sheet name for each name: no ``[]:*?/\\``, no leading or trailing
    apostrophe, at most 31 characters, not "History" (Excel reserves it)."""
    used = {t.casefold() for t in taken} | {"history"}
    found = []
    for name in names:
        base = _SHEET_UNSAFE.sub("_", name).strip().strip("'").strip() or "Sheet"
        candidate, n = base[:SHEET_NAME].rstrip(" '"), 2
        while candidate.casefold() in used:
            tail = f" ({n})"
            candidate, n = base[:SHEET_NAME - len(tail)].rstrip(" '") + tail, n + 1
        used.add(candidate.casefold())
        found.append(candidate)
    return found


class Workbook:
    """An XLSX file being written to a temporary name of ``batch``: sheets of rows, text as text."""

    def __init__(self, batch: AtomicBatch, path: Path) -> None:
        import xlsxwriter

        self.path = path
        self._temp = batch.stage(path)
        # Text is never read as a formula, a link or a number, whatever it starts with; dates show as dates.
        self._book = xlsxwriter.Workbook(str(self._temp), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "default_date_format": "yyyy-mm-dd", "nan_inf_to_errors": True})
        self._bold = self._book.add_format({"bold": True})
        self.rows = 0  # data rows written, over all sheets

    def sheet(self, name: str, headers: Sequence[str], rows: Iterable[Sequence[object]],
              widths: Sequence[float] | None = None) -> int:
        """Add a sheet (``name`` already valid) with a bold, frozen header row; returns the rows written."""
        sheet = self._book.add_worksheet(name)
        sheet.freeze_panes(1, 0)
        for c, width in enumerate(widths or ()):
            sheet.set_column(c, c, width)
        sheet.write_row(0, 0, list(headers), self._bold)
        written = 0
        write_row = sheet.write_row
        for written, row in enumerate(rows, start=1):
            write_row(written, 0, row)
        self.rows += written
        return written

    def close(self, rows: int | None = None) -> WrittenFile:
        """Finish the file; ``rows``: the data rows to log (default: every sheet's)."""
        try:
            self._book.close()
        except OSError as e:
            raise ExportError("cannot_write", name=self.path.name, reason=e.strerror or str(e)) from None
        return WrittenFile(self.path.name, self.rows if rows is None else rows, file_sha256(self._temp),
                           self._temp.stat().st_size)
